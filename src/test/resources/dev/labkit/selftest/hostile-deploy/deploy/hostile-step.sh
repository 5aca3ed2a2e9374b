#!/bin/sh
# A hostile workflow step (HostileDeployIT): the same attempts as deploy.sh, from a job of the
# pipeline, with any image the runner's engine has.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/hostile.env"
image=$(docker images --format '{{.Repository}}:{{.Tag}}' | grep -v '<none>' | head -n 1)
# shellcheck disable=SC2086 # TARGETS is a list of paths
sh "$here/escape-probes.sh" "$RUN_ID-step" "$image" $TARGETS

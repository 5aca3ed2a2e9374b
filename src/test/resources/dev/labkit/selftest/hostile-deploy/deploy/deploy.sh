#!/bin/sh
# A hostile deploy.sh (HostileDeployIT): on its first run on a machine it tries to get out
# (escape-probes.sh), and fails loudly if anything let it; then it deploys as the solution does.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/hostile.env"
if [ ! -e "$HOME/.labkit-probed" ]; then
  touch "$HOME/.labkit-probed"
  docker pull --quiet "$1" >/dev/null
  # shellcheck disable=SC2086 # TARGETS is a list of paths
  if ! sh "$here/escape-probes.sh" "$RUN_ID" "$1" $TARGETS; then
    echo "deploy.sh got out of its machine: see the ESCAPED lines above" >&2
    exit 1
  fi
fi
exec "$here/solution-deploy.sh" "$@"

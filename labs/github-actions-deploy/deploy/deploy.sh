#!/usr/bin/env bash
# Deploys one version of the notes API on this server:  deploy/deploy.sh <image>
# The server keeps the app's settings (database address and password) in
# /etc/notes-api/notes-api.env; the app listens on 8080 and answers GET /health.
set -euo pipefail

image="${1:?usage: deploy.sh <image>}"

docker pull "$image"
docker run --detach --env-file /etc/notes-api/notes-api.env --publish 8080:8080 "$image"

# TODO(deploy-script): replace the running container instead of starting a second one next to it,
#       and pull before you remove anything: a tag that cannot be pulled must leave the old one serving.
# TODO(deploy-script): wait (a bounded number of tries) until http://localhost:8080/health answers,
#       and exit non-zero when it never does; better still, put the previous version back.

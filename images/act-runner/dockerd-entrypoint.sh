#!/bin/sh
# As docker:dind: run the engine as the container's main process; arguments go to dockerd.
# A container started with a command that is not an option runs that command instead.
set -e
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  # The engine's own containers need this when the outer network has no IPv6 (see README).
  export DOCKER_ALLOW_IPV6_ON_IPV4_INTERFACE="${DOCKER_ALLOW_IPV6_ON_IPV4_INTERFACE:-1}"
  exec dockerd --host=unix:///var/run/docker.sock "$@"
fi
exec "$@"

#!/bin/sh
# As docker:dind-rootless: the container's main process is a rootless Docker engine (rootlesskit
# with slirp4netns, then dockerd, all as the user runner); arguments go to dockerd. A container
# started with a command that is not an option runs that command instead.
set -e
if [ "$#" -eq 0 ] || [ "${1#-}" != "$1" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "dockerd-entrypoint.sh: this machine's engine runs as runner (uid 1000), never as root" >&2
    exit 1
  fi
  # The tap device slirp4netns needs (see the Dockerfile); /dev/net is a tmpfs of runner's.
  if [ ! -e /dev/net/tun ]; then
    ln -s /usr/local/lib/labkit/tun /dev/net/tun || {
      echo "dockerd-entrypoint.sh: /dev/net must be writable by runner (start with --tmpfs /dev/net:uid=1000)" >&2
      exit 1
    }
  fi
  exec /usr/share/docker.io/contrib/dockerd-rootless.sh "$@"
fi
exec "$@"

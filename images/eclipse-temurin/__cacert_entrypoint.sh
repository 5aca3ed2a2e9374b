#!/bin/sh
# As upstream: with USE_SYSTEM_CA_CERTS set (and running as root), certificates mounted under
# /certificates join the system and Java trust stores; then the command runs as PID 1 (exec),
# so signals reach it.
set -e
if [ -n "$USE_SYSTEM_CA_CERTS" ] && [ "$(id -u)" = 0 ] && [ -d /certificates ]; then
  for cert in /certificates/*.crt; do
    [ -e "$cert" ] && cp "$cert" /usr/local/share/ca-certificates/
  done
  update-ca-certificates >/dev/null
fi
exec "$@"

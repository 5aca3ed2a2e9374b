#!/bin/sh
# Upstream's entrypoint: a config file or a registry sub-command as arguments runs the registry.
set -e
case "$1" in
  *.yaml|*.yml) set -- registry serve "$@" ;;
  serve|garbage-collect|help|-*) set -- registry "$@" ;;
esac
exec "$@"

#!/bin/sh
# As upstream: add `listen [::]:80;` to the image's own default.conf when the container
# has IPv6, and only if that file is still the shipped one (learners' files stay as they are).
set -e
ME=$(basename "$0")
DEFAULT_CONF_FILE="/etc/nginx/conf.d/default.conf"

log() { [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$@"; }

if [ ! -f /proc/net/if_inet6 ]; then
    log "$ME: info: ipv6 not available"; exit 0
fi
if [ ! -f "$DEFAULT_CONF_FILE" ]; then
    log "$ME: info: $DEFAULT_CONF_FILE is not a file or does not exist"; exit 0
fi
if [ ! -w "$DEFAULT_CONF_FILE" ]; then
    log "$ME: info: can not modify $DEFAULT_CONF_FILE (read-only file system?)"; exit 0
fi
# checksum of the shipped file, recorded at build time
if ! sha256sum -c --status /usr/share/nginx/default.conf.sha256 2>/dev/null; then
    log "$ME: info: $DEFAULT_CONF_FILE differs from the packaged version"; exit 0
fi
sed -i -E 's,listen       80;,listen       80;\n    listen  [::]:80;,' "$DEFAULT_CONF_FILE"
log "$ME: info: Enabled listen on IPv6 in $DEFAULT_CONF_FILE"

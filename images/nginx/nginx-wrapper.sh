#!/bin/bash
# /usr/sbin/nginx in the labkit stand-in: runs Debian's binary (moved aside with
# dpkg-divert to /usr/sbin/nginx.debian) with the modules loaded that the official
# nginx:1.26.3 build has compiled in but Debian builds as dynamic modules: stream
# (with stream_ssl, stream_ssl_preread, stream_realip) and mail (with mail_ssl).
# So a learner's nginx.conf with `stream { ... }` works without a load_module line,
# as on the official image.
#
# How: nginx parses the -g directives BEFORE the configuration file, so the
# load_module lines go in front of any -g the caller gives (CMD's "daemon off;").
# Everything else (-t, -T, -V, -s reload, -c, -p, ...) passes through unchanged.
preload='load_module /usr/lib/nginx/modules/ngx_stream_module.so; load_module /usr/lib/nginx/modules/ngx_mail_module.so; '

args=() have_g=0
while [ $# -gt 0 ]; do
  case "$1" in
    -g | -g*)                      # -g 'directives' or -g'directives'
      if [ "$1" = -g ]; then value=${2-}; shift; else value=${1#-g}; fi
      # idempotent: a binary upgrade (SIGUSR2) re-runs this with its own argv
      [[ "$value" == "$preload"* ]] || value="${preload}${value}"
      args+=(-g "$value"); have_g=1 ;;
    -c | -p | -e | -s)             # options with a value: copy the value as is
      args+=("$1"); [ $# -gt 1 ] && { shift; args+=("$1"); } ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ "$have_g" = 1 ] || args+=(-g "$preload")

exec -a "$0" /usr/sbin/nginx.debian "${args[@]}"

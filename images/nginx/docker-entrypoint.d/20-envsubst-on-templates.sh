#!/bin/sh
# As upstream: every $NGINX_ENVSUBST_TEMPLATE_DIR/**/*.template (default /etc/nginx/templates)
# becomes $NGINX_ENVSUBST_OUTPUT_DIR/<same path without .template> (default /etc/nginx/conf.d).
# Only variables defined in the environment are substituted (NGINX_ENVSUBST_FILTER: a regex
# to narrow them), so nginx's own $host, $uri... stay untouched.
# *.stream-template files go to /etc/nginx/stream-conf.d, and nginx.conf gets a
# `stream { include ...; }` block appended if it has none.
set -e
ME=$(basename "$0")

log() { [ -n "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ] || echo "$@"; }

render() { # <template dir> <suffix> <output dir>
    find "$1" -follow -type f -name "*$2" -print | while read -r template; do
        relative_path="${template#"$1/"}"
        output_path="$3/${relative_path%"$2"}"
        mkdir -p "$(dirname "$output_path")"
        log "$ME: Running envsubst on $template to $output_path"
        envsubst "$defined_envs" <"$template" >"$output_path"
    done
}

template_dir="${NGINX_ENVSUBST_TEMPLATE_DIR:-/etc/nginx/templates}"
suffix="${NGINX_ENVSUBST_TEMPLATE_SUFFIX:-.template}"
output_dir="${NGINX_ENVSUBST_OUTPUT_DIR:-/etc/nginx/conf.d}"
stream_suffix="${NGINX_ENVSUBST_STREAM_TEMPLATE_SUFFIX:-.stream-template}"
stream_output_dir="${NGINX_ENVSUBST_STREAM_OUTPUT_DIR:-/etc/nginx/stream-conf.d}"
filter="${NGINX_ENVSUBST_FILTER:-}"

[ -d "$template_dir" ] || exit 0
defined_envs=$(printf '${%s} ' $(awk "END { for (name in ENVIRON) { print ( name ~ /${filter}/ ) ? name : \"\" } }" </dev/null))

if [ ! -w "$output_dir" ]; then
    log "$ME: ERROR: $template_dir exists, but $output_dir is not writable"
    exit 0
fi
render "$template_dir" "$suffix" "$output_dir"

if [ -n "$(find "$template_dir" -follow -type f -name "*$stream_suffix" -print -quit)" ]; then
    mkdir -p "$stream_output_dir"
    if [ ! -w "$stream_output_dir" ]; then
        log "$ME: ERROR: $template_dir exists, but $stream_output_dir is not writable"
        exit 0
    fi
    if ! grep -q -E "^[[:space:]]*stream[[:space:]]*\{" /etc/nginx/nginx.conf && [ -w /etc/nginx/nginx.conf ]; then
        log "$ME: Appending stream block to /etc/nginx/nginx.conf to include $stream_output_dir/*.conf"
        printf '\nstream {\n  include %s/*.conf;\n}\n' "$stream_output_dir" >>/etc/nginx/nginx.conf
    fi
    render "$template_dir" "$stream_suffix" "$stream_output_dir"
fi

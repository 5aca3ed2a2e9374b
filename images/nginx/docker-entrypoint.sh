#!/bin/sh
# Entrypoint of the labkit nginx stand-in, same contract as the official image's:
# when the command is `nginx` or `nginx-debug`, the files in /docker-entrypoint.d/ run
# in version order (*.sh executed, *.envsh sourced so their exports reach nginx),
# then "Configuration complete; ready for start up" is printed -- Testcontainers and the
# harness wait for that line. Any other command (nginx -t, sh, ...) is exec'd untouched.
# NGINX_ENTRYPOINT_QUIET_LOGS=1 silences these lines, as upstream (the ready line too).
set -e

entrypoint_log() {
    if [ -z "${NGINX_ENTRYPOINT_QUIET_LOGS:-}" ]; then
        echo "$@"
    fi
}

if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    if find /docker-entrypoint.d/ -mindepth 1 -maxdepth 1 -type f -print -quit 2>/dev/null | read -r _; then
        entrypoint_log "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
        entrypoint_log "$0: Looking for shell scripts in /docker-entrypoint.d/"
        # no pipe into the loop: it would run in a subshell and lose what *.envsh exports
        # (one file name per line: split the list on newlines only)
        old_ifs=$IFS; IFS='
'
        for f in $(find /docker-entrypoint.d/ -follow -type f -print | sort -V); do
            IFS=$old_ifs
            case "$f" in
                *.envsh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Sourcing $f"
                        . "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable"
                    fi ;;
                *.sh)
                    if [ -x "$f" ]; then
                        entrypoint_log "$0: Launching $f"
                        "$f"
                    else
                        entrypoint_log "$0: Ignoring $f, not executable"
                    fi ;;
                *) entrypoint_log "$0: Ignoring $f" ;;
            esac
        done
        IFS=$old_ifs
        entrypoint_log "$0: Configuration complete; ready for start up"
    else
        entrypoint_log "$0: No files found in /docker-entrypoint.d/, skipping configuration"
    fi
fi

exec "$@"

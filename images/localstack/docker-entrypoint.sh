#!/bin/bash
# Entrypoint of the labkit LocalStack stand-in (S3 only).
#
# Same contract as the upstream image's /usr/local/bin/docker-entrypoint.sh:
#  - Testcontainers' LocalStackContainer replaces the ENTRYPOINT with a script that
#    runs this file under /bin/bash and waits for the log line "Ready.";
#  - configuration stays in the environment (SERVICES, DEBUG,
#    S3_SKIP_SIGNATURE_VALIDATION, ...), LocalStack's config module reads it itself;
#  - LOCALSTACK_<VAR> is also exported as <VAR>, as upstream does
#    (except LOCALSTACK_HOST / LOCALSTACK_HOSTNAME, which are real settings).
set -eo pipefail
shopt -s nullglob

source <(
  env |
  grep -v -e '^LOCALSTACK_HOST' -e '^LOCALSTACK_[[:digit:]]' |
  sed -ne 's/^LOCALSTACK_\([A-Za-z0-9_]\+\)=.*/export \1="${LOCALSTACK_\1}"/p'
)

mkdir -p /var/lib/localstack/logs
source /opt/code/localstack/.venv/bin/activate

# Init hooks of the BOOT stage (/etc/localstack/init/boot.d), as upstream.
if [ -d /etc/localstack/init/boot.d ]; then
  python -m localstack.runtime.init BOOT
fi

# exec, no pipe: the supervisor must be the one receiving SIGTERM from `docker stop`.
# It runs `python -m localstack.runtime.main`, which prints "Ready." once :4566 serves.
exec localstack-supervisor

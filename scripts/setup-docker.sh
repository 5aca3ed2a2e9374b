#!/usr/bin/env bash
# Make sure a Docker engine answers, debootstrap is installed and `docker compose` and
# `docker buildx` work.
#
# - A running engine is never touched (developers' machines, CI runners with
#   their own engine): only a missing debootstrap (and the plugins, below) is added then.
# - Otherwise, on Linux as root (CI machines here have no systemd), install
#   Debian's docker.io, start dockerd in the background and limit its builds
#   (scripts/limit-builds.sh).
# - Once the engine answers, scripts/setup-docker-plugins.sh adds the Compose v2 and buildx
#   plugins where `docker compose version` / `docker buildx version` do not work yet.
set -euo pipefail

log() { echo "[setup-docker] $*"; }
DOCKERD_LOG=/var/log/dockerd.log
WAIT_SECONDS=60

have_debootstrap() { command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ]; }
engine_answers() { docker info >/dev/null 2>&1; }
setup_plugins() { bash "$(dirname "$0")/setup-docker-plugins.sh"; }

apt_install() {
  log "apt-get install $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

can_install() { [ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; }

# Installing needs root. Someone who is not root is asked for sudo here, once, rather than told to
# type `sudo bash ...`, which fails where there is no sudo (root in a container or on a CI machine).
if [ "$(id -u)" -ne 0 ] && { ! engine_answers || ! have_debootstrap; } && command -v sudo >/dev/null 2>&1; then
  log "installing needs root; running again with sudo"
  exec sudo bash "$0" "$@"
fi

packages=()
have_debootstrap || packages+=(debootstrap)

if engine_answers; then
  log "Docker engine already running; leaving it alone."
  if [ ${#packages[@]} -gt 0 ]; then
    can_install || { log "ERROR: debootstrap missing and cannot install it (need Debian/Ubuntu as root)." >&2; exit 1; }
    apt_install "${packages[@]}"
  fi
  setup_plugins
  exit 0
fi

if ! can_install; then
  log "ERROR: no Docker engine answers. Start Docker yourself (Docker Desktop, systemctl start docker, ...)." >&2
  exit 1
fi

# dockerd (Debian's docker.io also brings /usr/bin/docker, containerd and runc).
command -v dockerd >/dev/null 2>&1 || packages+=(docker.io)
[ ${#packages[@]} -eq 0 ] || apt_install "${packages[@]}"

# An engine that is still starting is waited for, not started twice.
if pidof dockerd >/dev/null 2>&1; then
  log "dockerd is already running but not answering yet; waiting for it."
else
  log "starting dockerd (log: ${DOCKERD_LOG})"
  nohup dockerd >"${DOCKERD_LOG}" 2>&1 &
fi

for _ in $(seq "${WAIT_SECONDS}"); do
  if engine_answers; then
    log "Docker engine is up: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
    # An engine this script started is the kit's to configure: bound learners' RUN steps.
    bash "$(dirname "$0")/limit-builds.sh"
    setup_plugins
    exit 0
  fi
  sleep 1
done

log "ERROR: Docker engine did not answer within ${WAIT_SECONDS}s. Last lines of ${DOCKERD_LOG}:" >&2
tail -n 30 "${DOCKERD_LOG}" >&2 || true
exit 1

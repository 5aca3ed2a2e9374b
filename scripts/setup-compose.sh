#!/usr/bin/env bash
# Make sure `docker compose` (Compose v2, a Docker CLI plugin) works, for the labs that use
# `docker compose config` / `up`.
#
# - Nothing is done when `docker compose version` already works with every docker client
#   on this machine (Docker Desktop, docker-ce with docker-compose-plugin, a previous run).
# - Otherwise, on Debian as root: Debian 12's docker.io has no Compose v2, but Debian 13
#   (trixie) packages it as `docker-compose` (2.26.x) and its plugin binary
#   (usr/libexec/docker/cli-plugins/docker-compose, linked only against libc) works with
#   Debian 12's 20.10 engine and client. The .deb is fetched with the host's apt-get using a
#   private, throw-away apt state that lists only trixie -- the host's apt sources, lists
#   and installed packages are not touched -- then unpacked with dpkg-deb -x and the plugin
#   copied to /usr/libexec/docker/cli-plugins/ (Debian's client looks there) and, when the
#   newer client /usr/local/bin/docker exists, linked into /usr/local/lib/docker/cli-plugins/.
#
# Env: DEBIAN_MIRROR (default http://deb.debian.org/debian), COMPOSE_SUITE (default trixie),
#      COMPOSE_VERSION (expected upstream version prefix, default 2.26.).
set -euo pipefail

log() { echo "[setup-compose] $*"; }
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
COMPOSE_SUITE="${COMPOSE_SUITE:-trixie}"
COMPOSE_VERSION="${COMPOSE_VERSION:-2.26.}"
PLUGIN_DIR=/usr/libexec/docker/cli-plugins
LOCAL_PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

# Every docker client that may be used: the one first on PATH plus the known locations.
clients() {
  { command -v docker 2>/dev/null || true; for c in /usr/bin/docker /usr/local/bin/docker; do
      [ -x "$c" ] && echo "$c"; done; } | awk 'NF && !seen[$0]++'
}
compose_works_everywhere() {
  local c any=0
  for c in $(clients); do
    any=1
    "$c" compose version >/dev/null 2>&1 || return 1
  done
  [ "$any" -eq 1 ]
}

if compose_works_everywhere; then
  log "docker compose already works: $(docker compose version 2>/dev/null)"
  exit 0
fi

if [ "$(uname -s)" != Linux ] || [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1 \
    || ! command -v dpkg-deb >/dev/null 2>&1; then
  log "ERROR: docker compose is missing and this is not Debian as root: install the Docker Compose v2 plugin yourself." >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/labkit-compose.XXXXXX")
trap 'rm -rf "$work"' EXIT

if [ ! -x "${PLUGIN_DIR}/docker-compose" ]; then
  # Private apt state: only ${COMPOSE_SUITE}, signed by Debian's archive keyring (bookworm's
  # debian-archive-keyring already holds the trixie keys).
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${DEBIAN_MIRROR} ${COMPOSE_SUITE} main" \
    >"$work/sources.list"
  apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
            -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
            -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
            -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
  log "fetching docker-compose from Debian ${COMPOSE_SUITE} (${DEBIAN_MIRROR})"
  apt-get "${apt_opts[@]}" -qq update
  (cd "$work/deb" && apt-get "${apt_opts[@]}" -qq download docker-compose)
  deb=$(ls "$work"/deb/docker-compose_*.deb)
  version=$(dpkg-deb -f "$deb" Version)
  case "$version" in
    "${COMPOSE_VERSION}"*) ;;
    *) log "WARNING: ${COMPOSE_SUITE} has docker-compose ${version}, expected ${COMPOSE_VERSION}*; installing it anyway." ;;
  esac
  dpkg-deb -x "$deb" "$work/root"
  [ -x "$work/root/usr/libexec/docker/cli-plugins/docker-compose" ] \
    || { log "ERROR: no usr/libexec/docker/cli-plugins/docker-compose in ${deb##*/}" >&2; exit 1; }
  install -D -m 0755 "$work/root/usr/libexec/docker/cli-plugins/docker-compose" "${PLUGIN_DIR}/docker-compose"
  log "installed ${PLUGIN_DIR}/docker-compose (docker-compose ${version} from Debian ${COMPOSE_SUITE})"
fi

# The newer client in /usr/local/bin (if any) may not search Debian's libexec folder.
if [ -x /usr/local/bin/docker ] && ! /usr/local/bin/docker compose version >/dev/null 2>&1; then
  mkdir -p "$LOCAL_PLUGIN_DIR"
  ln -sfn "${PLUGIN_DIR}/docker-compose" "${LOCAL_PLUGIN_DIR}/docker-compose"
  log "linked ${LOCAL_PLUGIN_DIR}/docker-compose for /usr/local/bin/docker"
fi

for c in $(clients); do
  if ! out=$("$c" compose version 2>&1); then
    log "ERROR: '$c compose version' still fails: $out" >&2
    exit 1
  fi
  log "$c compose version: $out"
done

#!/usr/bin/env bash
# Make sure the Docker CLI plugins the labs use work: `docker compose` (Compose v2) and
# `docker buildx` (BuildKit builds, as learners run `docker build`: RUN --mount, --output).
#
# - Nothing is done for a plugin whose `docker <plugin> version` already works with every docker
#   client on this machine (Docker Desktop, docker-ce with its plugins, a previous run).
# - Otherwise, on Debian as root: Debian 12's docker.io has neither, but Debian 13 (trixie)
#   packages them as `docker-compose` (2.26.x) and `docker-buildx` (0.13.x); their plugin binaries
#   (usr/libexec/docker/cli-plugins/docker-<plugin>, static Go programs) work with Debian 12's
#   20.10 engine and client. The .debs are fetched with the host's apt-get using a private,
#   throw-away apt state that lists only trixie -- the host's apt sources, lists and installed
#   packages are not touched -- then unpacked with dpkg-deb -x and the plugin copied to
#   /usr/libexec/docker/cli-plugins/ (Debian's client looks there) and, when the newer client
#   /usr/local/bin/docker exists, linked into /usr/local/lib/docker/cli-plugins/.
#
# Env: DEBIAN_MIRROR (default http://deb.debian.org/debian), PLUGIN_SUITE (default trixie).
set -euo pipefail

log() { echo "[setup-docker-plugins] $*"; }
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
PLUGIN_SUITE="${PLUGIN_SUITE:-trixie}"
PLUGIN_DIR=/usr/libexec/docker/cli-plugins
LOCAL_PLUGIN_DIR=/usr/local/lib/docker/cli-plugins
# plugin name -> Debian package and the upstream version line expected in it
declare -A PACKAGE=([compose]=docker-compose [buildx]=docker-buildx)
declare -A EXPECTED=([compose]=2.26. [buildx]=0.13.)

# Every docker client that may be used: the one first on PATH plus the known locations.
clients() {
  { command -v docker 2>/dev/null || true; for c in /usr/bin/docker /usr/local/bin/docker; do
      [ -x "$c" ] && echo "$c"; done; } | awk 'NF && !seen[$0]++'
}
works_everywhere() {
  local plugin=$1 c any=0
  for c in $(clients); do
    any=1
    "$c" "$plugin" version >/dev/null 2>&1 || return 1
  done
  [ "$any" -eq 1 ]
}

missing=()
for plugin in compose buildx; do
  if works_everywhere "$plugin"; then
    log "docker $plugin already works: $(docker "$plugin" version 2>/dev/null | head -n 1)"
  else
    missing+=("$plugin")
  fi
done
[ ${#missing[@]} -gt 0 ] || exit 0

if [ "$(uname -s)" != Linux ] || [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1 \
    || ! command -v dpkg-deb >/dev/null 2>&1; then
  log "ERROR: docker ${missing[*]} missing and this is not Debian as root: install the Docker Compose v2 and buildx plugins yourself." >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/labkit-plugins.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Private apt state: only ${PLUGIN_SUITE}, signed by Debian's archive keyring (bookworm's
# debian-archive-keyring already holds the trixie keys).
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/deb"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${DEBIAN_MIRROR} ${PLUGIN_SUITE} main" \
  >"$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
          -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache"
          -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
          -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")
lists_ready=0

for plugin in "${missing[@]}"; do
  binary="docker-${plugin}"
  if [ ! -x "${PLUGIN_DIR}/${binary}" ]; then
    package=${PACKAGE[$plugin]}
    if [ "$lists_ready" -eq 0 ]; then
      apt-get "${apt_opts[@]}" -qq update
      lists_ready=1
    fi
    log "fetching ${package} from Debian ${PLUGIN_SUITE} (${DEBIAN_MIRROR})"
    (cd "$work/deb" && apt-get "${apt_opts[@]}" -qq download "$package")
    deb=$(ls "$work"/deb/"${package}"_*.deb)
    version=$(dpkg-deb -f "$deb" Version)
    case "$version" in
      "${EXPECTED[$plugin]}"*) ;;
      *) log "WARNING: ${PLUGIN_SUITE} has ${package} ${version}, expected ${EXPECTED[$plugin]}*; installing it anyway." ;;
    esac
    dpkg-deb -x "$deb" "$work/root-${plugin}"
    [ -x "$work/root-${plugin}/usr/libexec/docker/cli-plugins/${binary}" ] \
      || { log "ERROR: no usr/libexec/docker/cli-plugins/${binary} in ${deb##*/}" >&2; exit 1; }
    install -D -m 0755 "$work/root-${plugin}/usr/libexec/docker/cli-plugins/${binary}" "${PLUGIN_DIR}/${binary}"
    log "installed ${PLUGIN_DIR}/${binary} (${package} ${version} from Debian ${PLUGIN_SUITE})"
  fi
  # The newer client in /usr/local/bin (if any) may not search Debian's libexec folder.
  if [ -x /usr/local/bin/docker ] && ! /usr/local/bin/docker "$plugin" version >/dev/null 2>&1; then
    mkdir -p "$LOCAL_PLUGIN_DIR"
    ln -sfn "${PLUGIN_DIR}/${binary}" "${LOCAL_PLUGIN_DIR}/${binary}"
    log "linked ${LOCAL_PLUGIN_DIR}/${binary} for /usr/local/bin/docker"
  fi
  for c in $(clients); do
    if ! out=$("$c" "$plugin" version 2>&1); then
      log "ERROR: '$c $plugin version' still fails: $out" >&2
      exit 1
    fi
    log "$c $plugin version: $(echo "$out" | head -n 1)"
  done
done

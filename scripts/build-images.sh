#!/usr/bin/env bash
# Build the offline stand-ins of the images in images/catalog.properties.
#
# No container registry may be reachable (CI, workshop rooms), so:
#  1. base images labkit/debian:<suite> come from debootstrap + `docker import`;
#  2. each catalog entry <name>=<image> with a recipe images/<name>/Dockerfile is
#     built and tagged with the upstream name, so tests need no special casing.
#
# Re-runs are cheap: a stand-in is rebuilt only when its recipe folder changed
# (hash kept in the label dev.labkit.recipe-hash). An image that exists without
# the label dev.labkit.standin=true is a real upstream image and is never replaced.
#
# A recipe may list more tags for its image in images/<name>/extra-tags (one per line), e.g.
# maven:latest, which the docker-basics starter builds FROM before the learner pins it.
#
# Usage: scripts/build-images.sh [--rebuild] [--lab <id>] [name...]
#   --rebuild   rebuild base images and stand-ins even if up to date
#   --lab <id>  only the images that lab starts (the images: list of labs/<id>/lab.yaml)
#   name...     only these catalog entries (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."

# Legacy builder: Debian's engine has no buildx, and recipes need no BuildKit features.
export DOCKER_BUILDKIT=0
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CATALOG=images/catalog.properties
STANDIN_LABEL=dev.labkit.standin
HASH_LABEL=dev.labkit.recipe-hash
# Local CA certificates this machine trusts (e.g. a TLS-intercepting proxy in front of
# PyPI): handed to recipes that declare `ARG EXTRA_CA_CERTS` for their build stage.
EXTRA_CA_DIR="${EXTRA_CA_DIR:-/usr/local/share/ca-certificates}"

rebuild=0
selected=()
want_lab=""
for arg in "$@"; do
  if [ "$want_lab" = next ]; then want_lab="$arg"; continue; fi
  case "$arg" in
    --rebuild) rebuild=1 ;;
    --lab) want_lab=next ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "ERROR: unknown option $arg" >&2; exit 2 ;;
    *) selected+=("$arg") ;;
  esac
done

die() { echo "ERROR: $*" >&2; exit 1; }
[ "$want_lab" != next ] || die "--lab needs a lab id"
if [ -n "$want_lab" ]; then
  manifest="labs/${want_lab}/lab.yaml"
  [ -f "$manifest" ] || die "no lab '${want_lab}' (no ${manifest})"
  # lab.yaml writes its images as one flow list: images: [a, b, c]
  while read -r name; do [ -n "$name" ] && selected+=("$name"); done < <(
    sed -n 's/^images:[[:space:]]*\[\(.*\)\][[:space:]]*$/\1/p' "$manifest" | tr ',' '\n' | tr -d '[:blank:]')
  [ ${#selected[@]} -gt 0 ] || { echo "==> lab ${want_lab} starts no images"; exit 0; }
fi
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1fs", b - a }'; }
image_exists() { docker image inspect "$1" >/dev/null 2>&1; }
image_label() { docker image inspect -f "{{ index .Config.Labels \"$2\" }}" "$1" 2>/dev/null || true; }

# Content hash of a recipe folder: relative paths + file contents (not mtimes, not modes;
# recipes set modes themselves), so a fresh clone gives the same hash.
recipe_hash() {
  (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

# Base suites a recipe starts FROM (labkit/debian:<suite>).
recipe_suites() {
  sed -nE 's/^[[:space:]]*FROM[[:space:]]+(--[^[:space:]]+[[:space:]]+)*labkit\/debian:([a-z0-9]+).*/\2/Ip' "$1"
}

build_base() {
  local suite=$1 tag="labkit/debian:$1" t0 rootfs
  t0=$(now)
  echo "==> base ${tag}: debootstrap ${suite} from ${DEBIAN_MIRROR}"
  [ "$(id -u)" -eq 0 ] || die "debootstrap needs root (run: sudo $0)"
  command -v debootstrap >/dev/null 2>&1 || PATH="$PATH:/usr/sbin:/sbin"
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap is missing (run scripts/setup-docker.sh)"
  rootfs=$(mktemp -d "${TMPDIR:-/tmp}/labkit-rootfs-${suite}.XXXXXX")
  # shellcheck disable=SC2064  # expand now: the trap must remove this rootfs
  trap "rm -rf '${rootfs}'" EXIT
  if ! debootstrap --variant=minbase "${suite}" "${rootfs}" "${DEBIAN_MIRROR}" >"${rootfs}.log" 2>&1; then
    tail -n 20 "${rootfs}.log" >&2
    die "debootstrap ${suite} failed (full log: ${rootfs}.log)"
  fi
  rm -f "${rootfs}.log"
  # Same trimming as Debian's official images: security/updates sources, no apt
  # caches or lists, no docs/man pages in later installs (smaller stand-ins).
  cat >"${rootfs}/etc/apt/sources.list" <<SOURCES
deb ${DEBIAN_MIRROR} ${suite} main
deb ${DEBIAN_MIRROR} ${suite}-updates main
deb ${DEBIAN_MIRROR%/debian}/debian-security ${suite}-security main
SOURCES
  cat >"${rootfs}/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
APT::Install-Recommends "false";
APT
  cat >"${rootfs}/etc/dpkg/dpkg.cfg.d/docker-excludes" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
DPKG
  rm -rf "${rootfs}"/var/lib/apt/lists/* "${rootfs}"/var/cache/apt/archives/*.deb \
    "${rootfs}"/usr/share/man/* "${rootfs}"/usr/share/info/*
  find "${rootfs}/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  tar --numeric-owner -C "${rootfs}" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["bash"]' \
    --message "debootstrap --variant=minbase ${suite}" - "${tag}" >/dev/null
  rm -rf "${rootfs}"
  trap - EXIT
  echo "    built ${tag} in $(since "$t0")"
}

# --- read the catalog -------------------------------------------------------
[ -f "$CATALOG" ] || die "$CATALOG not found"
names=(); images=()
while IFS= read -r line; do
  line="${line%%#*}"; line="$(echo "$line" | tr -d '[:space:]')"
  [ -n "$line" ] || continue
  [[ "$line" =~ ^([a-z0-9][a-z0-9_-]*)=([^=]+)$ ]] || die "bad line in $CATALOG: $line"
  names+=("${BASH_REMATCH[1]}"); images+=("${BASH_REMATCH[2]}")
done <"$CATALOG"

for want in "${selected[@]}"; do
  [[ " ${names[*]} " == *" ${want} "* ]] || die "'${want}' is not in $CATALOG (known: ${names[*]})"
done

docker info >/dev/null 2>&1 || die "no Docker engine answers (run scripts/setup-docker.sh)"

# --- decide what to build ---------------------------------------------------
t_all=$(now)
todo_names=(); todo_images=(); todo_hashes=(); suites=()
for i in "${!names[@]}"; do
  name=${names[$i]} image=${images[$i]} recipe="images/${names[$i]}"
  if [ ${#selected[@]} -gt 0 ] && [[ " ${selected[*]} " != *" ${name} "* ]]; then continue; fi
  if [ ! -f "${recipe}/Dockerfile" ]; then
    if image_exists "$image"; then echo "==> ${name}: ${image} present (no recipe), used as is"
    elif [ ${#selected[@]} -gt 0 ]; then die "${name}: no recipe ${recipe}/Dockerfile; pull ${image} instead"
    else echo "==> ${name}: WARNING no recipe ${recipe}/Dockerfile and ${image} absent; pull it (scripts/pull-images.sh)"
    fi
    continue
  fi
  hash=$(recipe_hash "$recipe")
  if image_exists "$image"; then
    if [ "$(image_label "$image" "$STANDIN_LABEL")" != true ]; then
      echo "==> ${name}: ${image} exists and is not a labkit stand-in (upstream image): used as is"
      continue
    fi
    if [ "$rebuild" -eq 0 ] && [ "$(image_label "$image" "$HASH_LABEL")" = "$hash" ]; then
      echo "==> ${name}: ${image} stand-in is up to date (recipe ${hash:0:12})"
      continue
    fi
  fi
  todo_names+=("$name"); todo_images+=("$image"); todo_hashes+=("$hash")
  while read -r s; do [ -n "$s" ] && suites+=("$s"); done < <(recipe_suites "${recipe}/Dockerfile")
done

# --- base images (only the suites that the stand-ins to build need) ------------
for suite in $(printf '%s\n' "${suites[@]}" | sort -u); do
  if [ "$rebuild" -eq 0 ] && image_exists "labkit/debian:${suite}"; then
    echo "==> base labkit/debian:${suite} present, reused"
  else
    build_base "$suite"
  fi
done

# --- stand-ins -------------------------------------------------------------------
for i in "${!todo_names[@]}"; do
  name=${todo_names[$i]} image=${todo_images[$i]} hash=${todo_hashes[$i]}
  t0=$(now)
  echo "==> ${name}: docker build -t ${image} images/${name} (recipe ${hash:0:12})"
  build_args=()
  if grep -q '^[[:space:]]*ARG[[:space:]]\+EXTRA_CA_CERTS' "images/${name}/Dockerfile"; then
    extra_ca=$(find "$EXTRA_CA_DIR" -name '*.crt' -type f -exec cat {} + 2>/dev/null || true)
    [ -z "$extra_ca" ] || build_args+=(--build-arg "EXTRA_CA_CERTS=${extra_ca}")
  fi
  if ! docker build --force-rm -t "$image" --label "${HASH_LABEL}=${hash}" "${build_args[@]}" "images/${name}" 2>&1 \
      | sed -u 's/^/    /'; then
    die "${name}: docker build of ${image} failed (see output above)"
  fi
  [ "$(image_label "$image" "$STANDIN_LABEL")" = true ] \
    || die "${name}: recipe images/${name}/Dockerfile must set LABEL ${STANDIN_LABEL}=true"
  echo "    built ${image} in $(since "$t0"), $(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.0f MB", $1/1e6}')"
done

# --- extra tags (also for stand-ins that were up to date) ----------------------------
for i in "${!names[@]}"; do
  tags_file="images/${names[$i]}/extra-tags"
  [ -f "$tags_file" ] && image_exists "${images[$i]}" || continue
  while read -r tag; do
    [ -n "$tag" ] || continue
    docker tag "${images[$i]}" "$tag" && echo "==> ${names[$i]}: also tagged ${tag}"
  done <"$tags_file"
done

echo "==> done in $(since "$t_all")"

#!/usr/bin/env bash
# A workshop room's bundle: every image the kit uses and every Maven artifact the checks need, in
# one file, so a room with no network at all runs `mvn -o verify -Dlab=<id>`.
#
#   scripts/room-bundle.sh export <bundle.tar>   on a machine with the images (build-images.sh or
#                                                pull-images.sh) and with Maven Central reachable
#   scripts/room-bundle.sh import <bundle.tar>   on each machine of the room, no network needed
#
# The bundle is a tar of: images.tar (one `docker save` of all catalogued images present, so
# shared layers are stored once), m2/ (a Maven repository holding the kit's dependencies and
# plugins) and MANIFEST (kit commit, date, contents).
#
# Options for export:
#   --no-maven          images only
#   --only-image <ref>  this image instead of the catalog's (repeatable; for tests)
# Import loads the images and merges m2/ into $MAVEN_REPO (default ~/.m2/repository) without
# overwriting anything already there.
set -euo pipefail
cd "$(dirname "$0")/.."

die() { echo "ERROR: $*" >&2; exit 1; }
now() { date +%s; }

[ $# -ge 2 ] || die "usage: $0 export|import <bundle.tar> [--no-maven] [--only-image <ref>]..."
action=$1 bundle=$2
shift 2
with_maven=1
only=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-maven) with_maven=0 ;;
    --only-image) [ $# -ge 2 ] || die "--only-image needs an image"; only+=("$2"); shift ;;
    *) die "unknown option $1" ;;
  esac
  shift
done

work=$(mktemp -d "${TMPDIR:-/tmp}/labkit-bundle.XXXXXX")
trap 'rm -rf "$work"' EXIT

case "$action" in
  export)
    t0=$(now)
    images=()
    if [ ${#only[@]} -gt 0 ]; then
      images=("${only[@]}")
    else
      while IFS='=' read -r name image; do
        if docker image inspect "$image" >/dev/null 2>&1; then
          images+=("$image")
        else
          echo "==> ${name}: ${image} is not on this machine; left out (build or pull it first)"
        fi
      done < <(grep -Ev '^[[:space:]]*(#|$)' images/catalog.properties | tr -d '[:blank:]\r')
      # images a stand-in also answers to (maven:latest for the docker-basics starter)
      for tags in images/*/extra-tags; do
        [ -f "$tags" ] || continue
        while read -r tag; do
          [ -n "$tag" ] && docker image inspect "$tag" >/dev/null 2>&1 && images+=("$tag")
        done <"$tags"
      done
    fi
    [ ${#images[@]} -gt 0 ] || die "no image to export"
    echo "==> docker save: ${#images[@]} images"
    docker save -o "$work/images.tar" "${images[@]}"
    if [ "$with_maven" -eq 1 ]; then
      echo "==> Maven: resolving the kit's dependencies and plugins into a fresh repository"
      mvn -B -ntp -q -Dmaven.repo.local="$work/m2" dependency:go-offline
      # go-offline misses what plugins resolve at run time (test providers, exec): a real run fills
      # those in; presigned-url with the embedded S3 needs no Docker and takes seconds.
      mvn -B -ntp -q -Dmaven.repo.local="$work/m2" verify -Dlab=presigned-url -Dlabkit.s3=embedded \
        -Dlabkit.reportDir="$work/report" >/dev/null || true
      mvn -B -ntp -q -Dmaven.repo.local="$work/m2" verify -Ddoctor >/dev/null 2>&1 || true
      rm -rf "$work/report"
    fi
    {
      echo "labkit room bundle"
      echo "kit: $(git rev-parse HEAD 2>/dev/null || echo unknown)"
      echo "made: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
      printf 'image: %s\n' "${images[@]}"
      [ "$with_maven" -eq 1 ] && echo "maven: m2/"
    } >"$work/MANIFEST"
    tar -cf "$bundle" -C "$work" .
    echo "==> wrote $bundle ($(du -h "$bundle" | cut -f1)) in $(( $(now) - t0 )) s"
    ;;
  import)
    t0=$(now)
    [ -f "$bundle" ] || die "no bundle at $bundle"
    tar -xf "$bundle" -C "$work"
    [ -f "$work/MANIFEST" ] || die "$bundle is not a labkit room bundle (no MANIFEST)"
    sed -n '1,3p' "$work/MANIFEST"
    if [ -f "$work/images.tar" ]; then
      docker info >/dev/null 2>&1 || die "no Docker engine answers (run scripts/setup-docker.sh)"
      echo "==> docker load"
      docker load -q -i "$work/images.tar"
    fi
    if [ -d "$work/m2" ]; then
      repo="${MAVEN_REPO:-$HOME/.m2/repository}"
      echo "==> Maven repository: merging into $repo"
      mkdir -p "$repo"
      tar -C "$work/m2" -cf - . | tar -C "$repo" -xf - --skip-old-files
    fi
    echo "==> imported in $(( $(now) - t0 )) s; now: mvn -o verify -Dlab=<id> (mvn -q verify -Ddoctor checks the machine)"
    ;;
  *) die "unknown action $action (export or import)" ;;
esac

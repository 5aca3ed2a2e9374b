#!/usr/bin/env bash
# Pull every image of images/catalog.properties from its registry.
# For machines that DO reach a registry; the offline alternative is
# scripts/build-images.sh, which builds stand-ins under the same names (and the kit's
# own labkit/* images, which are never pulled).
set -euo pipefail
cd "$(dirname "$0")/.."

failed=0
while IFS='=' read -r name image; do
  # the kit's own images (labkit/...) exist in no registry: scripts/build-images.sh makes them
  if [[ "${image}" == labkit/* ]]; then
    echo "==> ${name}: ${image} is a kit image, not pulled (build: scripts/build-images.sh ${name})"
    continue
  fi
  echo "==> ${name}: docker pull ${image}"
  docker pull "${image}" || { echo "ERROR: could not pull ${image}" >&2; failed=1; }
done < <(grep -Ev '^[[:space:]]*(#|$)' images/catalog.properties | tr -d '[:blank:]\r')
exit "${failed}"

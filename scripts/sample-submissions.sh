#!/usr/bin/env bash
# Lay out a lab's own cases as a folder of submissions, one subfolder each, the way a course hands
# them to the batch grader: 00-solution, 01-starter, then the alternatives and the mistakes (each the
# solution with the case's files on top). For trying the grader and for measuring it.
#
# Usage: bash scripts/sample-submissions.sh <lab-id> <folder> [<how-many>]
set -euo pipefail
cd "$(dirname "$0")/.."

lab=${1:?usage: $0 <lab-id> <folder> [<how-many>]}
out=${2:?usage: $0 <lab-id> <folder> [<how-many>]}
limit=${3:-1000}
source=labs/${lab}
[ -f "${source}/lab.yaml" ] || { echo "no lab ${lab} under labs/" >&2; exit 2; }
[ ! -e "${out}" ] || { echo "${out} exists; choose a new folder" >&2; exit 2; }
mkdir -p "${out}"

n=0
add() { # <name> <base folder> [<overlay folder>]
  [ "${n}" -lt "${limit}" ] || return 0
  local target
  target=${out}/$(printf '%02d' "${n}")-$1
  cp -R --preserve=mode "$2" "${target}"
  if [ $# -gt 2 ]; then
    # --preserve=mode: a file copied over the solution's keeps the case's mode (a deploy.sh that
    # is not executable is a mistake of its own).
    cp -R --preserve=mode "$3/." "${target}/"
    rm -f "${target}/expect"
  fi
  n=$((n + 1))
}

# The kit's own cases live in labs/<id>/.meta/ (solution/, alternatives/, mistakes/).
meta=${source}/.meta
add solution "${meta}/solution"
add starter "${source}"
rm -rf "${out}/01-starter/.meta"
for kind in alternatives mistakes; do
  for case in "${meta}/${kind}"/*/; do
    [ -d "${case}" ] && add "$(basename "${case}")" "${meta}/solution" "${case}"
  done
done
echo "${n} submissions of ${lab} in ${out}"

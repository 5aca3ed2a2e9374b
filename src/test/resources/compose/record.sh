#!/usr/bin/env bash
# Records `docker compose config --format json` for every case here, the way the kit runs it
# (ComposePolicy.config: a minimal environment, every profile), into <case>/config.json. Each case is
# laid out as the docker-basics solution with the case's files over it, in one fixed folder, whose
# path (and the recording user's home) become @PROJECT@ (and @HOME@) in the recording.
#   accepted/<case>: must pass the policy. solution, starter, other-style and the compose mistakes come
#                    from labs/docker-basics; the others hold their own files.
#   refused/<case>:  `expect` lists the problems (their start) the policy must report.
#   refused-before-compose/<case>: not recorded: ComposeFileReads refuses them before Compose runs,
#                    because Compose itself would read a host file (@OUTSIDE@ is a path the test picks).
# Run it after a Compose upgrade, or after adding a case: bash src/test/resources/compose/record.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../../../.." && pwd)
lab="$kit/labs/docker-basics"
project=/tmp/labkit-compose-record/project

record() { # <case folder> <overlay folder>...
  local case=$1
  shift
  rm -rf "$project"
  mkdir -p "$project"
  cp -a "$lab/.meta/solution/." "$project/"
  for overlay in "$@"; do
    (cd "$overlay" && find . -type f ! -name expect ! -name config.json -print0 |
      xargs -0 -I{} cp --parents {} "$project/")
  done
  (cd "$project" && env -i PATH="$PATH" HOME="$HOME" \
    docker compose -p labkit-recorded --profile '*' -f compose.yaml config --format json) |
    sed -e "s#$project#@PROJECT@#g" -e "s#$(dirname "$project")#@PROJECT@/..#g" -e "s#$HOME#@HOME@#g" >"$case/config.json"
  echo "recorded ${case#"$here"/}"
}

mkdir -p "$here/accepted/solution" "$here/accepted/starter" "$here/accepted/other-style"
record "$here/accepted/solution"
starter=$(mktemp -d) && cp "$lab/compose.yaml" "$starter/" && record "$here/accepted/starter" "$starter" && rm -rf "$starter"
record "$here/accepted/other-style" "$lab/.meta/alternatives/other-style"
for mistake in "$lab"/.meta/mistakes/*/; do
  if [ -f "$mistake/compose.yaml" ]; then
    name=$(basename "$mistake")
    mkdir -p "$here/accepted/$name"
    record "$here/accepted/$name" "$mistake"
  fi
done
for case in "$here"/accepted/*/ "$here"/refused/*/; do
  case=${case%/}
  if [ -f "$case/compose.yaml" ]; then
    record "$case" "$case"
  fi
done
rm -rf "$(dirname "$project")"

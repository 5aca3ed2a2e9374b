#!/usr/bin/env bash
# Records what the docker-basics rule tests read (run from the repository root, Docker needed).
# Compose models: `docker compose config --format json` of the solution, the starter and a few
# mistakes. Images: two small images shaped like a learner's final stage (images/Dockerfile.*),
# inspected, their history, and `docker top` of a container of each.
set -euo pipefail
out=src/test/resources/docker-basics
lab=labs/docker-basics
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
record_compose() { # name folder-with-compose.yaml
  mkdir -p "$work/$1/app" && cp "$2/compose.yaml" "$work/$1/"
  (cd "$work/$1" && docker compose -p labkit-1-config -f compose.yaml config --format json) > "$out/$1.compose.json"
}
record_compose solution "$lab/.meta/solution"
record_compose starter "$lab"
for m in db-port-published api-port-not-published db-without-healthcheck depends-on-started-only; do
  record_compose "$m" "$lab/.meta/mistakes/$m"
done
echo jar > "$work/notes-api.jar" && mkdir -p "$work/lib" && echo x > "$work/lib/a.jar"
for v in good bad; do
  docker build -q -t "labkit-record/dkr-$v:1" -f "$out/images/Dockerfile.$v" "$work" > /dev/null
  docker image inspect "labkit-record/dkr-$v:1" > "$out/image-$v.inspect.json"
  docker image history --no-trunc --format '{{.CreatedBy}}' "labkit-record/dkr-$v:1" > "$out/image-$v.history.txt"
done
good=$(docker run -d --rm labkit-record/dkr-good:1 sleep 60)
bad=$(docker run -d --rm labkit-record/dkr-bad:1 sh -c 'sleep 60; true')
sleep 1
docker top "$good" -o pid,uid,args > "$out/top-nonroot.txt"
docker top "$bad" -o pid,uid,args > "$out/top-root-shell.txt"
docker rm -f "$good" "$bad" > /dev/null
docker image rm labkit-record/dkr-good:1 labkit-record/dkr-bad:1 > /dev/null

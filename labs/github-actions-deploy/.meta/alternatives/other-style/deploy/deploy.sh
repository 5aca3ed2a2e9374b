#!/bin/bash
# deploy.sh IMAGE: swap the notes API container for IMAGE, judged by Docker's own health status
# (the image has a HEALTHCHECK); on failure the new container is left stopped for a look.
set -eu
IMAGE=$1
NAME=notes-api

docker pull -q "$IMAGE" >/dev/null
if docker container inspect "$NAME" >/dev/null 2>&1; then
  docker stop --time 10 "$NAME" >/dev/null
  docker rm "$NAME" >/dev/null
fi
docker run -d --name "$NAME" --restart=unless-stopped \
  --env-file /etc/notes-api/notes-api.env -p 8080:8080 "$IMAGE" >/dev/null

tries=0
until [ "$(docker inspect --format '{{.State.Health.Status}}' "$NAME")" = healthy ]; do
  tries=$((tries + 1))
  if [ "$tries" -ge 30 ]; then
    echo "$IMAGE is not healthy after $tries checks" >&2
    docker stop "$NAME" >/dev/null
    exit 1
  fi
  sleep 2
done
echo "$IMAGE is live"

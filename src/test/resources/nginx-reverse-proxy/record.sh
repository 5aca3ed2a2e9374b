#!/usr/bin/env bash
# Records what the nginx-reverse-proxy lab's unit tests read (RecordedNginx): nginx -T, the home
# page's headers and the echo backends' replies through nginx, for the solution and a few mistakes.
# Needs the kit's images (scripts/build-images.sh) and curl; run from anywhere, it writes beside
# itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../../../.." && pwd)
lab=$kit/labs/nginx-reverse-proxy
name=labkit-record-nginx-$$
work=$(mktemp -d)
cleanup() {
  docker rm -f "$name-nginx" "$name-app1" "$name-app2" >/dev/null 2>&1 || true
  docker network rm "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

docker network create "$name" >/dev/null
for app in app1 app2; do
  docker run -d --name "$name-$app" --network "$name" --network-alias "$app" -e INSTANCE="$app" \
    labkit/echo-backend:1.0 >/dev/null
done
mkdir "$work/certs"
cp "$kit/src/test/resources/certs/localhost.crt" "$work/certs/lab.crt"
cp "$kit/src/test/resources/certs/localhost.key" "$work/certs/lab.key"
chmod 644 "$work/certs/"*
docker create --name "$name-nginx" --network "$name" -p 127.0.0.1::443 nginx:1.26.3 >/dev/null
docker cp "$lab/.meta/solution/nginx.conf" "$name-nginx:/etc/nginx/nginx.conf"
docker cp "$lab/html/." "$name-nginx:/usr/share/nginx/html/"
docker cp "$work/certs" "$name-nginx:/etc/nginx/certs"
docker start "$name-nginx" >/dev/null
port=$(docker port "$name-nginx" 443 | head -n 1 | cut -d: -f2)
https=https://localhost:$port
until curl -sk -o /dev/null "$https/"; do sleep 0.2; done

# As NginxContainer.effectiveConfiguration reads it: stdout, then stderr.
dump() { docker exec "$name-nginx" nginx -T 2>"$work/stderr"; cat "$work/stderr"; }
use() {
  docker cp "$1" "$name-nginx:/etc/nginx/nginx.conf"
  docker exec "$name-nginx" nginx -s reload 2>/dev/null
  sleep 1
}

dump >"$here/nginx-T-solution.txt"
curl -sk -D "$here/home-headers-solution.txt" -o /dev/null "$https/"
curl -sk "$https/api/orders?id=7" >"$here/orders-solution.json"
curl -sk -H "X-Forwarded-For: 203.0.113.7" -H "X-Real-IP: 203.0.113.9" "$https/api/whoami" >"$here/whoami-solution.json"

use "$lab/.meta/mistakes/tls-allows-tls11/nginx.conf"
dump >"$here/nginx-T-tls-allows-tls11.txt"
use "$lab/.meta/mistakes/api-prefix-kept/nginx.conf"
curl -sk "$https/api/orders?id=7" >"$here/orders-api-prefix-kept.json"
use "$lab/.meta/mistakes/host-not-forwarded/nginx.conf"
curl -sk -H "X-Forwarded-For: 203.0.113.7" -H "X-Real-IP: 203.0.113.9" "$https/api/whoami" >"$here/whoami-host-not-forwarded.json"
use "$lab/.meta/mistakes/server-tokens-on/nginx.conf"
curl -sk -D "$here/home-headers-server-tokens-on.txt" -o /dev/null "$https/"

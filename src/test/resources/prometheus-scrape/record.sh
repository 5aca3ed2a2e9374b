#!/usr/bin/env bash
# Records what the prometheus-scrape lab's unit tests read (RecordedPrometheus): Prometheus's API
# answers (targets, rules, alerts, loaded configuration, instant queries) and the hooks receiver's
# /received, for the solution and the mistakes whose verdict they carry. Needs the kit's images
# (scripts/build-images.sh) and curl; run from anywhere, it writes beside itself. About 3 minutes.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$here/../../../.." && pwd)
lab=$kit/labs/prometheus-scrape
name=labkit-record-prom-$$
traffic=
cleanup() {
  [ -n "$traffic" ] && kill "$traffic" 2>/dev/null || true
  docker rm -f "$name-prometheus" "$name-alertmanager" "$name-shop" "$name-billing" "$name-hooks" \
    >/dev/null 2>&1 || true
  docker network rm "$name" >/dev/null 2>&1 || true
}
trap cleanup EXIT

docker network create "$name" >/dev/null
demo() { # mode port [publish]
  docker run -d --name "$name-$1" --network "$name" --network-alias "$1" -e MODE="$1" -e PORT="$2" \
    -p "127.0.0.1::$2" labkit/metrics-demo:1.0 >/dev/null
}
demo shop 8080
demo billing 9100
demo hooks 8080
docker create --name "$name-alertmanager" --network "$name" --network-alias alertmanager \
  -p 127.0.0.1::9093 prom/alertmanager:v0.28.1 --config.file=/etc/alertmanager/alertmanager.yml \
  --storage.path=/alertmanager --cluster.listen-address= >/dev/null
docker cp "$lab/.meta/solution/alertmanager.yml" "$name-alertmanager:/etc/alertmanager/alertmanager.yml"
docker start "$name-alertmanager" >/dev/null
docker create --name "$name-prometheus" --network "$name" -p 127.0.0.1::9090 \
  prom/prometheus:v2.53.3 >/dev/null
docker cp "$lab/.meta/solution/prometheus.yml" "$name-prometheus:/etc/prometheus/prometheus.yml"
docker cp "$lab/.meta/solution/rules" "$name-prometheus:/etc/prometheus/rules"
docker start "$name-prometheus" >/dev/null

port() { docker port "$name-$1" "$2" | head -n 1 | cut -d: -f2; }
prom=http://localhost:$(port prometheus 9090)
am=http://localhost:$(port alertmanager 9093)
shop=http://localhost:$(port shop 8080)
hooks=http://localhost:$(port hooks 8080)
until curl -sf -o /dev/null "$prom/-/ready"; do sleep 0.5; done
until curl -sf -o /dev/null "$am/-/ready"; do sleep 0.5; done

# Every n-th request of the traffic loop fails; 0: none.
echo 0 >"/tmp/$name-fail"
(
  n=0
  while true; do
    n=$((n + 1))
    f=$(cat "/tmp/$name-fail")
    if [ "$f" -gt 0 ] && [ $((n % f)) -eq 0 ]; then path=/fail; else path=/order; fi
    curl -s -o /dev/null -m 2 "$shop$path" || true
    sleep 0.1
  done
) &
traffic=$!

api() { curl -sf "$prom$1"; }
query() { curl -sf -G "$prom/api/v1/query" --data-urlencode "query=$1"; }
reload() { # prometheus.yml (or "") and a rules folder (or "")
  [ -n "$1" ] && docker cp "$1" "$name-prometheus:/etc/prometheus/prometheus.yml"
  if [ -n "$2" ]; then
    docker exec -u 0 "$name-prometheus" sh -c 'rm -f /etc/prometheus/rules/*'
    docker cp "$2/." "$name-prometheus:/etc/prometheus/rules/"
  fi
  docker kill -s HUP "$name-prometheus" >/dev/null
  sleep "${3:-12}"
}
both='{job=~"shop|billing"}'
unlabelled='count by (job) ({job=~"shop|billing", env!="lab", __name__!~".*:.*"})'
debug='count by (job, __name__) ({__name__=~"debug_.*"})'
curl -sf -H 'Content-Type: application/json' -d \
  '[{"labels":{"alertname":"LabkitProbeWarning","severity":"warning"},"annotations":{"summary":"a warning sent by the checks"}}]' \
  "$am/api/v2/alerts" >/dev/null

sleep 40
api '/api/v1/targets?state=active' >"$here/targets-solution.json"
api /api/v1/rules >"$here/rules-solution.json"
api /api/v1/alerts >"$here/alerts-none.json"
api /api/v1/status/config >"$here/config-solution.json"
query "count by (job) ($both)" >"$here/query-count-by-job-solution.json"
query "$unlabelled" >"$here/query-unlabelled-solution.json"
query "$debug" >"$here/query-debug-solution.json"
query 'job:http_requests:rate1m' >"$here/query-rate-solution.json"

m=$lab/.meta/mistakes
reload "$m/billing-without-metrics-path/prometheus.yml" ""
api '/api/v1/targets?state=active' >"$here/targets-billing-without-metrics-path.json"
reload "$m/scrape-interval-ten-seconds/prometheus.yml" "" 2
api /api/v1/status/config >"$here/config-scrape-interval-ten-seconds.json"
reload "$m/env-only-on-shop/prometheus.yml" ""
query "$unlabelled" >"$here/query-unlabelled-env-only-on-shop.json"
reload "$m/debug-dropped-with-relabel-configs/prometheus.yml" ""
query "$debug" >"$here/query-debug-dropped-with-relabel-configs.json"
reload "$lab/.meta/solution/prometheus.yml" "$m/recording-rule-not-aggregated/rules" 20
query 'job:http_requests:rate1m' >"$here/query-rate-recording-rule-not-aggregated.json"
reload "" "$m/shop-down-without-for/rules" 2
api /api/v1/rules >"$here/rules-shop-down-without-for.json"
reload "" "$m/alert-on-healthy-targets/rules" 25
api /api/v1/alerts >"$here/alerts-alert-on-healthy-targets.json"

reload "" "$lab/.meta/solution/rules" 5
echo 2 >"/tmp/$name-fail"
sleep 45
api /api/v1/alerts >"$here/alerts-high-error-rate.json"
echo 0 >"/tmp/$name-fail"
docker stop "$name-shop" >/dev/null
sleep 35
api /api/v1/alerts >"$here/alerts-shop-down.json"
curl -sf "$hooks/received" >"$here/received-solution.json"

curl -sf -X DELETE "$hooks/received" >/dev/null
docker cp "$m/routing-sends-everything-to-webhook/alertmanager.yml" \
  "$name-alertmanager:/etc/alertmanager/alertmanager.yml"
docker kill -s HUP "$name-alertmanager" >/dev/null
sleep 15
curl -sf "$hooks/received" >"$here/received-routing-sends-everything-to-webhook.json"
rm -f "/tmp/$name-fail"

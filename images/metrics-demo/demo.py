#!/usr/bin/env python3
"""labkit metrics-demo: the kit's own small service for the Prometheus/Alertmanager lab.

One script, three roles chosen by MODE:

MODE=shop (PORT default 8080) -- an app with the usual HTTP metrics:
  GET /order    -> 200 {"ok":true}      (takes a few ms, at random)
  GET /fail     -> 500 {"ok":false}
  GET /metrics  -> Prometheus text exposition:
      http_requests_total{method,path,status}       counter: /order, /fail and anything else
                                                      (path="other", status 404); /metrics and
                                                      /healthz are NOT counted. The series
                                                      {GET,/order,200} and {GET,/fail,500}
                                                      exist at 0 from the start.
      http_request_duration_seconds{method,path}    histogram (default buckets), same requests
      debug_cache_entries{cache}, debug_goroutines_fake{pool}
                                                    noisy gauges (new values every scrape), for
                                                      dropping with metric_relabel_configs
MODE=billing (PORT default 9100) -- metrics on a non-default path:
  GET /internal/metrics -> exposition: billing_invoices_total (+1 every second, in the
                          background), debug_billing_queue{queue} gauge, and
                          http_requests_total{method,path,status} for every request to this
                          service (scrapes included; unknown paths as path="other")
  GET /metrics          -> 404 (on purpose: the scrape config must set metrics_path)
MODE=hooks (PORT default 8080) -- webhook receiver (e.g. for Alertmanager):
  POST <any path>   -> records {"path", "receivedAt" (ISO 8601 UTC), "body" (parsed JSON, or
                       the raw text if it is not JSON)} in memory; 200 {"ok":true}
  GET /received     -> JSON array of everything recorded, oldest first
  DELETE /received  -> clears it; 200 {"cleared": <how many>}

All modes: GET /healthz -> 200 "ok". No process/platform/gc metrics (own registry): the
exposition stays small. Prints "metrics-demo <mode> listening on :<port>" once it listens;
exits within a second on SIGTERM/SIGINT.
"""
import asyncio
import datetime
import json
import os
import random
import signal
import sys
import time

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client import disable_created_metrics, generate_latest

MODES = {"shop": 8080, "billing": 9100, "hooks": 8080}
MODE = os.environ.get("MODE", "shop").strip().lower()
if MODE not in MODES:
    sys.exit(f"metrics-demo: MODE must be one of {', '.join(MODES)} (got {MODE!r})")
PORT = int(os.environ.get("PORT") or MODES[MODE])

# No *_created series next to counters/histograms: smaller, simpler exposition.
disable_created_metrics()
REGISTRY = CollectorRegistry(auto_describe=True)  # no default process/platform/gc collectors

REQUESTS = Counter("http_requests", "HTTP requests handled.", ["method", "path", "status"],
                   registry=REGISTRY)


def exposition() -> web.Response:
    return web.Response(body=generate_latest(REGISTRY), headers={"Content-Type": CONTENT_TYPE_LATEST})


async def healthz(request: web.Request) -> web.Response:
    return web.Response(text="ok")


# --- shop ----------------------------------------------------------------------------------
def shop_app() -> web.Application:
    duration = Histogram("http_request_duration_seconds", "HTTP request duration in seconds.",
                         ["method", "path"], registry=REGISTRY)
    cache = Gauge("debug_cache_entries", "Debug: entries per internal cache (noise).", ["cache"],
                  registry=REGISTRY)
    goroutines = Gauge("debug_goroutines_fake", "Debug: fake worker count per pool (noise).",
                       ["pool"], registry=REGISTRY)
    # rates exist from the first scrape
    REQUESTS.labels("GET", "/order", "200")
    REQUESTS.labels("GET", "/fail", "500")

    @web.middleware
    async def count(request: web.Request, handler):
        if request.path in ("/metrics", "/healthz"):
            return await handler(request)
        path = request.path if request.path in ("/order", "/fail") else "other"
        start = time.perf_counter()
        try:
            response = await handler(request)
            status = response.status
        except web.HTTPException as e:
            status = e.status
            raise
        finally:
            REQUESTS.labels(request.method, path, str(status)).inc()
            duration.labels(request.method, path).observe(time.perf_counter() - start)
        return response

    async def order(request: web.Request) -> web.Response:
        await asyncio.sleep(random.uniform(0.002, 0.030))
        return web.json_response({"ok": True})

    async def fail(request: web.Request) -> web.Response:
        return web.json_response({"ok": False}, status=500)

    async def metrics(request: web.Request) -> web.Response:
        for name in ("products", "sessions", "sessions-shadow"):
            cache.labels(name).set(random.randint(0, 5000))
        for pool in ("http", "db", "mail"):
            goroutines.labels(pool).set(random.randint(1, 64))
        return exposition()

    app = web.Application(middlewares=[count])
    app.router.add_get("/order", order)
    app.router.add_get("/fail", fail)
    app.router.add_get("/metrics", metrics)
    app.router.add_get("/healthz", healthz)
    return app


# --- billing -------------------------------------------------------------------------------
def billing_app() -> web.Application:
    invoices = Counter("billing_invoices", "Invoices issued.", registry=REGISTRY)
    queue = Gauge("debug_billing_queue", "Debug: items waiting per billing queue (noise).",
                  ["queue"], registry=REGISTRY)
    known = {"/internal/metrics", "/metrics", "/healthz"}

    @web.middleware
    async def count(request: web.Request, handler):
        path = request.path if request.path in known else "other"
        status = 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as e:
            status = e.status
            raise
        finally:
            if path != "/healthz":
                REQUESTS.labels(request.method, path, str(status)).inc()

    async def ticker(app: web.Application):
        async def run():
            while True:
                await asyncio.sleep(1)
                invoices.inc()
                queue.labels("pending").set(random.randint(0, 20))
                queue.labels("retry").set(random.randint(0, 3))
        task = asyncio.create_task(run())
        yield
        task.cancel()

    async def metrics(request: web.Request) -> web.Response:
        return exposition()

    async def not_here(request: web.Request) -> web.Response:
        return web.Response(status=404, text="404: metrics are at /internal/metrics\n")

    app = web.Application(middlewares=[count])
    app.cleanup_ctx.append(ticker)
    app.router.add_get("/internal/metrics", metrics)
    app.router.add_get("/metrics", not_here)
    app.router.add_get("/healthz", healthz)
    return app


# --- hooks ---------------------------------------------------------------------------------
def hooks_app() -> web.Application:
    received = []

    async def record(request: web.Request) -> web.Response:
        raw = await request.text()
        try:
            body = json.loads(raw)
        except ValueError:
            body = raw
        received.append({
            "path": request.path,
            "receivedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="milliseconds"),
            "body": body,
        })
        return web.json_response({"ok": True})

    async def list_received(request: web.Request) -> web.Response:
        return web.json_response(received)

    async def clear_received(request: web.Request) -> web.Response:
        n = len(received)
        received.clear()
        return web.json_response({"cleared": n})

    app = web.Application(client_max_size=16 << 20)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/received", list_received)
    app.router.add_delete("/received", clear_received)
    app.router.add_post("/{tail:.*}", record)
    return app


async def main() -> None:
    app = {"shop": shop_app, "billing": billing_app, "hooks": hooks_app}[MODE]()
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    await web.TCPSite(runner, port=PORT).start()  # all interfaces, IPv4 and IPv6
    print(f"metrics-demo {MODE} listening on :{PORT}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()
    try:
        await asyncio.wait_for(runner.cleanup(), timeout=0.9)
    except asyncio.TimeoutError:
        pass


if __name__ == "__main__":
    asyncio.run(main())

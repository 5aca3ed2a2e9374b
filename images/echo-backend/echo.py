#!/usr/bin/env python3
"""labkit echo-backend: the upstream service of the kit's proxy labs.

  GET /healthz           -> 200 "ok"
  GET /ws (WS upgrade)   -> WebSocket; every text/binary message is sent back unchanged
  anything else          -> 200 JSON: what this instance received
      {"instance", "method", "path" (raw, without query), "query" (raw, "" if none),
       "headers" {name: value} (names as received, repeats joined with ", "),
       "bodySize" (bytes of the request body, read fully)}

Env: PORT (default 8080), INSTANCE (default: the hostname).
Prints "echo-backend <instance> listening on :<port>" once it listens; exits on SIGTERM.
"""
import asyncio
import os
import signal
import socket

from aiohttp import WSMsgType, web

PORT = int(os.environ.get("PORT", "8080"))
INSTANCE = os.environ.get("INSTANCE") or socket.gethostname()


async def handle(request: web.Request) -> web.StreamResponse:
    path, _, query = request.raw_path.partition("?")
    if path == "/healthz" and request.method in ("GET", "HEAD"):
        return web.Response(text="ok")
    if path == "/ws" and request.method == "GET":
        ws = web.WebSocketResponse()
        if ws.can_prepare(request).ok:  # a real upgrade; a plain GET /ws gets the JSON echo
            return await websocket_echo(request, ws)

    # Count the body as it streams in: any size, never held in memory.
    body_size = 0
    async for chunk in request.content.iter_any():
        body_size += len(chunk)

    # Header names as sent; a repeated header (any case) is joined like HTTP allows.
    headers, spelled = {}, {}
    for raw_name, raw_value in request.raw_headers:
        name, value = raw_name.decode("latin-1"), raw_value.decode("latin-1")
        key = spelled.setdefault(name.lower(), name)
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    return web.json_response({
        "instance": INSTANCE,
        "method": request.method,
        "path": path,
        "query": query,
        "headers": headers,
        "bodySize": body_size,
    })


async def websocket_echo(request: web.Request, ws: web.WebSocketResponse) -> web.WebSocketResponse:
    await ws.prepare(request)
    request.app["websockets"].add(ws)
    try:
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await ws.send_str(msg.data)
            elif msg.type == WSMsgType.BINARY:
                await ws.send_bytes(msg.data)
    finally:
        request.app["websockets"].discard(ws)
    return ws


async def main() -> None:
    # client_max_size only limits bodies read whole (request.read()); raised anyway so
    # no code path refuses a large upload.
    app = web.Application(client_max_size=1 << 30)
    app["websockets"] = set()
    app.router.add_route("*", "/{tail:.*}", handle)

    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
    await runner.setup()
    await web.TCPSite(runner, port=PORT).start()  # all interfaces, IPv4 and IPv6
    print(f"echo-backend {INSTANCE} listening on :{PORT}", flush=True)

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    # Prompt exit (docker stop): close open WebSockets (1001 going away), give requests
    # in flight half a second, and never take longer than a second in all.
    for ws in list(app["websockets"]):
        await ws.close(code=1001, message=b"server shutdown")
    try:
        await asyncio.wait_for(runner.cleanup(), timeout=0.9)
    except asyncio.TimeoutError:
        pass


if __name__ == "__main__":
    asyncio.run(main())

"""A real browser as the live server's peer: headless Chromium loads the demo page, and after a
few seconds the page says how many messages each of its four transports received.

    /usr/bin/python3 tests/live/browser_peer.py PORT SECONDS [foreign]

Chromium is driven through its DevTools protocol, over a WebSocket (Python's websockets).
Prints the counts as JSON ({"short-poll": 5, ...}) and exits 0, or exits 1 saying what failed.

With `foreign`, Chromium loads instead a page of another origin (served here, from a port of
its own) that opens a WebSocket and an EventSource to the server, as a site a student visits
could: it prints what the page got ({"websocket": "refused", "messages": 0, ...}) and exits 0
if the server let nothing through.
"""

import asyncio
import http.server
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

import websockets

PORT = int(sys.argv[1])
SECONDS = float(sys.argv[2])
FOREIGN = len(sys.argv) > 3 and sys.argv[3] == "foreign"

# Another site's page: it reads what the PushLab server on PORT pushes, if the server lets it.
FOREIGN_PAGE = f"""<!doctype html><meta charset="utf-8"><title>another site</title><script>
window.foreign = {{websocket: "pending", eventsource: "pending", messages: 0}};
const ws = new WebSocket("ws://127.0.0.1:{PORT}/ws?client=1");
ws.onopen = () => {{ window.foreign.websocket = "opened"; }};
ws.onmessage = () => {{ window.foreign.messages++; }};
ws.onerror = () => {{ if (window.foreign.websocket === "pending") window.foreign.websocket = "refused"; }};
const events = new EventSource("http://127.0.0.1:{PORT}/events?client=1");
events.onopen = () => {{ window.foreign.eventsource = "opened"; }};
events.onmessage = () => {{ window.foreign.messages++; }};
events.onerror = () => {{
  if (window.foreign.eventsource === "pending") window.foreign.eventsource = "refused";
  events.close();
}};
</script>"""


class ForeignSite(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = FOREIGN_PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve_foreign_site() -> http.server.HTTPServer:
    site = http.server.HTTPServer(("127.0.0.1", 0), ForeignSite)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    return site


def start_chromium(profile: str) -> subprocess.Popen:
    return subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True)  # its own process group: stopped with all its helpers


def devtools_port(chromium: subprocess.Popen) -> int:
    deadline = time.time() + 20
    while time.time() < deadline:
        line = chromium.stderr.readline()
        found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
        if found:
            return int(found.group(1))
    raise SystemExit("Chromium did not start its DevTools endpoint")


async def page_result(port: int, url: str, expression: str) -> dict:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as response:
        page = next(t for t in json.load(response) if t["type"] == "page")
    async with websockets.connect(page["webSocketDebuggerUrl"], max_size=None) as devtools:
        next_id = 0

        async def call(method, **params):
            nonlocal next_id
            next_id += 1
            await devtools.send(json.dumps({"id": next_id, "method": method, "params": params}))
            while True:
                reply = json.loads(await devtools.recv())
                if reply.get("id") == next_id:
                    return reply

        await call("Page.navigate", url=url)
        await asyncio.sleep(SECONDS)
        reply = await call("Runtime.evaluate", expression=expression, returnByValue=True)
        return json.loads(reply["result"]["result"]["value"])


def in_chromium(url: str, expression: str) -> dict:
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        chromium = start_chromium(profile)
        try:
            return asyncio.run(page_result(devtools_port(chromium), url, expression))
        finally:
            os.killpg(chromium.pid, signal.SIGKILL)
            chromium.wait()


def check_foreign_page():
    site = serve_foreign_site()
    try:
        got = in_chromium(f"http://127.0.0.1:{site.server_port}/",
                          "JSON.stringify(window.foreign)")
    finally:
        site.shutdown()
    print(json.dumps(got))
    if got["websocket"] != "refused" or got["eventsource"] != "refused" or got["messages"] != 0:
        print("another site's page was let in")
        sys.exit(1)


def main():
    if FOREIGN:
        return check_foreign_page()
    counts = in_chromium(f"http://127.0.0.1:{PORT}/",
                         "JSON.stringify(window.pushlabReceived || {})")
    print(json.dumps(counts))
    lanes = ["short-poll", "long-poll", "websocket", "sse"]
    missing = [lane for lane in lanes if counts.get(lane, 0) == 0]
    if missing:
        print("received nothing over: " + ", ".join(missing))
        sys.exit(1)


main()

"""A real browser as the live server's peer: headless Chromium loads the demo page, and after a
few seconds the page says how many messages each of its four transports received.

    /usr/bin/python3 tests/live/browser_peer.py PORT SECONDS

Chromium is driven through its DevTools protocol, over a WebSocket (Python's websockets).
Prints the counts as JSON ({"short-poll": 5, ...}) and exits 0, or exits 1 saying what failed.
"""

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets

PORT = int(sys.argv[1])
SECONDS = float(sys.argv[2])


def start_chromium(profile: str) -> subprocess.Popen:
    return subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
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


async def page_counts(port: int) -> dict:
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

        await call("Page.navigate", url=f"http://127.0.0.1:{PORT}/")
        await asyncio.sleep(SECONDS)
        reply = await call("Runtime.evaluate",
                           expression="JSON.stringify(window.pushlabReceived || {})",
                           returnByValue=True)
        return json.loads(reply["result"]["result"]["value"])


def main():
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        chromium = start_chromium(profile)
        try:
            counts = asyncio.run(page_counts(devtools_port(chromium)))
        finally:
            os.killpg(chromium.pid, signal.SIGKILL)
            chromium.wait()
    print(json.dumps(counts))
    lanes = ["short-poll", "long-poll", "websocket", "sse"]
    missing = [lane for lane in lanes if counts.get(lane, 0) == 0]
    if missing:
        print("received nothing over: " + ", ".join(missing))
        sys.exit(1)


main()

"""Many clients at once against PushLab's live server: WebSocket clients (Python's websockets)
and long-polling clients (plain HTTP/1.1 on asyncio streams), all connected together, each
checking that it received exactly its messages, in order.

    /usr/bin/python3 tests/live/load_peer.py PORT WEBSOCKETS LONG_POLLS MESSAGES

Client numbers: 1..WEBSOCKETS over WebSocket, the next LONG_POLLS by long polling. Prints a
JSON summary and exits 0 if nothing was lost, 1 otherwise.
"""

import asyncio
import json
import resource
import sys

import websockets

PORT = int(sys.argv[1])
WEBSOCKETS = int(sys.argv[2])
LONG_POLLS = int(sys.argv[3])
MESSAGES = int(sys.argv[4])
TIMEOUT = 30


async def websocket_client(client: int) -> list:
    async with websockets.connect(f"ws://127.0.0.1:{PORT}/ws?client={client}",
                                  open_timeout=TIMEOUT) as ws:
        return [await asyncio.wait_for(ws.recv(), TIMEOUT) for _ in range(MESSAGES)]


async def long_poll_client(client: int) -> list:
    reader, writer = await asyncio.open_connection("127.0.0.1", PORT)
    received = []
    try:
        while len(received) < MESSAGES:
            writer.write(f"GET /lp?client={client}&received={len(received)} HTTP/1.1\r\n"
                         f"Host: x\r\n\r\n".encode())
            await writer.drain()
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), TIMEOUT)
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            body = await reader.readexactly(length)
            if status == 200:
                received += json.loads(body)
    finally:
        writer.close()
    return received


def in_order(messages: list) -> bool:
    """Payloads begin with their message's id ("#12 ..."): ids must increase."""
    ids = [int(m.split(" ")[0][1:]) for m in messages]
    return all(a < b for a, b in zip(ids, ids[1:]))


async def main() -> int:
    tasks = [websocket_client(c) for c in range(1, WEBSOCKETS + 1)]
    tasks += [long_poll_client(c) for c in range(WEBSOCKETS + 1, WEBSOCKETS + LONG_POLLS + 1)]
    results = await asyncio.gather(*tasks, return_exceptions=True)
    failures = []
    for index, result in enumerate(results):
        client = index + 1
        if isinstance(result, BaseException):
            failures.append(f"client {client}: {result!r}")
        elif len(result) != MESSAGES or not in_order(result):
            failures.append(f"client {client}: got {result!r}")
    print(json.dumps({"clients": len(results), "failed": len(failures),
                      "first_failures": failures[:5]}))
    return 1 if failures else 0


# Two thousand connections need more file descriptors than the usual 1,024.
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
sys.exit(asyncio.run(main()))

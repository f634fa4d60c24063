"""An independent peer for PushLab's live server: Python's websockets library and plain sockets.

    /usr/bin/python3 tests/live/peer.py PORT CHECK

Each CHECK talks to a server the C++ test started (one client; messages #0, #1, #2 at 0.05,
0.10 and 0.15 s; long polls held 0.5 s; requests must arrive whole within 1 s) and exits 0 if
the server behaved as the RFCs say, or 1 saying what differed.
"""

import asyncio
import json
import os
import socket
import ssl
import struct
import sys
import time

import websockets

PORT = int(sys.argv[1])
HOST = "127.0.0.1"


def fail(message):
    print(message)
    sys.exit(1)


def expect(condition, message):
    if not condition:
        fail(message)


def http(request: bytes, read_until_close=True, timeout=3.0) -> bytes:
    with socket.create_connection((HOST, PORT), timeout=timeout) as connection:
        connection.sendall(request)
        data = b""
        while True:
            try:
                chunk = connection.recv(65536)
            except socket.timeout:
                break
            if not chunk:
                break
            data += chunk
            if not read_until_close and b"\r\n\r\n" in data:
                break
        return data


def get(path: str, extra: str = "") -> bytes:
    return http(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n{extra}\r\n".encode())


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1])


def body_of(response: bytes) -> bytes:
    return response.split(b"\r\n\r\n", 1)[1]


async def websocket_receives():
    async with websockets.connect(f"ws://{HOST}:{PORT}/ws?client=1") as ws:
        got = [await asyncio.wait_for(ws.recv(), 3) for _ in range(3)]
        for index, message in enumerate(got):
            expect(message.startswith(f"#{index} "), f"frame {index} was {message!r}")
        await ws.send("hello from Python")
        await ws.close()
        expect(ws.close_code == 1000, f"close code {ws.close_code}")


def handshake(connection):
    key = "dGhlIHNhbXBsZSBub25jZQ=="
    connection.sendall(
        (f"GET /ws?client=1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
         f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        head += connection.recv(4096)
    expect(head.startswith(b"HTTP/1.1 101"), f"handshake answered {head[:40]!r}")
    # RFC 6455's own example key and accept value.
    expect(b"s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" in head, "wrong Sec-WebSocket-Accept")
    return head.split(b"\r\n\r\n", 1)[1]


def close_code_after(frame: bytes) -> int:
    """Sends a raw frame after the handshake; returns the code of the server's close frame."""
    with socket.create_connection((HOST, PORT), timeout=3) as connection:
        pending = handshake(connection)
        connection.sendall(frame)
        deadline = time.time() + 3
        while time.time() < deadline:
            # Skip whole frames until a close frame (opcode 8).
            while len(pending) >= 2:
                length = pending[1] & 0x7F
                start = 2 + (2 if length == 126 else 8 if length == 127 else 0)
                if length == 126:
                    length = struct.unpack(">H", pending[2:4])[0]
                elif length == 127:
                    length = struct.unpack(">Q", pending[2:10])[0]
                if len(pending) < start + length:
                    break
                if pending[0] & 0x0F == 8:
                    return struct.unpack(">H", pending[start:start + 2])[0]
                pending = pending[start + length:]
            chunk = connection.recv(4096)
            if not chunk:
                break
            pending += chunk
    fail("no close frame came")


def masked_text(payload: bytes) -> bytes:
    key = os.urandom(4)
    masked = bytes(b ^ key[i % 4] for i, b in enumerate(payload))
    return bytes([0x81, 0x80 | len(payload)]) + key + masked


def unverified_tls() -> ssl.SSLContext:
    """The server's certificate is self-signed: encrypt, but do not ask who signed it."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


async def wss_receives():
    async with websockets.connect(f"wss://{HOST}:{PORT}/ws?client=1", ssl=unverified_tls()) as ws:
        got = [await asyncio.wait_for(ws.recv(), 3) for _ in range(3)]
        for index, message in enumerate(got):
            expect(message.startswith(f"#{index} "), f"frame {index} was {message!r}")
        await ws.close()
        expect(ws.close_code == 1000, f"close code {ws.close_code}")


def check_wss():
    asyncio.run(wss_receives())


def check_https_poll():
    time.sleep(0.3)
    with socket.create_connection((HOST, PORT), timeout=3) as raw:
        with unverified_tls().wrap_socket(raw, server_hostname="localhost") as connection:
            certificate = connection.getpeercert(binary_form=True)
            expect(certificate is not None and len(certificate) > 100, "no certificate")
            connection.sendall(b"GET /poll?client=1&received=0 HTTP/1.1\r\nHost: x\r\n"
                               b"Connection: close\r\n\r\n")
            response = b""
            while chunk := connection.recv(65536):
                response += chunk
    expect(status_of(response) == 200, f"status {status_of(response)}")
    expect(len(json.loads(body_of(response))) == 3, f"got {body_of(response)!r}")


async def echoes():
    async with websockets.connect(f"ws://{HOST}:{PORT}/echo") as ws:
        for text in ["ping me", "é and ü", ""]:
            await ws.send(text)
            back = await asyncio.wait_for(ws.recv(), 3)
            expect(back == text, f"sent {text!r}, got {back!r} back")


def check_echo():
    asyncio.run(echoes())


def check_websocket():
    asyncio.run(websocket_receives())


def check_unmasked():
    # RFC 6455 section 5.1: a server closes on an unmasked client frame, 1002 protocol error.
    code = close_code_after(bytes([0x81, 0x02]) + b"hi")
    expect(code == 1002, f"close code {code}, expected 1002")


def check_bad_utf8():
    # Section 8.1: a text message that is not UTF-8 fails the connection with 1007.
    code = close_code_after(masked_text(b"\xc3\x28"))
    expect(code == 1007, f"close code {code}, expected 1007")


def check_bad_close_code():
    # Section 7.4: 1005 may never be sent in a close frame; the server answers 1002.
    payload = struct.pack(">H", 1005)
    key = os.urandom(4)
    frame = bytes([0x88, 0x80 | len(payload)]) + key + bytes(
        b ^ key[i % 4] for i, b in enumerate(payload))
    code = close_code_after(frame)
    expect(code == 1002, f"close code {code}, expected 1002")


def check_bad_handshake():
    base = "GET /ws?client=1 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    key = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
    # Section 4.4: an unsupported version is answered 426 naming the version the server speaks.
    response = http((base + key + "Sec-WebSocket-Version: 12\r\n\r\n").encode(), timeout=2)
    expect(status_of(response) == 426, f"version 12 answered {status_of(response)}")
    expect(b"Sec-WebSocket-Version: 13" in response, "426 without Sec-WebSocket-Version: 13")
    # Section 4.2.1: no Sec-WebSocket-Key is a bad request.
    response = http((base + "Sec-WebSocket-Version: 13\r\n\r\n").encode(), timeout=2)
    expect(status_of(response) == 400, f"a handshake without a key answered {status_of(response)}")


def check_poll():
    time.sleep(0.3)
    response = get("/poll?client=1&received=0")
    expect(status_of(response) == 200, f"status {status_of(response)}")
    messages = json.loads(body_of(response))
    expect([m.split(" ")[0] for m in messages] == ["#0", "#1", "#2"], f"got {messages}")
    response = get("/poll?client=1&received=3")
    expect(status_of(response) == 204, f"nothing new should be 204, was {status_of(response)}")


def check_long_poll():
    time.sleep(0.3)
    started = time.time()
    response = get("/lp?client=1&received=3")
    held = time.time() - started
    expect(status_of(response) == 204, f"status {status_of(response)}")
    expect(0.4 <= held < 2.5, f"held {held:.2f} s, expected the 0.5 s timeout")


def check_long_poll_answer():
    # Asked before any message exists: held, then answered when #0 is published at 0.05 s.
    started = time.time()
    response = get("/lp?client=1&received=0")
    held = time.time() - started
    expect(status_of(response) == 200, f"status {status_of(response)}")
    expect(json.loads(body_of(response))[0].startswith("#0 "), f"got {body_of(response)!r}")
    expect(held < 0.45, f"held {held:.2f} s: answered by the timeout, not by the message")


def check_events():
    time.sleep(0.3)
    response = http(b"GET /events?client=1 HTTP/1.1\r\nHost: x\r\nLast-Event-ID: 0\r\n\r\n",
                    timeout=1.0)
    expect(status_of(response) == 200, f"status {status_of(response)}")
    expect(b"text/event-stream" in response, "not an event stream")
    expect(b"id: 1\ndata: #1 " in response and b"id: 2\ndata: #2 " in response,
           f"events after id 0 missing: {response!r}")
    expect(b"data: #0 " not in response, "resumed before Last-Event-ID")


def check_limits():
    expect(status_of(get("/poll", "X-Big: " + "a" * 9000 + "\r\n")) == 431, "big header not 431")
    expect(status_of(http(b"GARBAGE\r\n\r\n")) == 400, "garbage not 400")
    expect(status_of(get("/poll?client=9")) == 400, "unknown client not 400")
    # Section 4.2.1, as the simulated server answers it: not a handshake is 400.
    expect(status_of(get("/ws?client=1")) == 400, "GET /ws without Upgrade not 400")
    expect(status_of(get("/nowhere")) == 404, "unknown path not 404")


def check_connection_limit():
    # The server under test allows 4 connections: the fifth is closed at once, unanswered.
    connections = [socket.create_connection((HOST, PORT), timeout=3) for _ in range(4)]
    extra = socket.create_connection((HOST, PORT), timeout=3)
    extra.sendall(b"GET /poll HTTP/1.1\r\nHost: x\r\n\r\n")
    expect(extra.recv(4096) == b"", "a connection over the limit was answered")
    connections[0].sendall(b"GET /poll HTTP/1.1\r\nHost: x\r\n\r\n")
    expect(connections[0].recv(4096).startswith(b"HTTP/1.1 "), "a connection within the limit was refused")
    for connection in connections + [extra]:
        connection.close()


def check_slowloris():
    # Half a request, then silence: the server must drop the connection by its 1 s limit.
    with socket.create_connection((HOST, PORT), timeout=5) as connection:
        connection.sendall(b"GET /poll HTTP/1.1\r\nHost: x\r\n")
        started = time.time()
        data = connection.recv(4096)
        waited = time.time() - started
        expect(data == b"", f"server answered {data[:40]!r} instead of closing")
        expect(waited < 3, f"connection held {waited:.1f} s")


CHECKS = {name[len("check_"):].replace("_", "-"): function
          for name, function in globals().items() if name.startswith("check_")}

if __name__ == "__main__":
    CHECKS[sys.argv[2]]()

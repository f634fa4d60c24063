// Answers what the reference libraries write and read, for PushLab's codec tests to compare
// with its own bytes. Reads one JSON request on stdin, writes one JSON answer on stdout:
//   eio_packets:  [{type, data?, binary_hex?}]  -> how engine.io-parser encodes each, for
//                 polling (base64 for binary) and for WebSocket (raw bytes for binary)
//   eio_payloads: [[packet, ...]]               -> encodePayload of each list
//   eio_decode:   [text]                        -> decodePayload of each body
//   sio_packets:  [{type, nsp, id?, data?}]     -> socket.io-parser's Encoder, data as JSON
//   sio_decode:   [text]                        -> socket.io-parser's Decoder: packet or error
//   server:       true                          -> raw HTTP responses of a real engine.io server
//                 on loopback to a handshake and to the requests it refuses
// Run as: NODE_PATH=<build>/node/node_modules node reference_codec.mjs < request.json
import { createRequire } from "node:module";
import http from "node:http";
import net from "node:net";

const require = createRequire(process.env.NODE_PATH + "/");
const eioParser = require("engine.io-parser");
const sioParser = require("socket.io-parser");

const hex = (bytes) => Buffer.from(bytes).toString("hex");

function eioPacket({ type, data, binary_hex }) {
  return binary_hex !== undefined
    ? { type: "message", data: Buffer.from(binary_hex, "hex") }
    : { type, data };
}

function encodeEio(packet) {
  let polling, websocket;
  eioParser.encodePacket(eioPacket(packet), false, (encoded) => (polling = encoded));
  eioParser.encodePacket(eioPacket(packet), true, (encoded) => {
    websocket = typeof encoded === "string"
      ? { binary: false, hex: hex(Buffer.from(encoded, "utf8")) }
      : { binary: true, hex: hex(encoded) };
  });
  return { polling, websocket };
}

function encodePayload(packets) {
  let body;
  eioParser.encodePayload(packets.map(eioPacket), (encoded) => (body = encoded));
  return body;
}

function decodePayload(body) {
  return eioParser.decodePayload(body).map((packet) =>
    Buffer.isBuffer(packet.data)
      ? { type: packet.type, binary_hex: hex(packet.data) }
      : { type: packet.type, data: packet.data ?? "" });
}

function encodeSio({ type, nsp, id, data }) {
  const packet = { type, nsp };
  if (id !== undefined) packet.id = id;
  if (data !== undefined) packet.data = JSON.parse(data);
  return new sioParser.Encoder().encode(packet)[0];
}

function decodeSio(text) {
  const decoder = new sioParser.Decoder();
  let decoded = null;
  decoder.on("decoded", (packet) => (decoded = packet));
  try {
    decoder.add(text);
  } catch (error) {
    return { ok: false, error: error.message };
  }
  if (decoded === null) return { ok: true, waiting_for_attachments: true };
  const out = { ok: true, type: decoded.type, nsp: decoded.nsp };
  if (decoded.id !== undefined) out.id = decoded.id;
  if (decoded.data !== undefined) out.data = JSON.stringify(decoded.data);
  return out;
}

// Sends raw request bytes and collects everything the server writes until it closes.
function exchange(port, request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    const chunks = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
  });
}

async function serverResponses() {
  const { attach } = require("engine.io");
  const server = http.createServer();
  attach(server);
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  const get = (target, method = "GET") =>
    exchange(port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
                   `Content-Length: 0\r\nConnection: close\r\n\r\n`);
  const answers = {
    handshake: await get("/engine.io/?EIO=4&transport=polling&t=PXk3mQ0a"),
    unknown_sid: await get("/engine.io/?EIO=4&transport=polling&t=x&sid=nope"),
    unknown_transport: await get("/engine.io/?EIO=4&transport=smoke"),
    bad_handshake_method: await get("/engine.io/?EIO=4&transport=polling", "POST"),
    unsupported_protocol_version: await get("/engine.io/?EIO=3&transport=polling"),
  };
  server.close();
  return answers;
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);
const answer = {
  eio_packets: (request.eio_packets ?? []).map(encodeEio),
  eio_payloads: (request.eio_payloads ?? []).map(encodePayload),
  eio_decode: (request.eio_decode ?? []).map(decodePayload),
  sio_packets: (request.sio_packets ?? []).map(encodeSio),
  sio_decode: (request.sio_decode ?? []).map(decodeSio),
};
if (request.server) answer.server = await serverResponses();
process.stdout.write(JSON.stringify(answer));
process.exit(0);

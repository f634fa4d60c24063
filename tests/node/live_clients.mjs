// The real engine.io-client and socket.io-client (npm, pinned by package-lock.json) against a
// PushLab live server, for tests/live/engineio_clients_test.cpp. Runs one case and prints one
// JSON line of what it saw; exits 1 if the case did not finish within its time.
//   node live_clients.mjs <port> <case>
// Cases:
//   echo        engine.io-client: text and binary messages echoed, the upgrade, heartbeats
//   fallback    engine.io-client where the relay strips Upgrade: the session stays on polling
//   socketio    socket.io-client: CONNECT, an event echoed, the upgrade
//   feed        socket.io-client, no echo: the scenario's messages arrive as "message" events
// Run as: NODE_PATH=<build>/node/node_modules node live_clients.mjs 8080 echo
import { createRequire } from "node:module";

const require = createRequire(process.env.NODE_PATH + "/");
const [port, which] = process.argv.slice(2);
const url = `http://127.0.0.1:${port}`;
const seen = { case: which, events: [], messages: [], binary: [], pings: 0, transport: null };
const finish = (socket) => {
  seen.transport = socket.io ? socket.io.engine.transport.name : socket.transport.name;
  console.log(JSON.stringify(seen));
  socket.close();
  process.exit(0);
};
setTimeout(() => {
  seen.events.push("timed out");
  console.log(JSON.stringify(seen));
  process.exit(1);
}, 8000);

function engineio({ expectUpgrade }) {
  const { Socket } = require("engine.io-client");
  const socket = new Socket(url, { path: "/engine.io/", query: { client: 1 } });
  let upgraded = !expectUpgrade;
  const maybeDone = () => {
    if (upgraded && seen.pings >= 2 && seen.messages.includes("after") && seen.binary.length > 0) {
      finish(socket);
    }
  };
  socket.on("open", () => {
    seen.events.push("open:" + socket.transport.name);
    socket.send("hello");
    socket.send(Uint8Array.from([1, 2, 3, 4]));
    if (!expectUpgrade) socket.send("after");
  });
  socket.on("upgrade", (transport) => {
    seen.events.push("upgrade:" + transport.name);
    upgraded = true;
    socket.send("after");
  });
  socket.on("message", (data) => {
    if (typeof data === "string") seen.messages.push(data);
    else seen.binary.push(Buffer.from(data).toString("hex"));
    maybeDone();
  });
  socket.on("ping", () => {
    seen.pings += 1;
    maybeDone();
  });
  socket.on("close", (reason) => seen.events.push("close:" + reason));
}

function socketio({ echo }) {
  const { io } = require("socket.io-client");
  const socket = io(url, { query: { client: 1 }, reconnection: false });
  socket.on("connect", () => {
    seen.events.push("connect");
    if (echo) socket.emit("message", "hello from socket.io");
  });
  const maybeDone = () => {
    const enough = echo ? 1 : 3;
    if (seen.messages.length >= enough && seen.events.includes("upgrade:websocket")) {
      finish(socket);
    }
  };
  socket.io.engine.on("upgrade", (transport) => {
    seen.events.push("upgrade:" + transport.name);
    maybeDone();
  });
  socket.on("message", (text) => {
    seen.messages.push(text);
    maybeDone();
  });
  socket.on("connect_error", (error) => seen.events.push("connect_error:" + error.message));
}

if (which === "echo") engineio({ expectUpgrade: true });
else if (which === "fallback") engineio({ expectUpgrade: false });
else if (which === "socketio") socketio({ echo: true });
else if (which === "feed") socketio({ echo: false });
else {
  console.error("unknown case " + which);
  process.exit(2);
}

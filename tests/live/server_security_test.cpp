// The live server decides what the simulated one decides, and serves only its own pages:
// every handshake the simulated server refuses is refused alike over a real socket, and a
// page of another site gets 403 on every endpoint (RFC 6455 section 10.2), in raw requests and
// in headless Chromium.

#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "live/recording_server.hpp"
#include "live/server.hpp"
#include "sim/wire/http/serialize.hpp"
#include "tests/apps/run_program.hpp"
#include "tests/live/raw_http.hpp"
#include "tests/live/serving.hpp"
#include "tests/live/test_server_options.hpp"
#include "tests/sim/transports/transport_test_support.hpp"
#include "tests/support/handshake_rejections.hpp"

namespace pushlab::live {

namespace {

using namespace std::chrono_literals;
using pushlab::testing::raw_exchange;
using pushlab::testing::status_of;

using testing::Serving;
using testing::test_server_options;

std::string handshake_bytes(sim::wire::http::Request request) {
  return std::string(sim::wire::as_text(sim::wire::http::serialize(request)));
}

// The RFC's handshake on /ws, from a page of `origin` (none: not from a page).
sim::wire::http::Request handshake_from(const std::string& origin) {
  sim::wire::http::Request request = pushlab::testing::valid_handshake_request();
  request.target = "/ws?client=1";
  request.fields.remove("Origin");
  if (!origin.empty()) request.fields.add("Origin", origin);
  return request;
}

// Each endpoint as a page would ask it, from `origin`.
std::vector<std::pair<std::string, std::string>> requests_from(const std::string& origin) {
  const std::string head = "Host: 127.0.0.1\r\nOrigin: " + origin + "\r\n";
  return {
      {"/ws", handshake_bytes(handshake_from(origin))},
      {"/events", "GET /events?client=1 HTTP/1.1\r\n" + head + "Accept: text/event-stream\r\n\r\n"},
      {"/lp", "GET /lp?client=1&received=0 HTTP/1.1\r\n" + head + "\r\n"},
      {"/poll", "GET /poll?client=1&received=0 HTTP/1.1\r\n" + head + "\r\n"},
      {"/send", "POST /send?client=1 HTTP/1.1\r\n" + head +
                    "Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"},
  };
}

std::string poll_from(unsigned short port, const std::string& origin) {
  return raw_exchange(port,
                      "GET /poll?client=1&received=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                      "Origin: " +
                          origin + "\r\nConnection: close\r\n\r\n");
}

}  // namespace

TEST_CASE("every handshake the simulated server refuses, the live one refuses with its status") {
  Server server(test_server_options());
  const Serving serving(server);
  for (const pushlab::testing::HandshakeRejection& rejection :
       pushlab::testing::handshake_rejections()) {
    CAPTURE(rejection.name);
    sim::wire::http::Request request = handshake_from("");
    rejection.change(request);
    const std::string answer = raw_exchange(server.port(), handshake_bytes(request));
    CAPTURE(answer);
    CHECK(status_of(answer) == rejection.status);
    if (rejection.status == 426) {
      CHECK(answer.find("Sec-WebSocket-Version: 13\r\n") != std::string::npos);
    }
  }
  // And the RFC's own request is accepted.
  CHECK(status_of(raw_exchange(server.port(), handshake_bytes(handshake_from("")))) == 101);
}

TEST_CASE("a page of another origin gets 403 on every endpoint; its messages wait for the own") {
  Server server(test_server_options());
  {
    const Serving serving(server);
    std::this_thread::sleep_for(300ms);  // the three messages are published
    for (const auto& endpoint : requests_from("http://evil.example")) {
      CAPTURE(endpoint.first);
      const std::string answer = raw_exchange(server.port(), endpoint.second);
      CAPTURE(answer);
      CHECK(status_of(answer) == 403);
    }
    const std::string refused =
        raw_exchange(server.port(), requests_from("http://evil.example")[3].second);
    CHECK(refused.find("http://evil.example") != std::string::npos);
    CHECK(refused.find("--allow-origin http://evil.example") != std::string::npos);
    CHECK(refused.find("#0") == std::string::npos);
    // Nothing was taken: the server's own page, by address or as localhost, gets every message.
    const std::string port = std::to_string(server.port());
    for (const std::string& own :
         {"http://127.0.0.1:" + port, "http://localhost:" + port, "HTTP://LOCALHOST:" + port}) {
      CAPTURE(own);
      const std::string answer = poll_from(server.port(), own);
      CHECK(status_of(answer) == 200);
      CHECK(answer.find("#2") != std::string::npos);
    }
    CHECK(status_of(poll_from(server.port(), "https://127.0.0.1:" + port)) == 403);
    CHECK(status_of(poll_from(server.port(), "http://127.0.0.1:1")) == 403);
  }
  CHECK(server.counts().forbidden == 8);
  CHECK(server.counts().received == 0);
}

TEST_CASE("--allow-origin lets the named page in, and * any page") {
  ServerOptions options = test_server_options();
  options.allowed_origins = {"http://teacher.local:8080"};
  Server named(options);
  options.allowed_origins = {"*"};
  Server any(options);
  const Serving serving_named(named);
  const Serving serving_any(any);
  CHECK(status_of(poll_from(named.port(), "http://teacher.local:8080")) != 403);
  CHECK(status_of(poll_from(named.port(), "http://evil.example")) == 403);
  CHECK(status_of(raw_exchange(
            named.port(), handshake_bytes(handshake_from("http://teacher.local:8080")))) == 101);
  CHECK(status_of(poll_from(any.port(), "http://evil.example")) != 403);
}

TEST_CASE("headless Chromium: the demo page works, another site's page cannot read the streams") {
  ServerOptions options = test_server_options();
  options.time_scale = 1;
  // As `pushlab-cli serve` runs it: the page reaches the server through the relay.
  RecordingServer server(std::move(options));
  pushlab::testing::Run run;
  {
    const Serving serving(server);
    run = pushlab::testing::run_program("/usr/bin/python3 " PUSHLAB_SOURCE_DIR
                                        "/tests/live/browser_peer.py",
                                        std::to_string(server.port()) + " 2 foreign");
  }
  CAPTURE(run.out);
  CAPTURE(run.err);
  CHECK(run.exit_code == 0);
  CHECK(server.counts().forbidden >= 2);  // the handshake and the event stream
}

}  // namespace pushlab::live

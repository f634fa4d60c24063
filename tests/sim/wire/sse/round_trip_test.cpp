// What the encoder writes, the parser reads back as the browser would see it.

#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "sim/wire/sse/encoder.hpp"
#include "sim/wire/sse/parser.hpp"
#include "tests/sim/wire/sse/sse_test_support.hpp"

using namespace pushlab::sim::wire::sse;
using namespace sse_test;
using namespace std::string_literals;

namespace {

// Data comes back with LF line ends, whatever it was written with.
std::string with_lf_line_ends(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

class EventMaker {
 public:
  explicit EventMaker(unsigned seed) : random_(seed) {}

  Event make() {
    Event event;
    event.type = pick({"", "", "message", "add", " spaced", "a:b", "caf\xc3\xa9", "x\0y"s});
    event.data = text(
        pick({"", "a", "\n", "\r\n", "\r", " ", ":", "\xf0\x9f\x98\x80", "\0"s, "data: fake\n\n"}));
    if (chance(3)) event.id = text(pick({"", "7", " ", ":", "\xc3\xa9", "id"}));
    if (chance(4)) event.retry_ms = random_() % 100000;
    while (chance(4)) event.comments.push_back(text(pick({"", "ping", ":", " "})));
    return event;
  }

 private:
  bool chance(unsigned one_in) { return random_() % one_in == 0; }

  std::string pick(const std::vector<std::string>& choices) {
    return choices[random_() % choices.size()];
  }

  // A few copies of `piece` with letters between them.
  std::string text(const std::string& piece) {
    std::string out;
    for (auto n = random_() % 4; n > 0; --n) out += piece + std::string(random_() % 3, 'z');
    return out;
  }

  std::mt19937 random_;
};

}  // namespace

TEST_CASE("an event with every field comes back as its MessageEvent") {
  const Event event{.type = "update",
                    .data = "line 1\r\nline 2\n",
                    .id = "7",
                    .retry_ms = 100,
                    .comments = {"hello"}};
  Parser parser;
  feed(parser, encode(event));
  CHECK(take_all(parser) == std::vector{MessageEvent{"update", "line 1\nline 2\n", "7"}});
  CHECK(parser.last_event_id() == "7");
  CHECK(parser.retry_ms() == 100);
}

TEST_CASE("many encoded events parse back one for one, in order") {
  EventMaker maker(20240501);
  std::string stream = encode_comment("start") + encode_retry(5000);
  std::vector<MessageEvent> expected;
  std::string last_event_id;
  std::optional<std::uint64_t> retry_ms = 5000;
  for (int i = 0; i < 2000; ++i) {
    const Event event = maker.make();
    stream += encode(event);
    if (i % 10 == 0) stream += encode_comment("heartbeat");
    if (event.id) last_event_id = *event.id;
    if (event.retry_ms) retry_ms = event.retry_ms;
    expected.push_back({event.type.empty() ? "message" : event.type, with_lf_line_ends(event.data),
                        last_event_id});
  }

  Parser whole;
  feed(whole, stream);
  CHECK(take_all(whole) == expected);
  CHECK(whole.last_event_id() == last_event_id);
  CHECK(whole.retry_ms() == retry_ms);
  CHECK_FALSE(whole.failed());

  Parser in_pieces;
  for (std::size_t at = 0; at < stream.size(); at += 7) feed(in_pieces, stream.substr(at, 7));
  CHECK(take_all(in_pieces) == expected);
}

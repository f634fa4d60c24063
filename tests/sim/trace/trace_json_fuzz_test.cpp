// trace_from_json on JSON nobody meant to write: random mutations of a valid trace's JSON must
// give a Trace or an InputError, never a crash or another exception. Seeded, so every run tries
// the same mutations.

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "sim/trace/trace_json.hpp"
#include "tests/sim/trace/trace_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

namespace {

using Json = nlohmann::ordered_json;
using Pointer = Json::json_pointer;

// Values a mistake or a hostile file might put anywhere: wrong types, edges of every range, names
// that are valid elsewhere.
std::vector<Json> odd_values() {
  return {nullptr,
          true,
          -1,
          0,
          1,
          2,
          7,
          1.5,
          -0.0,
          1e300,
          4294967295u,
          4294967296u,
          9223372036854775807,
          18446744073709551615u,
          std::numeric_limits<std::int64_t>::min(),
          "",
          "x",
          "websocket",
          "server",
          "tcp",
          "AAAA",
          "====",
          Json::array(),
          Json::array({0, 0}),
          Json::object(),
          {{"role", "client"}, {"name", "c"}}};
}

// Field names that exist somewhere in a trace, so that a mutation often adds a known one.
constexpr std::array<std::string_view, 8> kKeys = {"received_ns",  "closed_ns",     "delivered_ns",
                                                   "bytes_base64", "modelled_size", "from",
                                                   "format",       "bogus"};

void collect_pointers(const Json& json, const Pointer& at, std::vector<Pointer>& out) {
  out.push_back(at);
  if (json.is_object()) {
    for (const auto& [key, value] : json.items()) collect_pointers(value, at / key, out);
  } else if (json.is_array()) {
    for (std::size_t i = 0; i < json.size(); ++i) collect_pointers(json[i], at / i, out);
  }
}

class Mutator {
 public:
  explicit Mutator(std::uint32_t seed) : random_(seed), values_(odd_values()) {}

  void mutate(Json& json) {
    std::vector<Pointer> pointers;
    collect_pointers(json, Pointer(), pointers);
    const Pointer at = pointers[pick(pointers.size())];
    switch (pick(4)) {
      case 0:
        json[at] = any_value();
        break;
      case 1:
        remove(json, at);
        break;
      case 2:
        add_field(json[at]);
        break;
      default:
        grow(json[at]);
        break;
    }
  }

 private:
  // Modulo rather than a distribution: the same numbers from every standard library.
  std::size_t pick(std::size_t count) { return random_() % count; }
  const Json& any_value() { return values_[pick(values_.size())]; }

  void remove(Json& json, const Pointer& at) {
    if (at.empty()) return;
    Json& parent = json[at.parent_pointer()];
    if (parent.is_object()) {
      parent.erase(at.back());
    } else {
      parent.erase(std::stoul(at.back()));
    }
  }

  void add_field(Json& value) {
    if (!value.is_object()) return;
    value[std::string(kKeys[pick(kKeys.size())])] = any_value();
  }

  // Repeats an item of an array (a second endpoint, frame, message id...).
  void grow(Json& value) {
    if (!value.is_array() || value.empty()) return;
    value.push_back(Json(value[pick(value.size())]));
  }

  std::mt19937 random_;
  std::vector<Json> values_;
};

}  // namespace

TEST_CASE("any mutation of a trace's JSON gives a trace or an InputError, nothing else") {
  Mutator mutator(20261122);
  const Json original = to_json(everything_trace());
  int accepted = 0;
  int refused = 0;
  for (int round = 0; round < 300; ++round) {
    Json json = original;
    for (int edits = 0; edits <= round % 3; ++edits) mutator.mutate(json);
    CAPTURE(json.dump());
    try {
      const Trace trace = trace_from_json(json, "fuzz.json");
      ++accepted;
      // Whatever it accepts obeys the round trip too.
      CHECK(trace_from_json(to_json(trace), "fuzz.json") == trace);
    } catch (const json::InputError&) {
      ++refused;
    } catch (const std::exception& error) {
      FAIL("escaped: " << error.what());
    }
  }
  // Both outcomes happen, so the mutations reach past the first check.
  CHECK(accepted > 20);
  CHECK(refused > 100);
}

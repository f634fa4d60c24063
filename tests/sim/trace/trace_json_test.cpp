#include "sim/trace/trace_json.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/json/parse.hpp"
#include "tests/sim/trace/trace_test_support.hpp"

using namespace pushlab::sim;
using namespace pushlab::sim::testing;

TEST_CASE("a small trace writes exactly this JSON") {
  // Checked by hand: times in ns (1.5 ms is 1500000), 81 02 68 69 is "gQJoaQ==", the lost ACK
  // has no received_ns, the open connection no closed_ns, the modelled ACK no bytes_base64.
  CHECK(to_json(small_trace()).dump() ==
        R"({"format":"pushlab-trace","version":1,"scenario":"hello","source":"sim",)"
        R"("duration_ns":2000000000,"lanes":[{"id":"websocket","transport":"websocket",)"
        R"("endpoints":[{"role":"client","name":"client 1"},{"role":"server","name":"server"}],)"
        R"("connections":[{"from":0,"to":1,"tls":false,"opened_ns":0}],)"
        R"("frames":[)"
        R"({"from":0,"to":1,"connection":0,"sent_ns":1000,"layer":"tcp","kind":"ack",)"
        R"("setup":false,"modelled_size":0,"transport_overhead":40,"messages":[],"note":""},)"
        R"({"from":1,"to":0,"connection":0,"sent_ns":1500000,"received_ns":26500000,)"
        R"("layer":"websocket","kind":"text","setup":false,"bytes_base64":"gQJoaQ==",)"
        R"("transport_overhead":52,"messages":[0],"note":"unmasked: server to client"}],)"
        R"("messages":[{"direction":"server-to-client","client":0,"payload_bytes":2,)"
        R"("created_ns":1000000,"delivered_ns":26500000}]}]})");
}

TEST_CASE("a lane written before lanes had ids is named after its transport") {
  nlohmann::ordered_json json = to_json(small_trace());
  json["lanes"][0].erase("id");
  json["lanes"][0]["transport"] = "sse";
  const Trace trace = trace_from_json(json, "old.json");
  CHECK(trace.lanes.at(0).id == "sse");
}

TEST_CASE("every feature of a trace survives the trip through JSON") {
  const Trace trace = everything_trace();
  CHECK(trace_from_json(to_json(trace), "t.json") == trace);
  // Through text too, as a file holds it.
  const std::string text = to_json(trace).dump(2);
  CHECK(trace_from_json(json::parse_text(text, "t.json"), "t.json") == trace);
  CHECK(trace_from_json(to_json(small_trace()), "t.json") == small_trace());
  CHECK(trace_from_json(to_json(Trace{}), "t.json") == Trace{});
}

TEST_CASE("host samples are written by their names, and only in a lane that has them") {
  const auto json = to_json(everything_trace());
  CHECK_FALSE(json["lanes"][0].contains("host_samples"));
  CHECK(json["lanes"][1]["host_samples"].dump() ==
        R"([{"endpoint":1,"at_ns":100000000,"connections":3,"threads_busy":2,"accept_queue":1,)"
        R"("memory_bytes":30720,"cpu_busy_ns":15000,"connects":4,"refused":1}])");
  nlohmann::ordered_json wrong = json;
  wrong["lanes"][1]["host_samples"][0]["endpoint"] = 5;
  CHECK_THROWS_WITH(trace_from_json(wrong, "t.json"),
                    "t.json: /lanes/1/host_samples/0/endpoint: 5 points nowhere (expected an "
                    "endpoint id from 0 to 1)");
}

TEST_CASE("host events are written by their names, and only in a lane that has them") {
  const auto json = to_json(everything_trace());
  CHECK_FALSE(json["lanes"][0].contains("host_events"));
  CHECK(json["lanes"][1]["host_events"].dump() ==
        R"([{"endpoint":1,"at_ns":1000000000,"kind":"crash"},)"
        R"({"endpoint":1,"at_ns":1500000000,"kind":"restart"}])");
  nlohmann::ordered_json wrong = json;
  wrong["lanes"][1]["host_events"][1]["kind"] = "reboot";
  CHECK_THROWS_WITH(trace_from_json(wrong, "t.json"),
                    doctest::Contains("t.json: /lanes/1/host_events/1/kind: \"reboot\""));
}

TEST_CASE("the enums are written by their JSON names") {
  const auto json = to_json(everything_trace());
  const auto& lane = json["lanes"][0];
  CHECK(lane["transport"] == "long-poll");
  CHECK(json["lanes"][1]["transport"] == "sse");
  CHECK(lane["endpoints"][1]["role"] == "proxy");
  CHECK(lane["frames"][1]["layer"] == "tls");
  CHECK(lane["frames"][3]["layer"] == "http");
  CHECK(lane["messages"][2]["direction"] == "client-to-server");
  CHECK(json["source"] == "live");
}

TEST_CASE("only absent optional times are left out") {
  const auto lane = to_json(everything_trace())["lanes"][0];
  CHECK(lane["connections"][0]["closed_ns"] == 2'000'000'000);
  CHECK_FALSE(lane["connections"][1].contains("closed_ns"));
  CHECK_FALSE(lane["frames"][6].contains("received_ns"));
  CHECK(lane["frames"][7]["received_ns"] == 715'000'000);
  CHECK_FALSE(lane["messages"][2].contains("delivered_ns"));
  CHECK(lane["frames"][1]["modelled_size"] == 517);
  CHECK_FALSE(lane["frames"][1].contains("bytes_base64"));
}

TEST_CASE("equal traces write byte-identical text, read back or not") {
  const std::string text = to_json(everything_trace()).dump();
  CHECK(to_json(everything_trace()).dump() == text);
  CHECK(to_json(trace_from_json(to_json(everything_trace()), "t.json")).dump() == text);
}

TEST_CASE("a trace saved to a file loads back the same, and file errors name the file") {
  // Named after the process: CTest may run other cases, or another build's, at the same time.
  const auto directory = std::filesystem::temp_directory_path() /
                         ("pushlab_trace_json_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const auto path = directory / "chat.trace.json";
  save_trace_file(everything_trace(), path);
  CHECK(load_trace_file(path) == everything_trace());
  std::stringstream text;
  text << std::ifstream(path).rdbuf();
  CHECK(text.str() == to_json(everything_trace()).dump(2) + "\n");
  CHECK_FALSE(std::filesystem::exists(directory / "chat.trace.json.saving"));

  const auto missing = directory / "missing.json";
  CHECK_THROWS_WITH_AS(load_trace_file(missing), (missing.string() + ": file not found").c_str(),
                       json::InputError);
  std::ofstream(path) << "{\n  \"format\": \"pushlab-trace\",\n  \"version\": }";
  CHECK_THROWS_WITH_AS(
      load_trace_file(path),
      (path.string() + ": line 3, column 14: syntax error while parsing value - unexpected '}'; "
                       "expected '[', '{', or a literal")
          .c_str(),
      json::InputError);
  const auto unwritable = directory / "no-such-directory" / "x.json";
  CHECK_THROWS_WITH_AS(save_trace_file(small_trace(), unwritable),
                       (unwritable.string() + ": cannot write the file").c_str(), json::InputError);
  std::filesystem::remove_all(directory);
}

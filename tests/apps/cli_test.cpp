// pushlab-cli as a user runs it: a real process, its output and its exit code.

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/apps/run_program.hpp"

namespace {

using namespace pushlab::testing;

Run run(const std::string& arguments, const std::string& input = "") {
  return run_program(PUSHLAB_CLI, arguments, input);
}

nlohmann::json run_json(const std::string& arguments, int expected_exit = 0) {
  const Run result = run(arguments);
  CAPTURE(result.err);
  REQUIRE(result.exit_code == expected_exit);
  return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("handshake reproduces RFC 6455's example byte for byte") {
  const auto json = run_json("handshake --key dGhlIHNhbXBsZSBub25jZQ== --json");
  CHECK(json["sha1_hex"] == "b37a4f2cc0624f1690f64606cf385945b2bec4ea");
  CHECK(json["accept"] == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  CHECK(json["request"] ==
        "GET /chat HTTP/1.1\r\nHost: server.example.com\r\nUpgrade: websocket\r\n"
        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        "Origin: http://example.com\r\nSec-WebSocket-Protocol: chat, superchat\r\n"
        "Sec-WebSocket-Version: 13\r\n\r\n");
  CHECK(
      json["response"] ==
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: chat\r\n\r\n");
}

TEST_CASE("handshake shows its steps, and without --key uses a fresh key each time") {
  const Run first = run("handshake");
  const Run second = run("handshake");
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.find("base64 of the 20-byte digest") != std::string::npos);
  CHECK(first.out.find("HTTP/1.1 101 Switching Protocols") != std::string::npos);
  CHECK(first.out != second.out);
  const Run bad_key = run("handshake --key c2hvcnQ=");
  CHECK(bad_key.exit_code == 1);
  CHECK(bad_key.err.find("Sec-WebSocket-Key is not the base64 of 16 bytes") != std::string::npos);
}

TEST_CASE("frame builds the section 5.7 examples byte for byte") {
  CHECK(run_json("frame --text Hello --json")["hex"] == "810548656c6c6f");
  CHECK(run_json("frame --text Hello --mask 37fa213d --json")["hex"] == "818537fa213d7f9f4d5158");
  CHECK(run_json("frame --text Hel --no-fin --json")["hex"] == "010348656c");
  CHECK(run_json("frame --opcode continuation --text lo --json")["hex"] == "80026c6f");
  CHECK(run_json("frame --opcode ping --text Hello --json")["hex"] == "890548656c6c6f");
  CHECK(run_json("frame --opcode pong --text Hello --mask 37fa213d --json")["hex"] ==
        "8a8537fa213d7f9f4d5158");
  CHECK(run_json("frame --code 1000 --text bye --json")["hex"] == "880503e8627965");
}

TEST_CASE("frame --json gives every field with its byte and bit range") {
  const auto json = run_json("frame --text Hello --mask 37fa213d --json");
  const auto& fields = json["frames"][0]["fields"];
  REQUIRE(fields.size() == 10);
  CHECK(fields[4]["name"] == "opcode");
  CHECK(fields[4]["value"] == "0x1 (text)");
  CHECK(fields[4]["bit_offset"] == 4);
  CHECK(fields[4]["bit_count"] == 4);
  CHECK(fields[7]["name"] == "masking key");
  CHECK(fields[7]["byte_offset"] == 2);
  CHECK(fields[7]["byte_count"] == 4);
  CHECK(fields[9]["value"] == "\"Hello\"");
}

TEST_CASE("frame refuses what the RFC forbids, and bad options, with the right exit code") {
  CHECK(run("frame --opcode ping --no-fin --text x").exit_code == 1);
  CHECK(run("frame --opcode ping --binary " + std::string(252, 'a')).exit_code == 1);
  CHECK(run("frame --mask 0102 --text x").err.find("--mask needs 4 bytes") != std::string::npos);
  CHECK(run("frame --opcode shout --text x").exit_code == 1);
  CHECK(run("frame --code 1005").exit_code == 1);
  CHECK(run("frame --text a --binary 00").exit_code == 2);
  CHECK(run("frame --no-such-option").exit_code == 2);
  CHECK(run("").exit_code == 2);
}

TEST_CASE("decode annotates several frames and names the first bad byte") {
  const auto json = run_json("decode --json 010348656c 80026c6f");
  REQUIRE(json["frames"].size() == 2);
  CHECK(json["frames"][1]["offset"] == 5);
  CHECK(json["frames"][1]["fields"][4]["value"] == "0x0 (continuation)");
  CHECK_FALSE(json.contains("error"));

  const Run truncated = run("decode 81 05 48 65");
  CHECK(truncated.exit_code == 1);
  CHECK(truncated.err.find("byte 4 (end of input): truncated frame") != std::string::npos);

  const Run unmasked = run("decode --from client 81 05 48 65 6c 6c 6f");
  CHECK(unmasked.exit_code == 1);
  CHECK(unmasked.err.find("byte 1 (0x05): a client's frame must be masked") != std::string::npos);

  const auto bad_utf8 = run_json("decode --json 81 03 61 ff 62", 1);
  CHECK(bad_utf8["error"]["offset"] == 3);
  CHECK(bad_utf8["error"]["reason"] == "text is not valid UTF-8");

  const Run not_hex = run("decode 81 0x");
  CHECK(not_hex.exit_code == 1);
  CHECK(not_hex.err.find("is not a hex digit") != std::string::npos);
}

TEST_CASE("decode reads hex from stdin with '-'") {
  const Run result = run("decode -", "81 85 37 fa 21 3d 7f 9f 4d 51 58\n");
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("\"Hello\"") != std::string::npos);
}

TEST_CASE("validate accepts the shipped scenarios and names the pointer of a mistake") {
  const Run good = run("validate " PUSHLAB_SOURCE_DIR "/scenarios/chat.json");
  CHECK(good.exit_code == 0);
  CHECK(good.out.find("ok") != std::string::npos);

  const auto dir = scratch_dir();
  std::ofstream(dir / "bad.json") << R"({"name": "x", "duration_s": 10, "transports": ["sse"],
    "traffic": [], "network": {"latncy_ms": 5}})";
  const Run bad = run("validate " + (dir / "bad.json").string());
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("bad.json: /network/latncy_ms: unknown field") != std::string::npos);
  CHECK(bad.err.find("did you mean latency_ms?") != std::string::npos);

  const auto json = run_json("validate --json " + (dir / "bad.json").string(), 1);
  CHECK(json[0]["pointer"] == "/network/latncy_ms");
  CHECK(run("validate /no/such/file.json").exit_code == 1);
}

TEST_CASE("run prints every transport's figures, as a table or as JSON") {
  const std::string chat = PUSHLAB_SOURCE_DIR "/scenarios/chat.json";
  const Run table = run("run " + chat + " --duration 10");
  CHECK(table.exit_code == 0);
  CHECK(table.out.find("latency p95 (ms)") != std::string::npos);
  CHECK(table.out.find("short-poll  long-poll  websocket  sse") != std::string::npos);

  const auto json = run_json("run " + chat + " --duration 10 --transport websocket --json");
  CHECK(json["scenario"] == "chat");
  REQUIRE(json["runs"].size() == 1);
  const auto& lane = json["runs"][0];
  CHECK(lane["transport"] == "websocket");
  CHECK(lane["source"] == "sim");
  CHECK(lane["delivered"].get<int>() > 0);
  CHECK(lane["lost"] == 0);
  CHECK(lane["latency_ms"]["max"] == doctest::Approx(50));  // one transit of 50 ms
  CHECK(lane["bytes"]["setup"].get<int>() > 0);             // the upgrade
  for (const char* key : {"overhead_bytes_per_message", "http_requests", "connections_opened",
                          "empty_responses", "peak_server_connections"}) {
    CHECK(lane.contains(key));
  }
  // One server, which accepted the one WebSocket connection and carried every byte of it.
  REQUIRE(lane["servers"].size() == 1);
  const auto& server = lane["servers"][0];
  CHECK(server["name"] == "server");
  CHECK(server["connections"] == 1);
  CHECK(server["peak_connections"] == lane["peak_server_connections"]);
  CHECK(server["bytes_in"].get<std::uint64_t>() + server["bytes_out"].get<std::uint64_t>() ==
        lane["bytes"]["ip"].get<std::uint64_t>());
}

TEST_CASE("run --trace-out writes a trace of every frame") {
  const auto trace = scratch_dir() / "chat.trace.json";
  const Run result = run("run " PUSHLAB_SOURCE_DIR
                         "/scenarios/chat.json --duration 5 --transport sse "
                         "--trace-out " +
                         trace.string());
  CHECK(result.exit_code == 0);
  const auto json = nlohmann::json::parse(slurp(trace));
  CHECK(json["format"] == "pushlab-trace");
  REQUIRE(json["lanes"].size() == 1);
  CHECK(json["lanes"][0]["frames"].size() > 5);
}

TEST_CASE("run and sweep refuse bad input with exit 1 and say what is wrong") {
  const std::string chat = PUSHLAB_SOURCE_DIR "/scenarios/chat.json";
  const Run clients = run("run " + chat + " --clients 0");
  CHECK(clients.exit_code == 1);
  CHECK(clients.err.find("--clients 0 is out of range") != std::string::npos);
  CHECK(run("run " + chat + " --duration -3").exit_code == 1);
  CHECK(run("run /no/such.json").exit_code == 1);
  CHECK(run("run " + chat + " --transport carrier-pigeon").exit_code == 2);
  const Run counts = run("sweep " + chat + " --clients 10,many");
  CHECK(counts.exit_code == 1);
  CHECK(counts.err.find("\"many\" is not a client count") != std::string::npos);
}

TEST_CASE("sweep gives a row per client count and transport") {
  const auto json = run_json("sweep " PUSHLAB_SOURCE_DIR
                             "/scenarios/ticker.json --clients 2,4 --duration 5 --json");
  CHECK(json["scenario"] == "ticker");
  REQUIRE(json["rows"].size() == 8);
  CHECK(json["rows"][0]["clients"] == 2);
  CHECK(json["rows"][4]["clients"] == 4);
  // Twice the clients, about twice the bandwidth: every client has its own identical traffic.
  const double two = json["rows"][2]["bandwidth_bps"].get<double>();
  const double four = json["rows"][6]["bandwidth_bps"].get<double>();
  CHECK(json["rows"][2]["transport"] == "websocket");
  CHECK(four / two == doctest::Approx(2.0).epsilon(0.05));
  CHECK(json["rows"][2]["overhead_bps"].get<double>() <
        json["rows"][1]["overhead_bps"].get<double>());
}

TEST_CASE("sweep --set changes the scenario it sweeps, as run --set does") {
  const std::string ticker = PUSHLAB_SOURCE_DIR "/scenarios/ticker.json";
  const auto every_second = run_json("sweep " + ticker +
                                     " --clients 3 --duration 20 --transport short-poll "
                                     "--set short_poll.interval_s=1 --json");
  const auto every_four = run_json("sweep " + ticker +
                                   " --clients 3 --duration 20 --transport short-poll "
                                   "--set short_poll.interval_s=4 --json");
  REQUIRE(every_second["rows"].size() == 1);
  REQUIRE(every_four["rows"].size() == 1);
  // A quarter of the polls: far fewer bytes of HTTP headers on the wire.
  CHECK(every_four["rows"][0]["bandwidth_bps"].get<double>() <
        every_second["rows"][0]["bandwidth_bps"].get<double>() * 0.75);
  const Run bad = run("sweep " + ticker + " --clients 3 --set short_poll.interval_s=-1");
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("/short_poll/interval_s") != std::string::npos);
}

TEST_CASE("sweep --vary runs a grid of any scenario field, the first --vary changing slowest") {
  const auto json =
      run_json("sweep " PUSHLAB_SOURCE_DIR
               "/scenarios/chat.json --clients 4 --duration 12 --transport websocket "
               "--vary cluster.servers=1,2 --vary cluster.broker.kind=none,redis-pubsub "
               "--json");
  REQUIRE(json["rows"].size() == 4);
  const auto set_of = [&](int row) {
    const auto& set = json["rows"][row]["set"];
    return std::to_string(set["cluster.servers"].get<int>()) + " " +
           set["cluster.broker.kind"].get<std::string>();
  };
  CHECK(set_of(0) == "1 none");
  CHECK(set_of(1) == "1 redis-pubsub");
  CHECK(set_of(2) == "2 none");
  CHECK(set_of(3) == "2 redis-pubsub");
  // Each row ran what it names: the servers it had, and the broker's traffic or none.
  CHECK(json["rows"][2]["cluster"]["servers"].size() == 2);
  CHECK(json["rows"][2]["cluster"]["broker"]["bytes"] == 0);
  CHECK(json["rows"][3]["cluster"]["broker"]["bytes"].get<int>() > 0);
}

TEST_CASE("sweep --vary compares thread-per-request with an event loop on the same crowd") {
  const auto json = run_json("sweep " PUSHLAB_SOURCE_DIR
                             "/scenarios/thread-exhaustion.json --duration 40 --vary "
                             "cluster.server.model='\"thread-per-request\",\"event-loop\"' --json");
  REQUIRE(json["rows"].size() == 2);
  const auto& threads = json["rows"][0]["cluster"]["servers"][0];
  const auto& loop = json["rows"][1]["cluster"]["servers"][0];
  CHECK(threads["threads_busy_max"] == 200);
  CHECK(threads["accept_queue_max"] == 800);
  CHECK(loop["threads_busy_max"] == 0);
  CHECK(json["rows"][0]["latency_p99_ms"].get<double>() >= 10'000);
  CHECK(json["rows"][1]["latency_p99_ms"].get<double>() < 300);
}

TEST_CASE("sweep --vary refuses a malformed axis and a value the scenario cannot take") {
  const std::string chat = PUSHLAB_SOURCE_DIR "/scenarios/chat.json";
  const Run shapeless = run("sweep " + chat + " --vary cluster.servers");
  CHECK(shapeless.exit_code == 1);
  CHECK(shapeless.err.find("expected PATH=V1,V2,...") != std::string::npos);
  const Run zero = run("sweep " + chat + " --clients 2 --vary cluster.servers=0,2");
  CHECK(zero.exit_code == 1);
  CHECK(zero.err.find("/cluster/servers: 0 is out of range") != std::string::npos);
}

TEST_CASE("run --no-trace keeps the figures and writes only the time series") {
  const std::string scenario = PUSHLAB_SOURCE_DIR "/scenarios/thread-exhaustion.json";
  const auto whole = scratch_dir() / "whole.trace.json";
  const auto series = scratch_dir() / "series.trace.json";
  const auto kept =
      run_json("run " + scenario + " --duration 5 --json --trace-out " + whole.string());
  const auto slim = run_json("run " + scenario + " --duration 5 --json --no-trace --trace-out " +
                             series.string());
  CHECK(slim == kept);  // the same figures
  const auto full = nlohmann::json::parse(slurp(whole))["lanes"][0];
  const auto samples = nlohmann::json::parse(slurp(series))["lanes"][0];
  CHECK(samples["frames"].empty());
  CHECK(samples["connections"].empty());
  CHECK(samples["endpoints"] == full["endpoints"]);
  CHECK(samples["host_samples"] == full["host_samples"]);
  // 5 s of traffic in whole 100 ms intervals, for the balancer and the one server.
  CHECK(samples["host_samples"].size() == 2 * 50);
}

TEST_CASE("every command has --help, and --version prints the version") {
  for (const char* command :
       {"", "demo", "handshake", "frame", "decode", "validate", "run", "sweep"}) {
    CAPTURE(command);
    const Run help = run(std::string(command) + " --help");
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("Usage") != std::string::npos);
  }
  const Run version = run("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.out.find(PUSHLAB_VERSION) != std::string::npos);
}

TEST_CASE("demo walks through the RFC examples") {
  const Run demo = run("demo");
  CHECK(demo.exit_code == 0);
  CHECK(demo.out.find("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") != std::string::npos);
  CHECK(demo.out.find("0000  81 85 37 fa 21 3d 7f 9f  4d 51 58") != std::string::npos);
}

namespace {

// The lines tshark prints for the packets of `capture` that match `filter`.
std::size_t tshark_count(const std::string& capture, const std::string& filter,
                         const std::string& options = "") {
  const Run shark = run_program("tshark", options + " -r " + capture + " -Y '" + filter + "'");
  CAPTURE(shark.err);
  REQUIRE(shark.exit_code == 0);
  return static_cast<std::size_t>(std::count(shark.out.begin(), shark.out.end(), '\n'));
}

}  // namespace

TEST_CASE("export --format pcap: Wireshark's tshark dissects the requests, the 101, each frame") {
  const std::string capture = (scratch_dir() / "chat.pcap").string();
  const Run exported =
      run("export " PUSHLAB_SOURCE_DIR "/scenarios/chat.json --duration 10 --format pcap --out " +
          capture);
  CAPTURE(exported.err);
  REQUIRE(exported.exit_code == 0);
  CHECK(tshark_count(capture, "http.response.code == 101") == 1);
  CHECK(tshark_count(capture, "http.request.method == \"POST\"") >= 2);  // a message each way
  // A text frame for each message the WebSocket lane carried, either way, then the close
  // handshake.
  const auto figures = run_json("run " PUSHLAB_SOURCE_DIR
                                "/scenarios/chat.json --duration 10 --transport websocket --json");
  const auto messages = figures["runs"][0]["delivered"].get<std::size_t>();
  CHECK(messages >= 5);
  CHECK(tshark_count(capture, "websocket.opcode == 1") == messages);
  CHECK(tshark_count(capture, "websocket.opcode == 8") == 2);
  // Every checksum right, and no sequence number that TCP analysis finds out of place.
  CHECK(tshark_count(capture, "ip.checksum.status == \"Bad\" || tcp.checksum.status == \"Bad\"",
                     "-o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE") == 0);
  CHECK(tshark_count(capture, "tcp.analysis.flags") == 0);
}

TEST_CASE("export --format svg and csv: a well-formed picture and a table Python reads") {
  const std::string picture = (scratch_dir() / "chat.svg").string();
  const std::string table = (scratch_dir() / "chat.csv").string();
  for (const std::string& format :
       {std::string("svg --to 3 --out ") + picture, std::string("csv --out ") + table}) {
    const Run exported =
        run("export " PUSHLAB_SOURCE_DIR "/scenarios/chat.json --duration 10 --format " + format);
    CAPTURE(exported.err);
    REQUIRE(exported.exit_code == 0);
  }
  // Independent readers: Python's XML parser and its csv module.
  const Run xml = run_program("/usr/bin/python3",
                              "-c \"import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); "
                              "print(len(d.getElementsByTagName('line')))\" " +
                                  picture);
  CAPTURE(xml.err);
  REQUIRE(xml.exit_code == 0);
  CHECK(std::stoi(xml.out) > 50);
  const Run rows =
      run_program("/usr/bin/python3",
                  "-c \"import csv, sys; r = list(csv.DictReader(open(sys.argv[1], newline=''))); "
                  "print(sum(x['record'] == 'message' for x in r), len({len(x) for x in r}))\" " +
                      table);
  CAPTURE(rows.err);
  REQUIRE(rows.exit_code == 0);
  const auto figures =
      run_json("run " PUSHLAB_SOURCE_DIR "/scenarios/chat.json --duration 10 --json");
  std::size_t delivered = 0;
  for (const auto& lane : figures["runs"]) delivered += lane["delivered"].get<std::size_t>();
  // A row per delivered message, and every row with the same columns.
  CHECK(rows.out == std::to_string(delivered) + " 1\n");
}

TEST_CASE("export: a bad format or a missing file is refused, naming it") {
  const Run format = run("export " PUSHLAB_SOURCE_DIR "/scenarios/chat.json --format gif --out x");
  CHECK(format.exit_code != 0);
  CHECK(format.err.find("gif") != std::string::npos);
  const Run missing = run("export nowhere.json --format csv --out x.csv");
  CHECK(missing.exit_code != 0);
  CHECK(missing.err.find("nowhere.json") != std::string::npos);
}

TEST_CASE("validate reads lessons too: ok with a summary, or the file, line and what is wrong") {
  const auto root = scratch_dir() / "project";
  std::filesystem::create_directories(root / "lessons");
  std::filesystem::create_directories(root / "scenarios");
  std::filesystem::copy_file(PUSHLAB_SOURCE_DIR "/scenarios/chat.json",
                             root / "scenarios" / "chat.json",
                             std::filesystem::copy_options::overwrite_existing);
  const auto good = root / "lessons" / "01-good.md";
  std::ofstream(good) << "# Good\n\n## One\n\n```pushlab\n{\"scenario\": "
                         "\"scenarios/chat.json\", \"select\": \"101\"}\n```\n\n```quiz\n"
                         "{\"question\": \"q?\", \"choices\": [\"a\", \"b\"], \"answer\": 0, "
                         "\"why\": \"w\"}\n```\n";
  const Run ok = run("validate " + good.string());
  CAPTURE(ok.err);
  CHECK(ok.exit_code == 0);
  CHECK(ok.out == good.string() + ": ok (lesson \"Good\": 1 step, 1 quiz question)\n");
  const auto bad = root / "lessons" / "02-bad.md";
  std::ofstream(bad) << "# Bad\n\n## One\n\n```pushlab\n{\"scenario\": \"scenarios/chat.json\", "
                        "\"at\": 999}\n```\n";
  const Run refused = run("validate " + bad.string());
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.starts_with(bad.string() + ": line 5: /at: "));
}

TEST_CASE("lesson: the steps with their frames drawn; --quiz asks and scores") {
  const auto root = scratch_dir() / "quiz-project";
  std::filesystem::create_directories(root / "lessons");
  std::filesystem::create_directories(root / "scenarios");
  std::filesystem::copy_file(PUSHLAB_SOURCE_DIR "/scenarios/chat.json",
                             root / "scenarios" / "chat.json",
                             std::filesystem::copy_options::overwrite_existing);
  const auto file = root / "lessons" / "01-quiz.md";
  std::ofstream(file) << "# Holding\n\n## The hold\n\nHeld.\n\n```pushlab\n{\"scenario\": "
                         "\"scenarios/chat.json\", \"at\": 0.9, \"lanes\": [\"long-poll\"]}\n"
                         "```\n\n## Quiz\n\n```quiz\n{\"question\": \"Who holds?\", \"choices\": "
                         "[\"client\", \"server\"], \"answer\": 1, \"why\": \"The server.\"}\n"
                         "```\n\n```quiz\n{\"question\": \"How many?\", \"choices\": [\"1\", "
                         "\"2\"], \"answer\": 0, \"why\": \"One.\"}\n```\n";
  const Run read = run("lesson " + file.string());
  CAPTURE(read.err);
  REQUIRE(read.exit_code == 0);
  CHECK(read.out.starts_with("Holding\n=======\n"));
  CHECK(read.out.find("Step 1 of 2: The hold") != std::string::npos);
  CHECK(read.out.find("|------------------------------>|  GET /lp") != std::string::npos);
  CHECK(read.out.find("(answer: 2. The server.)") != std::string::npos);
  // One right, one wrong after a reply that is not a choice.
  const Run quiz = run("lesson " + file.string() + " --quiz", "2\nseven\n2\n");
  CHECK(quiz.exit_code == 0);
  CHECK(quiz.out.find("Right. The server.") != std::string::npos);
  CHECK(quiz.out.find("Not quite: it is 1. One.") != std::string::npos);
  CHECK(quiz.out.ends_with("You answered 1 of 2 right.\n"));
}

TEST_CASE("--set changes a scenario field as a lesson's set does, or names what is wrong") {
  const std::string run_short_poll =
      "run " PUSHLAB_SOURCE_DIR "/scenarios/chat.json --transport short-poll --duration 10 --json";
  const auto every_second = run_json(run_short_poll);
  const auto four_a_second = run_json(run_short_poll + " --set short_poll.interval_s=0.25");
  CHECK(four_a_second["runs"][0]["http_requests"].get<int>() >
        3 * every_second["runs"][0]["http_requests"].get<int>());
  const Run unknown = run(run_short_poll + " --set short_poll.interval=1");
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("\"short_poll.interval\" names no field of a scenario") !=
        std::string::npos);
  const Run refused = run(run_short_poll + " --set network.latency_ms=-1");
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("--set: /network/latency_ms: ") != std::string::npos);
}

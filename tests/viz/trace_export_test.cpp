#include "viz/model/trace_export.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "sim/json/input_error.hpp"
#include "sim/transports/simulate.hpp"
#include "tests/sim/transports/transport_test_support.hpp"

namespace pushlab::viz {

namespace {

using namespace sim::testing;

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("export: every format writes its file and says what it wrote") {
  sim::Scenario scenario = basic_scenario(sim::Transport::websocket, 5s);
  add_at(scenario, sim::Direction::server_to_client, {1s, 2s});
  const sim::Trace trace = sim::simulate(scenario);
  const auto dir = std::filesystem::temp_directory_path() /
                   ("pushlab_export_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const ExportFormatName& format : kExportFormats) {
    CAPTURE(format.name);
    const auto file = dir / ("run" + std::string(format.extension));
    const std::string said = export_trace(trace, {.format = format.format, .file = file});
    CHECK(said.starts_with("wrote " + file.string() + ": 1 lanes, "));
    const std::string written = read(file);
    REQUIRE(!written.empty());
    switch (format.format) {
      case ExportFormat::svg:
        CHECK(written.starts_with("<svg "));
        break;
      case ExportFormat::pcap:
        CHECK(static_cast<unsigned char>(written[0]) == 0x4d);
        break;
      case ExportFormat::csv:
        CHECK(written.starts_with("record,lane,"));
        break;
      case ExportFormat::mermaid:
        CHECK(written.starts_with("sequenceDiagram\n"));
        break;
    }
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("export: a lane not in the trace, or a file that cannot be written, is refused") {
  const sim::Trace trace = sim::simulate(basic_scenario(sim::Transport::sse, 2s));
  CHECK_THROWS_AS(export_trace(trace, {.format = ExportFormat::mermaid,
                                       .file = std::filesystem::temp_directory_path() / "x.mmd",
                                       .lanes = {sim::Transport::websocket}}),
                  std::invalid_argument);
  CHECK_THROWS_AS(
      export_trace(trace, {.format = ExportFormat::csv, .file = "/nonexistent/dir/run.csv"}),
      sim::json::InputError);
}

}  // namespace pushlab::viz

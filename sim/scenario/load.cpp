#include "sim/scenario/load.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <fstream>
#include <functional>
#include <limits>
#include <string>
#include <system_error>

#include "sim/scenario/detail/duplicate_key_check.hpp"
#include "sim/scenario/detail/json_reader.hpp"
#include "sim/scenario/detail/read_sections.hpp"
#include "sim/scenario/detail/read_traffic.hpp"

namespace pushlab::sim {

namespace {

using detail::Json;
using detail::Location;
using detail::NumberRange;
using detail::ObjectReader;

// Far above any scenario written by hand; stops a wrong path from filling memory.
constexpr std::size_t kMaxFileBytes = 64 * 1024 * 1024;
constexpr std::size_t kMaxNameLength = 64;
constexpr NumberRange kDurationSeconds{.min = 0, .max = 86400, .excludes_min = true};
constexpr int kMaxClients = 1'000'000;

constexpr std::array<std::string_view, 15> kScenarioFields = {
    "name",  "title", "description", "duration_s", "seed",      "transports", "clients", "network",
    "proxy", "http",  "short_poll",  "long_poll",  "websocket", "sse",        "traffic"};

[[noreturn]] void fail_file(const std::filesystem::path& path, std::string reason) {
  throw ScenarioError(path.string(), "", std::move(reason));
}

// Checked before opening so that each case gets its own message.
void check_file(const std::filesystem::path& path) {
  std::error_code error;
  const auto status = std::filesystem::status(path, error);
  if (status.type() == std::filesystem::file_type::not_found) fail_file(path, "file not found");
  if (std::filesystem::is_directory(status)) fail_file(path, "is a directory, not a file");
}

// Reads in chunks up to a limit, so that even /dev/zero gets an answer.
std::string read_file(const std::filesystem::path& path) {
  check_file(path);
  errno = 0;
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    const std::string why = errno == 0 ? "" : " (" + std::generic_category().message(errno) + ")";
    fail_file(path, "cannot open the file" + why);
  }
  std::string text;
  std::array<char, 64 * 1024> chunk;
  while (file.read(chunk.data(), chunk.size()) || file.gcount() > 0) {
    text.append(chunk.data(), static_cast<std::size_t>(file.gcount()));
    if (text.size() > kMaxFileBytes) {
      fail_file(path,
                "file too large (expected at most " + std::to_string(kMaxFileBytes) + " bytes)");
    }
  }
  if (file.bad()) fail_file(path, "cannot read the file");
  return text;
}

// Line and column (in bytes) of the character at `offset`, both counted from 1.
TextPosition position_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line_start =
      before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
  return {.line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n')),
          .column = offset - line_start + 1};
}

// nlohmann's message without its "[json.exception...] parse error at line 1, column 2: " prefix.
std::string reason_of(const nlohmann::json::exception& error) {
  std::string_view what = error.what();
  if (const auto end_of_id = what.find("] "); end_of_id != std::string_view::npos) {
    what.remove_prefix(end_of_id + 2);
  }
  if (const auto colon = what.find(": "); what.starts_with("parse error") && colon != what.npos) {
    what.remove_prefix(colon + 2);
  }
  return std::string(what);
}

Json parse_json(std::string_view text, std::string_view source_name) {
  detail::DuplicateKeyCheck duplicate_key_check(source_name);
  try {
    return Json::parse(text, std::ref(duplicate_key_check));
  } catch (const Json::parse_error& error) {
    // error.byte counts the offending character itself, so it is one past its offset.
    const std::size_t offset = error.byte == 0 ? 0 : error.byte - 1;
    throw ScenarioError(std::string(source_name), position_at(text, offset), reason_of(error));
  } catch (const Json::exception& error) {  // a number too large for a double
    throw ScenarioError(std::string(source_name), "", reason_of(error));
  }
}

bool is_slug(std::string_view name) {
  const auto slug_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  };
  return !name.empty() && name.size() <= kMaxNameLength &&
         std::all_of(name.begin(), name.end(), slug_char);
}

std::string read_name(const ObjectReader& object) {
  const Json& value = object.require("name", "in every scenario");
  const std::string& name = detail::read_string(value, object.location("name"));
  if (!is_slug(name)) {
    object.location("name").fail(detail::describe(value) +
                                 " is not a valid name (expected 1 to 64 of a-z, 0-9 and '-', "
                                 "like \"chat-behind-proxy\")");
  }
  return name;
}

std::vector<Transport> read_transports(const Json& value, const Location& where) {
  const auto& items = detail::read_array(value, where);
  if (items.empty()) {
    where.fail("[] is empty (expected at least one of short-poll, long-poll, websocket, sse)");
  }
  std::vector<Transport> transports;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const Transport transport =
        detail::read_enum(items[i], where.item(i), kAllTransports, "a transport");
    if (std::find(transports.begin(), transports.end(), transport) != transports.end()) {
      where.item(i).fail(detail::describe(items[i]) +
                         " is listed twice (expected each transport once)");
    }
    transports.push_back(transport);
  }
  return transports;
}

// Reads an optional object section with `read`, keeping `out` (its defaults) when absent.
template <typename Section>
void read_section(const ObjectReader& object, std::string_view field,
                  Section (*read)(const Json&, const Location&), Section& out) {
  if (const Json* value = object.find(field)) out = read(*value, object.location(field));
}

void read_sections(const ObjectReader& object, Scenario& scenario) {
  read_section(object, "network", detail::read_network, scenario.network);
  read_section(object, "proxy", detail::read_proxy, scenario.proxy);
  read_section(object, "http", detail::read_http, scenario.http);
  read_section(object, "short_poll", detail::read_short_poll, scenario.short_poll);
  read_section(object, "long_poll", detail::read_long_poll, scenario.long_poll);
  read_section(object, "websocket", detail::read_websocket, scenario.websocket);
  read_section(object, "sse", detail::read_sse, scenario.sse);
}

}  // namespace

Scenario load_scenario_file(const std::filesystem::path& path) {
  return parse_scenario_text(read_file(path), path.string());
}

Scenario parse_scenario_text(std::string_view text, std::string_view source_name) {
  return parse_scenario(parse_json(text, source_name), source_name);
}

Scenario parse_scenario(const nlohmann::ordered_json& json, std::string_view source_name) {
  const ObjectReader object(json, Location(source_name), kScenarioFields);
  Scenario scenario;
  scenario.name = read_name(object);
  object.read_string("title", scenario.title);
  object.read_string("description", scenario.description);
  scenario.duration = detail::read_seconds(object.require("duration_s", "in every scenario"),
                                           object.location("duration_s"), kDurationSeconds);
  object.read_integer("seed", std::uint64_t{0}, std::numeric_limits<std::uint64_t>::max(),
                      scenario.seed);
  scenario.transports = read_transports(object.require("transports", "in every scenario"),
                                        object.location("transports"));
  object.read_integer("clients", 1, kMaxClients, scenario.clients);
  read_sections(object, scenario);
  scenario.traffic = detail::read_traffic(object.require("traffic", "in every scenario"),
                                          object.location("traffic"), scenario.duration);
  return scenario;
}

}  // namespace pushlab::sim

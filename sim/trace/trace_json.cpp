#include "sim/trace/trace_json.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/parse.hpp"
#include "sim/json/read_value.hpp"
#include "sim/json/text_file.hpp"
#include "sim/trace/detail/read_lane.hpp"
#include "sim/wire/base64.hpp"

namespace pushlab::sim {

namespace {

using json::Json;
using json::Location;
using json::ObjectReader;

constexpr std::string_view kFormat = "pushlab-trace";
constexpr std::uint64_t kVersion = 1;
// A run of ten thousand clients stays far below; stops a wrong path from filling memory.
constexpr std::size_t kMaxFileBytes = std::size_t{1} << 30;

constexpr std::array<std::string_view, 6> kTraceFields = {"format", "version",     "scenario",
                                                          "source", "duration_ns", "lanes"};
constexpr std::array<std::string_view, 2> kSources = {"sim", "live"};

Json time_json(Nanoseconds time) {
  return time.count();
}

void put_time(Json& json, std::string_view field, const std::optional<Nanoseconds>& time) {
  if (time) json[std::string(field)] = time_json(*time);
}

Json to_json(const Endpoint& endpoint) {
  return {{"role", to_string(endpoint.role)}, {"name", endpoint.name}};
}

Json to_json(const Connection& connection) {
  Json json = {{"from", connection.from},
               {"to", connection.to},
               {"tls", connection.tls},
               {"opened_ns", time_json(connection.opened_at)}};
  put_time(json, "closed_ns", connection.closed_at);
  return json;
}

Json to_json(const WireFrame& frame) {
  Json json = {{"from", frame.from},
               {"to", frame.to},
               {"connection", frame.connection},
               {"sent_ns", time_json(frame.sent_at)}};
  put_time(json, "received_ns", frame.received_at);
  json["layer"] = to_string(frame.layer);
  json["kind"] = frame.kind;
  json["setup"] = frame.setup;
  if (frame.modelled()) {
    json["modelled_size"] = *frame.modelled_size;
  } else {
    json["bytes_base64"] = wire::base64_encode(frame.bytes);
  }
  json["transport_overhead"] = frame.transport_overhead;
  json["messages"] = frame.messages;
  json["note"] = frame.note;
  return json;
}

Json to_json(const Message& message) {
  Json json = {{"direction", to_string(message.direction)},
               {"client", message.client},
               {"payload_bytes", message.payload_bytes},
               {"created_ns", time_json(message.created_at)}};
  put_time(json, "delivered_ns", message.delivered_at);
  return json;
}

Json to_json(const HostSample& sample) {
  return {{"endpoint", sample.endpoint},
          {"at_ns", time_json(sample.at)},
          {"connections", sample.connections},
          {"threads_busy", sample.threads_busy},
          {"accept_queue", sample.accept_queue},
          {"memory_bytes", sample.memory_bytes},
          {"cpu_busy_ns", time_json(sample.cpu_busy)},
          {"connects", sample.connects},
          {"refused", sample.refused}};
}

Json to_json(const HostEvent& event) {
  return {{"endpoint", event.endpoint},
          {"at_ns", time_json(event.at)},
          {"kind", to_string(event.kind)}};
}

Json to_json(const Lane& lane);  // declared here so that list_json sees it

template <typename Item>
Json list_json(const std::vector<Item>& items) {
  Json json = Json::array();
  for (const Item& item : items) json.push_back(to_json(item));
  return json;
}

Json to_json(const Lane& lane) {
  Json json = {{"id", lane.id},
               {"transport", to_string(lane.transport)},
               {"endpoints", list_json(lane.endpoints)},
               {"connections", list_json(lane.connections)},
               {"frames", list_json(lane.frames)},
               {"messages", list_json(lane.messages)}};
  // Only a cluster has them; a lane without one is written as before they existed.
  if (!lane.host_samples.empty()) json["host_samples"] = list_json(lane.host_samples);
  if (!lane.host_events.empty()) json["host_events"] = list_json(lane.host_events);
  return json;
}

// ObjectReader::require's check, for the fields read before the reader refuses unknown ones.
const Json& require_first(const Json& value, const Location& where, std::string_view field) {
  const auto found = value.find(field);
  if (found == value.end()) {
    where.fail("missing field \"" + std::string(field) + "\" (expected it in every trace)");
  }
  return *found;
}

// Checked before any other field, so that another kind of file, or a trace from a newer PushLab,
// is named as such rather than by its first unknown field.
void check_format(const Json& value, const Location& where) {
  if (!value.is_object()) json::fail_type(value, where, "an object");
  const Json& format = require_first(value, where, "format");
  if (json::read_string(format, where.field("format")) != kFormat) {
    where.field("format").fail(json::describe(format) + " is not a PushLab trace (expected \"" +
                               std::string(kFormat) + "\")");
  }
  const Json& version = require_first(value, where, "version");
  const Location version_where = where.field("version");
  constexpr auto kAnyVersion = std::numeric_limits<std::uint64_t>::max();
  if (json::read_integer(version, version_where, 0, kAnyVersion) != kVersion) {
    version_where.fail(json::describe(version) + " is not a version this PushLab reads (expected " +
                       std::to_string(kVersion) + ")");
  }
}

}  // namespace

nlohmann::ordered_json to_json(const Trace& trace) {
  return {{"format", kFormat},
          {"version", kVersion},
          {"scenario", trace.scenario},
          {"source", trace.source},
          {"duration_ns", time_json(trace.duration)},
          {"lanes", list_json(trace.lanes)}};
}

Trace trace_from_json(const nlohmann::ordered_json& value, std::string_view source_name) {
  const Location where(source_name);
  check_format(value, where);
  const ObjectReader object(value, where, kTraceFields);
  Trace trace;
  trace.scenario =
      json::read_string(object.require("scenario", "in every trace"), object.location("scenario"));
  trace.source = kSources[json::read_choice(object.require("source", "in every trace"),
                                            object.location("source"), kSources, "a trace source")];
  trace.duration = json::read_nanoseconds(object.require("duration_ns", "in every trace"),
                                          object.location("duration_ns"));
  trace.lanes = json::read_list(object.require("lanes", "in every trace"), object.location("lanes"),
                                detail::read_lane);
  return trace;
}

Trace load_trace_file(const std::filesystem::path& path) {
  return trace_from_json(json::parse_file(path, kMaxFileBytes), path.string());
}

void save_trace_file(const Trace& trace, const std::filesystem::path& path) {
  json::write_text_file(path, to_json(trace).dump(2) + "\n");
}

}  // namespace pushlab::sim

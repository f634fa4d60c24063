#pragma once
// The Trace as JSON: times in integer nanoseconds ("sent_ns"), enums by their JSON names, exact
// bytes in base64 ("bytes_base64") or, for what PushLab only models, "modelled_size". So a trace
// written and read back is equal to the original, and equal traces always write the same text.
//
//   {"format": "pushlab-trace", "version": 1, "scenario": "chat", "source": "sim",
//    "duration_ns": 1000000000, "lanes": [{"id": "websocket", "transport": "websocket",
//    "endpoints": [...],
//    "connections": [...], "frames": [...], "messages": [...]}]}
//
// Every field is written, in the order of the structs in trace.hpp; only the optional times
// (closed_ns, received_ns, delivered_ns) are left out when absent.

#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/json/input_error.hpp"
#include "sim/trace/trace.hpp"

namespace pushlab::sim {

nlohmann::ordered_json to_json(const Trace& trace);

// Throws json::InputError (`SOURCE: /json/pointer: what is wrong (expected ...)`) for anything
// that is not a well-formed trace: an unknown format or version, unknown fields, wrong types,
// negative times, ids that point nowhere, a frame received before it was sent or not along its
// connection, bytes that are not base64. trace_from_json(to_json(t), ...) == t for any trace it
// accepts.
Trace trace_from_json(const nlohmann::ordered_json& json, std::string_view source_name);

// Errors name the file as `path` was written, as load_scenario_file's do.
Trace load_trace_file(const std::filesystem::path& path);
// to_json indented by two spaces with a final newline, written through a temporary file renamed
// over `path`. Throws json::InputError when it cannot write.
void save_trace_file(const Trace& trace, const std::filesystem::path& path);

}  // namespace pushlab::sim

#pragma once
// The Trace as CSV for a spreadsheet (RFC 4180: commas, CRLF, fields quoted when they must be):
// one row per frame and one per delivered message, told apart by the first column.
//
//   record,lane,transport,id,connection,from,to,layer,kind,setup,sent_s,received_s,bytes,
//   overhead_bytes,payload_bytes,latency_ms,messages,note
//
// A frame's `bytes` is its size on the wire (exact, or modelled for tcp and tls frames) and
// `messages` the ids it carries, separated by spaces; a message's `sent_s` is when it was
// created, `received_s` when it was delivered, `from` and `to` its direction.

#include <filesystem>
#include <string>

#include "sim/trace/trace.hpp"

namespace pushlab::sim {

std::string to_csv(const Trace& trace);

// Written through a temporary file renamed over `path`; throws json::InputError naming it.
void save_csv_file(const Trace& trace, const std::filesystem::path& path);

}  // namespace pushlab::sim

#include "sim/trace/trace_csv.hpp"

#include <chrono>
#include <cstdio>
#include <string_view>
#include <vector>

#include "sim/json/text_file.hpp"

namespace pushlab::sim {

namespace {

constexpr std::string_view kHeader =
    "record,lane,transport,id,connection,from,to,layer,kind,setup,sent_s,received_s,bytes,"
    "overhead_bytes,payload_bytes,latency_ms,messages,note";

// RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled.
std::string field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string seconds(Nanoseconds time) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9f", std::chrono::duration<double>(time).count());
  return text;
}

std::string seconds(const std::optional<Nanoseconds>& time) {
  return time ? seconds(*time) : "";
}

void add_row(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ',';
    out += cells[i];
  }
  out += "\r\n";
}

std::string ids(const std::vector<MessageId>& messages) {
  std::string text;
  for (const MessageId id : messages) text += (text.empty() ? "" : " ") + std::to_string(id);
  return text;
}

void add_frames(std::string& out, std::size_t lane_index, const Lane& lane) {
  const std::string transport(to_string(lane.transport));
  for (std::size_t i = 0; i < lane.frames.size(); ++i) {
    const WireFrame& frame = lane.frames[i];
    add_row(out, {"frame", std::to_string(lane_index), transport, std::to_string(i),
                  std::to_string(frame.connection), field(lane.endpoints.at(frame.from).name),
                  field(lane.endpoints.at(frame.to).name), std::string(to_string(frame.layer)),
                  field(frame.kind), frame.setup ? "true" : "false", seconds(frame.sent_at),
                  seconds(frame.received_at), std::to_string(frame.size()),
                  std::to_string(frame.transport_overhead), "", "", ids(frame.messages),
                  field(frame.note)});
  }
}

// The server, or the proxy-less name of the side a message leaves from and goes to.
std::string server_name(const Lane& lane) {
  for (const Endpoint& endpoint : lane.endpoints) {
    if (endpoint.role == EndpointRole::server) return endpoint.name;
  }
  return "server";
}

void add_messages(std::string& out, std::size_t lane_index, const Lane& lane) {
  const std::string transport(to_string(lane.transport));
  const std::string server = server_name(lane);
  for (std::size_t id = 0; id < lane.messages.size(); ++id) {
    const Message& message = lane.messages[id];
    if (!message.delivered_at) continue;
    const std::string client =
        message.client < lane.endpoints.size() ? lane.endpoints[message.client].name : "";
    const bool down = message.direction == Direction::server_to_client;
    char latency[32];
    std::snprintf(
        latency, sizeof latency, "%.3f",
        std::chrono::duration<double, std::milli>(*message.delivered_at - message.created_at)
            .count());
    add_row(out, {"message", std::to_string(lane_index), transport, std::to_string(id), "",
                  field(down ? server : client), field(down ? client : server), "", "", "",
                  seconds(message.created_at), seconds(message.delivered_at), "", "",
                  std::to_string(message.payload_bytes), latency, "", ""});
  }
}

}  // namespace

std::string to_csv(const Trace& trace) {
  std::string out(kHeader);
  out += "\r\n";
  for (std::size_t lane = 0; lane < trace.lanes.size(); ++lane) {
    add_frames(out, lane, trace.lanes[lane]);
    add_messages(out, lane, trace.lanes[lane]);
  }
  return out;
}

void save_csv_file(const Trace& trace, const std::filesystem::path& path) {
  json::write_text_file(path, to_csv(trace));
}

}  // namespace pushlab::sim

#include "viz/model/trace_mermaid.hpp"

#include <string_view>

#include "sim/scenario/transport.hpp"
#include "viz/model/frame_label.hpp"

namespace pushlab::viz {

namespace {

// Mermaid ends a statement at ';' and reads '#...;' as a character code: both are written as
// codes; a line break would end the statement too.
std::string mermaid_text(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '#') {
      out += "#35;";
    } else if (c == ';') {
      out += "#59;";
    } else if (c == '\n' || c == '\r') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

// A participant's id: its role and number, which Mermaid accepts anywhere.
std::string participant_id(const sim::Lane& lane, sim::EndpointId id) {
  return std::string(sim::to_string(lane.endpoints[id].role)) + std::to_string(id);
}

bool shown(const sim::WireFrame& frame, const MermaidOptions& options) {
  if (frame.layer == sim::Layer::tcp && !options.tcp) return false;
  if (options.from && frame.sent_at < *options.from) return false;
  if (options.to && frame.sent_at > *options.to) return false;
  return true;
}

}  // namespace

std::string to_mermaid(const sim::Trace& trace, const sim::Lane& lane,
                       const MermaidOptions& options) {
  std::string out = "sequenceDiagram\n";
  out += "  title " + mermaid_text(trace.scenario) + ": " +
         std::string(sim::info(lane.transport).title) + " (" + trace.source + ")\n";
  out += "  autonumber\n";
  for (sim::EndpointId id = 0; id < lane.endpoints.size(); ++id) {
    out += "  participant " + participant_id(lane, id) + " as " +
           mermaid_text(lane.endpoints[id].name) + "\n";
  }
  for (const sim::WireFrame& frame : lane.frames) {
    if (!shown(frame, options) || frame.connection >= lane.connections.size()) continue;
    const bool from_opener = frame.from == lane.connections[frame.connection].from;
    const std::string arrow =
        frame.lost() ? (from_opener ? "-x" : "--x") : (from_opener ? "->>" : "-->>");
    out += "  " + participant_id(lane, frame.from) + arrow + participant_id(lane, frame.to) + ": " +
           mermaid_text(frame_label(frame)) + (frame.lost() ? " (lost)" : "") + "\n";
  }
  return out;
}

}  // namespace pushlab::viz

#include "viz/model/trace_export.hpp"

#include <algorithm>
#include <stdexcept>

#include "sim/json/text_file.hpp"
#include "sim/trace/trace_csv.hpp"
#include "sim/trace/trace_pcap.hpp"
#include "viz/model/trace_mermaid.hpp"
#include "viz/model/trace_svg.hpp"

namespace pushlab::viz {

namespace {

// Mermaid draws one lane: the first asked for, else the trace's first.
const sim::Lane& lane_to_draw(const sim::Trace& trace, const std::vector<sim::Transport>& lanes) {
  if (trace.lanes.empty()) throw std::invalid_argument("the trace has no lane to draw");
  if (lanes.empty()) return trace.lanes.front();
  const auto found =
      std::find_if(trace.lanes.begin(), trace.lanes.end(),
                   [&](const sim::Lane& lane) { return lane.transport == lanes[0]; });
  if (found == trace.lanes.end()) {
    throw std::invalid_argument("the trace has no " + std::string(sim::to_string(lanes[0])) +
                                " lane");
  }
  return *found;
}

}  // namespace

std::string export_trace(const sim::Trace& trace, const ExportRequest& request) {
  switch (request.format) {
    case ExportFormat::pcap:
      sim::save_pcap_file(trace, request.file);
      break;
    case ExportFormat::csv:
      sim::save_csv_file(trace, request.file);
      break;
    case ExportFormat::svg:
      sim::json::write_text_file(request.file, to_svg(trace, {.lanes = request.lanes,
                                                              .from = request.from,
                                                              .to = request.to,
                                                              .width = request.width,
                                                              .pixels_per_second = 1200,
                                                              .compress_idle = true}));
      break;
    case ExportFormat::mermaid:
      sim::json::write_text_file(
          request.file, to_mermaid(trace, lane_to_draw(trace, request.lanes),
                                   {.from = request.from, .to = request.to, .tcp = request.tcp}));
      break;
  }
  std::size_t frames = 0;
  for (const sim::Lane& lane : trace.lanes) frames += lane.frames.size();
  return "wrote " + request.file.string() + ": " + std::to_string(trace.lanes.size()) + " lanes, " +
         std::to_string(frames) + " frames of " + trace.scenario + " (" + trace.source + ")";
}

}  // namespace pushlab::viz

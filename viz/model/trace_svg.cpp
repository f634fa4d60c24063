#include "viz/model/trace_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/scenario/transport.hpp"
#include "viz/model/arrows.hpp"
#include "viz/model/colours.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/lane_layout.hpp"
#include "viz/model/time_axis.hpp"
#include "viz/model/time_format.hpp"

namespace pushlab::viz {

namespace {

constexpr float kGutter = 90;  // the times, left of the lanes
constexpr float kHeader = 56;  // lane titles and lifeline names
constexpr float kFooter = 16;
constexpr float kFontSize = 13;
constexpr float kLabelWidth = 170;  // a label longer than this is cut with an ellipsis

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

std::string colour(Rgb rgb) {
  char text[16];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", rgb.r, rgb.g, rgb.b);
  return text;
}

std::string colour(FrameColour frame) {
  return colour(kFrameColoursOnWhite[static_cast<std::size_t>(frame)]);
}

std::string escaped(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// About how wide text is in the font at kFontSize: enough to keep labels from running on.
std::string fitted(const std::string& label) {
  const auto most = static_cast<std::size_t>(kLabelWidth / (kFontSize * 0.55f));
  return label.size() <= most ? label : label.substr(0, most - 3) + "...";
}

class SvgWriter {
 public:
  void line(Point a, Point b, const std::string& stroke, float width, const char* extra = "") {
    out_ += "<line x1=\"" + number(a.x) + "\" y1=\"" + number(a.y) + "\" x2=\"" + number(b.x) +
            "\" y2=\"" + number(b.y) + "\" stroke=\"" + stroke + "\" stroke-width=\"" +
            number(width) + "\"" + extra + "/>\n";
  }
  void triangle(const ArrowHead& head, const std::string& fill) {
    out_ += "<polygon points=\"" + number(head.tip.x) + "," + number(head.tip.y) + " " +
            number(head.left.x) + "," + number(head.left.y) + " " + number(head.right.x) + "," +
            number(head.right.y) + "\" fill=\"" + fill + "\"/>\n";
  }
  void rect(float x, float y, float width, float height, const std::string& fill) {
    out_ += "<rect x=\"" + number(x) + "\" y=\"" + number(y) + "\" width=\"" + number(width) +
            "\" height=\"" + number(height) + "\" fill=\"" + fill + "\"/>\n";
  }
  void text(Point at, const std::string& content, const std::string& fill,
            const char* anchor = "start", const char* weight = "normal") {
    out_ += "<text x=\"" + number(at.x) + "\" y=\"" + number(at.y) + "\" fill=\"" + fill +
            "\" text-anchor=\"" + anchor + "\" font-weight=\"" + weight + "\">" + escaped(content) +
            "</text>\n";
  }
  std::string& out() { return out_; }

 private:
  std::string out_;
};

// The trace with only the chosen lanes, in their order.
sim::Trace chosen_lanes(const sim::Trace& trace, const std::vector<sim::Transport>& lanes) {
  if (lanes.empty()) return trace;
  sim::Trace chosen = trace;
  chosen.lanes.clear();
  for (const sim::Transport transport : lanes) {
    const auto found =
        std::find_if(trace.lanes.begin(), trace.lanes.end(),
                     [&](const sim::Lane& lane) { return lane.transport == transport; });
    if (found == trace.lanes.end()) {
      throw std::invalid_argument("the trace has no " + std::string(sim::to_string(transport)) +
                                  " lane");
    }
    chosen.lanes.push_back(*found);
  }
  return chosen;
}

void draw_arrow(SvgWriter& svg, const Arrow& arrow, const std::string& stroke) {
  svg.line(arrow.from, arrow.to, stroke, 1.6f);
  if (arrow.lost) {
    const float r = 5;
    svg.line({arrow.to.x - r, arrow.to.y - r}, {arrow.to.x + r, arrow.to.y + r}, stroke, 2.5f);
    svg.line({arrow.to.x - r, arrow.to.y + r}, {arrow.to.x + r, arrow.to.y - r}, stroke, 2.5f);
    return;
  }
  svg.triangle(arrow_head(arrow, 9), stroke);
}

}  // namespace

std::string to_svg(const sim::Trace& full_trace, const SvgOptions& options) {
  const sim::Trace trace = chosen_lanes(full_trace, options.lanes);
  const TimeSpan window{options.from.value_or(Nanoseconds{0}), options.to.value_or(trace.duration)};
  if (window.end <= window.begin) throw std::invalid_argument("the window of time is empty");
  const Diagram diagram = build_diagram(trace);
  const TimeAxis axis(diagram.busy, trace.duration,
                      {.pixels_per_second = options.pixels_per_second,
                       .compress_idle = options.compress_idle,
                       .max_idle_height = 44,
                       .busy_margin = 10});
  const float window_top = axis.y_of(window.begin);
  const float top = kHeader - window_top;  // where time 0 would be drawn
  const float height = kHeader + axis.y_of(window.end) - window_top + kFooter;
  const std::vector<LaneGeometry> lanes =
      lay_out_lanes(trace, kGutter, options.width - kGutter - 10, 10);

  SvgWriter svg;
  svg.out() = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(options.width) +
              "\" height=\"" + number(height) + "\" viewBox=\"0 0 " + number(options.width) + " " +
              number(height) + "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"" +
              number(kFontSize) + "\">\n";
  svg.rect(0, 0, options.width, height, "#ffffff");
  svg.text({8, 20}, trace.scenario + " (" + trace.source + ")", colour(kTextOnWhite), "start",
           "bold");
  for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
    const sim::Lane& lane = trace.lanes[i];
    const LaneGeometry& geometry = lanes[i];
    svg.rect(geometry.left, kHeader - 4, geometry.width, height - kHeader - kFooter + 8,
             colour(kLaneOnWhite));
    svg.text({geometry.left + geometry.width / 2, 22}, std::string(sim::info(lane.transport).title),
             colour(kTextOnWhite), "middle", "bold");
    for (const sim::EndpointRole role : sim::kAllEndpointRoles) {
      if (role == sim::EndpointRole::proxy && !geometry.has_proxy) continue;
      const float x = geometry.x_of(role);
      const std::string name = role == sim::EndpointRole::client  ? "Client"
                               : role == sim::EndpointRole::proxy ? "Proxy"
                                                                  : "Server";
      svg.text({x, kHeader - 12}, name, colour(kFaintTextOnWhite), "middle");
      svg.line({x, kHeader - 4}, {x, height - kFooter + 4}, colour(kLifelineOnWhite), 1);
    }
    for (const Hold& hold : diagram.lanes[i].holds) {
      if (hold.span.end < window.begin || hold.span.begin > window.end) continue;
      // Cut to the window: a hold that began before it has no top, one that ends after no end.
      const float x = geometry.server_x() + 8;
      const float y0 = top + axis.y_of(std::max(hold.span.begin, window.begin));
      const float y1 = top + axis.y_of(std::min(hold.span.end, window.end));
      const std::string stroke = colour(FrameColour::http);
      if (hold.span.begin >= window.begin) svg.line({x - 4, y0}, {x + 2, y0}, stroke, 2);
      svg.line({x + 2, y0}, {x + 2, y1}, stroke, 2);
      if (hold.span.end <= window.end) svg.line({x - 4, y1}, {x + 2, y1}, stroke, 2);
      if (hold.span.begin >= window.begin) {
        svg.text({geometry.server_x() - 6, y0 + 16},
                 "held " + format_duration(hold.span.end - hold.span.begin), stroke, "end");
      }
    }
    std::vector<Arrow> arrows;
    visible_arrows(lane, diagram.lanes[i], geometry, axis, top, window, arrows);
    float last_label_bottom = -1e9f;
    for (const Arrow& arrow : arrows) {
      const std::string stroke = colour(diagram.lanes[i].colours[arrow.frame]);
      draw_arrow(svg, arrow, stroke);
      // Above the middle of the arrow, as in the window, unless it would run into the last.
      const Point middle{(arrow.from.x + arrow.to.x) / 2, (arrow.from.y + arrow.to.y) / 2 - 4};
      if (middle.y - kFontSize < last_label_bottom) continue;
      svg.text(middle, fitted(diagram.lanes[i].labels[arrow.frame]), stroke, "middle");
      last_label_bottom = middle.y;
    }
  }
  for (const AxisBreak& cut : axis.breaks()) {
    const float y = top + cut.y + cut.height / 2;
    if (y < kHeader || y > height - kFooter) continue;
    for (float x = kGutter; x + 12 <= options.width - 10; x += 12) {
      svg.line({x, y - 3}, {x + 6, y + 3}, colour(kFaintTextOnWhite), 1);
      svg.line({x + 6, y + 3}, {x + 12, y - 3}, colour(kFaintTextOnWhite), 1);
    }
    // On a backing inside the first lane, as in the window: the gutter is for times.
    const std::string idle = format_duration(cut.span.end - cut.span.begin) + " idle";
    svg.rect(kGutter + 5, y - 8, static_cast<float>(idle.size()) * kFontSize * 0.6f + 6, 16,
             "#ffffff");
    svg.text({kGutter + 8, y + 4}, idle, colour(kFaintTextOnWhite));
  }
  // The time down the gutter every 60 pixels, where no break is.
  for (float y = kHeader; y < height - kFooter; y += 60) {
    const bool on_break = std::any_of(
        axis.breaks().begin(), axis.breaks().end(),
        [&](const AxisBreak& cut) { return std::abs(top + cut.y + cut.height / 2 - y) < 20; });
    if (!on_break) {
      svg.text({8, y + 4}, format_time(axis.time_at(y - top)), colour(kFaintTextOnWhite));
    }
  }
  svg.out() += "</svg>\n";
  return std::move(svg.out());
}

}  // namespace pushlab::viz

#include "viz/model/trace_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "sim/scenario/transport.hpp"
#include "viz/model/colours.hpp"
#include "viz/model/diagram.hpp"
#include "viz/model/lane_scene.hpp"
#include "viz/model/time_axis.hpp"

namespace pushlab::viz {

namespace {

constexpr float kGutter = 90;       // the times, left of the lanes
constexpr float kTitleHeight = 30;  // the scenario's name, above the lanes' headers
constexpr float kFooter = 16;
constexpr float kFontSize = 13;
constexpr float kLineHeight = 16;

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

// The lane scene as SVG elements, dark on white in presentation mode's colours. Text is sized
// from DejaVu Sans's average advance, near enough to fit and cull labels.
class SvgPainter final : public Painter {
 public:
  Point text_size(std::string_view text) const override {
    return {static_cast<float>(text.size()) * kFontSize * 0.58f, kLineHeight};
  }
  void line(Point from, Point to, Ink ink, float width) override {
    out_ += "<line x1=\"" + number(from.x) + "\" y1=\"" + number(from.y) + "\" x2=\"" +
            number(to.x) + "\" y2=\"" + number(to.y) + "\" stroke=\"" + colour(ink) +
            "\" stroke-width=\"" + number(width) + "\"" + opacity("stroke-opacity", ink) + "/>\n";
  }
  void triangle(Point a, Point b, Point c, Ink ink) override {
    out_ += "<polygon points=\"" + number(a.x) + "," + number(a.y) + " " + number(b.x) + "," +
            number(b.y) + " " + number(c.x) + "," + number(c.y) + "\" fill=\"" + colour(ink) +
            "\"" + opacity("fill-opacity", ink) + "/>\n";
  }
  void rect(Point top_left, Point bottom_right, Ink ink) override {
    out_ += "<rect x=\"" + number(top_left.x) + "\" y=\"" + number(top_left.y) + "\" width=\"" +
            number(bottom_right.x - top_left.x) + "\" height=\"" +
            number(bottom_right.y - top_left.y) + "\" fill=\"" + colour(ink) + "\"" +
            opacity("fill-opacity", ink) + "/>\n";
  }
  void circle(Point centre, float radius, Ink fill, Ink outline) override {
    out_ += "<circle cx=\"" + number(centre.x) + "\" cy=\"" + number(centre.y) + "\" r=\"" +
            number(radius) + "\" fill=\"" + colour(fill) + "\" stroke=\"" + colour(outline) +
            "\"/>\n";
  }
  // SVG places text by its baseline: about four fifths of the font size below its top.
  void text(Point at, std::string_view content, Ink ink, Align align) override {
    text_at({at.x, at.y + kFontSize * 0.8f}, content, ink, align, "normal");
  }
  void text_at(Point baseline, std::string_view content, Ink ink, Align align, const char* weight) {
    const char* anchor = align == Align::left ? "start" : align == Align::centre ? "middle" : "end";
    out_ += "<text x=\"" + number(baseline.x) + "\" y=\"" + number(baseline.y) + "\" fill=\"" +
            colour(ink) + "\" text-anchor=\"" + anchor + "\" font-weight=\"" + weight + "\">" +
            escaped(content) + "</text>\n";
  }
  std::string& out() { return out_; }

 private:
  static std::string colour(Ink ink) {
    switch (ink.role) {
      case InkRole::background:
        return "#ffffff";
      case InkRole::lane:
        return viz::colour(kLaneOnWhite);
      case InkRole::text:
      case InkRole::selection:
        return viz::colour(kTextOnWhite);
      case InkRole::faint_text:
        return viz::colour(kFaintTextOnWhite);
      case InkRole::lifeline:
        return viz::colour(kLifelineOnWhite);
      case InkRole::connection:
        return viz::colour(kConnectionOnWhite);
      case InkRole::frame:
        break;
    }
    return viz::colour(kFrameColoursOnWhite[static_cast<std::size_t>(ink.frame)]);
  }
  static std::string opacity(const char* attribute, Ink ink) {
    const float alpha = ink.role == InkRole::connection ? kConnectionAlpha * ink.alpha : ink.alpha;
    return alpha < 1 ? std::string(" ") + attribute + "=\"" + number(alpha) + "\"" : "";
  }

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
  const float header_height = 2 * kLineHeight + 14;
  const float lanes_top = kTitleHeight + header_height + 4;
  const float height = lanes_top + axis.y_of(window.end) - axis.y_of(window.begin) + kFooter;
  const SceneFrame frame{.gutter_left = 4,
                         .lanes_left = kGutter,
                         .lanes_width = options.width - kGutter - 10,
                         .gap = 10,
                         .time_zero_y = lanes_top - axis.y_of(window.begin),
                         .top = lanes_top,
                         .bottom = height - kFooter,
                         .visible = window,
                         .unit = 1,
                         .time_step = 60};
  SvgPainter svg;
  const DiagramScene scene = build_scene(trace, diagram, axis, frame, {}, svg);

  svg.out() = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + number(options.width) +
              "\" height=\"" + number(height) + "\" viewBox=\"0 0 " + number(options.width) + " " +
              number(height) + "\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"" +
              number(kFontSize) + "\">\n";
  svg.rect({0, 0}, {options.width, height}, Ink::of(InkRole::background));
  svg.text_at({8, 20}, trace.scenario + " (" + trace.source + ")", Ink::of(InkRole::text),
              Align::left, "bold");
  std::vector<LaneLayout> layouts;
  std::vector<std::string> titles;
  for (std::size_t i = 0; i < trace.lanes.size(); ++i) {
    layouts.push_back(scene.lanes[i].layout);
    titles.emplace_back(sim::info(trace.lanes[i].transport).title);
  }
  paint_lane_headers(layouts, titles, svg, kTitleHeight, header_height);
  paint_scene(scene, svg);
  svg.out() += "</svg>\n";
  return std::move(svg.out());
}

}  // namespace pushlab::viz

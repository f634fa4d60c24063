#include "viz/draw/parameters_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <variant>

#include "sim/scenario/transport.hpp"

namespace pushlab::viz {

namespace {

using sim::Nanoseconds;

// Limits of the controls (the loader checks the rest).
constexpr double kZero = 0;
constexpr double kMostLoss = 0.99;
constexpr double kMostBandwidth = 10'000'000;  // kbit/s: 10 Gbit/s
constexpr double kMostRate = 10'000;           // messages per second

// A duration edited as a number of `unit`s (seconds or milliseconds), from `low` to `high`.
template <typename Unit>
bool edit_duration(const char* label, Nanoseconds& value, double low, double high,
                   const char* format) {
  double shown = std::chrono::duration<double, typename Unit::period>(value).count();
  const double speed = std::max(0.001, (high - low) / 2000);
  if (!ImGui::DragScalar(label, ImGuiDataType_Double, &shown, static_cast<float>(speed), &low,
                         &high, format, ImGuiSliderFlags_AlwaysClamp)) {
    return false;
  }
  value = std::chrono::duration_cast<Nanoseconds>(
      std::chrono::duration<double, typename Unit::period>(shown));
  return true;
}

bool edit_seconds(const char* label, Nanoseconds& value, double low, double high) {
  return edit_duration<std::chrono::seconds>(label, value, low, high, "%.3f s");
}

bool edit_milliseconds(const char* label, Nanoseconds& value, double low, double high) {
  return edit_duration<std::chrono::milliseconds>(label, value, low, high, "%.1f ms");
}

bool edit_size(const char* label, std::size_t& value, std::size_t high) {
  std::uint64_t shown = value;
  const std::uint64_t low = 0;
  const std::uint64_t top = high;
  if (!ImGui::DragScalar(label, ImGuiDataType_U64, &shown, 1.0f, &low, &top, "%llu",
                         ImGuiSliderFlags_AlwaysClamp)) {
    return false;
  }
  value = static_cast<std::size_t>(shown);
  return true;
}

bool edit_run(sim::Scenario& scenario) {
  bool changed = edit_seconds("duration", scenario.duration, 1, 3600);
  changed |= ImGui::InputScalar("seed", ImGuiDataType_U64, &scenario.seed);
  // Hundreds of clients take a moment to simulate: the count is taken when the slider is let
  // go. Until then it lives in Dear ImGui's storage for this window.
  int& clients =
      *ImGui::GetStateStorage()->GetIntRef(ImGui::GetID("##clients pending"), scenario.clients);
  ImGui::SliderInt("clients", &clients, 1, 200, "%d",
                   ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic);
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    scenario.clients = clients;
    changed = true;
  } else if (!ImGui::IsItemActive()) {
    clients = scenario.clients;  // follow the scenario when it changes otherwise
  }
  for (const sim::Transport transport : sim::kAllTransports) {
    std::vector<sim::LaneSpec>& lanes = scenario.lanes;
    bool on = sim::runs(lanes, transport);
    if (!ImGui::Checkbox(sim::info(transport).title.data(), &on)) continue;
    changed = true;
    if (on) {
      // Keep the lanes in the table's order.
      lanes.emplace_back(transport);
      std::stable_sort(lanes.begin(), lanes.end(), [](const auto& a, const auto& b) {
        return static_cast<int>(a.transport) < static_cast<int>(b.transport);
      });
    } else {
      std::erase_if(lanes, [&](const sim::LaneSpec& lane) { return lane.transport == transport; });
    }
  }
  return changed;
}

bool edit_network(sim::Network& network) {
  bool changed = edit_milliseconds("latency (one way)", network.latency, 0, 2000);
  changed |= edit_milliseconds("jitter", network.jitter, 0, 500);
  changed |= ImGui::SliderScalar("loss", ImGuiDataType_Double, &network.loss, &kZero, &kMostLoss,
                                 "%.3f", ImGuiSliderFlags_AlwaysClamp);
  changed |= ImGui::DragScalar("bandwidth (kbit/s, 0: unlimited)", ImGuiDataType_Double,
                               &network.bandwidth_kbps, 10.0f, &kZero, &kMostBandwidth, "%.0f",
                               ImGuiSliderFlags_AlwaysClamp);
  changed |= ImGui::Checkbox("TLS (wss://, https://)", &network.tls);
  return changed;
}

// A latency the scenario may set or leave to the default split.
bool edit_optional_milliseconds(const char* label, std::optional<Nanoseconds>& value,
                                Nanoseconds otherwise) {
  bool set = value.has_value();
  ImGui::PushID(label);
  bool changed = ImGui::Checkbox("##set", &set);
  ImGui::PopID();
  if (changed) value = set ? std::optional(otherwise) : std::nullopt;
  ImGui::SameLine();
  if (!value) {
    ImGui::TextDisabled("%s: split from the latency", label);
    return changed;
  }
  return edit_milliseconds(label, *value, 0, 2000) || changed;
}

bool edit_headers(std::vector<sim::HeaderField>& fields, const char* id) {
  bool changed = false;
  ImGui::PushID(id);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    char value[512];
    std::snprintf(value, sizeof value, "%s", fields[i].value.c_str());
    ImGui::PushID(static_cast<int>(i));
    ImGui::InputText(fields[i].name.c_str(), value, sizeof value);
    if (ImGui::IsItemDeactivatedAfterEdit()) {
      fields[i].value = value;
      changed = true;
    }
    ImGui::PopID();
  }
  ImGui::PopID();
  return changed;
}

bool edit_proxy(sim::Proxy& proxy) {
  bool changed = ImGui::Checkbox("a proxy between client and server", &proxy.enabled);
  if (!proxy.enabled) return changed;
  changed |= ImGui::Checkbox("strips Upgrade and Connection", &proxy.strip_upgrade);
  changed |= edit_seconds("closes idle connections after (0: never)", proxy.idle_timeout, 0, 600);
  changed |=
      edit_seconds("answers 504 to requests held over (0: never)", proxy.max_request_time, 0, 600);
  changed |= edit_size("buffers streams up to (bytes, 0: no)", proxy.buffer_bytes, 1 << 20);
  return changed;
}

bool edit_hops(sim::Network& network) {
  bool changed = edit_optional_milliseconds("client-proxy latency", network.client_proxy_latency,
                                            sim::client_proxy_hop_latency(network));
  changed |= edit_optional_milliseconds("proxy-server latency", network.proxy_server_latency,
                                        sim::proxy_server_hop_latency(network));
  return changed;
}

bool edit_transport_options(sim::Scenario& scenario) {
  bool changed = edit_seconds("short polling: interval", scenario.short_poll.interval, 0.01, 300);
  changed |= edit_seconds("long polling: timeout", scenario.long_poll.timeout, 0.01, 600);
  changed |=
      edit_seconds("WebSocket: ping every (0: never)", scenario.websocket.ping_interval, 0, 600);
  changed |= edit_milliseconds("SSE: retry", scenario.sse.retry, 0, 60000);
  // Seven tabs is one more than a browser's six connections to a host: the one that matters.
  changed |= ImGui::SliderInt("SSE: tabs of the page per browser", &scenario.sse.tabs, 1, 10, "%d",
                              ImGuiSliderFlags_AlwaysClamp);
  return changed;
}

// The times of an "at" source, as "1.0, 1.2" in seconds.
std::string times_text(const sim::At& at) {
  std::string text;
  for (const Nanoseconds time : at.times) {
    char number[32];
    std::snprintf(number, sizeof number, "%s%g", text.empty() ? "" : ", ",
                  std::chrono::duration<double>(time).count());
    text += number;
  }
  return text;
}

// Reads "1.0, 1.2"; false (and `at` untouched) if a piece is not a non-negative number.
bool parse_times(const char* text, sim::At& at) {
  sim::At parsed;
  const char* cursor = text;
  while (*cursor != '\0') {
    char* end = nullptr;
    const double seconds = std::strtod(cursor, &end);
    if (end == cursor || seconds < 0) return false;
    parsed.times.push_back(
        std::chrono::duration_cast<Nanoseconds>(std::chrono::duration<double>(seconds)));
    cursor = end;
    while (*cursor == ',' || *cursor == ' ') ++cursor;
  }
  at = std::move(parsed);
  return true;
}

bool edit_pattern(sim::TrafficPattern& pattern) {
  if (auto* poisson = std::get_if<sim::Poisson>(&pattern)) {
    return ImGui::DragScalar("messages per second", ImGuiDataType_Double, &poisson->rate_per_s,
                             0.01f, &kZero, &kMostRate, "%.3f", ImGuiSliderFlags_AlwaysClamp);
  }
  if (auto* periodic = std::get_if<sim::Periodic>(&pattern)) {
    bool changed = edit_seconds("every", periodic->interval, 0.001, 3600);
    changed |= edit_seconds("from", periodic->start, 0, 3600);
    return changed;
  }
  auto& at = std::get<sim::At>(pattern);
  char text[512];
  std::snprintf(text, sizeof text, "%s", times_text(at).c_str());
  ImGui::InputText("at (seconds)", text, sizeof text);
  return ImGui::IsItemDeactivatedAfterEdit() && parse_times(text, at);
}

bool edit_traffic(std::vector<sim::TrafficSource>& traffic) {
  bool changed = false;
  for (std::size_t i = 0; i < traffic.size(); ++i) {
    sim::TrafficSource& source = traffic[i];
    ImGui::PushID(static_cast<int>(i));
    ImGui::Separator();
    const bool down = source.direction == sim::Direction::server_to_client;
    ImGui::Text("%s, %s", down ? "server to client" : "client to server",
                std::string(sim::pattern_name(source.pattern)).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("remove")) {
      traffic.erase(traffic.begin() + static_cast<std::ptrdiff_t>(i));
      ImGui::PopID();
      return true;
    }
    changed |= edit_pattern(source.pattern);
    changed |= edit_size("payload bytes", source.payload_bytes, 1 << 20);
    ImGui::PopID();
  }
  ImGui::Separator();
  if (ImGui::SmallButton("+ server to client")) {
    traffic.push_back({sim::Direction::server_to_client, sim::Poisson{0.5}, 64});
    changed = true;
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("+ client to server")) {
    traffic.push_back(
        {sim::Direction::client_to_server, sim::Periodic{std::chrono::seconds{5}, {}}, 32});
    changed = true;
  }
  return changed;
}

}  // namespace

bool draw_parameters(sim::Scenario& scenario) {
  bool changed = false;
  ImGui::PushItemWidth(ImGui::GetFontSize() * 8);
  if (ImGui::CollapsingHeader("Run", ImGuiTreeNodeFlags_DefaultOpen)) changed |= edit_run(scenario);
  if (ImGui::CollapsingHeader("Network", ImGuiTreeNodeFlags_DefaultOpen)) {
    changed |= edit_network(scenario.network);
  }
  if (ImGui::CollapsingHeader("Proxy", ImGuiTreeNodeFlags_DefaultOpen)) {
    changed |= edit_proxy(scenario.proxy);
    if (scenario.proxy.enabled) changed |= edit_hops(scenario.network);
  }
  if (ImGui::CollapsingHeader("Transports", ImGuiTreeNodeFlags_DefaultOpen)) {
    changed |= edit_transport_options(scenario);
  }
  if (ImGui::CollapsingHeader("Traffic", ImGuiTreeNodeFlags_DefaultOpen)) {
    changed |= edit_traffic(scenario.traffic);
  }
  if (ImGui::CollapsingHeader("HTTP header fields")) {
    ImGui::TextDisabled("added to every request");
    changed |= edit_headers(scenario.http.request_headers, "request");
    ImGui::TextDisabled("added to every response");
    changed |= edit_headers(scenario.http.response_headers, "response");
  }
  ImGui::PopItemWidth();
  return changed;
}

}  // namespace pushlab::viz

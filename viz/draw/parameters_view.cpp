#include "viz/draw/parameters_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <variant>

#include "sim/scenario/fields.hpp"
#include "sim/scenario/transport.hpp"
#include "viz/model/control_limits.hpp"

namespace pushlab::viz {

namespace {

using sim::Nanoseconds;

bool edit_number(const char* label, double& value, const ControlLimits& limits,
                 const char* format) {
  const float speed = static_cast<float>(std::max(0.001, (limits.high - limits.low) / 2000));
  const ImGuiSliderFlags flags =
      ImGuiSliderFlags_AlwaysClamp | (limits.logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
  return ImGui::DragScalar(label, ImGuiDataType_Double, &value, speed, &limits.low, &limits.high,
                           format, flags);
}

// A duration edited as a number of `unit`s (seconds or milliseconds).
template <typename Unit>
bool edit_duration(const char* label, Nanoseconds& value, const ControlLimits& limits,
                   const char* format) {
  double shown = std::chrono::duration<double, typename Unit::period>(value).count();
  if (!edit_number(label, shown, limits, format)) return false;
  value = std::chrono::duration_cast<Nanoseconds>(
      std::chrono::duration<double, typename Unit::period>(shown));
  return true;
}

bool edit_seconds(const char* label, Nanoseconds& value, const ControlLimits& limits) {
  return edit_duration<std::chrono::seconds>(label, value, limits, "%.3f s");
}

bool edit_milliseconds(const char* label, Nanoseconds& value, const ControlLimits& limits) {
  return edit_duration<std::chrono::milliseconds>(label, value, limits, "%.1f ms");
}

template <std::integral Integer>
bool edit_integer(const char* label, Integer& value, const ControlLimits& limits) {
  std::uint64_t shown = static_cast<std::uint64_t>(value);
  const auto low = static_cast<std::uint64_t>(limits.low);
  const auto high = static_cast<std::uint64_t>(limits.high);
  const ImGuiSliderFlags flags =
      ImGuiSliderFlags_AlwaysClamp | (limits.logarithmic ? ImGuiSliderFlags_Logarithmic : 0);
  if (!ImGui::DragScalar(label, ImGuiDataType_U64, &shown, 1.0f, &low, &high, "%llu", flags)) {
    return false;
  }
  value = static_cast<Integer>(shown);
  return true;
}

// "closes idle connections after (0: never)", "bandwidth (kbit/s, 0: unlimited)"
std::string label_of(const sim::FieldInfo& field) {
  std::string label(field.label);
  if (field.zero_means.empty()) return label;
  const std::string zero = "0: " + std::string(field.zero_means) + ")";
  if (label.ends_with(')')) {
    label.back() = ',';
    return label + " " + zero;
  }
  return label + " (" + zero;
}

bool edit_value(const sim::FieldInfo& field, bool& value) {
  return ImGui::Checkbox(label_of(field).c_str(), &value);
}

bool edit_value(const sim::FieldInfo& field, double& value) {
  const char* format = field.range.max <= 1 ? "%.3f" : "%.0f";
  return edit_number(label_of(field).c_str(), value, control_limits(field), format);
}

template <std::integral Integer>
bool edit_value(const sim::FieldInfo& field, Integer& value) {
  return edit_integer(label_of(field).c_str(), value, control_limits(field));
}

bool edit_value(const sim::FieldInfo& field, Nanoseconds& value) {
  const std::string label = label_of(field);
  const ControlLimits limits = control_limits(field);
  return field.unit == sim::FieldUnit::seconds ? edit_seconds(label.c_str(), value, limits)
                                               : edit_milliseconds(label.c_str(), value, limits);
}

// A latency the scenario may set or leave to the default split; set, it starts where the split
// puts it.
bool edit_value(const sim::FieldInfo& field, std::optional<Nanoseconds>& value, Nanoseconds split) {
  bool set = value.has_value();
  ImGui::PushID(field.key.data(), field.key.data() + field.key.size());
  bool changed = ImGui::Checkbox("##set", &set);
  ImGui::PopID();
  if (changed) value = set ? std::optional(split) : std::nullopt;
  ImGui::SameLine();
  const std::string label = label_of(field);
  if (!value) {
    ImGui::TextDisabled("%s: split from the latency", label.c_str());
    return changed;
  }
  return edit_milliseconds(label.c_str(), *value, control_limits(field)) || changed;
}

// The optional fields are the network's hop latencies, whose default halves its latency.
template <typename Section>
bool edit_value(const sim::FieldInfo& field, std::optional<Nanoseconds>& value,
                const Section& section) {
  if constexpr (requires { section.latency; }) {
    return edit_value(field, value, section.latency / 2);
  } else {
    return edit_value(field, value, Nanoseconds{0});
  }
}

template <typename Value, typename Section>
bool edit_value(const sim::FieldInfo& field, Value& value, const Section&) {
  return edit_value(field, value);
}

// The fields of a table that belong with the proxy, or those that do not.
template <typename Section, std::size_t N>
bool edit_fields(Section& section, const std::array<sim::Field<Section>, N>& table,
                 bool with_proxy) {
  bool changed = false;
  for (const sim::Field<Section>& field : table) {
    if (field.info.with_proxy != with_proxy) continue;
    std::visit([&](auto member) { changed |= edit_value(field.info, section.*member, section); },
               field.member);
  }
  return changed;
}

bool edit_run(sim::Scenario& scenario) {
  bool changed =
      edit_seconds("duration", scenario.duration, control_limits(sim::fields::kDurationSeconds));
  changed |= ImGui::InputScalar("seed", ImGuiDataType_U64, &scenario.seed);
  // Hundreds of clients take a moment to simulate: the count is taken when the slider is let
  // go. Until then it lives in Dear ImGui's storage for this window.
  int& clients =
      *ImGui::GetStateStorage()->GetIntRef(ImGui::GetID("##clients pending"), scenario.clients);
  edit_integer("clients", clients, control_limits({.min = 1, .max = sim::fields::kMaxClients}));
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

bool edit_transport_options(sim::Scenario& scenario) {
  bool changed = edit_fields(scenario.short_poll, sim::kShortPollFields, false);
  changed |= edit_fields(scenario.long_poll, sim::kLongPollFields, false);
  changed |= edit_fields(scenario.websocket, sim::kWebSocketFields, false);
  changed |= edit_fields(scenario.sse, sim::kSseFields, false);
  changed |= edit_fields(scenario.engine_io, sim::kEngineIoFields, false);
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
    return edit_number("messages per second", poisson->rate_per_s,
                       control_limits(sim::fields::kRatePerSecond), "%.3f");
  }
  if (auto* periodic = std::get_if<sim::Periodic>(&pattern)) {
    bool changed =
        edit_seconds("every", periodic->interval, control_limits(sim::fields::kIntervalSeconds));
    changed |= edit_seconds("from", periodic->start, control_limits(sim::fields::kAnyTimeSeconds));
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
    changed |= edit_integer("payload bytes", source.payload_bytes,
                            control_limits({.min = 0, .max = sim::fields::kMaxPayloadBytes}));
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
    changed |= edit_fields(scenario.network, sim::kNetworkFields, false);
  }
  if (ImGui::CollapsingHeader("Proxy", ImGuiTreeNodeFlags_DefaultOpen)) {
    changed |= edit_fields(scenario.proxy, sim::kProxyFields, false);
    if (scenario.proxy.enabled) {
      changed |= edit_fields(scenario.proxy, sim::kProxyFields, true);
      changed |= edit_fields(scenario.network, sim::kNetworkFields, true);
    }
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

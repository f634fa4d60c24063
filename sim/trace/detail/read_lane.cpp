#include "sim/trace/detail/read_lane.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <string>

#include "sim/json/describe.hpp"
#include "sim/json/object_reader.hpp"
#include "sim/json/read_value.hpp"
#include "sim/wire/base64.hpp"

namespace pushlab::sim::detail {

namespace {

using json::describe;
using json::Json;
using json::Location;
using json::ObjectReader;

constexpr std::array<std::string_view, 8> kLaneFields = {"id",           "transport",  "endpoints",
                                                         "connections",  "frames",     "messages",
                                                         "host_samples", "host_events"};
constexpr std::array<std::string_view, 2> kEndpointFields = {"role", "name"};
constexpr std::array<std::string_view, 5> kConnectionFields = {"from", "to", "tls", "opened_ns",
                                                               "closed_ns"};
constexpr std::array<std::string_view, 13> kFrameFields = {
    "from", "to",    "connection",   "sent_ns",       "received_ns",        "layer",
    "kind", "setup", "bytes_base64", "modelled_size", "transport_overhead", "messages",
    "note"};
constexpr std::array<std::string_view, 5> kMessageFields = {"direction", "client", "payload_bytes",
                                                            "created_ns", "delivered_ns"};

constexpr std::array<std::string_view, 9> kHostSampleFields = {
    "endpoint",     "at_ns",       "connections", "threads_busy", "accept_queue",
    "memory_bytes", "cpu_busy_ns", "connects",    "refused"};

constexpr std::array<std::string_view, 3> kHostEventFields = {"endpoint", "at_ns", "kind"};

constexpr std::uint64_t kMaxCount = std::numeric_limits<std::uint64_t>::max();

// What an id refers to, as an error names it: "an endpoint", "endpoints".
struct IdKind {
  std::string_view singular;
  std::string_view plural;
};
constexpr IdKind kEndpoint{"an endpoint", "endpoints"};
constexpr IdKind kConnection{"a connection", "connections"};
constexpr IdKind kMessage{"a message", "messages"};

// An index into one of the lane's lists of `count` entries.
std::uint32_t read_id(const Json& value, const Location& where, std::size_t count, IdKind kind) {
  const auto id = json::read_integer(value, where, 0, std::numeric_limits<std::uint32_t>::max());
  if (id >= count) {
    const std::string expected =
        count == 0 ? "the id of " + std::string(kind.singular) + ", but the lane has no " +
                         std::string(kind.plural)
                   : std::string(kind.singular) + " id from 0 to " + std::to_string(count - 1);
    where.fail(describe(value) + " points nowhere (expected " + expected + ")");
  }
  return static_cast<std::uint32_t>(id);
}

std::uint32_t require_id(const ObjectReader& object, std::string_view field, std::size_t count,
                         IdKind kind, std::string_view in_every) {
  return read_id(object.require(field, in_every), object.location(field), count, kind);
}

// A time that cannot come before an earlier one, named `earlier_name` in the message.
Nanoseconds read_time_from(const Json& value, const Location& where, Nanoseconds earliest,
                           std::string_view earlier_name) {
  const Nanoseconds time = json::read_nanoseconds(value, where);
  if (time < earliest) {
    where.fail(describe(value) + " is before " + std::string(earlier_name) +
               " (expected at least " + std::to_string(earliest.count()) + ")");
  }
  return time;
}

// The optional end of a span that starts at `start`: closed_ns, received_ns, delivered_ns.
std::optional<Nanoseconds> read_end_time(const ObjectReader& object, std::string_view field,
                                         Nanoseconds start, std::string_view start_name) {
  const Json* value = object.find(field);
  if (value == nullptr) return std::nullopt;
  return read_time_from(*value, object.location(field), start, start_name);
}

std::uint64_t require_count(const ObjectReader& object, std::string_view field,
                            std::string_view in_every) {
  return json::read_integer(object.require(field, in_every), object.location(field), 0, kMaxCount);
}

Endpoint read_endpoint(const Json& value, const Location& where) {
  constexpr std::string_view kInEvery = "in every endpoint";
  const ObjectReader object(value, where, kEndpointFields);
  Endpoint endpoint;
  endpoint.role = json::read_enum(object.require("role", kInEvery), object.location("role"),
                                  kAllEndpointRoles, "an endpoint role");
  endpoint.name = json::read_string(object.require("name", kInEvery), object.location("name"));
  return endpoint;
}

Connection read_connection(const Json& value, const Location& where, std::size_t endpoints) {
  constexpr std::string_view kInEvery = "in every connection";
  const ObjectReader object(value, where, kConnectionFields);
  Connection connection;
  connection.from = require_id(object, "from", endpoints, kEndpoint, kInEvery);
  connection.to = require_id(object, "to", endpoints, kEndpoint, kInEvery);
  if (connection.to == connection.from) {
    object.location("to").fail(std::to_string(connection.to) +
                               " is also \"from\" (expected the endpoint at the other end)");
  }
  connection.tls = json::read_bool(object.require("tls", kInEvery), object.location("tls"));
  connection.opened_at =
      json::read_nanoseconds(object.require("opened_ns", kInEvery), object.location("opened_ns"));
  connection.closed_at = read_end_time(object, "closed_ns", connection.opened_at, "opened_ns");
  return connection;
}

Message read_message(const Json& value, const Location& where,
                     const std::vector<Endpoint>& endpoints) {
  constexpr std::string_view kInEvery = "in every message";
  const ObjectReader object(value, where, kMessageFields);
  Message message;
  message.direction = json::read_enum(object.require("direction", kInEvery),
                                      object.location("direction"), kAllDirections, "a direction");
  message.client = require_id(object, "client", endpoints.size(), kEndpoint, kInEvery);
  const EndpointRole role = endpoints[message.client].role;
  if (role != EndpointRole::client) {
    object.location("client").fail(std::to_string(message.client) + " is the id of a " +
                                   std::string(to_string(role)) + " (expected the id of a client)");
  }
  message.payload_bytes = require_count(object, "payload_bytes", kInEvery);
  message.created_at =
      json::read_nanoseconds(object.require("created_ns", kInEvery), object.location("created_ns"));
  message.delivered_at = read_end_time(object, "delivered_ns", message.created_at, "created_ns");
  return message;
}

HostEvent read_host_event(const Json& value, const Location& where, std::size_t endpoints) {
  constexpr std::string_view kInEvery = "in every host event";
  const ObjectReader object(value, where, kHostEventFields);
  HostEvent event;
  event.endpoint = require_id(object, "endpoint", endpoints, kEndpoint, kInEvery);
  event.at = json::read_nanoseconds(object.require("at_ns", kInEvery), object.location("at_ns"));
  event.kind = json::read_enum(object.require("kind", kInEvery), object.location("kind"),
                               kAllHostEventKinds, "a host event");
  return event;
}

HostSample read_host_sample(const Json& value, const Location& where, std::size_t endpoints) {
  constexpr std::string_view kInEvery = "in every host sample";
  const ObjectReader object(value, where, kHostSampleFields);
  const auto gauge = [&](std::string_view field) {
    return static_cast<std::uint32_t>(
        json::read_integer(object.require(field, kInEvery), object.location(field), 0,
                           std::numeric_limits<std::uint32_t>::max()));
  };
  HostSample sample;
  sample.endpoint = require_id(object, "endpoint", endpoints, kEndpoint, kInEvery);
  sample.at = json::read_nanoseconds(object.require("at_ns", kInEvery), object.location("at_ns"));
  sample.connections = gauge("connections");
  sample.threads_busy = gauge("threads_busy");
  sample.accept_queue = gauge("accept_queue");
  sample.memory_bytes = require_count(object, "memory_bytes", kInEvery);
  sample.cpu_busy = json::read_nanoseconds(object.require("cpu_busy_ns", kInEvery),
                                           object.location("cpu_busy_ns"));
  sample.connects = gauge("connects");
  sample.refused = gauge("refused");
  return sample;
}

// A frame travels one way or the other between the two ends of its connection.
void check_ends(const WireFrame& frame, const Connection& connection, const Location& where) {
  const bool forward = frame.from == connection.from && frame.to == connection.to;
  const bool backward = frame.from == connection.to && frame.to == connection.from;
  if (forward || backward) return;
  where.fail("from " + std::to_string(frame.from) + " to " + std::to_string(frame.to) +
             " is not along connection " + std::to_string(frame.connection) + " (expected from " +
             std::to_string(connection.from) + " to " + std::to_string(connection.to) +
             " or back)");
}

// Exactly one of the two: the bytes themselves, or only their size when PushLab models them.
void read_contents(const ObjectReader& object, WireFrame& frame) {
  const Json* bytes = object.find("bytes_base64");
  const Json* size = object.find("modelled_size");
  if (bytes != nullptr && size != nullptr) {
    object.location().fail(
        "both \"bytes_base64\" and \"modelled_size\" (expected exact bytes or a modelled size, "
        "not both)");
  }
  if (bytes == nullptr && size == nullptr) {
    object.location().fail(
        "missing field \"bytes_base64\" or \"modelled_size\" (expected exact bytes or a modelled "
        "size in every frame)");
  }
  if (size != nullptr) {
    frame.modelled_size = json::read_integer(*size, object.location("modelled_size"), 0, kMaxCount);
    return;
  }
  const Location where = object.location("bytes_base64");
  auto decoded = wire::base64_decode(json::read_string(*bytes, where));
  if (!decoded) where.fail(describe(*bytes) + " is not base64 (expected RFC 4648 base64, padded)");
  frame.bytes = std::move(*decoded);
}

std::vector<MessageId> read_frame_messages(const Json& value, const Location& where,
                                           std::size_t messages) {
  const auto& items = json::read_array(value, where);
  std::vector<MessageId> ids;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const MessageId id = read_id(items[i], where.item(i), messages, kMessage);
    if (std::find(ids.begin(), ids.end(), id) != ids.end()) {
      where.item(i).fail(describe(items[i]) + " is listed twice (expected each message once)");
    }
    ids.push_back(id);
  }
  return ids;
}

// `previous_sent` keeps the frames in the order they were sent.
WireFrame read_frame(const Json& value, const Location& where, const Lane& lane,
                     Nanoseconds previous_sent) {
  constexpr std::string_view kInEvery = "in every frame";
  const ObjectReader object(value, where, kFrameFields);
  WireFrame frame;
  frame.from = require_id(object, "from", lane.endpoints.size(), kEndpoint, kInEvery);
  frame.to = require_id(object, "to", lane.endpoints.size(), kEndpoint, kInEvery);
  frame.connection =
      require_id(object, "connection", lane.connections.size(), kConnection, kInEvery);
  check_ends(frame, lane.connections[frame.connection], where);
  frame.sent_at = read_time_from(object.require("sent_ns", kInEvery), object.location("sent_ns"),
                                 previous_sent, "the previous frame's sent_ns");
  frame.received_at = read_end_time(object, "received_ns", frame.sent_at, "sent_ns");
  frame.layer = json::read_enum(object.require("layer", kInEvery), object.location("layer"),
                                kAllLayers, "a layer");
  frame.kind = json::read_string(object.require("kind", kInEvery), object.location("kind"));
  frame.setup = json::read_bool(object.require("setup", kInEvery), object.location("setup"));
  read_contents(object, frame);
  frame.transport_overhead = require_count(object, "transport_overhead", kInEvery);
  frame.messages = read_frame_messages(object.require("messages", kInEvery),
                                       object.location("messages"), lane.messages.size());
  frame.note = json::read_string(object.require("note", kInEvery), object.location("note"));
  return frame;
}

// The lane's list at `field`, each item read by `read_item(item, item_location)`.
template <typename ReadItem>
auto read_list(const ObjectReader& object, std::string_view field, ReadItem read_item) {
  return json::read_list(object.require(field, "in every lane"), object.location(field), read_item);
}

}  // namespace

// Messages before frames, whatever the order in the file: a frame names the messages it carries.
Lane read_lane(const Json& value, const Location& where) {
  const ObjectReader object(value, where, kLaneFields);
  Lane lane;
  lane.transport = json::read_enum(object.require("transport", "in every lane"),
                                   object.location("transport"), kAllTransports, "a transport");
  // Traces written before lanes had ids name a lane by its transport.
  lane.id = to_string(lane.transport);
  object.read_string("id", lane.id);
  lane.endpoints = read_list(object, "endpoints", read_endpoint);
  lane.connections = read_list(object, "connections", [&](const Json& item, const Location& at) {
    return read_connection(item, at, lane.endpoints.size());
  });
  lane.messages = read_list(object, "messages", [&](const Json& item, const Location& at) {
    return read_message(item, at, lane.endpoints);
  });
  Nanoseconds previous_sent{0};
  lane.frames = read_list(object, "frames", [&](const Json& item, const Location& at) {
    WireFrame frame = read_frame(item, at, lane, previous_sent);
    previous_sent = frame.sent_at;
    return frame;
  });
  if (object.find("host_events") != nullptr) {
    lane.host_events = read_list(object, "host_events", [&](const Json& item, const Location& at) {
      return read_host_event(item, at, lane.endpoints.size());
    });
  }
  if (object.find("host_samples") != nullptr) {
    lane.host_samples =
        read_list(object, "host_samples", [&](const Json& item, const Location& at) {
          return read_host_sample(item, at, lane.endpoints.size());
        });
  }
  return lane;
}

}  // namespace pushlab::sim::detail

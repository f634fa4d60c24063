#include "sim/trace/trace_pcap.hpp"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "sim/json/text_file.hpp"

namespace pushlab::sim {

namespace {

constexpr std::uint32_t kNanosecondPcapMagic = 0xa1b23c4d;
constexpr std::uint32_t kLinkTypeEthernet = 1;
constexpr std::size_t kMss = 1460;
constexpr std::uint16_t kServerPort = 80;
constexpr std::uint16_t kFirstClientPort = 49152;
constexpr std::uint32_t kOpenerIsn = 1'000'000;
constexpr std::uint32_t kAcceptorIsn = 2'000'000;

enum TcpFlag : std::uint8_t { kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10 };

void put16(wire::Bytes& out, std::uint16_t value) {
  out.push_back(static_cast<std::uint8_t>(value >> 8));
  out.push_back(static_cast<std::uint8_t>(value));
}

void put32(wire::Bytes& out, std::uint32_t value) {
  put16(out, static_cast<std::uint16_t>(value >> 16));
  put16(out, static_cast<std::uint16_t>(value));
}

void put32_little(wire::Bytes& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8)
    out.push_back(static_cast<std::uint8_t>(value >> shift));
}

void set16(wire::Bytes& out, std::size_t at, std::uint16_t value) {
  out[at] = static_cast<std::uint8_t>(value >> 8);
  out[at + 1] = static_cast<std::uint8_t>(value);
}

using Address = std::array<std::uint8_t, 4>;

Address address_of(std::size_t lane, EndpointId endpoint) {
  return {10, static_cast<std::uint8_t>(lane + 1), 0, static_cast<std::uint8_t>(endpoint + 1)};
}

// One TCP segment on the wire, ready to be written.
struct Packet {
  Nanoseconds at{0};
  wire::Bytes frame;  // Ethernet, IPv4, TCP, payload
};

struct Segment {
  Address from;
  Address to;
  std::uint16_t from_port = 0;
  std::uint16_t to_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  wire::ByteView payload;
};

std::uint32_t sum_words(wire::ByteView bytes, std::uint32_t sum) {
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
    sum += (std::uint32_t{bytes[i]} << 8) | bytes[i + 1];
  if (bytes.size() % 2 == 1) sum += std::uint32_t{bytes.back()} << 8;
  return sum;
}

wire::Bytes ethernet_ipv4_tcp(const Segment& segment, std::uint16_t ip_id) {
  wire::Bytes out;
  // Reserved whole: also keeps g++ 12 from false -Wstringop-overflow on growing an empty vector.
  out.reserve(14 + 20 + 20 + segment.payload.size());
  // Ethernet II: locally administered addresses made from the IPv4 ones, type IPv4.
  for (const Address& address : {segment.to, segment.from}) {
    out.insert(out.end(), {0x02, 0x00, address[0], address[1], address[2], address[3]});
  }
  put16(out, 0x0800);

  const std::size_t ip_start = out.size();
  const std::size_t tcp_length = 20 + segment.payload.size();
  out.insert(out.end(), {0x45, 0x00});
  put16(out, static_cast<std::uint16_t>(20 + tcp_length));
  put16(out, ip_id);
  put16(out, 0x4000);                    // don't fragment
  out.insert(out.end(), {64, 6, 0, 0});  // TTL, TCP, checksum to come
  out.insert(out.end(), segment.from.begin(), segment.from.end());
  out.insert(out.end(), segment.to.begin(), segment.to.end());
  set16(out, ip_start + 10, internet_checksum(wire::ByteView(out).subspan(ip_start, 20)));

  const std::size_t tcp_start = out.size();
  put16(out, segment.from_port);
  put16(out, segment.to_port);
  put32(out, segment.seq);
  put32(out, segment.ack);
  out.push_back(5 << 4);  // 20-byte header, no options
  out.push_back(segment.flags);
  put16(out, 65535);  // window
  put16(out, 0);      // checksum to come
  put16(out, 0);      // urgent pointer
  out.insert(out.end(), segment.payload.begin(), segment.payload.end());
  // The pseudo-header: addresses, protocol, TCP length (RFC 9293 section 3.1).
  std::uint32_t pseudo = sum_words(segment.from, 0);
  pseudo = sum_words(segment.to, pseudo);
  pseudo += 6 + static_cast<std::uint32_t>(tcp_length);
  set16(out, tcp_start + 16, internet_checksum(wire::ByteView(out).subspan(tcp_start), pseudo));
  return out;
}

// One connection's two sides: the next sequence number each will send.
struct Conversation {
  std::uint32_t opener_next = kOpenerIsn;
  std::uint32_t acceptor_next = kAcceptorIsn;
};

class CaptureBuilder {
 public:
  void add_lane(std::size_t lane_index, const Lane& lane) {
    std::vector<Conversation> conversations(lane.connections.size());
    for (const WireFrame& frame : lane.frames) {
      if (frame.connection >= lane.connections.size()) continue;
      add_frame(lane_index, lane.connections[frame.connection], frame.connection,
                conversations[frame.connection], frame);
    }
  }

  wire::Bytes finish() && {
    std::stable_sort(packets_.begin(), packets_.end(),
                     [](const Packet& a, const Packet& b) { return a.at < b.at; });
    std::size_t size = 24;
    for (const Packet& packet : packets_) size += 16 + packet.frame.size();
    wire::Bytes out;
    out.reserve(size);  // (as in ethernet_ipv4_tcp)
    put32_little(out, kNanosecondPcapMagic);
    out.insert(out.end(), {2, 0, 4, 0});  // version 2.4, little-endian
    put32_little(out, 0);                 // this zone
    put32_little(out, 0);                 // sigfigs
    put32_little(out, 262144);            // snapshot length
    put32_little(out, kLinkTypeEthernet);
    for (const Packet& packet : packets_) {
      const auto ns = static_cast<std::uint64_t>(std::max<std::int64_t>(0, packet.at.count()));
      put32_little(out, static_cast<std::uint32_t>(ns / 1'000'000'000));
      put32_little(out, static_cast<std::uint32_t>(ns % 1'000'000'000));
      put32_little(out, static_cast<std::uint32_t>(packet.frame.size()));
      put32_little(out, static_cast<std::uint32_t>(packet.frame.size()));
      wire::append(out, packet.frame);
    }
    return out;
  }

 private:
  void add_frame(std::size_t lane, const Connection& connection, ConnectionId id,
                 Conversation& conversation, const WireFrame& frame) {
    const bool from_opener = frame.from == connection.from;
    std::uint32_t& seq = from_opener ? conversation.opener_next : conversation.acceptor_next;
    const std::uint32_t ack = from_opener ? conversation.acceptor_next : conversation.opener_next;
    const auto client_port = static_cast<std::uint16_t>(kFirstClientPort + id % 16384);
    Segment segment{.from = address_of(lane, frame.from),
                    .to = address_of(lane, frame.to),
                    .from_port = from_opener ? client_port : kServerPort,
                    .to_port = from_opener ? kServerPort : client_port,
                    .seq = seq,
                    .ack = ack,
                    .flags = kAck,
                    .payload = {}};
    if (frame.layer == Layer::tcp) {
      if (frame.kind == "syn") {
        segment.flags = kSyn;
        segment.ack = 0;
      } else if (frame.kind == "syn-ack") {
        segment.flags = kSyn | kAck;
      } else if (frame.kind == "fin") {
        segment.flags = kFin | kAck;
      } else if (frame.kind != "ack") {
        return;  // a modelled copy that was lost: not a packet of the conversation
      }
      add(frame.sent_at, segment);
      if (segment.flags & (kSyn | kFin)) ++seq;
      return;
    }
    if (frame.layer == Layer::tls || frame.bytes.empty()) return;  // shown as what TLS carried
    const wire::ByteView bytes(frame.bytes);
    for (std::size_t at = 0; at < bytes.size(); at += kMss) {
      segment.payload = bytes.subspan(at, std::min(kMss, bytes.size() - at));
      segment.flags = kPsh | kAck;
      segment.seq = seq;
      add(frame.sent_at, segment);
      seq += static_cast<std::uint32_t>(segment.payload.size());
    }
  }

  void add(Nanoseconds at, const Segment& segment) {
    packets_.push_back({at, ethernet_ipv4_tcp(segment, next_ip_id_++)});
  }

  std::vector<Packet> packets_;
  std::uint16_t next_ip_id_ = 1;
};

}  // namespace

std::uint16_t internet_checksum(wire::ByteView bytes, std::uint32_t initial) {
  std::uint32_t sum = sum_words(bytes, initial);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum);
}

wire::Bytes to_pcap(const Trace& trace) {
  CaptureBuilder builder;
  for (std::size_t lane = 0; lane < trace.lanes.size(); ++lane)
    builder.add_lane(lane, trace.lanes[lane]);
  return std::move(builder).finish();
}

void save_pcap_file(const Trace& trace, const std::filesystem::path& path) {
  const wire::Bytes bytes = to_pcap(trace);
  json::write_text_file(path, wire::as_text(bytes));
}

}  // namespace pushlab::sim

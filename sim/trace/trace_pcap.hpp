#pragma once
// The Trace as a capture file that Wireshark and tshark open: libpcap's format with nanosecond
// timestamps, every packet Ethernet, IPv4 and TCP with correct sequence numbers and checksums,
// carrying the Trace's exact bytes. Each lane is a network of its own (10.L.0.E for endpoint E
// of lane L, both from 1), each connection a TCP conversation from port 49152 + its id to port
// 80, so Wireshark dissects the HTTP requests, the 101 and each WebSocket frame after it.
//
// TCP's handshake and FINs come from the Trace's tcp frames; a data frame longer than a segment
// is cut at 1460 bytes. What the Trace only models is left out: TLS records (the capture shows
// what TLS carried, in the clear) and lost copies of segments.

#include <filesystem>

#include "sim/trace/trace.hpp"
#include "sim/wire/bytes.hpp"

namespace pushlab::sim {

wire::Bytes to_pcap(const Trace& trace);

// Written through a temporary file renamed over `path`; throws json::InputError (the project's
// error for a file it cannot write) naming the path.
void save_pcap_file(const Trace& trace, const std::filesystem::path& path);

// RFC 1071: the ones' complement of the ones' complement sum of 16-bit words, after `initial`
// (a pseudo-header's sum, say). For tests and for the writer.
std::uint16_t internet_checksum(wire::ByteView bytes, std::uint32_t initial = 0);

}  // namespace pushlab::sim

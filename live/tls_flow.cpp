#include "live/tls_flow.hpp"

#include <algorithm>

namespace pushlab::live {

using sim::wire::Bytes;

namespace {

constexpr std::uint8_t kApplicationData = 23;

struct Record {
  std::uint8_t type = 0;
  std::size_t offset = 0;
  std::size_t size = 0;  // with its header
  std::size_t plaintext() const {
    const std::size_t overhead = kTlsRecordHeader + kTls13RecordExpansion;
    return size > overhead ? size - overhead : 0;
  }
};

// The records in a stream, up to the last whole one.
std::vector<Record> split_records(const Bytes& stream) {
  std::vector<Record> records;
  std::size_t at = 0;
  while (at + kTlsRecordHeader <= stream.size()) {
    const std::size_t length = (std::size_t{stream[at + 3]} << 8) | stream[at + 4];
    if (at + kTlsRecordHeader + length > stream.size()) break;
    records.push_back({stream[at], at, kTlsRecordHeader + length});
    at += kTlsRecordHeader + length;
  }
  return records;
}

struct RecordRange {
  std::size_t first = 0;
  std::size_t end = 0;
};

// The records of application data: the run of them, ending at most a few records before the
// last (a closing alert may follow), whose shares add up to the endpoint's bytes exactly.
RecordRange application_records(const std::vector<Record>& records, std::size_t bytes) {
  constexpr std::size_t kMostAfter = 2;
  for (std::size_t after = 0; after <= std::min(kMostAfter, records.size()); ++after) {
    const std::size_t end = records.size() - after;
    std::size_t sum = 0;
    std::size_t first = end;
    while (first > 0 && sum < bytes && records[first - 1].type == kApplicationData) {
      sum += records[--first].plaintext();
    }
    if (sum == bytes) return {first, end};
  }
  return {records.size(), records.size()};  // not found: no application data can be placed
}

}  // namespace

TlsFlow read_tls_flow(const RecordedFlow& flow, const Bytes& application) {
  Bytes stream;
  std::vector<std::size_t> starts;  // of each piece in the stream
  for (const RecordedPiece& piece : flow.pieces) {
    starts.push_back(stream.size());
    sim::wire::append(stream, piece.bytes);
  }
  const auto piece_at = [&](std::size_t offset) -> const RecordedPiece& {
    const auto after = std::upper_bound(starts.begin(), starts.end(), offset);
    return flow.pieces[static_cast<std::size_t>(after - starts.begin()) - 1];
  };

  const std::vector<Record> records = split_records(stream);
  const RecordRange data = application_records(records, application.size());
  const std::size_t first_data = data.first;
  TlsFlow out;
  for (std::size_t i = 0; i < first_data; ++i) {
    const Record& record = records[i];
    const RecordedPiece& piece = piece_at(record.offset);
    const auto begin = stream.begin() + static_cast<std::ptrdiff_t>(record.offset);
    const Bytes bytes(begin, begin + static_cast<std::ptrdiff_t>(record.size));
    // Records that left together are one step of the handshake.
    if (!out.handshake.empty() && out.handshake.back().sent_at == piece.sent_at) {
      sim::wire::append(out.handshake.back().bytes, bytes);
      out.handshake.back().arrived_at = piece_at(record.offset + record.size - 1).arrived_at;
    } else {
      out.handshake.push_back(
          {piece.sent_at, piece_at(record.offset + record.size - 1).arrived_at, bytes});
    }
  }
  std::size_t taken = 0;
  for (std::size_t i = first_data; i < data.end; ++i) {
    const Record& record = records[i];
    const std::size_t share = std::min(record.plaintext(), application.size() - taken);
    const auto begin = application.begin() + static_cast<std::ptrdiff_t>(taken);
    out.application.pieces.push_back({piece_at(record.offset).sent_at,
                                      piece_at(record.offset + record.size - 1).arrived_at,
                                      Bytes(begin, begin + static_cast<std::ptrdiff_t>(share))});
    taken += share;
  }
  out.application.fin = flow.fin;
  return out;
}

}  // namespace pushlab::live

// Feeds arbitrary bytes to the WebSocket frame decoder, whole, split in two at a position taken
// from the input, and one byte at a time, in each role and with a small message limit. Every
// way must give the same frames and the same error; and since the decoder accepts only the
// shortest length form, each frame encoded again must give back exactly the bytes it came from.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/wire/websocket/frame_decoder.hpp"
#include "sim/wire/websocket/frame_encoder.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::websocket;

namespace {

struct Outcome {
  std::vector<DecodedFrame> frames;
  std::optional<DecodeError> error;
};

void check(bool condition) {
  if (!condition) __builtin_trap();
}

Outcome decode_in_pieces(ByteView input, std::size_t piece, FrameDecoderOptions options) {
  FrameDecoder decoder(options);
  for (std::size_t at = 0; at < input.size(); at += piece) {
    decoder.feed(input.subspan(at, std::min(piece, input.size() - at)));
  }
  decoder.finish();
  Outcome outcome;
  while (auto frame = decoder.next()) outcome.frames.push_back(std::move(*frame));
  outcome.error = decoder.error();
  return outcome;
}

Outcome decode_split(ByteView input, std::size_t at, FrameDecoderOptions options) {
  FrameDecoder decoder(options);
  decoder.feed(input.first(at));
  decoder.feed(input.subspan(at));
  decoder.finish();
  Outcome outcome;
  while (auto frame = decoder.next()) outcome.frames.push_back(std::move(*frame));
  outcome.error = decoder.error();
  return outcome;
}

bool same(const Outcome& a, const Outcome& b) {
  if (a.frames.size() != b.frames.size() || a.error.has_value() != b.error.has_value()) {
    return false;
  }
  for (std::size_t i = 0; i < a.frames.size(); ++i) {
    if (!(a.frames[i].frame == b.frames[i].frame) || a.frames[i].offset != b.frames[i].offset) {
      return false;
    }
  }
  return !a.error || (a.error->reason == b.error->reason && a.error->offset == b.error->offset);
}

void check_frames_reencode(ByteView input, const Outcome& outcome) {
  std::uint64_t expected_offset = 0;
  for (const DecodedFrame& decoded : outcome.frames) {
    check(decoded.offset == expected_offset);
    const Bytes again = encode_frame(decoded.frame);
    check(again.size() == decoded.size());
    check(std::equal(again.begin(), again.end(), input.begin() + decoded.offset));
    expected_offset += decoded.size();
  }
  if (outcome.error) check(outcome.error->offset <= input.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  const ByteView input(data + 1, size - 1);
  FrameDecoderOptions options;
  if (control & 1) options.role = (control & 2) ? Role::client : Role::server;
  if (control & 4) options.max_message_bytes = 64;

  const Outcome whole = decode_in_pieces(input, input.size() + 1, options);
  check_frames_reencode(input, whole);
  const std::size_t at = input.empty() ? 0 : (control >> 3) % input.size();
  check(same(whole, decode_split(input, at, options)));
  if (input.size() <= 4096) check(same(whole, decode_in_pieces(input, 1, options)));
  return 0;
}

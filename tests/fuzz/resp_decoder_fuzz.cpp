// Feeds arbitrary bytes to the RESP decoder whole, split in two at a position taken from the
// first byte, and one byte at a time, under the default limits and small ones. Every way must
// give the same values and the same error; each value, encoded again, must be exactly the bytes
// it was read from; and hiredis's reader must read every value we accept as the same value.

#include <hiredis/hiredis.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "sim/wire/resp/decoder.hpp"
#include "sim/wire/resp/encode.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::resp;

namespace {

struct Outcome {
  std::vector<DecodedValue> values;
  std::optional<DecodeError> error;
};

void check(bool condition) {
  if (!condition) __builtin_trap();
}

bool same(const Outcome& a, const Outcome& b) {
  if (a.values.size() != b.values.size() || a.error.has_value() != b.error.has_value()) {
    return false;
  }
  for (std::size_t i = 0; i < a.values.size(); ++i) {
    const DecodedValue& x = a.values[i];
    const DecodedValue& y = b.values[i];
    if (!(x.value == y.value) || x.offset != y.offset || x.size != y.size) return false;
  }
  return !a.error || (a.error->reason == b.error->reason && a.error->offset == b.error->offset);
}

Outcome finish(Decoder& decoder) {
  decoder.finish();
  Outcome outcome{{}, decoder.error()};
  while (auto value = decoder.next()) outcome.values.push_back(std::move(*value));
  return outcome;
}

Outcome decode_in_pieces(ByteView input, std::size_t piece, DecoderLimits limits) {
  Decoder decoder(limits);
  for (std::size_t at = 0; at < input.size(); at += piece) {
    decoder.feed(input.subspan(at, std::min(piece, input.size() - at)));
  }
  return finish(decoder);
}

Outcome decode_split(ByteView input, std::size_t at, DecoderLimits limits) {
  Decoder decoder(limits);
  decoder.feed(input.first(at));
  decoder.feed(input.subspan(at));
  return finish(decoder);
}

// hiredis reads RESP2's null array as nil, like a null bulk string.
bool same_as_hiredis(const Value& ours, const redisReply& theirs) {
  switch (ours.type) {
    case Type::simple_string:
      return theirs.type == REDIS_REPLY_STATUS && ours.text == std::string(theirs.str, theirs.len);
    case Type::error:
      return theirs.type == REDIS_REPLY_ERROR && ours.text == std::string(theirs.str, theirs.len);
    case Type::bulk_string:
      return theirs.type == REDIS_REPLY_STRING && ours.text == std::string(theirs.str, theirs.len);
    case Type::integer:
      return theirs.type == REDIS_REPLY_INTEGER && ours.integer == theirs.integer;
    case Type::null_bulk:
    case Type::null_array:
      return theirs.type == REDIS_REPLY_NIL;
    case Type::array:
      if (theirs.type != REDIS_REPLY_ARRAY || theirs.elements != ours.elements.size()) return false;
      for (std::size_t i = 0; i < ours.elements.size(); ++i) {
        if (!same_as_hiredis(ours.elements[i], *theirs.element[i])) return false;
      }
      return true;
  }
  return false;
}

void check_with_hiredis(ByteView bytes, const Value& value) {
  std::unique_ptr<redisReader, decltype(&redisReaderFree)> reader(redisReaderCreate(),
                                                                  &redisReaderFree);
  check(redisReaderFeed(reader.get(), reinterpret_cast<const char*>(bytes.data()), bytes.size()) ==
        REDIS_OK);
  void* reply = nullptr;
  check(redisReaderGetReply(reader.get(), &reply) == REDIS_OK && reply != nullptr);
  const bool same = same_as_hiredis(value, *static_cast<redisReply*>(reply));
  freeReplyObject(reply);
  check(same);
}

void check_all_ways(ByteView input, DecoderLimits limits) {
  const Outcome whole = decode_in_pieces(input, input.size() + 1, limits);
  const std::size_t at = input.empty() ? 0 : input[0] % (input.size() + 1);
  check(same(decode_split(input, at, limits), whole));
  check(same(decode_in_pieces(input, 1, limits), whole));
  std::uint64_t end = 0;
  for (const DecodedValue& decoded : whole.values) {
    check(decoded.offset == end && decoded.size > 0);
    const ByteView bytes = input.subspan(decoded.offset, decoded.size);
    const Bytes again = encode(decoded.value);
    check(std::equal(again.begin(), again.end(), bytes.begin(), bytes.end()));
    check_with_hiredis(bytes, decoded.value);
    end = decoded.offset + decoded.size;
  }
  check(whole.error ? whole.error->offset <= input.size() : end == input.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ByteView input(data, size);
  check_all_ways(input, DecoderLimits{});
  check_all_ways(input, DecoderLimits{.max_bulk_bytes = 8, .max_depth = 2});
  return 0;
}

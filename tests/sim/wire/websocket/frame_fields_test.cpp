#include "sim/wire/websocket/frame_fields.hpp"

#include <doctest/doctest.h>

#include "sim/wire/websocket/close.hpp"

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::websocket;

namespace {

const FrameField& field(const std::vector<FrameField>& fields, std::string_view name) {
  for (const FrameField& f : fields) {
    if (f.name == name) return f;
  }
  FAIL("no field named " << name);
  throw;
}

}  // namespace

TEST_CASE("the masked RFC example is taken apart field by field") {
  const MaskingKey key{0x37, 0xfa, 0x21, 0x3d};
  const auto fields = frame_fields(text_frame("Hello", &key));
  CHECK(field(fields, "FIN").value == "1");
  CHECK(field(fields, "FIN").first_bit == 0);
  CHECK(field(fields, "FIN").bit_count == 1);
  CHECK(field(fields, "opcode").value == "0x1 (text)");
  CHECK(field(fields, "opcode").first_bit == 4);
  CHECK(field(fields, "opcode").bit_count == 4);
  CHECK(field(fields, "opcode").first_byte == 0);
  CHECK(field(fields, "MASK").first_bit == 8);
  CHECK(field(fields, "MASK").first_byte == 1);
  CHECK(field(fields, "payload length").value == "5 (7-bit form)");
  CHECK(field(fields, "masking key").value == "37 fa 21 3d");
  CHECK(field(fields, "masking key").first_byte == 2);
  CHECK(field(fields, "masked payload").value == "7f 9f 4d 51 58");
  CHECK(field(fields, "masked payload").first_byte == 6);
  CHECK(field(fields, "unmasked payload").value == "\"Hello\"");
  CHECK(field(fields, "unmasked payload").byte_count == 5);
  CHECK(field(fields, "unmasked payload").bit_count == 40);
}

TEST_CASE("long lengths show both the 7-bit marker and the extended field") {
  const auto fields16 = frame_fields(binary_frame(Bytes(256)));
  CHECK(field(fields16, "payload length").value == "126 (a 16-bit length follows)");
  CHECK(field(fields16, "extended payload length").value == "256 (16-bit form)");
  CHECK(field(fields16, "extended payload length").first_byte == 2);
  CHECK(field(fields16, "payload").first_byte == 4);
  const auto fields64 = frame_fields(binary_frame(Bytes(65536)));
  CHECK(field(fields64, "extended payload length").byte_count == 8);
  CHECK(field(fields64, "payload").first_byte == 10);
}

TEST_CASE("close frames show the code with its name and the reason") {
  const auto fields = frame_fields(close_frame({1001, "bye"}));
  CHECK(field(fields, "close code").value == "1001 (Going Away)");
  CHECK(field(fields, "close code").first_byte == 2);
  CHECK(field(fields, "close reason").value == "\"bye\"");
  CHECK(field(fields, "close reason").first_byte == 4);
}

TEST_CASE("binary payloads are shown in hex, text that is not UTF-8 too") {
  CHECK(field(frame_fields(binary_frame(Bytes{0x00, 0xff})), "payload").value == "00 ff");
  Frame odd = text_frame("");
  odd.payload = {0xc3};
  odd.header.payload_length = 1;
  CHECK(field(frame_fields(odd), "payload").value == "c3");
}

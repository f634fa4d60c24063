#include "sim/wire/http/detail/line_scanner.hpp"

#include <doctest/doctest.h>

using namespace pushlab::sim::wire;
using namespace pushlab::sim::wire::http::detail;
using Status = LineScan::Status;

TEST_CASE("a line ends with CRLF or a lone LF") {
  const LineScan crlf = scan_line(to_bytes("GET\r\nrest"), 0, 100);
  CHECK(crlf.status == Status::kComplete);
  CHECK(crlf.text_size == 3);
  CHECK(crlf.wire_size == 5);
  const LineScan lf = scan_line(to_bytes("GET\nrest"), 0, 100);
  CHECK(lf.status == Status::kComplete);
  CHECK(lf.text_size == 3);
  CHECK(lf.wire_size == 4);
  const LineScan empty = scan_line(to_bytes("\r\n"), 0, 100);
  CHECK(empty.status == Status::kComplete);
  CHECK(empty.text_size == 0);
}

TEST_CASE("an unfinished line says where to resume, a CR at the end waits for the next byte") {
  const LineScan partial = scan_line(to_bytes("GE"), 0, 100);
  CHECK(partial.status == Status::kNeedMore);
  CHECK(partial.position == 2);
  const LineScan cr_last = scan_line(to_bytes("GET\r"), partial.position, 100);
  CHECK(cr_last.status == Status::kNeedMore);
  CHECK(cr_last.position == 3);  // the CR is looked at again
  CHECK(scan_line(to_bytes("GET\r\n"), cr_last.position, 100).status == Status::kComplete);
}

TEST_CASE("a CR not followed by LF is a bare CR") {
  const LineScan bare = scan_line(to_bytes("a\rb\r\n"), 0, 100);
  CHECK(bare.status == Status::kBareCr);
  CHECK(bare.position == 1);
}

TEST_CASE("a line with its end may take max_size bytes, the next byte is too many") {
  CHECK(scan_line(to_bytes("abc\r\n"), 0, 5).status == Status::kComplete);
  const LineScan lf_beyond = scan_line(to_bytes("abc\r\n"), 0, 4);
  CHECK(lf_beyond.status == Status::kTooLong);
  CHECK(lf_beyond.position == 4);
  const LineScan no_end = scan_line(to_bytes("abcdef"), 0, 3);
  CHECK(no_end.status == Status::kTooLong);
  CHECK(no_end.position == 3);
  // Any 4th byte will be one too many, but the error waits for it: it is the bad byte.
  CHECK(scan_line(to_bytes("abc"), 0, 3).status == Status::kNeedMore);
  CHECK(scan_line(to_bytes("abc\n"), 0, 3).status == Status::kTooLong);
}

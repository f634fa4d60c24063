#include "apps/cli/hex_dump.hpp"

#include <cstdio>
#include <ostream>
#include <string>

namespace pushlab::cli {

namespace {

constexpr std::size_t kBytesPerLine = 16;

void print_line(std::ostream& out, sim::wire::ByteView line, std::uint64_t offset) {
  char cell[24];
  std::string hex;
  std::string ascii;
  for (std::size_t i = 0; i < kBytesPerLine; ++i) {
    if (i == 8) hex += ' ';
    if (i < line.size()) {
      std::snprintf(cell, sizeof cell, "%02x ", line[i]);
      hex += cell;
      ascii += line[i] >= 0x20 && line[i] < 0x7f ? static_cast<char>(line[i]) : '.';
    } else {
      hex += "   ";
    }
  }
  std::snprintf(cell, sizeof cell, "%04llx", static_cast<unsigned long long>(offset));
  out << "  " << cell << "  " << hex << " " << ascii << "\n";
}

}  // namespace

void print_hex_dump(std::ostream& out, sim::wire::ByteView bytes, std::uint64_t first_offset,
                    std::size_t max_lines) {
  const std::size_t lines = (bytes.size() + kBytesPerLine - 1) / kBytesPerLine;
  const std::size_t head = lines > max_lines ? max_lines - 1 : lines;  // the last line also shows
  for (std::size_t i = 0; i < lines; ++i) {
    if (i == head && i != lines - 1) {
      const std::size_t skipped = (lines - 1 - head) * kBytesPerLine;
      out << "  ....  (" << skipped << " bytes not shown)\n";
      i = lines - 1;
    }
    const std::size_t start = i * kBytesPerLine;
    print_line(out, bytes.subspan(start, std::min(kBytesPerLine, bytes.size() - start)),
               first_offset + start);
  }
}

}  // namespace pushlab::cli

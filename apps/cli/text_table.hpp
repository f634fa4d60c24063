#pragma once
// Columns padded to their widest cell, for terminal output.

#include <iosfwd>
#include <string>
#include <vector>

namespace pushlab::cli {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> headings) : headings_(std::move(headings)) {}

  void add_row(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }

  // Each line starts with `indent`; trailing blanks are trimmed.
  void print(std::ostream& out, const std::string& indent = "") const;

 private:
  std::vector<std::string> headings_;
  std::vector<std::vector<std::string>> rows_;
};

// `value` with `decimals` digits after the point, as a table cell: fixed_text(2.5, 2) "2.50".
std::string fixed_text(double value, int decimals);

// Columns counted in characters a terminal shows, so "é" is one wide.
std::size_t display_width(const std::string& text);

}  // namespace pushlab::cli

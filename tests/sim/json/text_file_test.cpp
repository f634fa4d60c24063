#include "sim/json/text_file.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>

#include "sim/json/input_error.hpp"
#include "sim/json/parse.hpp"

using namespace pushlab::sim::json;

TEST_CASE("a text file is written whole, read back, and its errors name the file") {
  // Named after the process: CTest may run other cases, or another build's, at the same time.
  const auto directory = std::filesystem::temp_directory_path() /
                         ("pushlab_text_file_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const auto path = directory / "a.json";
  write_text_file(path, "{\"a\": 1}\n");
  CHECK(read_text_file(path, 100) == "{\"a\": 1}\n");
  CHECK(parse_file(path, 100).dump() == R"({"a":1})");
  CHECK_FALSE(std::filesystem::exists(directory / "a.json.saving"));

  CHECK_THROWS_WITH_AS(read_text_file(path, 4),
                       (path.string() + ": file too large (expected at most 4 bytes)").c_str(),
                       InputError);
  const auto missing = directory / "missing.json";
  CHECK_THROWS_WITH_AS(read_text_file(missing, 100),
                       (missing.string() + ": file not found").c_str(), InputError);
  CHECK_THROWS_WITH_AS(read_text_file(directory, 100),
                       (directory.string() + ": is a directory, not a file").c_str(), InputError);
  const auto unwritable = directory / "no-such-directory" / "x.json";
  CHECK_THROWS_WITH_AS(write_text_file(unwritable, "x"),
                       (unwritable.string() + ": cannot write the file").c_str(), InputError);
  std::filesystem::remove_all(directory);
}

// pushlab, the window, as CI can see it: under Xvfb it renders each shipped scenario into a PNG,
// which must be the size asked for and show the lanes. And bad input is refused before any
// window opens.

#include <doctest/doctest.h>
#include <stb_image.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <set>
#include <string>

#include "tests/apps/run_program.hpp"

namespace {

using namespace pushlab::testing;

// xvfb-run gives each run a display of its own (-a), so test cases may run side by side.
// Under AddressSanitizer, leak checking is off for these runs only: Mesa's OpenGL driver
// leaks a little and is unloaded before the check, so its leaks cannot even be suppressed by
// name. Our drawing code's own allocations are checked headless, without OpenGL, by
// viz_draw_test.
Run run_pushlab(const std::string& arguments) {
  return run_program(
      "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 xvfb-run -a -s '-screen 0 "
      "1920x1080x24' " PUSHLAB_GUI,
      arguments);
}

struct Image {
  int width = 0;
  int height = 0;
  std::unique_ptr<unsigned char, decltype(&stbi_image_free)> pixels{nullptr, stbi_image_free};

  unsigned pixel(int x, int y) const {
    const unsigned char* p = pixels.get() + 3 * (static_cast<std::size_t>(y) * width + x);
    return unsigned{p[0]} << 16 | unsigned{p[1]} << 8 | p[2];
  }
};

Image load_png(const std::filesystem::path& file) {
  Image image;
  int channels = 0;
  image.pixels.reset(stbi_load(file.string().c_str(), &image.width, &image.height, &channels, 3));
  return image;
}

// Distinct colours in a rectangle.
std::size_t colours_in(const Image& image, int left, int top, int right, int bottom) {
  std::set<unsigned> colours;
  for (int y = top; y < bottom; ++y) {
    for (int x = left; x < right; ++x) colours.insert(image.pixel(x, y));
  }
  return colours.size();
}

bool has_colour(const Image& image, unsigned rgb) {
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      if (image.pixel(x, y) == rgb) return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("every shipped scenario renders into a PNG of the asked size that shows the lanes") {
  for (const auto& entry : std::filesystem::directory_iterator(PUSHLAB_SOURCE_DIR "/scenarios")) {
    const std::filesystem::path png = scratch_dir() / (entry.path().stem().string() + ".png");
    CAPTURE(entry.path());
    const Run result =
        run_pushlab(entry.path().string() + " --at 2 --size 1280x800 --screenshot " + png.string());
    CAPTURE(result.err);
    REQUIRE(result.exit_code == 0);
    const Image image = load_png(png);
    REQUIRE(image.pixels);
    CHECK(image.width == 1280);
    CHECK(image.height == 800);
    // The diagrams fill the left two thirds of the middle band: lifelines, arrows, labels,
    // anti-aliased, in many colours; a blank or failed frame has one or two.
    CHECK(colours_in(image, 0, 200, 850, 500) > 40);
    // Arrows of HTTP (sky blue) are in every scenario: each runs at least one HTTP lane or the
    // WebSocket handshake.
    CHECK(has_colour(image, 0x56b4e9));
    std::filesystem::remove(png);
  }
}

TEST_CASE("the inspector opens the frame --select names") {
  const std::filesystem::path png = scratch_dir() / "inspector.png";
  const Run result = run_pushlab(PUSHLAB_SOURCE_DIR
                                 "/scenarios/chat.json --select 101 "
                                 "--size 1280x800 --screenshot " +
                                 png.string());
  CAPTURE(result.err);
  REQUIRE(result.exit_code == 0);
  const Image image = load_png(png);
  REQUIRE(image.pixels);
  // The inspector (the right third) shows a hex dump and fields: text in many shades.
  CHECK(colours_in(image, 900, 150, 1270, 600) > 20);
}

TEST_CASE("a lesson opens on the left at the step --step names, its diagram beside it") {
  const std::filesystem::path with_lesson = scratch_dir() / "lesson.png";
  const std::filesystem::path without = scratch_dir() / "no-lesson.png";
  Run result = run_pushlab(PUSHLAB_SOURCE_DIR
                           "/lessons/03-websocket-handshake.md --step 2 --size 1280x800 "
                           "--screenshot " +
                           with_lesson.string());
  CAPTURE(result.err);
  REQUIRE(result.exit_code == 0);
  // The step's own view, without the lesson: its scenario, lane, moment and frame.
  result = run_pushlab(PUSHLAB_SOURCE_DIR
                       "/scenarios/chat.json --select 101 --size 1280x800 --screenshot " +
                       without.string());
  REQUIRE(result.exit_code == 0);
  const Image lesson = load_png(with_lesson);
  const Image plain = load_png(without);
  REQUIRE(lesson.pixels);
  REQUIRE(plain.pixels);
  // The left third holds the lesson's text (anti-aliased type in many shades), where without
  // it the lanes begin.
  CHECK(colours_in(lesson, 10, 150, 370, 600) > 20);
  std::size_t differing = 0;
  for (int y = 150; y < 600; ++y) {
    for (int x = 10; x < 370; ++x) differing += lesson.pixel(x, y) != plain.pixel(x, y);
  }
  CHECK(differing > 10'000);
  // The step selects the 101: the inspector on the right shows it, as with --select.
  CHECK(colours_in(lesson, 900, 150, 1270, 600) > 20);
}

TEST_CASE("bad input is refused with a message, before any window opens") {
  Run result = run_program(PUSHLAB_GUI, "/no/such/scenario.json");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("/no/such/scenario.json") != std::string::npos);

  result = run_program(PUSHLAB_GUI,
                       PUSHLAB_SOURCE_DIR "/scenarios/chat.json --select nothing-like-this");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("no frame's label begins with \"nothing-like-this\"") != std::string::npos);

  result =
      run_program(PUSHLAB_GUI, PUSHLAB_SOURCE_DIR "/scenarios/chat.json --select websocket:99999");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("the websocket lane has frames 0 to") != std::string::npos);

  result = run_program(PUSHLAB_GUI, PUSHLAB_SOURCE_DIR "/scenarios/chat.json --at 500");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("--at: 8 min 20.000 s") != std::string::npos);
  CHECK(result.err.find("past the end of the run") != std::string::npos);

  result =
      run_program(PUSHLAB_GUI, PUSHLAB_SOURCE_DIR "/lessons/03-websocket-handshake.md --step 99");
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("--step: 99 is past the lesson's last step") != std::string::npos);

  result = run_program(PUSHLAB_GUI, PUSHLAB_SOURCE_DIR "/lessons/03-websocket-handshake.md --at 1");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("do not go with a lesson") != std::string::npos);

  result = run_program(PUSHLAB_GUI, PUSHLAB_SOURCE_DIR "/scenarios/chat.json --step 2");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--step goes with a lesson") != std::string::npos);

  const std::filesystem::path broken = scratch_dir() / "broken-lesson.md";
  std::ofstream(broken) << "# T\n\n## S\n\n```pushlab\n{\"at\": \"soon\"}\n```\n";
  result = run_program(PUSHLAB_GUI, broken.string());
  CHECK(result.exit_code == 1);
  CHECK(result.err.find("broken-lesson.md") != std::string::npos);
  CHECK(result.err.find("line 5: /at") != std::string::npos);  // the block that holds it

  result = run_program(PUSHLAB_GUI, "--size 12by34");
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("--size") != std::string::npos);

  result = run_program(PUSHLAB_GUI, "--help");
  CHECK(result.exit_code == 0);
  CHECK(result.out.find("--screenshot") != std::string::npos);
}

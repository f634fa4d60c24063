#pragma once
// A progress bar on stderr for long commands (sweep, live); nothing when stderr is a file or a
// pipe. Work may report from several threads, so drawing is under a lock.

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <mutex>
#include <string>

namespace pushlab::cli {

class ProgressLine {
 public:
  explicit ProgressLine(std::size_t steps) : steps_(steps), shown_(isatty(STDERR_FILENO) != 0) {}
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // Step `step` (from 0) is `done` (0 to 1) of the way through.
  void show(std::size_t step, double done, const std::string& what) {
    show_steps_done(static_cast<double>(step) + done, what);
  }

  // Steps running side by side: `steps_done` of them in all, counting parts of steps.
  void show_steps_done(double steps_done, const std::string& what) {
    if (!shown_) return;
    const std::lock_guard lock(mutex_);
    constexpr std::size_t kWidth = 30;
    const double whole = std::min(1.0, steps_done / static_cast<double>(steps_));
    const auto filled = static_cast<std::size_t>(whole * kWidth);
    std::fprintf(stderr, "\r[%s%s] %3.0f%%  %-40s", std::string(filled, '#').c_str(),
                 std::string(kWidth - filled, '.').c_str(), whole * 100, what.c_str());
    std::fflush(stderr);
  }

  ~ProgressLine() {
    if (shown_) std::fprintf(stderr, "\r%*s\r", 90, "");
  }

 private:
  std::size_t steps_;
  bool shown_;
  std::mutex mutex_;
};

}  // namespace pushlab::cli

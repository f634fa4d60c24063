#pragma once
// How a live run goes: its speed, its progress reports, its cancellation. Apart from run.hpp so
// that what only passes these on (the window's view models) need not link live mode.

#include <atomic>
#include <functional>
#include <memory>

namespace pushlab::live {

struct LiveOptions {
  // Scenario seconds per second of wall time: 10 runs a 120 s scenario in 12 s. Latencies
  // shrink with it, so the machine's own noise grows by the same factor in the Trace.
  double time_scale = 1;
  // How far the run has come, from 0 to 1 (wall time over the run's length), a few times a second.
  std::function<void(double done)> progress;
  // Set from another thread to stop the run early (a window closing): run() then throws.
  std::shared_ptr<const std::atomic<bool>> cancel = nullptr;
};

}  // namespace pushlab::live

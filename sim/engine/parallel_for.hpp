#pragma once
// Independent runs side by side on the machine's cores: lanes of a scenario, points of a sweep.
// Each run shares nothing with the others, so each stays as deterministic as it is alone.

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace pushlab::sim {

// Calls run(order[0]), run(order[1]), ... on as many threads as there are cores, taking the
// next index as each finishes. The error of the lowest index that failed is rethrown once all
// are done.
template <class Run>
void parallel_for(const std::vector<std::size_t>& order, Run run) {
  const std::size_t count = order.size();
  const std::size_t workers = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                      std::max<std::size_t>(count, 1));
  std::vector<std::exception_ptr> errors(count);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t taken = next++; taken < count; taken = next++) {
      try {
        run(order[taken]);
      } catch (...) {
        errors[taken] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < workers; ++i) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  std::vector<std::exception_ptr> by_index(count);
  for (std::size_t taken = 0; taken < count; ++taken) by_index[order[taken]] = errors[taken];
  for (const std::exception_ptr& error : by_index) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace pushlab::sim

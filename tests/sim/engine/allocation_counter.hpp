#pragma once
// Counts calls to the global operator new in this test program (allocation_counter.cpp replaces
// it), so a test can show that something does not allocate.

#include <cstdint>

namespace pushlab::sim::testing {

std::uint64_t allocations();

}  // namespace pushlab::sim::testing

#pragma once
// The natural logarithm, computed the same way to the last bit on every platform.
//
// C++ does not require std::log to be correctly rounded, and C libraries differ in the last bit
// now and then; a random delay drawn through it could then differ by a nanosecond between
// machines, and so would the Trace. This one uses only +, -, * and / (which IEEE 754 rounds
// exactly) in a fixed order, and a table made by log_table.py; the engine is compiled with
// -ffp-contract=off so that no compiler fuses its multiply-adds. In tests it is never more than
// 1 ulp from glibc's log, and differs from it by that in about 0.4% of uniform draws.

namespace pushlab::sim::detail {

// x must be positive and finite.
double portable_log(double x);

}  // namespace pushlab::sim::detail

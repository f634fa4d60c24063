#pragma once
// What a model hands the simulator to run later: any callable taking no arguments, moved in.
//
// std::function would do, but libstdc++'s allocates for captures over 16 bytes, and a model's
// typical capture (`this` plus a few words) is bigger; a simulation schedules millions of events.
// A Callback keeps callables of up to 48 bytes inline and only puts bigger ones, or ones whose
// move may throw, on the heap. It is move-only, so a capture may own a std::unique_ptr. With its
// 8-byte table pointer it takes 56 bytes: an event queue slot, with the event's sequence number,
// is one 64-byte cache line.

#include <concepts>
#include <type_traits>

#include "sim/engine/inline_function.hpp"

namespace pushlab::sim {

using Callback = InlineFunction<void(), 48>;

// What a Callback can be made from: a callable taking no arguments (other than a Callback).
template <typename F>
concept CallbackTarget =
    !std::same_as<std::remove_cvref_t<F>, Callback> && std::invocable<std::remove_cvref_t<F>&>;

}  // namespace pushlab::sim

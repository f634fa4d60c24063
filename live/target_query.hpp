#pragma once
// The client a request's target names to the live server (sim/transports/http_contract.hpp),
// read without trusting it. Unlike the simulated server, the live one takes a target that names
// no client for client 1's, so that a learner can type /events into a browser's address bar.

#include <optional>
#include <string_view>

namespace pushlab::live {

// The 0-based client the target names with ?client=N, counted from 1 up to `clients`; a target
// that names none means client 1. Nothing for a value that is not such a number.
std::optional<int> client_index(std::string_view target, int clients);

}  // namespace pushlab::live

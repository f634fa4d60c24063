#pragma once
// What a request's target says to the live server: its path, and the values of its query
// ("/poll?client=2&received=5"), read without trusting them.

#include <cstddef>
#include <optional>
#include <string_view>

namespace pushlab::live {

// "/poll?client=2" -> "/poll".
std::string_view path_of(std::string_view target);

// The value of `name` in the target's query ("" for a bare "name"), if present.
std::optional<std::string_view> query_value(std::string_view target, std::string_view name);

// The 0-based client the target names with ?client=N, counted from 1 up to `clients`; a target
// that names none means client 1. Nothing for a value that is not such a number.
std::optional<int> client_index(std::string_view target, int clients);

// ?received=K: how many of its messages a poller has; nothing if absent or not a number.
std::optional<std::size_t> received_count(std::string_view target);

}  // namespace pushlab::live

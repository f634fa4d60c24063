#pragma once
// Which header fields a scenario may add to the messages the simulator writes, and why not.
//
// A scenario's fields are what a browser or a server adds on its own (User-Agent, Cookie,
// Accept-Language, Server, Keep-Alive ...), so a header set copied from a browser's developer
// tools loads as it is. A field the simulator also writes is fine when it agrees with what the
// simulator writes (Host, Connection: keep-alive); it is then written once. Only a field that
// would contradict how the simulator frames a message or a connection is refused, with why.

#include <optional>
#include <string>
#include <string_view>

namespace pushlab::sim::detail {

enum class HeaderSide { request, response };

// Why a scenario cannot add this field on that side, or nullopt when it can. Field names are
// compared without regard to case; the value is already known to be a valid field value.
std::optional<std::string> why_not_settable(std::string_view name, std::string_view value,
                                            HeaderSide side);

}  // namespace pushlab::sim::detail

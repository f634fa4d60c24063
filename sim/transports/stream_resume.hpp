#pragma once
// A client's resume point in a cluster whose broker keeps a stream (redis-streams): the id of
// the last message it received. Its requests carry it (`&last=17`, `&last=none` before the
// first; SSE's Last-Event-ID), so that a server it comes back to reads what it missed from the
// stream (LaneWorld::resume). The page's code does this; with a broker that keeps nothing there
// is nothing to resume from, and no request carries it.

#include <optional>
#include <string>
#include <string_view>

#include "sim/transports/lane_world.hpp"

namespace pushlab::sim {

inline constexpr std::string_view kLastKey = "last";

inline bool resumes_from_stream(const Scenario& scenario) {
  return scenario.cluster && scenario.cluster->broker.kind == BrokerKind::redis_streams;
}

// The newest of a client's messages so far.
inline void note_received(std::optional<MessageId>& last, MessageId id) {
  if (!last || id > *last) last = id;
}

void append_resume_point(std::string& target, std::optional<MessageId> last);

// Whether a request's target carries a resume point, and the message it names (nullopt for
// "none"). Two calls rather than a nested optional, which g++ 12 warns about wrongly.
bool carries_resume_point(std::string_view target);
std::optional<MessageId> resume_point_in(std::string_view target);

}  // namespace pushlab::sim

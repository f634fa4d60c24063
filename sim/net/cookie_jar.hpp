#pragma once
// A browser's cookies for the one host a lane talks to, kept by its network stack as browsers
// do, not by the page: each Set-Cookie of a response is stored (a later one of the same name
// replaces it), and every request after it carries them in a Cookie field. A balancer that
// pins clients by cookie (`sticky: cookie`) is what sets one here.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/trace/trace.hpp"

namespace pushlab::sim {

class CookieJar {
 public:
  // Stores the cookies a response's head sets.
  void take(const WireFrame& response);

  // Adds the stored cookies to a request's head: a Cookie field of its own, or appended to the
  // one it has. Nothing without cookies.
  void add_to(WireFrame& request) const;

  bool empty() const { return cookies_.empty(); }

 private:
  std::vector<std::pair<std::string, std::string>> cookies_;  // name, value
};

// "pushlab_node=s3; Path=/" as a name and a value; a malformed one is ignored.
std::optional<std::pair<std::string, std::string>> parse_set_cookie(std::string_view value);

// The value of cookie `name` in a Cookie field's value ("a=1; pushlab_node=s3").
std::optional<std::string> cookie_value(std::string_view cookies, std::string_view name);

// Inserts a header field line at the end of an HTTP message's head, before its empty line.
void insert_field(wire::Bytes& message, std::string_view name, std::string_view value);

}  // namespace pushlab::sim

#pragma once
// Which web pages may use the live server's endpoints. A browser lets any page open a WebSocket
// or an EventSource to any server, and says which page asked in Origin; a server that does not
// check it lets every site its users visit read what it pushes (cross-site WebSocket hijacking,
// RFC 6455 section 10.2). So the live server serves:
//   - a request without Origin: not from a page (curl, Python, PushLab's own clients);
//   - a page of its own origin: the scheme, address and port it serves (every address of this
//     machine when it listens on all of them), and localhost for a loopback address;
//   - a page of an origin its operator allowed (--allow-origin; "*" allows any).
// Origins compare as RFC 6454 serializes them: scheme and host in lower case, no default port.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::live {

// "HTTP://LocalHost:80" -> "http://localhost"; nullopt for what is not scheme://host[:port]
// (such as "null", the origin of a file:// page).
std::optional<std::string> normalized_origin(std::string_view origin);

// Why `value` cannot be given to --allow-origin, or nullopt: it must be "*", "null", or an
// http or https origin.
std::optional<std::string> why_not_an_allowed_origin(std::string_view value);

// The origins of a server that listens on `bind` (an IP address) at `port`.
std::vector<std::string> own_origins(bool tls, std::string_view bind, unsigned short port);

struct OriginPolicy {
  std::vector<std::string> own;      // normalized
  std::vector<std::string> allowed;  // as given; "*" allows any origin

  // Whether a request with this Origin field (nullopt: none) may be served.
  bool allows(std::optional<std::string_view> origin) const;
  // The body of the 403 for a page of `origin`: what was refused, and how to allow it.
  std::string refusal(std::string_view origin) const;
};

}  // namespace pushlab::live

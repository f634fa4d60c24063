#include "sim/net/cookie_jar.hpp"

#include <algorithm>

#include "sim/wire/http/parse_one.hpp"
#include "sim/wire/http/rfc9110.hpp"
#include "sim/wire/http/serialize.hpp"

namespace pushlab::sim {

namespace http = wire::http;

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::pair<std::string, std::string>> parse_set_cookie(std::string_view value) {
  const std::string_view pair = value.substr(0, value.find(';'));
  const std::size_t equals = pair.find('=');
  if (equals == std::string_view::npos) return std::nullopt;
  const std::string_view name = trim(pair.substr(0, equals));
  if (name.empty()) return std::nullopt;
  return std::pair{std::string(name), std::string(trim(pair.substr(equals + 1)))};
}

std::optional<std::string> cookie_value(std::string_view cookies, std::string_view name) {
  while (!cookies.empty()) {
    const std::size_t end = cookies.find(';');
    const std::string_view pair = trim(cookies.substr(0, end));
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) {
      return std::string(trim(pair.substr(equals + 1)));
    }
    if (end == std::string_view::npos) break;
    cookies.remove_prefix(end + 1);
  }
  return std::nullopt;
}

void insert_field(wire::Bytes& message, std::string_view name, std::string_view value) {
  static constexpr std::string_view kHeadEnd = "\r\n\r\n";
  const std::string_view text = wire::as_text(message);
  const std::size_t end = text.find(kHeadEnd);
  if (end == std::string_view::npos) return;
  const std::string line = "\r\n" + std::string(name) + ": " + std::string(value);
  message.insert(message.begin() + static_cast<std::ptrdiff_t>(end), line.begin(), line.end());
}

void CookieJar::take(const WireFrame& response) {
  const auto head = http::parse_response_head(response.bytes);
  if (!head) return;
  for (const http::Field& field : head->fields) {
    if (!http::iequals(field.name, "Set-Cookie")) continue;
    auto cookie = parse_set_cookie(field.value);
    if (!cookie) continue;
    const auto same = std::find_if(cookies_.begin(), cookies_.end(),
                                   [&](const auto& kept) { return kept.first == cookie->first; });
    if (same != cookies_.end()) {
      same->second = std::move(cookie->second);
    } else {
      cookies_.push_back(std::move(*cookie));
    }
  }
}

void CookieJar::add_to(WireFrame& request) const {
  if (cookies_.empty()) return;
  std::string value;
  for (const auto& [name, cookie] : cookies_) {
    if (!value.empty()) value += "; ";
    value += name + "=" + cookie;
  }
  std::optional<http::Request> parsed = http::parse_request(request.bytes);
  if (parsed && parsed->fields.find("Cookie")) {
    // The page's own cookies come first, then the jar's, in one field (RFC 6265 section 5.4).
    std::string joined = *parsed->fields.find("Cookie") + "; " + value;
    parsed->fields.remove("Cookie");
    parsed->fields.add("Cookie", std::move(joined));
    request.bytes = http::serialize(*parsed);
    return;
  }
  insert_field(request.bytes, "Cookie", value);
}

}  // namespace pushlab::sim

#include "live/origin_policy.hpp"

#include <ifaddrs.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include <boost/asio/ip/address.hpp>

namespace pushlab::live {

namespace {

std::string lowered(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<unsigned> port_number(std::string_view digits) {
  unsigned port = 0;
  if (digits.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (error != std::errc{} || end != digits.data() + digits.size() || port > 65535) {
    return std::nullopt;
  }
  return port;
}

bool is_host_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_';
}

// "[::1]" or a name or an IPv4 address.
bool is_host(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    return std::all_of(host.begin() + 1, host.end() - 1, [](char c) {
      return std::isxdigit(static_cast<unsigned char>(c)) != 0 || c == ':' || c == '.';
    });
  }
  return !host.empty() && std::all_of(host.begin(), host.end(), is_host_char);
}

std::string origin_of(bool tls, const std::string& host, unsigned short port) {
  const bool default_port = port == (tls ? 443 : 80);
  return std::string(tls ? "https://" : "http://") + host +
         (default_port ? "" : ":" + std::to_string(port));
}

std::string host_of(const boost::asio::ip::address& address) {
  return address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
}

// Every address of this machine's interfaces, for a server listening on all of them.
std::vector<boost::asio::ip::address> interface_addresses() {
  std::vector<boost::asio::ip::address> addresses;
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return addresses;
  for (const ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
    if (entry->ifa_addr == nullptr) continue;
    if (entry->ifa_addr->sa_family == AF_INET) {
      const auto* ipv4 = reinterpret_cast<const sockaddr_in*>(entry->ifa_addr);
      addresses.push_back(boost::asio::ip::make_address_v4(ntohl(ipv4->sin_addr.s_addr)));
    } else if (entry->ifa_addr->sa_family == AF_INET6) {
      const auto* ipv6 = reinterpret_cast<const sockaddr_in6*>(entry->ifa_addr);
      std::array<unsigned char, 16> bytes{};
      std::copy_n(ipv6->sin6_addr.s6_addr, 16, bytes.begin());
      const boost::asio::ip::address_v6 address(bytes, ipv6->sin6_scope_id);
      if (!address.is_link_local()) addresses.push_back(address);  // no zone in an origin
    }
  }
  freeifaddrs(list);
  return addresses;
}

}  // namespace

std::optional<std::string> normalized_origin(std::string_view origin) {
  const std::size_t separator = origin.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string scheme = lowered(origin.substr(0, separator));
  if (scheme != "http" && scheme != "https") return std::nullopt;
  const std::string_view authority = origin.substr(separator + 3);
  // The host ends at the port's colon, past an IPv6 address's brackets.
  const std::size_t host_end =
      authority.starts_with('[') ? authority.find(']') + 1 : authority.find(':');
  const std::string_view host = authority.substr(0, host_end);
  const std::string_view rest = host_end >= authority.size() ? "" : authority.substr(host_end);
  if (!is_host(host) || (!rest.empty() && !rest.starts_with(':'))) return std::nullopt;
  const bool tls = scheme == "https";
  const auto port =
      rest.empty() ? std::optional<unsigned>(tls ? 443 : 80) : port_number(rest.substr(1));
  if (!port) return std::nullopt;
  return origin_of(tls, lowered(host), static_cast<unsigned short>(*port));
}

std::optional<std::string> why_not_an_allowed_origin(std::string_view value) {
  if (value == "*" || value == "null" || normalized_origin(value)) return std::nullopt;
  return "\"" + std::string(value) +
         "\" is not an origin (expected scheme://host[:port] with http or https, such as "
         "http://192.168.1.5:8080; null for a page opened from a file; or * for any page)";
}

std::vector<std::string> own_origins(bool tls, std::string_view bind, unsigned short port) {
  boost::system::error_code error;
  const auto address = boost::asio::ip::make_address(std::string(bind), error);
  if (error) return {};
  std::vector<boost::asio::ip::address> served = {address};
  if (address.is_unspecified()) served = interface_addresses();
  std::vector<std::string> origins;
  for (const auto& one : served) {
    origins.push_back(origin_of(tls, host_of(one), port));
    if (one.is_loopback()) origins.push_back(origin_of(tls, "localhost", port));
  }
  std::sort(origins.begin(), origins.end());
  origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
  return origins;
}

bool OriginPolicy::allows(std::optional<std::string_view> origin) const {
  if (!origin) return true;
  const std::string normal = normalized_origin(*origin).value_or(std::string(*origin));
  const auto is = [&normal](const std::string& listed) {
    return listed == "*" || normalized_origin(listed).value_or(listed) == normal;
  };
  return std::any_of(own.begin(), own.end(), is) || std::any_of(allowed.begin(), allowed.end(), is);
}

std::string OriginPolicy::refusal(std::string_view origin) const {
  std::string text = "403 Forbidden: a page of origin " + std::string(origin) +
                     " may not use this server, which serves pages of ";
  for (std::size_t i = 0; i < own.size(); ++i) text += (i == 0 ? "" : ", ") + own[i];
  text += ". To allow that page, start the server with --allow-origin " + std::string(origin) +
          " (or --allow-origin '*' for any page).";
  return text;
}

}  // namespace pushlab::live

#pragma once
// One request written on a fresh loopback connection, and the server's answer: its head and as
// much body as its Content-Length says (or what came before it closed, or a second passed). For
// checks of what a live server answers to requests that no client library would send.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <string_view>

namespace pushlab::testing {

// A head, and the body its Content-Length announces (none without one: a 101, a stream).
inline bool is_whole(std::string_view answer) {
  const std::size_t head_end = answer.find("\r\n\r\n");
  if (head_end == std::string_view::npos) return false;
  const std::size_t length_at = answer.substr(0, head_end).find("Content-Length: ");
  if (length_at == std::string_view::npos) return true;
  const std::size_t length = std::stoul(std::string(answer.substr(length_at + 16, 12)));
  return answer.size() >= head_end + 4 + length;
}

inline std::string raw_exchange(unsigned short port, std::string_view request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    pollfd readable{.fd = fd, .events = POLLIN, .revents = 0};
    char buffer[4096];
    while (!is_whole(answer) && ::poll(&readable, 1, 1000) > 0) {
      const ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
      if (got <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(got));
    }
  }
  ::close(fd);
  return answer;
}

// "HTTP/1.1 403 Forbidden..." -> 403; 0 when the answer has no status line.
inline int status_of(std::string_view answer) {
  if (answer.size() < 12 || !answer.starts_with("HTTP/1.")) return 0;
  return std::stoi(std::string(answer.substr(9, 3)));
}

}  // namespace pushlab::testing

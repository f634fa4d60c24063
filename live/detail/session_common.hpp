#pragma once
// What the live server's sessions share: Beast's names as the sessions use them, the server's
// state, and the responses they make. Included by server.cpp alone, where Beast is compiled.

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "live/engine_io/hub.hpp"
#include "live/feed.hpp"
#include "live/origin_policy.hpp"
#include "live/server.hpp"

namespace pushlab::live::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

template <class Stream>
constexpr bool kTls = std::is_same_v<Stream, TlsStream>;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// What every session needs of the server.
struct Shared {
  ServerOptions options;
  Feed feed;
  ServerCounts counts;
  OriginPolicy origins;
  std::optional<engine_io::Hub> engine_io;  // made once the feed has its place
};

// A JSON array of the messages' payloads, which never hold '"', '\\' or line breaks.
inline std::string json_array(const std::vector<FeedMessage>& messages) {
  std::string body = "[";
  for (const FeedMessage& message : messages) {
    if (body.size() > 1) body += ',';
    body += '"' + message.payload + '"';
  }
  return body + ']';
}

inline Response make_response(const Request& request, http::status status, std::string body = {},
                              std::string_view content_type = "text/plain; charset=utf-8") {
  Response response{status, request.version()};
  response.set(http::field::server, "PushLab");
  if (!body.empty()) response.set(http::field::content_type, content_type);
  response.set(http::field::cache_control, "no-cache");
  response.keep_alive(request.keep_alive());
  response.body() = std::move(body);
  response.prepare_payload();
  return response;
}

// An Engine.IO answer, with the reference server's fields in its order (lib/transports/
// polling.ts): Content-Type, Content-Length, cache-control: no-store.
inline Response engine_io_response(const Request& request, http::status status, std::string body,
                                   std::string_view content_type) {
  Response response{status, request.version()};
  response.set(http::field::content_type, content_type);
  response.body() = std::move(body);
  response.prepare_payload();
  response.set("cache-control", "no-store");  // lower case, as Node writes what it is given
  response.keep_alive(request.keep_alive());
  return response;
}

inline Response error_response(const Request& request, http::status status, std::string_view why) {
  return make_response(request, status, std::string(why) + "\n");
}

}  // namespace pushlab::live::detail

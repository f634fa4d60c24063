#pragma once
// Request header sets as browsers send them, for scenarios that carry a real browser's fields.
// Each is what the browser's developer tools copy for a same-origin fetch() poll (Chrome's
// "Copy request headers", Firefox's "Raw" view), in that order, and the Firefox 3.5 set that
// the 2010 comparison of polling overhead printed (Lubbers and Greco, "HTML5 Web Sockets: A
// Quantum Leap in Scalability for the Web", websocket.org, 2010).

#include <string>
#include <utility>
#include <vector>

namespace pushlab::testing {

using HeaderSet = std::vector<std::pair<std::string, std::string>>;

inline HeaderSet chrome_poll_headers() {
  return {
      {"Accept", "*/*"},
      {"Accept-Encoding", "gzip, deflate, br, zstd"},
      {"Accept-Language", "en-US,en;q=0.9"},
      {"Connection", "keep-alive"},
      {"Host", "localhost:8080"},
      {"Referer", "http://localhost:8080/"},
      {"Sec-Fetch-Dest", "empty"},
      {"Sec-Fetch-Mode", "cors"},
      {"Sec-Fetch-Site", "same-origin"},
      {"User-Agent",
       "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
       "Chrome/143.0.0.0 Safari/537.36"},
      {"sec-ch-ua",
       "\"Google Chrome\";v=\"143\", \"Chromium\";v=\"143\", \"Not A(Brand\";v=\"24\""},
      {"sec-ch-ua-mobile", "?0"},
      {"sec-ch-ua-platform", "\"Linux\""},
  };
}

inline HeaderSet firefox_poll_headers() {
  return {
      {"Host", "localhost:8080"},
      {"User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0"},
      {"Accept", "*/*"},
      {"Accept-Language", "en-US,en;q=0.5"},
      {"Accept-Encoding", "gzip, deflate, br, zstd"},
      {"Referer", "http://localhost:8080/"},
      {"Connection", "keep-alive"},
      {"Sec-Fetch-Dest", "empty"},
      {"Sec-Fetch-Mode", "cors"},
      {"Sec-Fetch-Site", "same-origin"},
      {"Priority", "u=4"},
      {"Pragma", "no-cache"},
      {"Cache-Control", "no-cache"},
  };
}

inline HeaderSet firefox_2010_poll_headers() {
  return {
      {"Host", "localhost:8080"},
      {"User-Agent",
       "Mozilla/5.0 (Windows; U; Windows NT 5.1; en-US; rv:1.9.1.5) Gecko/20091102 "
       "Firefox/3.5.5"},
      {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
      {"Accept-Language", "en-us"},
      {"Accept-Encoding", "gzip,deflate"},
      {"Accept-Charset", "ISO-8859-1,utf-8;q=0.7,*;q=0.7"},
      {"Keep-Alive", "300"},
      {"Connection", "keep-alive"},
      {"Referer", "http://www.example.com/PollingStock/"},
      {"Cookie",
       "showInheritedConstant=false; showInheritedProtectedConstant=false; "
       "showInheritedProperty=false; showInheritedProtectedProperty=false; "
       "showInheritedMethod=false; showInheritedProtectedMethod=false; "
       "showInheritedEvent=false; showInheritedStyle=false; showInheritedEffect=false"},
  };
}

}  // namespace pushlab::testing

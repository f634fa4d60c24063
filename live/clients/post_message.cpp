#include "live/clients/browser_page.hpp"
#include "live/clients/live_client.hpp"
#include "sim/transports/http_server.hpp"

namespace pushlab::live::clients {

Exchange post_message(const ClientContext& context, std::string_view payload) {
  return {.request = context.http
                         .request("POST", sim::with_client("/send", context.client), {}, payload,
                                  "text/plain")
                         .bytes,
          .method = "POST"};
}

}  // namespace pushlab::live::clients

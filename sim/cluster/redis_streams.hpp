#pragma once
// Redis Streams between the servers of a cluster (see message_bus.hpp). Redis keeps every entry:
// a server XADDs each publication, and reads the stream with XREAD BLOCK 0 from the last entry
// it read (`$` when it starts: what is added from now on). When a client comes back with a
// resume point, its new server asks for the entries after it (XREAD without BLOCK) and sends
// the client what it missed: nothing is lost, and what the server also had live arrives twice.
//
// Entry ids are Redis's `<milliseconds>-<sequence>`, from the simulated clock (Redis takes them
// from its wall clock). Each server holds two connections: one blocked in XREAD, one for XADD
// and the replays, whose replies come in the order of the commands.

#include <compare>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/cluster/message_bus.hpp"
#include "sim/cluster/redis_wire.hpp"
#include "sim/net/socket.hpp"
#include "sim/wire/resp/decoder.hpp"

namespace pushlab::sim {

class RedisStreams final : public MessageBus {
 public:
  RedisStreams(Topology& topology, Arrived arrived, Replayed replayed);

  void publish(int server, std::uint64_t publication, std::size_t payload_bytes) override;
  void server_started(int server) override;
  void replay(int server, int client, std::optional<std::uint64_t> publication) override;
  bool keeps_history() const override { return true; }

  struct StreamId {
    std::uint64_t ms = 0;
    std::uint64_t sequence = 0;
    std::string text() const { return std::to_string(ms) + "-" + std::to_string(sequence); }
    friend auto operator<=>(const StreamId&, const StreamId&) = default;
  };

 private:
  struct Entry {
    StreamId id;
    std::string data;
  };

  // A server's two connections to Redis.
  struct ServerLinks {
    ServerLinks(TcpConnection& read, TcpConnection& command, bool tls)
        : reader(read, Side::opener, tls), commands(command, Side::opener, tls) {}
    Socket reader;
    Socket commands;
    wire::resp::Decoder reader_decoder;
    wire::resp::Decoder commands_decoder;
    std::vector<WireFrame> waiting;  // commands before the connection is ready
    bool commands_ready = false;
    std::deque<std::optional<int>> replies_for;  // by command sent: the client of a replay
  };

  // A connection Redis accepted.
  struct Accepted {
    Accepted(TcpConnection& connection, bool tls) : socket(connection, Side::acceptor, tls) {}
    Socket socket;
    wire::resp::Decoder decoder;
    std::optional<StreamId> blocked_after;  // an XREAD BLOCK waiting for entries after this
  };

  // Redis's side.
  void accept(TcpConnection& connection);
  void command(Accepted& client, const wire::resp::Value& value);
  void append(Accepted& client, std::string_view data);
  void read(Accepted& client, const std::vector<std::string_view>& arguments);
  wire::Bytes entries_after(StreamId after) const;
  StreamId last_id() const { return stream_.empty() ? StreamId{} : stream_.back().id; }

  // The servers' side.
  void send_command(ServerLinks& links, WireFrame frame, std::optional<int> for_client);
  void read_from(ServerLinks& links, const std::string& after);
  void read_reply(int server, ServerLinks& links, const WireFrame& frame);
  void command_reply(int server, ServerLinks& links, const WireFrame& frame);

  Topology& topology_;
  Arrived arrived_;
  Replayed replayed_;
  std::vector<ServerLinks*> links_;                     // the current ones, by server
  std::deque<std::unique_ptr<ServerLinks>> all_links_;  // every one made
  std::deque<std::unique_ptr<Accepted>> accepted_;
  std::vector<Entry> stream_;
  // The id Redis gave each publication's entry: the position a client's last message names.
  std::vector<std::optional<StreamId>> id_of_publication_;
};

}  // namespace pushlab::sim

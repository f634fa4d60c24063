#include "sim/cluster/redis_streams.hpp"

#include <algorithm>
#include <charconv>

#include "sim/wire/resp/encode.hpp"

namespace pushlab::sim {

namespace resp = wire::resp;
using StreamId = RedisStreams::StreamId;

namespace {

std::optional<std::uint64_t> number_of(std::string_view text) {
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "1500-2", or "1500" for 1500-0.
std::optional<StreamId> parse_id(std::string_view text) {
  const std::size_t dash = text.find('-');
  const auto ms = number_of(text.substr(0, dash));
  if (!ms) return std::nullopt;
  if (dash == std::string_view::npos) return StreamId{.ms = *ms, .sequence = 0};
  const auto sequence = number_of(text.substr(dash + 1));
  if (!sequence) return std::nullopt;
  return StreamId{.ms = *ms, .sequence = *sequence};
}

// An entry of an XREAD reply: [id, ["data", "pub 17 ..."]].
struct ReadEntry {
  std::string id;
  std::uint64_t publication = 0;
};

// The entries of an XREAD reply: [[key, [entry, ...]]], or none for a null reply.
std::vector<ReadEntry> entries_in(const resp::Value& reply) {
  std::vector<ReadEntry> entries;
  if (reply.type != resp::Type::array || reply.elements.size() != 1) return entries;
  const resp::Value& stream = reply.elements[0];
  if (stream.elements.size() != 2) return entries;
  for (const resp::Value& entry : stream.elements[1].elements) {
    if (entry.elements.size() != 2 || entry.elements[1].elements.size() != 2) continue;
    const auto publication = publication_of(entry.elements[1].elements[1].text);
    if (publication) entries.push_back({.id = entry.elements[0].text, .publication = *publication});
  }
  return entries;
}

}  // namespace

RedisStreams::RedisStreams(Topology& topology, Arrived arrived, Replayed replayed)
    : topology_(topology),
      arrived_(std::move(arrived)),
      replayed_(std::move(replayed)),
      links_(topology.servers().size(), nullptr) {
  topology_.listen(*topology_.broker(), [this](TcpConnection& connection) { accept(connection); });
}

void RedisStreams::server_started(int server) {
  const EndpointId endpoint = topology_.servers()[static_cast<std::size_t>(server)];
  const EndpointId broker = *topology_.broker();
  ServerLinks& links = *all_links_.emplace_back(std::make_unique<ServerLinks>(
      topology_.connect(endpoint, broker), topology_.connect(endpoint, broker), topology_.tls()));
  links_[static_cast<std::size_t>(server)] = &links;
  links.reader.on_receive(
      [this, server, &links](const WireFrame& frame) { read_reply(server, links, frame); });
  links.commands.on_receive(
      [this, server, &links](const WireFrame& frame) { command_reply(server, links, frame); });
  links.reader.connect([this, &links] { read_from(links, "$"); });
  links.commands.connect([&links] {
    links.commands_ready = true;
    for (WireFrame& frame : links.waiting) links.commands.send(std::move(frame));
    links.waiting.clear();
  });
}

// The server waits for the entries after `after`, however long they take.
void RedisStreams::read_from(ServerLinks& links, const std::string& after) {
  links.reader.send(resp_frame(
      "XREAD", resp::command({"XREAD", "BLOCK", "0", "STREAMS", kBusChannel, after}),
      after == "$" ? "XREAD BLOCK 0 ... $: this server waits for entries added to the stream "
                     "from now on"
                   : "XREAD BLOCK 0: this server waits for the entries after " + after +
                         ", the last it read"));
}

void RedisStreams::send_command(ServerLinks& links, WireFrame frame,
                                std::optional<int> for_client) {
  links.replies_for.push_back(for_client);
  if (!links.commands_ready) {
    links.waiting.push_back(std::move(frame));
    return;
  }
  links.commands.send(std::move(frame));
}

void RedisStreams::publish(int server, std::uint64_t publication, std::size_t payload_bytes) {
  ServerLinks* links = links_[static_cast<std::size_t>(server)];
  if (links == nullptr) return;
  send_command(*links,
               resp_frame("XADD",
                          resp::command({"XADD", kBusChannel, "*", "data",
                                         publication_data(publication, payload_bytes)}),
                          "XADD: the server appends the message to the stream; Redis keeps it, "
                          "so a server can read it later for a client that missed it"),
               std::nullopt);
}

void RedisStreams::replay(int server, int client, std::optional<std::uint64_t> publication) {
  ServerLinks* links = links_[static_cast<std::size_t>(server)];
  if (links == nullptr) return;
  // The entry of the client's last message: it came from the stream, so Redis has given it an
  // id (an application keeps it with the message; here the bus remembers it for the server).
  std::string after = "0-0";
  if (publication) {
    if (*publication >= id_of_publication_.size() || !id_of_publication_[*publication]) return;
    after = id_of_publication_[*publication]->text();
  }
  send_command(*links,
               resp_frame("XREAD", resp::command({"XREAD", "STREAMS", kBusChannel, after}),
                          "XREAD for client " + std::to_string(client + 1) +
                              ", who came back: the entries after " + after +
                              ", the last it received, so that it gets what it missed"),
               client);
}

void RedisStreams::read_reply(int server, ServerLinks& links, const WireFrame& frame) {
  links.reader_decoder.feed(frame.bytes);
  while (auto decoded = links.reader_decoder.next()) {
    const std::vector<ReadEntry> entries = entries_in(decoded->value);
    for (const ReadEntry& entry : entries) arrived_(server, entry.publication);
    if (!entries.empty()) read_from(links, entries.back().id);
  }
}

void RedisStreams::command_reply(int server, ServerLinks& links, const WireFrame& frame) {
  links.commands_decoder.feed(frame.bytes);
  while (auto decoded = links.commands_decoder.next()) {
    if (links.replies_for.empty()) continue;
    const std::optional<int> client = links.replies_for.front();
    links.replies_for.pop_front();
    if (!client) continue;  // XADD's id
    for (const ReadEntry& entry : entries_in(decoded->value)) {
      replayed_(server, *client, entry.publication);
    }
  }
}

void RedisStreams::accept(TcpConnection& connection) {
  Accepted& client =
      *accepted_.emplace_back(std::make_unique<Accepted>(connection, topology_.tls()));
  client.socket.on_receive([this, &client](const WireFrame& frame) {
    client.decoder.feed(frame.bytes);
    while (auto decoded = client.decoder.next()) command(client, decoded->value);
  });
  client.socket.on_peer_closed([&client] {
    client.blocked_after.reset();
    client.socket.close();
  });
}

void RedisStreams::command(Accepted& client, const resp::Value& value) {
  const std::vector<std::string_view> arguments = arguments_of(value);
  if (arguments.size() == 5 && arguments[0] == "XADD") {
    append(client, arguments[4]);
  } else if (!arguments.empty() && arguments[0] == "XREAD") {
    read(client, arguments);
  }
}

// XADD pushlab * data <data>: the new entry's id is the clock's millisecond, and a sequence
// number within it.
void RedisStreams::append(Accepted& client, std::string_view data) {
  const auto now_ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(topology_.net().simulator.now())
          .count());
  const StreamId last = last_id();
  const StreamId id = stream_.empty() || now_ms > last.ms
                          ? StreamId{.ms = now_ms, .sequence = 0}
                          : StreamId{.ms = last.ms, .sequence = last.sequence + 1};
  stream_.push_back({.id = id, .data = std::string(data)});
  if (const auto publication = publication_of(data)) {
    if (id_of_publication_.size() <= *publication) id_of_publication_.resize(*publication + 1);
    id_of_publication_[*publication] = id;
  }
  client.socket.send(resp_frame("bulk", resp::encode(resp::Value::bulk(id.text())),
                                "XADD's reply: the id Redis gave the entry, " + id.text()));
  // Every XREAD BLOCK waiting for it is answered now.
  for (const std::unique_ptr<Accepted>& reader : accepted_) {
    if (!reader->blocked_after || *reader->blocked_after >= id) continue;
    const StreamId after = *reader->blocked_after;
    reader->blocked_after.reset();
    reader->socket.send(resp_frame("entries", entries_after(after),
                                   "XREAD's answer: the entries after " + after.text() +
                                       ", to the server that was waiting for them"));
  }
}

// XREAD [BLOCK ms] STREAMS pushlab <id>: the entries after the id now, or, with BLOCK, once
// there are some; without BLOCK and with none, a null reply.
void RedisStreams::read(Accepted& client, const std::vector<std::string_view>& arguments) {
  const bool blocks = std::find(arguments.begin(), arguments.end(), "BLOCK") != arguments.end();
  const std::string_view named = arguments.back();
  const std::optional<StreamId> after = named == "$" ? last_id() : parse_id(named);
  if (!after) {
    client.socket.send(resp_frame(
        "error",
        resp::encode(
            resp::Value::error("ERR Invalid stream ID specified as stream command argument")),
        "Redis refuses an id that is not <ms>-<sequence>"));
    return;
  }
  if (!stream_.empty() && last_id() > *after) {
    client.socket.send(resp_frame("entries", entries_after(*after),
                                  "XREAD's answer: the stream's entries after " + after->text()));
  } else if (blocks) {
    client.blocked_after = *after;
  } else {
    client.socket.send(resp_frame("null", resp::encode(resp::Value::null_array()),
                                  "XREAD's answer: no entry after " + after->text()));
  }
}

wire::Bytes RedisStreams::entries_after(StreamId after) const {
  const auto first =
      std::upper_bound(stream_.begin(), stream_.end(), after,
                       [](const StreamId& id, const Entry& entry) { return id < entry.id; });
  std::vector<resp::Value> entries;
  for (auto entry = first; entry != stream_.end(); ++entry) {
    entries.push_back(resp::Value::array(
        {resp::Value::bulk(entry->id.text()),
         resp::Value::array({resp::Value::bulk("data"), resp::Value::bulk(entry->data)})}));
  }
  return resp::encode(resp::Value::array({resp::Value::array(
      {resp::Value::bulk(std::string(kBusChannel)), resp::Value::array(std::move(entries))})}));
}

}  // namespace pushlab::sim

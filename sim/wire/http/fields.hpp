#pragma once
// The header (or trailer) fields of an HTTP message, in the order they were received or added.
// Names compare case-insensitively (RFC 9110 section 5.1) but keep the spelling they came with, so
// a message is written back byte for byte.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace pushlab::sim::wire::http {

struct Field {
  std::string name;
  std::string value;

  bool operator==(const Field&) const = default;
};

class Fields {
 public:
  using const_iterator = std::vector<Field>::const_iterator;

  Fields() = default;
  Fields(std::initializer_list<Field> fields) : fields_(fields) {}

  void add(std::string name, std::string value);

  // Replaces every field of that name by one (in the place of the first), or appends it.
  void set(std::string_view name, std::string value);

  // Returns how many fields were removed.
  std::size_t remove(std::string_view name);

  // The value of the first field of that name, or nullptr.
  const std::string* find(std::string_view name) const;

  std::size_t count(std::string_view name) const;

  // True if a field of that name lists `token` among its comma-separated elements, as in
  // `Connection: keep-alive, Upgrade` or `Upgrade: websocket`.
  bool has_token(std::string_view name, std::string_view token) const;

  const_iterator begin() const { return fields_.begin(); }
  const_iterator end() const { return fields_.end(); }
  std::size_t size() const { return fields_.size(); }
  bool empty() const { return fields_.empty(); }

  // Same fields in the same order, spelled the same.
  bool operator==(const Fields&) const = default;

 private:
  std::vector<Field> fields_;
};

// Adds the fields of `extra` that `message` lacks, so that each is written once. A field the
// message has keeps its value, except Connection, a list of this hop's options: the options of
// `extra` it lacks go before its own (`keep-alive, Upgrade`, as Firefox writes a handshake).
void add_missing_fields(Fields& message, const Fields& extra);

}  // namespace pushlab::sim::wire::http

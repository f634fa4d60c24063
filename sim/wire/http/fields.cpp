#include "sim/wire/http/fields.hpp"

#include <algorithm>

#include "sim/wire/http/rfc9110.hpp"

namespace pushlab::sim::wire::http {

void Fields::add(std::string name, std::string value) {
  fields_.push_back({std::move(name), std::move(value)});
}

void Fields::set(std::string_view name, std::string value) {
  const auto named = [name](const Field& field) { return iequals(field.name, name); };
  const auto first = std::find_if(fields_.begin(), fields_.end(), named);
  if (first == fields_.end()) {
    fields_.push_back({std::string(name), std::move(value)});
    return;
  }
  *first = {std::string(name), std::move(value)};
  fields_.erase(std::remove_if(first + 1, fields_.end(), named), fields_.end());
}

std::size_t Fields::remove(std::string_view name) {
  return std::erase_if(fields_, [name](const Field& field) { return iequals(field.name, name); });
}

const std::string* Fields::find(std::string_view name) const {
  for (const Field& field : fields_) {
    if (iequals(field.name, name)) return &field.value;
  }
  return nullptr;
}

std::size_t Fields::count(std::string_view name) const {
  return std::count_if(fields_.begin(), fields_.end(),
                       [name](const Field& field) { return iequals(field.name, name); });
}

bool Fields::has_token(std::string_view name, std::string_view token) const {
  for (const Field& field : fields_) {
    if (!iequals(field.name, name)) continue;
    for (const std::string_view element : split_list(field.value)) {
      if (iequals(element, token)) return true;
    }
  }
  return false;
}

namespace {

// `extra`'s options that `own` lacks, then `own`'s, as one list.
std::string joined_options(const std::string& own, std::string_view extra) {
  const std::vector<std::string_view> own_options = split_list(own);
  std::string joined;
  for (const std::string_view option : split_list(extra)) {
    const bool known =
        std::any_of(own_options.begin(), own_options.end(),
                    [option](std::string_view mine) { return iequals(mine, option); });
    if (known || option.empty()) continue;
    joined.append(option).append(", ");
  }
  return joined + own;
}

}  // namespace

void add_missing_fields(Fields& message, const Fields& extra) {
  for (const Field& field : extra) {
    const std::string* own = message.find(field.name);
    if (own == nullptr) {
      message.add(field.name, field.value);
    } else if (iequals(field.name, "Connection")) {
      message.set("Connection", joined_options(*own, field.value));
    }
  }
}

}  // namespace pushlab::sim::wire::http

#include "sim/json/location.hpp"

#include "sim/json/input_error.hpp"

namespace pushlab::sim::json {

void Location::fail(std::string reason) const {
  throw InputError(std::string(source_), pointer(), std::move(reason));
}

}  // namespace pushlab::sim::json

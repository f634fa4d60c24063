#include "sim/transports/long_poll_mailbox.hpp"

namespace pushlab::sim {

void LongPollMailbox::confirm(std::uint64_t received) {
  while (confirmed_ < received && !kept_.empty()) {
    kept_.pop_front();
    ++confirmed_;
    if (sent_before_ > 0) --sent_before_;
  }
}

LongPollMailbox::Batch LongPollMailbox::take() {
  const Batch batch{.messages = kept_, .sent_before = sent_before_};
  sent_before_ = kept_.size();
  return batch;
}

}  // namespace pushlab::sim

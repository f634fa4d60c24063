#pragma once
// The event list: every frame of every lane in send order, filtered by lane, layer and text.
// It keeps in step with the diagrams: the row at the playhead is marked (and scrolled to while
// playing), and clicking a row selects its frame and moves the playhead there.

#include <cstdint>
#include <optional>
#include <vector>

#include "viz/draw/palette.hpp"
#include "viz/model/document.hpp"
#include "viz/model/event_list.hpp"
#include "viz/model/view_state.hpp"

namespace pushlab::viz {

class EventsView {
 public:
  // `version` changes whenever the document does (a re-simulation, another scenario).
  void draw(const Document& document, std::uint64_t version, ViewState& view,
            const Palette& palette);

 private:
  void draw_filter(const Document& document);

  EventFilter filter_;
  char text_[64] = "";
  std::vector<FrameRef> events_;
  std::uint64_t listed_version_ = 0;
  EventFilter listed_filter_;
  std::optional<Nanoseconds> scrolled_for_;  // the playhead time the list last scrolled to
};

}  // namespace pushlab::viz

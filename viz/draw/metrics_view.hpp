#pragma once
// The figures of `pushlab-cli run`, one column per lane, under the diagrams.

#include "viz/model/document.hpp"

namespace pushlab::viz {

void draw_metrics_table(const Document& document);

}  // namespace pushlab::viz

#pragma once
// The figures of `pushlab-cli run`, one column per lane, under the diagrams; with a live run
// beside the simulation, each transport's simulated and live figures and their difference.

#include "viz/model/document.hpp"

namespace pushlab::viz {

void draw_metrics_table(const Document& document);

}  // namespace pushlab::viz

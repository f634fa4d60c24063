#pragma once
// Every field of the scenario as a control: the run, the network, the proxy and its
// interference, each transport's options, the traffic sources, the HTTP header fields.

#include "sim/scenario/scenario.hpp"

namespace pushlab::viz {

// Draws the controls; true if the learner changed something this frame.
bool draw_parameters(sim::Scenario& scenario);

}  // namespace pushlab::viz

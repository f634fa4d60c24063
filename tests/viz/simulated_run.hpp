#pragma once
// A scenario simulated, with the diagram worked out from its Trace: what the view-model tests
// look at.

#include "sim/transports/simulate.hpp"
#include "viz/model/diagram.hpp"

namespace pushlab::viz::testing {

struct SimulatedRun {
  sim::Trace trace;
  Diagram diagram;
};

inline SimulatedRun simulate_run(const sim::Scenario& scenario) {
  SimulatedRun run{.trace = sim::simulate(scenario), .diagram = {}};
  run.diagram = build_diagram(run.trace);
  return run;
}

}  // namespace pushlab::viz::testing

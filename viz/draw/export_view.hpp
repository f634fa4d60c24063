#pragma once
// The Export tab under the diagrams: the run shown, written for handouts (svg for slides, pcap
// for Wireshark, csv for a spreadsheet, mermaid for documentation) to a file the learner names.

#include <string>

#include "viz/model/document.hpp"
#include "viz/model/trace_export.hpp"

namespace pushlab::viz {

struct ExportControls {
  int format = 0;  // index in kExportFormats
  char file[1024] = "";
  float from_s = 0;  // the diagrams' window of time
  float to_s = 0;    // 0: to the end
  std::string said;  // what the last export wrote, or why it could not
  bool failed = false;
};

void draw_export_tab(const Document& shown, ExportControls& controls);

}  // namespace pushlab::viz

#pragma once
// A subcommand: its CLI11 parser and what runs when it was chosen.

#include <CLI/CLI.hpp>

#include <functional>

namespace pushlab::cli {

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // returns the exit code; may throw InputError
};

Command add_demo_command(CLI::App& parent);
Command add_handshake_command(CLI::App& parent);
Command add_frame_command(CLI::App& parent);
Command add_decode_command(CLI::App& parent);
Command add_validate_command(CLI::App& parent);
Command add_run_command(CLI::App& parent);
Command add_sweep_command(CLI::App& parent);
Command add_serve_command(CLI::App& parent);
Command add_live_command(CLI::App& parent);
Command add_export_command(CLI::App& parent);
Command add_lesson_command(CLI::App& parent);

}  // namespace pushlab::cli

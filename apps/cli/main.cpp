// pushlab-cli: PushLab without a window. Parses arguments, runs one command.

#include <iostream>
#include <vector>

#include "apps/cli/cli_error.hpp"
#include "apps/cli/command.hpp"

int main(int argc, char** argv) {
  using namespace pushlab::cli;
  CLI::App app{"PushLab: how a server pushes data to a browser, byte by byte.", "pushlab-cli"};
  app.set_version_flag("--version", "pushlab-cli " PUSHLAB_VERSION);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 fine, 1 bad input, 2 usage. Run 'pushlab-cli COMMAND --help'.");

  const std::vector<Command> commands{
      add_demo_command(app),   add_handshake_command(app), add_frame_command(app),
      add_decode_command(app), add_validate_command(app),  add_run_command(app),
      add_sweep_command(app),  add_serve_command(app),     add_live_command(app),
      add_export_command(app), add_lesson_command(app),
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
  for (const Command& command : commands) {
    if (!command.app->parsed()) continue;
    try {
      return command.run();
    } catch (const InputError& error) {
      std::cerr << "pushlab-cli " << command.app->get_name() << ": error: " << error.what() << "\n";
      return kExitBadInput;
    }
  }
  return kExitUsage;
}

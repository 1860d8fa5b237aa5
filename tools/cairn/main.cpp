// The `cairn` shell's entry point: parses the command line (shell_options.h), opens the data
// directory and runs -c/-f actions in order, or reads statements from the terminal (readline)
// or from piped stdin. Exit status: 0 on success, 1 if the command line is invalid, the data
// directory cannot be opened, or any statement from -c, -f or piped stdin failed.
#include <unistd.h>

#include <iostream>

#include "cairn/database.h"
#include "cairn/exception.h"
#include "line_reader.h"
#include "shell.h"
#include "shell_options.h"

int main(int argc, char** argv) {
  using namespace cairn::shell;
  std::ios::sync_with_stdio(false);
  ParsedArguments parsed = ParseShellArguments(argc, argv);
  if (parsed.error) {
    std::cerr << "cairn: " << *parsed.error << "\nTry 'cairn --help' for more information.\n";
    return 1;
  }
  const ShellOptions& options = parsed.options;
  if (options.help) {
    std::cout << ShellUsage();
    return 0;
  }
  if (options.version) {
    std::cout << "cairn " << kShellVersion << '\n';
    return 0;
  }

  std::unique_ptr<cairn::Database> database;
  try {
    cairn::DatabaseOptions database_options;
    database_options.threads = options.threads;
    database = std::make_unique<cairn::Database>(options.data_dir, database_options);
  } catch (const cairn::Exception& error) {
    std::cerr << "Error: cannot open data directory '" << (options.data_dir.empty() ? "." : options.data_dir)
              << "': " << error.what() << " (SQLSTATE " << error.sqlstate() << ")\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "Error: cannot open data directory: " << error.what() << '\n';
    return 1;
  }

  Shell shell(*database, options.format, std::cout, std::cerr);
  bool ok = true;
  if (!options.actions.empty()) {
    for (const ShellAction& action : options.actions) {
      ok &= action.kind == ShellAction::Kind::kCommand ? shell.RunText(action.text) : shell.RunFile(action.text);
      if (shell.quit_requested()) break;
    }
  } else if (isatty(STDIN_FILENO)) {
    ReadlineLineReader reader(ReadlineLineReader::DefaultHistoryPath());
    shell.RunInput(reader);
    std::cout << std::flush;
    return 0;
  } else {
    StreamLineReader reader(std::cin);
    ok = shell.RunInput(reader);
  }
  std::cout << std::flush;
  return ok ? 0 : 1;
}

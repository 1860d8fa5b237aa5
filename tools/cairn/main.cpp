// The `cairn` shell's entry point: parses the command line (shell_options.h), opens the data
// directory and runs -c/-f actions in order, or reads statements from the terminal (readline)
// or from piped stdin. Exit status: 0 on success, 1 if the command line is invalid, the data
// directory cannot be opened, any statement from -c, -f or piped stdin failed, or writing the
// output failed (e.g. a full disk); 130 when Ctrl-C (SIGINT) cancelled a -c/-f/piped run; 128 +
// the signal number after SIGTERM or SIGHUP. SIGINT, SIGTERM and SIGHUP are handled by a
// SignalWatcher thread (signal_watcher.h); the terminal history is saved on every exit path.
// `cairn serve ...` runs the PostgreSQL protocol server instead (serve_command.h), `cairn
// generate ...` the TPC-H data generator (generate_command.h).
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "cairn/database.h"
#include "cairn/exception.h"
#include "file_descriptor_output.h"
#include "generate_command.h"
#include "line_reader.h"
#include "serve_command.h"
#include "shell.h"
#include "shell_options.h"
#include "signal_watcher.h"

int main(int argc, char** argv) {
  using namespace cairn::shell;
  std::ios::sync_with_stdio(false);
  if (argc >= 2 && std::string_view(argv[1]) == "serve") return RunServeCommand(argc - 1, argv + 1);
  if (argc >= 2 && std::string_view(argv[1]) == "generate") return RunGenerateCommand(argc - 1, argv + 1);
  ParsedArguments parsed = ParseShellArguments(argc, argv);
  if (parsed.error) {
    std::cerr << "cairn: " << *parsed.error << "\nTry 'cairn --help' for more information.\n";
    return 1;
  }
  const ShellOptions& options = parsed.options;
  if (options.help || options.version) {
    errno = 0;
    std::cout << (options.help ? ShellUsage() : std::string("cairn ") + kShellVersion + "\n") << std::flush;
    if (!std::cout) {
      std::cerr << "cairn: error writing output" << (errno != 0 ? std::string(": ") + std::strerror(errno) : "") << '\n';
      return 1;
    }
    return 0;
  }

  // Before the Database starts its worker threads, so that they inherit the blocked mask.
  SignalWatcher::BlockSignals();
  std::unique_ptr<cairn::Database> database;
  try {
    cairn::DatabaseOptions database_options;
    database_options.threads = options.threads;
    database_options.writable = options.writable;
    database = std::make_unique<cairn::Database>(options.data_dir, database_options);
  } catch (const cairn::Exception& error) {
    std::cerr << "Error: cannot open data directory '" << (options.data_dir.empty() ? "." : options.data_dir)
              << "': " << error.what() << " (SQLSTATE " << error.sqlstate() << ")\n";
    if (!error.hint().empty()) std::cerr << "HINT: " << error.hint() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "Error: cannot open data directory: " << error.what() << '\n';
    return 1;
  }

  // Broken tables do not stop the directory from opening; the shell says which they are.
  const std::vector<std::string> broken = database->broken_tables();
  constexpr size_t kMaxBrokenWarnings = 10;
  for (size_t i = 0; i < broken.size() && i < kMaxBrokenWarnings; i++) {
    std::cerr << "Warning: table " << broken[i] << " (its queries fail until it is fixed or dropped)\n";
  }
  if (broken.size() > kMaxBrokenWarnings) {
    std::cerr << "Warning: " << broken.size() - kMaxBrokenWarnings
              << " more broken tables: SELECT namespace, table_name, error FROM system.tables WHERE state = 'broken'\n";
  }

  FileDescriptorOutput output_buffer(STDOUT_FILENO);
  std::ostream output(&output_buffer);
  Shell shell(*database, options.format, output, std::cerr);
  const bool interactive = options.actions.empty() && isatty(STDIN_FILENO);
  SignalWatcher signals(shell.connection(), interactive);
  shell.set_signal_watcher(&signals);
  bool ok = true;
  if (!options.actions.empty()) {
    for (const ShellAction& action : options.actions) {
      ok &= action.kind == ShellAction::Kind::kCommand ? shell.RunText(action.text) : shell.RunFile(action.text);
      if (shell.quit_requested() || shell.output_failed() || signals.terminate_requested() || signals.interrupts() > 0) break;
    }
  } else if (interactive) {
    ReadlineLineReader reader(ReadlineLineReader::DefaultHistoryPath(), &signals);
    shell.RunInput(reader);
    ok = true;  // errors at the prompt do not make the session fail
  } else {
    StreamLineReader reader(std::cin);
    ok = shell.RunInput(reader);
  }
  // Every write error counts, including one only the final flush or close() reveals.
  output.flush();
  if (!output_buffer.Close() || shell.output_failed() || !output) {
    int error = output_buffer.error() != 0 ? output_buffer.error() : shell.output_errno();
    std::cerr << "cairn: error writing output" << (error != 0 ? std::string(": ") + std::strerror(error) : "") << '\n';
    return 1;
  }
  if (signals.terminate_requested()) return 128 + signals.terminate_signal();
  if (!interactive && signals.interrupts() > 0) return 130;
  return ok ? 0 : 1;
}

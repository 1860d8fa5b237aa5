// ShellOptions: the `cairn` command line —
//
//   cairn [DATA_DIR] [-c SQL]... [-f FILE]... [--format table|csv|json|markdown]
//         [--threads N] [--help] [--version]
//
// `-c` and `-f` may repeat and run in the order given. Long options also take `--opt=value`;
// `--` ends option parsing (a later argument is the data directory even if it starts with `-`).
// Parsed with CLI11 (its error messages are reported as they are); --help prints ShellUsage().
//
// Thread-safety: plain data and a pure parser.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "output_format.h"

namespace cairn::shell {

/// One `-c SQL` or `-f FILE`, in command-line order.
struct ShellAction {
  enum class Kind { kCommand, kFile };
  Kind kind;
  std::string text;  // the SQL (or dot command), or the file path
};

struct ShellOptions {
  std::string data_dir;  // "" = current directory
  std::vector<ShellAction> actions;
  OutputFormat format = OutputFormat::kTable;
  unsigned threads = 0;  // 0 = one per core
  bool writable = false;  // --writable: DatabaseOptions::writable
  bool help = false;
  bool version = false;
};

struct ParsedArguments {
  ShellOptions options;
  /// Set when the command line is invalid: a one-line message for stderr.
  std::optional<std::string> error;
};

/// Parses argv[1..argc).
ParsedArguments ParseShellArguments(int argc, const char* const* argv);

/// The --help text.
std::string ShellUsage();

/// The version printed by --version.
inline constexpr const char* kShellVersion = "0.1.0";

}  // namespace cairn::shell

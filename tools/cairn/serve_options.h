// ServeOptions: the `cairn serve` command line —
//
//   cairn serve DATA_DIR [--host 127.0.0.1] [--port 5432] [--writable] [--threads N]
//
// Parsed with CLI11 like the shell's options (shell_options.h); --help prints ServeUsage().
//
// Thread-safety: plain data and a pure parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace cairn::shell {

struct ServeOptions {
  std::string data_dir;          // required
  std::string host = "127.0.0.1";
  uint16_t port = 5432;          // 0 = any free port (logged when listening)
  bool writable = false;         // DatabaseOptions::writable
  unsigned threads = 0;          // worker threads; 0 = one per core
  bool help = false;
};

struct ParsedServeArguments {
  ServeOptions options;
  /// Set when the command line is invalid: a one-line message for stderr.
  std::optional<std::string> error;
};

/// Parses the arguments after `serve`: argv[0] is "serve", argv[1..argc) its options.
ParsedServeArguments ParseServeArguments(int argc, const char* const* argv);

/// The `cairn serve --help` text.
std::string ServeUsage();

}  // namespace cairn::shell

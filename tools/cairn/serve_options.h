// ServeOptions: the `cairn serve` command line —
//
//   cairn serve DATA_DIR [--host 127.0.0.1] [--port 5432] [--http-port PORT] [--writable]
//                        [--threads N] [--config FILE]
//
// Parsed with CLI11 like the shell's options (shell_options.h); --help prints ServeUsage().
// The settings a configuration file may hold as well (serve_config.h: users, TLS, limits, the
// HTTP token) live here too; the command line overrides the file: ParseServeArguments starts
// from the file's settings and changes only what the command line gives.
//
// Thread-safety: plain data and a pure parser.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::shell {

/// A user of the PostgreSQL protocol server, for password authentication (SCRAM-SHA-256).
struct ServeUser {
  std::string name;
  std::string password;
  bool operator==(const ServeUser&) const = default;
};

struct ServeOptions {
  std::string data_dir;          // required (on the command line or in the config file)
  std::string host = "127.0.0.1";
  uint16_t port = 5432;          // 0 = any free port (logged when listening)
  /// The HTTP API's port (docs/http.md); 0 = any free port; nullopt = no HTTP server.
  std::optional<uint16_t> http_port;
  bool writable = false;         // DatabaseOptions::writable
  unsigned threads = 0;          // worker threads; 0 = one per core
  std::string config_path;       // --config FILE; "" = none
  /// Bearer token the HTTP API requires (Authorization: Bearer ...); "" = none.
  std::string http_token;
  /// Largest HTTP request body, in bytes (413 beyond).
  uint64_t http_max_body = 16 << 20;
  /// Users for password authentication over the PostgreSQL protocol.
  std::vector<ServeUser> users;
  /// TLS certificate and private key files (PEM); both or neither.
  std::string tls_certificate;
  std::string tls_key;
  /// Most client connections served at once; 0 = no limit.
  unsigned max_connections = 0;
  /// A statement running longer is canceled (57014); zero = no limit.
  std::chrono::milliseconds statement_timeout{0};
  /// Each query's memory limit in bytes (the memory_limit setting); 0 = the database's.
  uint64_t memory_per_query = 0;
  bool help = false;
};

struct ParsedServeArguments {
  ServeOptions options;
  /// Set when the command line is invalid: a one-line message for stderr.
  std::optional<std::string> error;
};

/// Parses the arguments after `serve`: argv[0] is "serve", argv[1..argc) its options, over
/// `defaults` (a config file's settings): only the options given change them. A missing
/// DATA_DIR is an error only without --config (the caller checks after loading the file).
ParsedServeArguments ParseServeArguments(int argc, const char* const* argv, const ServeOptions& defaults = {});

/// The `cairn serve --help` text.
std::string ServeUsage();

}  // namespace cairn::shell

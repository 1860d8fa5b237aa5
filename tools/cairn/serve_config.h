// The `cairn serve --config FILE` configuration file: YAML (yaml-cpp), which also reads JSON,
// its flow subset. Every key is optional; unknown keys are errors (a typo must not be
// silently ignored). Relative tls paths resolve against the file's directory.
//
//   data_dir: shop                 # DATA_DIR when the command line gives none
//   host: 127.0.0.1
//   port: 5432
//   http_port: 8080                # the HTTP API; absent = no HTTP server
//   writable: false
//   threads: 4
//   http_token: s3cret             # bearer token of the HTTP API
//   users:                         # password authentication (SCRAM-SHA-256)
//     - {name: alice, password: wonderland}
//   tls: {certificate: server.crt, key: server.key}
//   limits:
//     max_connections: 100
//     statement_timeout: 30s       # a number of milliseconds, or with a unit: us ms s min h d
//     memory_per_query: 1GB        # bytes, or with a unit: B kB MB GB TB (powers of 1024)
//     http_max_body: 16MB
//
// Thread-safety: pure functions (LoadServeConfig reads the file).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "serve_options.h"

namespace cairn::shell {

/// The settings of config text `text` (read from `file_name`, named in errors) applied over
/// `base`. Throws cairn::Exception F0000 "FILE: line L: KEY: problem" for invalid YAML, an
/// unknown key, or a value of the wrong type or out of range.
ServeOptions ParseServeConfig(const std::string& text, const std::string& file_name, ServeOptions base = {});

/// Reads `path` and parses it as above; F0000 naming the file when it cannot be read.
ServeOptions LoadServeConfig(const std::string& path, ServeOptions base = {});

/// A duration: milliseconds, or a number with one of PostgreSQL's time units (us, ms, s, min,
/// h, d), e.g. "30s", "1.5min". nullopt when invalid or negative.
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text);

/// A memory size: bytes, or a number with one of PostgreSQL's units (B, kB, MB, GB, TB: powers
/// of 1024; case-insensitive), e.g. "512MB". nullopt when invalid or beyond 2^63 bytes.
std::optional<uint64_t> ParseMemorySize(const std::string& text);

}  // namespace cairn::shell

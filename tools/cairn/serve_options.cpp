#include "serve_options.h"

#include <CLI/CLI.hpp>
#include <charconv>

namespace cairn::shell {

namespace {

/// A decimal number in [min, max], or nullopt.
std::optional<unsigned> ParseNumber(const std::string& text, unsigned min, unsigned max) {
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

}  // namespace

std::string ServeUsage() {
  return "Usage: cairn serve DATA_DIR [options]\n"
         "\n"
         "Serves DATA_DIR to PostgreSQL clients (psql, libpq, drivers) over the PostgreSQL wire\n"
         "protocol v3 (simple query protocol, trust authentication), and over HTTP with\n"
         "--http-port (POST /query, /register_table, /register_project; GET /list_tables,\n"
         "/health, /metrics). Logs to stderr; SIGINT or SIGTERM stops it.\n"
         "\n"
         "Options:\n"
         "  --host ADDRESS   IPv4 address to listen on (default: 127.0.0.1)\n"
         "  --port PORT      TCP port (default: 5432; 0 picks a free one)\n"
         "  --http-port PORT serve the HTTP API on PORT too (0 picks a free one; default: none)\n"
         "  --writable       open DATA_DIR for writing: CREATE TABLE, INSERT, UPDATE, DELETE\n"
         "  --threads N      worker threads (default: one per core)\n"
         "  --config FILE    settings from a YAML or JSON file: the options above plus users,\n"
         "                   tls, limits and http_token (docs/server.md); options given here\n"
         "                   override the file\n"
         "  --help           show this help\n";
}

ParsedServeArguments ParseServeArguments(int argc, const char* const* argv, const ServeOptions& defaults) {
  ParsedServeArguments parsed;
  parsed.options = defaults;
  ServeOptions& options = parsed.options;
  CLI::App app("cairn serve", "cairn serve");
  app.set_help_flag();
  app.add_flag("-h,--help", options.help);
  app.add_option("--host", options.host);
  std::optional<std::string> port;
  app.add_option("--port", port);
  std::optional<std::string> http_port;
  app.add_option("--http-port", http_port);
  app.add_option("--config", options.config_path);
  std::optional<std::string> threads;
  app.add_option("--threads", threads);
  app.add_flag("--writable", options.writable);
  app.add_option("DATA_DIR", options.data_dir);
  app.allow_extras();
  try {
    app.parse(argc, const_cast<char**>(argv));
  } catch (const CLI::ParseError& error) {
    parsed.error = error.what();
    return parsed;
  }
  if (!app.remaining().empty()) {
    const std::string extra = app.remaining().front();
    parsed.error = extra.size() > 1 && extra[0] == '-' ? "unknown option '" + extra + "'"
                                                       : "unexpected argument '" + extra + "'";
    return parsed;
  }
  if (options.help) return parsed;
  if (port) {
    if (auto value = ParseNumber(*port, 0, 65535)) {
      options.port = static_cast<uint16_t>(*value);
    } else {
      parsed.error = "invalid port '" + *port + "' (expected 0 to 65535)";
      return parsed;
    }
  }
  if (http_port) {
    if (auto value = ParseNumber(*http_port, 0, 65535)) {
      options.http_port = static_cast<uint16_t>(*value);
    } else {
      parsed.error = "invalid HTTP port '" + *http_port + "' (expected 0 to 65535)";
      return parsed;
    }
  }
  if (threads) {
    if (auto value = ParseNumber(*threads, 1, 1024)) {
      options.threads = *value;
    } else {
      parsed.error = "invalid thread count '" + *threads + "' (expected 1 to 1024)";
      return parsed;
    }
  }
  if (options.data_dir.empty() && options.config_path.empty()) parsed.error = "missing DATA_DIR: cairn serve DATA_DIR [options]";
  return parsed;
}

}  // namespace cairn::shell

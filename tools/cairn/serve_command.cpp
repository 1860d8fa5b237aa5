#include "serve_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>
#include <mutex>

#include "cairn/connection.h"
#include "cairn/database.h"
#include "cairn/exception.h"
#include "http/http_server.h"
#include "pgwire/server.h"
#include "serve_config.h"
#include "serve_options.h"
#include "server_metrics.h"
#include "signal_watcher.h"

namespace cairn::shell {

namespace {

/// Writes one log line to stderr with a UTC timestamp; thread-safe.
void LogLine(std::string_view line) {
  static std::mutex mutex;
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S UTC", &utc);
  std::lock_guard lock(mutex);
  std::cerr << stamp << " cairn serve: " << line << std::endl;
}

}  // namespace

int RunServeCommand(int argc, const char* const* argv) {
  ParsedServeArguments parsed = ParseServeArguments(argc, argv);
  if (parsed.error) {
    std::cerr << "cairn serve: " << *parsed.error << "\nTry 'cairn serve --help' for more information.\n";
    return 1;
  }
  if (parsed.options.help) {
    std::cout << ServeUsage() << std::flush;
    return 0;
  }
  if (!parsed.options.config_path.empty()) {
    // The file's settings first, then the command line's over them.
    const std::string config_path = parsed.options.config_path;
    try {
      parsed = ParseServeArguments(argc, argv, LoadServeConfig(config_path));
    } catch (const Exception& error) {
      std::cerr << "cairn serve: " << error.what() << "\n";
      return 1;
    }
    if (parsed.error) {
      std::cerr << "cairn serve: " << *parsed.error << "\n";
      return 1;
    }
    if (parsed.options.data_dir.empty()) {
      std::cerr << "cairn serve: missing DATA_DIR: neither on the command line nor as data_dir in " << config_path
                << "\n";
      return 1;
    }
  }
  const ServeOptions& options = parsed.options;
  // Before the Database starts its worker threads, so that every thread inherits the mask.
  SignalWatcher::BlockSignals();
  std::unique_ptr<Database> database;
  try {
    DatabaseOptions database_options;
    database_options.threads = options.threads;
    database_options.writable = options.writable;
    database = std::make_unique<Database>(options.data_dir, database_options);
  } catch (const Exception& error) {
    LogLine(fmt::format("cannot open data directory '{}': {} (SQLSTATE {})", options.data_dir, error.what(),
                        error.sqlstate()));
    return 1;
  } catch (const std::exception& error) {
    LogLine(fmt::format("cannot open data directory '{}': {}", options.data_dir, error.what()));
    return 1;
  }
  for (const std::string& broken : database->broken_tables()) {
    LogLine("warning: table " + broken + " (its queries fail until it is fixed or dropped)");
  }
  int status = 0;
  {
    // The watcher wants a connection to interrupt; the server's sessions have their own, so
    // this one never runs a statement. Interactive mode: a signal only wakes the server.
    Connection watcher_connection(*database);
    SignalWatcher signals(watcher_connection, /*interactive=*/true);
    pgwire::ServerOptions server_options;
    server_options.host = options.host;
    server_options.port = options.port;
    for (const ServeUser& user : options.users) server_options.users.push_back({user.name, user.password});
    server_options.tls_certificate_file = options.tls_certificate;
    server_options.tls_key_file = options.tls_key;
    server_options.max_connections = options.max_connections;
    server_options.statement_timeout = options.statement_timeout;
    server_options.memory_limit = options.memory_per_query;
    server::ServerMetrics metrics;
    server_options.metrics = &metrics;
    pgwire::Server server(*database, server_options, LogLine);
    // Declared after the pgwire server, so destroyed (stopped) first; both before close().
    std::unique_ptr<http::HttpServer> http_server;
    try {
      server.Listen();
      if (options.http_port) {
        http::HttpServerOptions http_options;
        http_options.host = options.host;
        http_options.port = *options.http_port;
        http_options.bearer_token = options.http_token;
        http_options.max_body_bytes = options.http_max_body;
        if (options.max_connections > 0) http_options.worker_threads = options.max_connections;
        http_options.statement_timeout = options.statement_timeout;
        http_options.memory_limit = options.memory_per_query;
        http_server = std::make_unique<http::HttpServer>(*database, http_options, metrics, LogLine);
        http_server->Listen();
        LogLine(fmt::format("HTTP listening on {}:{}{}", options.host, http_server->port(),
                            options.http_token.empty() ? "" : " (bearer token required)"));
        http_server->Start();
      }
      LogLine(fmt::format("serving '{}'{}", database->data_dir().empty() ? "." : database->data_dir(),
                          options.writable ? " (writable)" : " (read-only)"));
      server.Serve(signals.wake_fd());
    } catch (const Exception& error) {
      LogLine(error.what());
      status = 1;
    }
  }  // closes the sessions, then stops the watcher
  try {
    database->close();
  } catch (const std::exception& error) {
    LogLine(fmt::format("error closing the data directory: {}", error.what()));
    status = 1;
  }
  if (status == 0) LogLine("stopped");
  return status;
}

}  // namespace cairn::shell

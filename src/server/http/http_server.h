// HttpServer: Cairn's HTTP API (docs/http.md), served with cpp-httplib beside the PostgreSQL
// protocol server:
//
//   POST /query             SQL in (plain text, or JSON {"sql": "..."}), the result out as
//                           JSON, NDJSON (?format=ndjson) or CSV (?format=csv), streamed with
//                           chunked transfer while the query runs (result_format.h)
//   POST /register_table    a table_mappings.json entry (or a {"tables": [...]} document)
//   POST /register_project  the TimeFusion request body: a project's table of a table type
//   GET  /list_tables       {"tables": [{"project_id": ..., "table_name": ...}, ...]}
//   GET  /health            {"status": "ok"}
//   GET  /metrics           Prometheus text (server_metrics.h)
//
// Each request runs on a worker thread of its own with its own cairn::Connection, so a slow
// query blocks no other request. Errors are JSON {"error": {"sqlstate", "message",
// "position"}} with 400 (bad SQL or request), 401 (token), 404 (unknown table, 42P01), 413
// (body too large), 501 (object storage), 503 (canceled, out of memory) or 500 (internal).
// With a bearer token configured every endpoint but /health requires
// `Authorization: Bearer <token>`, compared in constant time.
//
// Thread-safety: Listen() then Start() on one thread, Stop() (or the destructor) once; the
// handlers run on the server's worker threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "cairn/database.h"
#include "server_metrics.h"

namespace cairn::http {

struct HttpServerOptions {
  /// IPv4 address or host name to listen on.
  std::string host = "127.0.0.1";
  /// TCP port; 0 picks a free one (see HttpServer::port()).
  uint16_t port = 8080;
  /// Bearer token every request but GET /health must carry; empty: no authentication.
  std::string bearer_token;
  /// Largest request body accepted, in bytes; larger ones get 413.
  uint64_t max_body_bytes = 16 << 20;
  /// Worker threads, the most requests served at once (further connections wait).
  unsigned worker_threads = 32;
  /// A statement running longer is canceled (57014); zero: no limit.
  std::chrono::milliseconds statement_timeout{0};
  /// Each query's memory limit in bytes (the `memory_limit` setting); 0: the database's.
  uint64_t memory_limit = 0;
};

/// Receives one log line per event (listening, internal errors).
using LogSink = std::function<void(std::string_view line)>;

class HttpServer {
 public:
  /// `database` and `metrics` must outlive the server.
  HttpServer(Database& database, HttpServerOptions options, server::ServerMetrics& metrics, LogSink log);
  /// Stop()s.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  /// Binds the address. Throws cairn::Exception 08006 when it cannot be bound, naming it.
  void Listen();
  /// The port bound (the chosen one when the option was 0). REQUIRES: Listen().
  uint16_t port() const { return bound_port_; }
  /// Serves requests on a thread of its own. REQUIRES: Listen().
  void Start();
  /// Stops accepting, interrupts running statements, waits for the requests in flight.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint16_t bound_port_ = 0;
};

}  // namespace cairn::http

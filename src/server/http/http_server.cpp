#include "http/http_server.h"

#include <fmt/format.h>
#include <httplib.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <sys/socket.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "cairn/catalog.h"
#include "cairn/connection.h"
#include "cairn/exception.h"
#include "cairn/query_result.h"
#include "http/client_socket.h"
#include "http/result_format.h"
#include "statement_watchdog.h"

namespace cairn::http {

namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

// SQLSTATEs of request-level errors (PostgreSQL's codes for the closest failures).
constexpr const char* kProtocolViolation = "08P01";    // malformed request: bad JSON, missing fields
constexpr const char* kInvalidAuthorization = "28000";  // missing or wrong bearer token

/// The HTTP status of an error with `sqlstate` (docs/http.md).
int HttpStatusFor(const std::string& sqlstate) {
  if (sqlstate == sqlstate::kUndefinedTable || sqlstate == sqlstate::kUndefinedFile) return 404;
  if (sqlstate == "28000") return 401;
  if (sqlstate == sqlstate::kFeatureNotSupported) return 400;
  if (sqlstate.rfind("XX", 0) == 0 || sqlstate.rfind("58", 0) == 0) return 500;
  if (sqlstate.rfind("53", 0) == 0 || sqlstate.rfind("57", 0) == 0) return 503;
  return 400;
}

void SendError(httplib::Response& response, int status, const Exception& error) {
  response.status = status;
  response.set_content("{\"error\":" + ErrorJson(error) + "}\n", "application/json");
}

void SendError(httplib::Response& response, const Exception& error) {
  SendError(response, HttpStatusFor(error.sqlstate()), error);
}

void SendJson(httplib::Response& response, const Json& body) {
  response.status = 200;
  response.set_content(body.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n", "application/json");
}

/// The request body as a JSON object. Throws 08P01 when it is not one.
Json ParseJsonObject(const std::string& body) {
  Json document = Json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) throw Exception(kProtocolViolation, "request body is not valid JSON");
  if (!document.is_object()) throw Exception(kProtocolViolation, "request body must be a JSON object");
  return document;
}

/// `object[key]` as a non-empty string: nullopt when absent or null and not `required`.
/// Throws 08P01 naming `where` and the key when it is required and missing, or not a string.
std::optional<std::string> StringField(const Json& object, const char* key, const std::string& where, bool required) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) throw Exception(kProtocolViolation, fmt::format("{}missing \"{}\"", where, key));
    return std::nullopt;
  }
  if (!it->is_string()) throw Exception(kProtocolViolation, fmt::format("{}\"{}\" must be a string", where, key));
  std::string value = it->get<std::string>();
  if (value.empty() && required) throw Exception(kProtocolViolation, fmt::format("{}\"{}\" is empty", where, key));
  return value;
}

/// One table_mappings.json entry (docs/format: table_name, file_path | partitions, schema).
TableMapping ParseMapping(const Json& entry, const std::string& where) {
  if (!entry.is_object()) throw Exception(kProtocolViolation, where + "a table mapping must be a JSON object");
  TableMapping mapping;
  mapping.table_name = *StringField(entry, "table_name", where, true);
  const std::string named = fmt::format("{}(\"{}\"): ", where, mapping.table_name);
  const std::optional<std::string> file_path = StringField(entry, "file_path", named, false);
  auto partitions = entry.find("partitions");
  const bool has_partitions = partitions != entry.end() && !partitions->is_null();
  if (file_path.has_value() == has_partitions) {
    throw Exception(kProtocolViolation, named + "needs exactly one of \"file_path\" and \"partitions\"");
  }
  if (file_path) {
    if (file_path->empty()) throw Exception(kProtocolViolation, named + "\"file_path\" is empty");
    mapping.file_path = *file_path;
  } else {
    if (!partitions->is_array() || partitions->empty()) {
      throw Exception(kProtocolViolation, named + "\"partitions\" must be a non-empty array of strings");
    }
    for (size_t i = 0; i < partitions->size(); i++) {
      const Json& partition = (*partitions)[i];
      if (!partition.is_string() || partition.get<std::string>().empty()) {
        throw Exception(kProtocolViolation, fmt::format("{}partitions[{}] must be a non-empty string", named, i));
      }
      mapping.partitions.push_back(partition.get<std::string>());
    }
  }
  auto schema = entry.find("schema");
  if (schema != entry.end() && !schema->is_null()) {
    auto columns = schema->is_object() ? schema->find("columns") : schema->end();
    if (columns == schema->end() || !columns->is_array()) {
      throw Exception(kProtocolViolation, named + "\"schema\" must be {\"columns\": [...]}");
    }
    TableSchema table_schema;
    for (size_t i = 0; i < columns->size(); i++) {
      const Json& column = (*columns)[i];
      const std::string column_where = fmt::format("{}schema.columns[{}]: ", named, i);
      if (!column.is_object()) throw Exception(kProtocolViolation, column_where + "must be a JSON object");
      ColumnSchema column_schema;
      column_schema.name = *StringField(column, "name", column_where, true);
      column_schema.type = *StringField(column, "type", column_where, true);
      auto nullable = column.find("nullable");
      if (nullable != column.end() && !nullable->is_null()) {
        if (!nullable->is_boolean()) throw Exception(kProtocolViolation, column_where + "\"nullable\" must be a boolean");
        column_schema.nullable = nullable->get<bool>();
      }
      table_schema.columns.push_back(std::move(column_schema));
    }
    mapping.schema = std::move(table_schema);
  }
  return mapping;
}

/// Constant-time comparison (for the bearer token): the time depends on the lengths only.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  const size_t length = std::max(a.size(), b.size());
  for (size_t i = 0; i < length; i++) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    difference |= x ^ y;
  }
  return difference == 0;
}

/// The statement timeout's error, as PostgreSQL reports it.
Exception StatementTimeoutError() { return Exception(sqlstate::kQueryCanceled, "canceling statement due to statement timeout"); }

}  // namespace

struct HttpServer::Impl {
  Impl(Database& database, HttpServerOptions options, server::ServerMetrics& metrics, LogSink log)
      : database(database), options(std::move(options)), metrics(metrics), log(std::move(log)) {}

  /// One POST /query: its connection, result and writer, alive until the response is sent.
  struct QueryState {
    Impl* impl;
    Connection connection;
    std::unique_ptr<QueryResult> result;  // destroyed before the connection
    std::optional<ResultWriter> writer;
    std::unique_ptr<DataChunk> first_chunk;
    std::optional<uint64_t> ticket;
    Clock::time_point started = Clock::now();
    bool begun = false;
    bool recorded = false;

    QueryState(Impl* impl, Database& database) : impl(impl), connection(database) {}
    ~QueryState() {
      Finish();
      if (result) Record(sqlstate::kQueryCanceled);  // the client went away mid-result
      result.reset();
      impl->metrics.SessionClosed(server::Protocol::kHttp);
    }
    /// Stops the watchdog; returns whether the timeout interrupted the statement.
    bool Finish() {
      if (!ticket) return false;
      const bool timed_out = impl->watchdog.Unwatch(*ticket);
      ticket.reset();
      return timed_out;
    }
    void Record(const std::string& sqlstate) {
      if (recorded) return;
      recorded = true;
      const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
      impl->metrics.RecordStatement(server::Protocol::kHttp, seconds, sqlstate);
    }
    /// The result's error, as the statement timeout's when the watchdog caused it.
    Exception ResultError() {
      const bool timed_out = Finish();
      return timed_out && result->error().sqlstate() == sqlstate::kQueryCanceled ? StatementTimeoutError()
                                                                                  : result->error();
    }
  };

  void HandleQuery(const httplib::Request& request, httplib::Response& response) {
    std::optional<ResultFormat> format = ParseResultFormat(request.get_param_value("format"));
    if (!format) {
      throw Exception(kProtocolViolation,
                      "unknown format \"" + request.get_param_value("format") + "\" (expected json, ndjson or csv)");
    }
    std::string sql = request.body;
    const size_t first = sql.find_first_not_of(" \t\r\n");
    if (request.get_header_value("Content-Type").find("json") != std::string::npos ||
        (first != std::string::npos && sql[first] == '{')) {
      sql = *StringField(ParseJsonObject(request.body), "sql", "", true);
    }
    metrics.SessionOpened(server::Protocol::kHttp);
    auto state = std::make_shared<QueryState>(this, database);
    if (options.memory_limit > 0) {
      std::unique_ptr<QueryResult> set =
          state->connection.query(fmt::format("SET memory_limit = '{}B'", options.memory_limit));
      if (set->has_error()) throw set->error();
    }
    std::optional<std::chrono::milliseconds> timeout;
    if (options.statement_timeout.count() > 0) timeout = options.statement_timeout;
    state->ticket = watchdog.Watch(state->connection, timeout,
                                   FindClientSocket(request.local_port, request.remote_addr, request.remote_port));
    state->result = state->connection.query(sql);
    if (!state->result->has_error()) state->first_chunk = state->result->fetch();
    if (state->result->has_error()) {
      Exception error = state->ResultError();
      state->Record(error.sqlstate());
      SendError(response, error);
      return;
    }
    state->writer.emplace(*format, state->result->names(), state->result->types(), state->result->command_tag());
    response.status = 200;
    response.set_chunked_content_provider(ResultContentType(*format), [state](size_t, httplib::DataSink& sink) {
      return WriteMore(*state, sink);
    });
  }

  /// Sends the next piece of a result; false ends the response early (client gone, CSV error).
  static bool WriteMore(QueryState& state, httplib::DataSink& sink) {
    std::string out;
    if (!state.begun) {
      state.begun = true;
      state.writer->Begin(out);
      if (state.first_chunk) state.writer->Rows(out, *state.first_chunk);
      state.first_chunk.reset();
    } else {
      // About 64 KiB per write: several chunks when they are small.
      while (out.size() < (64 << 10)) {
        std::unique_ptr<DataChunk> chunk = state.result->fetch();
        if (!chunk) {
          if (state.result->has_error()) {
            Exception error = state.ResultError();
            state.Record(error.sqlstate());
            const bool can_say = state.writer->Fail(out, error);
            if (!can_say) return false;
          } else {
            state.Finish();
            state.Record("");
            state.writer->End(out);
          }
          if (!sink.write(out.data(), out.size())) return false;
          sink.done();
          return true;
        }
        state.writer->Rows(out, *chunk);
      }
    }
    return sink.write(out.data(), out.size());
  }

  void HandleRegisterTable(const httplib::Request& request, httplib::Response& response) {
    const Json document = ParseJsonObject(request.body);
    std::vector<TableMapping> mappings;
    auto tables = document.find("tables");
    if (tables != document.end()) {
      if (!tables->is_array() || tables->empty()) {
        throw Exception(kProtocolViolation, "\"tables\" must be a non-empty array of table mappings");
      }
      for (size_t i = 0; i < tables->size(); i++) mappings.push_back(ParseMapping((*tables)[i], fmt::format("tables[{}] ", i)));
    } else {
      mappings.push_back(ParseMapping(document, ""));
    }
    Json registered = Json::array();
    for (const TableMapping& mapping : mappings) {
      database.catalog().register_file_table(Catalog::kDefaultNamespace, mapping, /*replace=*/true);
      registered.push_back(mapping.table_name);
    }
    SendJson(response, Json{{"registered", registered}});
  }

  void HandleRegisterProject(const httplib::Request& request, httplib::Response& response) {
    const Json document = ParseJsonObject(request.body);
    const std::string project_id = *StringField(document, "project_id", "", true);
    const std::string table_name = *StringField(document, "table_name", "", true);
    for (const char* key : {"access_key", "secret_key", "endpoint"}) StringField(document, key, "", false);
    if (std::optional<std::string> bucket = StringField(document, "bucket", "", false); bucket && !bucket->empty()) {
      SendError(response, 501,
                Exception(sqlstate::kFeatureNotSupported,
                          "object storage is not supported yet: register the project without \"bucket\" to keep its "
                          "files in the data directory"));
      return;
    }
    try {
      database.catalog().create_project_table(Catalog::kDefaultNamespace, table_name, table_name, project_id,
                                              /*if_not_exists=*/true);
    } catch (const Exception& error) {
      // An unknown table type is the "unknown table" of this endpoint.
      if (error.sqlstate() == "42704") {
        SendError(response, 404, error);
        return;
      }
      throw;
    }
    SendJson(response, Json{{"project_id", project_id},
                            {"table_name", table_name},
                            {"location", "projects/" + project_id + "/" +
                                             Catalog::ProjectDirectoryName(Catalog::kDefaultNamespace, table_name) + "/"}});
  }

  void HandleListTables(httplib::Response& response) {
    Json tables = Json::array();
    for (const CatalogEntry& entry : database.catalog().tables(/*include_system=*/false)) {
      const std::string name = entry.namespace_name == Catalog::kDefaultNamespace
                                   ? entry.name
                                   : entry.namespace_name + "." + entry.name;
      if (entry.type == TableType::kProject) {
        for (const std::string& project : entry.projects) {
          tables.push_back(Json{{"project_id", project}, {"table_name", name}, {"table_type", "PROJECT"}});
        }
      } else {
        tables.push_back(Json{{"project_id", nullptr}, {"table_name", name}, {"table_type", TableTypeName(entry.type)}});
      }
    }
    SendJson(response, Json{{"tables", tables}});
  }

  /// Runs `handler`, turning what it throws into an error response.
  template <typename Handler>
  httplib::Server::Handler Guard(Handler handler) {
    return [this, handler](const httplib::Request& request, httplib::Response& response) {
      try {
        handler(request, response);
      } catch (const Exception& error) {
        SendError(response, error);
      } catch (const std::exception& error) {
        log(fmt::format("HTTP {} {}: internal error: {}", request.method, request.path, error.what()));
        SendError(response, 500, Exception(sqlstate::kInternalError, std::string("internal error: ") + error.what()));
      }
    };
  }

  void Route() {
    server.set_payload_max_length(options.max_body_bytes);
    // cpp-httplib's default also sets SO_REUSEPORT, which would let a second server bind the
    // same port and silently take half of the requests: only SO_REUSEADDR (restarts).
    server.set_socket_options([this](socket_t fd) {
      int yes = 1;
      setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
      listen_fd = fd;
    });
    // Keep-alive connections are closed by the server only when idle for 5 s: a client pool
    // (undici, requests) that sends a burst over a few connections must not have them closed
    // under it after cpp-httplib's default of 5 requests each.
    server.set_keep_alive_timeout(5);
    server.set_keep_alive_max_count(10000);
    const unsigned threads = std::max(2u, options.worker_threads);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      if (options.bearer_token.empty() || request.path == "/health") return httplib::Server::HandlerResponse::Unhandled;
      const std::string header = request.get_header_value("Authorization");
      constexpr std::string_view kScheme = "Bearer ";
      if (header.size() > kScheme.size() && header.compare(0, kScheme.size(), kScheme) == 0 &&
          ConstantTimeEquals(std::string_view(header).substr(kScheme.size()), options.bearer_token)) {
        return httplib::Server::HandlerResponse::Unhandled;
      }
      response.set_header("WWW-Authenticate", "Bearer");
      // cpp-httplib answers before it reads the request body: the connection cannot carry
      // another request (its next bytes are this body), so the client must not reuse it.
      response.set_header("Connection", "close");
      SendError(response, 401,
                Exception(kInvalidAuthorization, header.empty() ? "missing bearer token (Authorization: Bearer ...)"
                                                                : "invalid bearer token"));
      return httplib::Server::HandlerResponse::Handled;
    });
    server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
      // A body cpp-httplib refused (413) or could not parse (400) is still unread on the
      // connection: the client must not send another request on it.
      if (response.status == 413 || response.status == 400) response.set_header("Connection", "close");
      if (!response.body.empty()) return;
      std::string message;
      if (response.status == 413) {
        message = "request body too large";
      } else if (response.status == 404) {
        message = "no endpoint " + request.method + " " + request.path;
      } else {
        message = fmt::format("HTTP status {}", response.status);
      }
      response.set_content("{\"error\":" + ErrorJson(Exception(response.status == 413 ? "54000" : kProtocolViolation, message)) +
                               "}\n",
                           "application/json");
    });
    server.Post("/query", Guard([this](const auto& request, auto& response) { HandleQuery(request, response); }));
    server.Post("/register_table",
                Guard([this](const auto& request, auto& response) { HandleRegisterTable(request, response); }));
    server.Post("/register_project",
                Guard([this](const auto& request, auto& response) { HandleRegisterProject(request, response); }));
    server.Get("/list_tables", Guard([this](const auto&, auto& response) { HandleListTables(response); }));
    server.Get("/health", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("{\"status\":\"ok\"}\n", "application/json");
    });
    server.Get("/metrics", [this](const httplib::Request&, httplib::Response& response) {
      response.set_content(metrics.PrometheusText(), "text/plain; version=0.0.4");
    });
  }

  Database& database;
  HttpServerOptions options;
  server::ServerMetrics& metrics;
  LogSink log;
  server::StatementWatchdog watchdog;
  httplib::Server server;
  int listen_fd = -1;  // the listening socket, as cpp-httplib created it
  std::thread thread;
  std::mutex stopped_mutex;
  std::condition_variable stopped_changed;
  bool stopped = false;  // guarded by stopped_mutex: the serving thread has ended
};

HttpServer::HttpServer(Database& database, HttpServerOptions options, server::ServerMetrics& metrics, LogSink log)
    : impl_(std::make_unique<Impl>(database, std::move(options), metrics, std::move(log))) {
  impl_->Route();
}

HttpServer::~HttpServer() { Stop(); }

void HttpServer::Listen() {
  const std::string& host = impl_->options.host;
  int port = impl_->options.port;
  if (port == 0) {
    port = impl_->server.bind_to_any_port(host);
  } else if (!impl_->server.bind_to_port(host, port)) {
    port = -1;
  }
  if (port <= 0) {
    throw Exception("08006", fmt::format("cannot listen for HTTP on {}:{}: {}", host, impl_->options.port,
                                         std::strerror(errno)));
  }
  bound_port_ = static_cast<uint16_t>(port);
  // cpp-httplib listens with a backlog of 5; a burst of new connections would overflow it.
  // Listening again on the bound socket only raises the backlog (Linux).
  if (impl_->listen_fd >= 0) ::listen(impl_->listen_fd, SOMAXCONN);
}

void HttpServer::Start() {
  impl_->thread = std::thread([impl = impl_.get()] {
    impl->server.listen_after_bind();  // returns once stop() was called and the workers ended
    std::lock_guard lock(impl->stopped_mutex);
    impl->stopped = true;
    impl->stopped_changed.notify_all();
  });
}

void HttpServer::Stop() {
  if (!impl_->thread.joinable()) return;
  impl_->server.stop();
  // Interrupt the running statements until every worker has finished: a request that was
  // being read when the first interrupt went out may start its statement after it.
  std::unique_lock lock(impl_->stopped_mutex);
  while (!impl_->stopped) {
    impl_->watchdog.InterruptAll();
    impl_->stopped_changed.wait_for(lock, std::chrono::milliseconds(100));
  }
  lock.unlock();
  impl_->thread.join();
}

}  // namespace cairn::http

// Session: one client of the PostgreSQL protocol v3 server, served on its own thread over a
// connected socket, with its own cairn::Connection on the server's shared Database.
//
// What it speaks (PostgreSQL 15 documentation, chapter 55):
//   - startup: SSLRequest is answered 'S' and TLS begins when the server has a TlsContext,
//     else 'N'; GSSENCRequest 'N'. A StartupMessage 3.x with "user" is authenticated with
//     SCRAM-SHA-256 when the server has users (password_authenticator.h), else trusted; the
//     client over max_connections gets FATAL 53300 instead. AuthenticationOk is followed by
//     ParameterStatus for the settings psql and drivers read, BackendKeyData and ReadyForQuery;
//     a CancelRequest is passed to the server's cancel callback and the connection closed.
//   - Simple Query ('Q'): each statement of the string in turn (statement_splitter.h); per
//     statement RowDescription and DataRows in text format for results with columns, then
//     CommandComplete ("SELECT n" for queries), or ErrorResponse, which skips the rest;
//     EmptyQueryResponse for a string without statements; then ReadyForQuery with the
//     transaction status ('I', 'T' in a BEGIN block, 'E' in a failed block, tracked from the
//     command tags and errors).
//   - Extended Query (55.2.3): Parse, Bind, Describe, Execute, Close, Sync and Flush, over named
//     and unnamed prepared statements and portals (extended_query.cpp). Parameters are typed as
//     declared in Parse or inferred (Connection::prepare); their values and the result columns
//     come in text or binary format (binary_format.h). Execute's row limit suspends a portal
//     (PortalSuspended) and a later Execute continues it. After an error every message up to
//     Sync is skipped. Statements Cairn cannot prepare (BEGIN, SET, CREATE, ...) and that take
//     no parameters run as plain SQL when executed. Portals end with their transaction: at Sync
//     or a simple query outside a transaction block.
//   - COPY ... FROM STDIN and TO STDOUT (copy_protocol.cpp, 55.2.6): CopyInResponse, then the
//     client's CopyData up to CopyDone (CopyFail fails the statement with 57014), spooled to a
//     temporary file the statement reads; CopyOutResponse, CopyData with the rows, CopyDone.
//   - SET and RESET of a setting PostgreSQL reports (application_name, client_encoding,
//     DateStyle, IntervalStyle, TimeZone, standard_conforming_strings) send ParameterStatus
//     when its value changed.
//   - NoticeResponse for the notices a statement raised (cairn::Notice), before its
//     CommandComplete.
//   - Terminate ('X') ends the session; FunctionCall is answered with ErrorResponse 0A000 and
//     the session continues; CopyData, CopyDone and CopyFail outside COPY are ignored; any other
//     message type is a protocol violation (below), as in PostgreSQL.
// Responses are buffered and sent at ReadyForQuery, Flush, or when 64 KiB accumulate.
// A protocol violation (a length out of bounds, an unsupported protocol version, a malformed
// message) is answered with a FATAL ErrorResponse 08P01 and closes this session only.
//
// Thread-safety: Run() on one thread; Interrupt() and Shutdown() from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/connection.h"
#include "cairn/copy_handler.h"
#include "cairn/database.h"
#include "pgwire/protocol.h"
#include "pgwire/password_authenticator.h"
#include "pgwire/socket_stream.h"
#include "pgwire/tls_context.h"
#include "server_metrics.h"
#include "statement_watchdog.h"

namespace cairn::pgwire {

/// Receives the server's log lines (one line each, no trailing newline). Must be thread-safe.
using LogSink = std::function<void(std::string_view line)>;
/// Cancels the query of the session with this process id if the secret key matches.
using CancelHandler = std::function<void(uint32_t process_id, uint32_t secret_key)>;

class Session : private CopyHandler {
 public:
  /// `fd`: a connected socket, owned from now on. `process_id` and `secret_key` are what the
  /// client must quote in a CancelRequest (BackendKeyData).
  Session(int fd, Database& database, uint32_t process_id, uint32_t secret_key, LogSink log, CancelHandler cancel);
  ~Session();

  /// Serves the client until it terminates, disconnects, or violates the protocol. Never
  /// throws.
  void Run();
  /// Cancels the statement running on this session (Connection::interrupt). Thread-safe.
  void Interrupt() { connection_.interrupt(); }
  /// Closes the socket's both directions so Run() returns soon. Thread-safe.
  void Shutdown() { stream_.Shutdown(); }

  uint32_t process_id() const { return process_id_; }
  uint32_t secret_key() const { return secret_key_; }

 private:
  /// A statement made by Parse.
  struct Statement {
    std::string sql;  // trimmed; "" for an empty query string
    /// The prepared query or DML; null for a statement run as plain SQL at Execute.
    std::unique_ptr<PreparedStatement> prepared;
    std::vector<uint32_t> parameter_oids;  // what ParameterDescription reports
  };
  /// A portal made by Bind: a statement with its parameter values, run by Execute.
  struct Portal {
    std::shared_ptr<const Statement> statement;
    std::vector<Value> parameters;
    std::vector<int16_t> result_formats;     // as Bind gave them (none, one, or one per column)
    std::unique_ptr<QueryResult> result;     // once started
    std::unique_ptr<DataChunk> chunk;        // rows fetched but not sent yet
    size_t next_row = 0;                     // the first unsent row of `chunk`
    bool finished = false;                   // CommandComplete (or its error) was sent
  };

  /// Startup phase; returns false when the session ends there (cancel request, EOF).
  bool Startup();
  /// Handles one regular message after startup; returns false on Terminate.
  bool HandleMessage(char type, std::string_view body);
  void SimpleQuery(std::string_view sql);
  /// Runs one statement; returns false when it failed.
  bool RunStatement(std::string_view text, size_t position_offset);
  void UpdateTransactionStatus(const std::string& command_tag, bool failed);
  /// A statement that succeeded: its notices, CommandComplete (`SELECT rows` for queries), the
  /// transaction status, and ParameterStatus after SET/RESET.
  void CompleteStatement(const QueryResult& result, uint64_t rows);
  /// After SET or RESET: ParameterStatus for each reported setting whose value changed (what
  /// PostgreSQL does for its GUC_REPORT settings).
  void ReportParameterChanges();

  // Extended query protocol (extended_query.cpp). Each throws cairn::Exception for an error the
  // client made (answered with ErrorResponse, then messages are skipped until Sync).
  void Parse(std::string_view body);
  void Bind(std::string_view body);
  void Describe(std::string_view body);
  void Execute(std::string_view body);
  void Close(std::string_view body);
  void Sync();
  /// Starts `portal`'s statement if it has not started yet.
  void StartPortal(Portal& portal);
  /// The format of each of `portal`'s result columns. Throws 08P01 for a wrong count.
  std::vector<FormatCode> ResultFormats(const Portal& portal) const;
  /// Ends the transaction's portals when no transaction block is open.
  void EndImplicitTransaction();
  /// Appends RowDescription for `result`'s columns in `formats` (NoData without columns).
  void AppendDescription(const std::vector<std::string>& names, const std::vector<LogicalType>& types,
                         const std::vector<FormatCode>& formats);
  /// Sends DataRows from `portal` (at most `max_rows`, 0 = all); returns the number sent.
  /// Sets `exhausted` when the result has no more rows (or failed: check result->has_error()).
  uint64_t SendRows(Portal& portal, const std::vector<FormatCode>& formats, uint64_t max_rows, bool& exhausted);

  // COPY FROM STDIN / TO STDOUT (copy_protocol.cpp): the CopyIn and CopyOut sub-protocols.
  std::string ReceiveCopyData(size_t columns) override;
  void BeginCopyOut(size_t columns) override;
  void SendCopyData(std::string_view data) override;
  /// After a statement: CopyDone when it copied out and succeeded; removes COPY FROM STDIN's
  /// spooled data.
  void FinishCopy(bool succeeded);

  /// Starts watching the statement about to run (statement_timeout_, client hang-up); returns
  /// the ticket for EndStatement (0: no watchdog).
  uint64_t BeginStatement();
  /// Stops watching (`ticket` becomes 0) and counts the statement in the metrics; turns an
  /// interruption by the timeout into PostgreSQL's statement-timeout error. Returns the error to
  /// report, if any.
  std::optional<Exception> EndStatement(uint64_t& ticket, std::chrono::steady_clock::time_point started,
                                        const QueryResult& result);
  /// Unwatches a statement whose EndStatement was not reached (the client went away while rows
  /// were sent), so the watchdog never holds a finished session's connection.
  struct StatementWatch {
    server::StatementWatchdog* watchdog;
    uint64_t ticket;
    ~StatementWatch() {
      if (watchdog != nullptr && ticket != 0) watchdog->Unwatch(ticket);
    }
  };

  /// Sends what `out_` holds and empties it.
  void Flush();
  /// Flushes when the buffer is large.
  void MaybeFlush();

  SocketStream stream_;
  Connection connection_;
  const uint32_t process_id_;
  const uint32_t secret_key_;
  LogSink log_;
  CancelHandler cancel_;
  std::string user_;
  std::string out_;
  TransactionStatus transaction_status_ = TransactionStatus::kIdle;
  std::map<std::string, std::shared_ptr<const Statement>, std::less<>> statements_;
  std::map<std::string, Portal, std::less<>> portals_;
  /// After an error in an extended-query message: skip messages until Sync.
  bool skip_until_sync_ = false;
  /// The current statement sent CopyOutResponse.
  bool copy_out_active_ = false;
  /// The values of the reported settings the client was last told (filled on first use).
  std::map<std::string, std::string> reported_parameters_;
  /// The file holding the current COPY FROM STDIN's data ("" when none).
  std::string copy_in_file_;

  // The startup phase's policy, set by the Server before Run() (never changed afterwards).
  friend class Server;
  /// Password authentication (SCRAM-SHA-256) when non-null and not empty; else trust.
  const PasswordAuthenticator* authenticator_ = nullptr;
  /// TLS for SSLRequest ('S'); null = the request is answered 'N'.
  const TlsContext* tls_ = nullptr;
  /// The server is full: after its StartupMessage the client gets FATAL 53300 and is closed.
  bool too_many_clients_ = false;
  /// Bytes for `SET memory_limit` when the session starts; 0 = the database's limit.
  uint64_t memory_limit_ = 0;
  /// Watches each statement: interrupted after statement_timeout_ (57014 "canceling statement
  /// due to statement timeout") or when the client hangs up while it runs. May be null.
  server::StatementWatchdog* watchdog_ = nullptr;
  std::chrono::milliseconds statement_timeout_{0};
  /// Where statements are counted (GET /metrics); may be null.
  server::ServerMetrics* metrics_ = nullptr;
};

}  // namespace cairn::pgwire

// Session: one client of the PostgreSQL protocol v3 server, served on its own thread over a
// connected socket, with its own cairn::Connection on the server's shared Database.
//
// What it speaks (PostgreSQL 15 documentation, chapter 55):
//   - startup: SSLRequest and GSSENCRequest are answered 'N' (no encryption); a StartupMessage
//     3.x with "user" is accepted with trust authentication (AuthenticationOk), followed by
//     ParameterStatus for the settings psql and drivers read, BackendKeyData and ReadyForQuery;
//     a CancelRequest is passed to the server's cancel callback and the connection closed.
//   - Simple Query ('Q'): each statement of the string in turn (statement_splitter.h); per
//     statement RowDescription and DataRows in text format for results with columns, then
//     CommandComplete ("SELECT n" for queries), or ErrorResponse, which skips the rest;
//     EmptyQueryResponse for a string without statements; then ReadyForQuery with the
//     transaction status ('I', 'T' in a BEGIN block, 'E' in a failed block, tracked from the
//     command tags and errors).
//   - Terminate ('X') ends the session; any other message type is answered with ErrorResponse
//     0A000 and ReadyForQuery, and the session continues.
// A protocol violation (a length out of bounds, an unsupported protocol version, a malformed
// message) is answered with a FATAL ErrorResponse 08P01 and closes this session only.
//
// Thread-safety: Run() on one thread; Interrupt() and Shutdown() from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "cairn/connection.h"
#include "cairn/database.h"
#include "pgwire/protocol.h"
#include "pgwire/socket_stream.h"

namespace cairn::pgwire {

/// Receives the server's log lines (one line each, no trailing newline). Must be thread-safe.
using LogSink = std::function<void(std::string_view line)>;
/// Cancels the query of the session with this process id if the secret key matches.
using CancelHandler = std::function<void(uint32_t process_id, uint32_t secret_key)>;

class Session {
 public:
  /// `fd`: a connected socket, owned from now on. `process_id` and `secret_key` are what the
  /// client must quote in a CancelRequest (BackendKeyData).
  Session(int fd, Database& database, uint32_t process_id, uint32_t secret_key, LogSink log, CancelHandler cancel);

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
  /// Startup phase; returns false when the session ends there (cancel request, EOF).
  bool Startup();
  void SimpleQuery(std::string_view sql);
  /// Runs one statement; returns false when it failed.
  bool RunStatement(std::string_view text, size_t position_offset);
  void UpdateTransactionStatus(const std::string& command_tag, bool failed);
  /// Sends what `out_` holds and empties it.
  void Flush();

  SocketStream stream_;
  Connection connection_;
  const uint32_t process_id_;
  const uint32_t secret_key_;
  LogSink log_;
  CancelHandler cancel_;
  std::string user_;
  std::string out_;
  TransactionStatus transaction_status_ = TransactionStatus::kIdle;
};

}  // namespace cairn::pgwire

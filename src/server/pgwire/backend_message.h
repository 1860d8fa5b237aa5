// Encoding of the messages Cairn's server sends to a PostgreSQL client. Each Append* function
// appends one complete message (type byte, big-endian length counting itself, body) to `out`,
// so a session batches a whole response into one buffer and writes it with one call.
// Source: PostgreSQL 15 documentation, 55.7 "Message Formats" and 55.8 "Error and Notice
// Message Fields".
//
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/exception.h"
#include "pgwire/protocol.h"

namespace cairn::pgwire {

/// One column of a RowDescription.
struct ColumnDescription {
  std::string name;
  uint32_t type_oid = 0;
  int16_t type_size = -1;  // pg_type.typlen: bytes, or -1 for variable length
  int32_t type_modifier = -1;
  FormatCode format = FormatCode::kText;  // how its DataRow cells are encoded
};

/// AuthenticationOk: the client is authenticated.
void AppendAuthenticationOk(std::string& out);
/// ParameterStatus: the current value of a run-time parameter.
void AppendParameterStatus(std::string& out, std::string_view name, std::string_view value);
/// BackendKeyData: what a CancelRequest must quote to cancel this session's query.
void AppendBackendKeyData(std::string& out, uint32_t process_id, uint32_t secret_key);
/// ReadyForQuery with the session's transaction status.
void AppendReadyForQuery(std::string& out, TransactionStatus status);
/// RowDescription: each column's name, type and format.
void AppendRowDescription(std::string& out, const std::vector<ColumnDescription>& columns);
/// DataRow: each cell's bytes in its column's format, or nullopt for NULL.
void AppendDataRow(std::string& out, const std::vector<std::optional<std::string>>& cells);
/// CommandComplete with its tag ("SELECT 3", "INSERT 0 1", "CREATE TABLE").
void AppendCommandComplete(std::string& out, std::string_view tag);
/// EmptyQueryResponse: the query string held no statement.
void AppendEmptyQueryResponse(std::string& out);
/// A message without a body of type `type`: ParseComplete, BindComplete, CloseComplete,
/// NoData, PortalSuspended, CopyDone (backend:: constants).
void AppendEmptyMessage(std::string& out, char type);
/// ParameterDescription: the type OIDs of a prepared statement's parameters.
void AppendParameterDescription(std::string& out, const std::vector<uint32_t>& type_oids);
/// NoticeResponse with severity ("NOTICE", "WARNING"), SQLSTATE and message.
void AppendNoticeResponse(std::string& out, std::string_view severity, std::string_view sqlstate,
                          std::string_view message);
/// CopyInResponse / CopyOutResponse (`type` backend::kCopyInResponse or kCopyOutResponse): the
/// overall format and that format for each of `columns` columns.
void AppendCopyResponse(std::string& out, char type, FormatCode format, size_t columns);
/// CopyData carrying `data`.
void AppendCopyData(std::string& out, std::string_view data);
/// How grave an ErrorResponse is: ERROR ends the statement, FATAL the session.
enum class ErrorSeverity { kError, kFatal };

/// ErrorResponse from a Cairn error: severity, SQLSTATE, message, and detail, hint and position
/// when present. `position_offset` is added to the error's 1-based position (the statement's
/// offset in characters within the client's query string, so the position counts from its
/// start).
void AppendErrorResponse(std::string& out, const Exception& error, size_t position_offset = 0,
                         ErrorSeverity severity = ErrorSeverity::kError);

}  // namespace cairn::pgwire

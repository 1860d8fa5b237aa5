// The extended query protocol of Session (session.h): Parse, Bind, Describe, Execute, Close and
// Sync. Source: PostgreSQL 15 documentation, 55.2.3 "Extended Query" and 55.7.
#include <fmt/format.h>

#include <utf8proc.h>

#include <cctype>

#include "cairn/exception.h"
#include "cairn/statement_splitter.h"
#include "pgwire/backend_message.h"
#include "pgwire/binary_format.h"
#include "pgwire/frontend_message.h"
#include "pgwire/session.h"
#include "pgwire/type_oid.h"

namespace cairn::pgwire {

namespace {

/// The quoted name PostgreSQL's messages use for a statement or portal ("" for the unnamed one).
std::string Quoted(std::string_view name) { return fmt::format("\"{}\"", name); }

/// Text from a client must be valid UTF-8 without zero bytes (the database encoding): 22021
/// otherwise, as PostgreSQL's input and text receive functions do.
void CheckClientText(std::string_view text) {
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto remaining = static_cast<utf8proc_ssize_t>(text.size());
  while (remaining > 0) {
    utf8proc_int32_t codepoint;
    const utf8proc_ssize_t length = utf8proc_iterate(bytes, remaining, &codepoint);
    if (length <= 0 || codepoint == 0) {
      throw Exception(sqlstate::kCharacterNotInRepertoire,
                      fmt::format("invalid byte sequence for encoding \"UTF8\": 0x{:02x}", *bytes));
    }
    bytes += length;
    remaining -= length;
  }
}

/// Whether a failed prepare means "this kind of statement cannot be prepared": such a statement
/// (BEGIN, SET, CREATE, COPY, ...) then runs as plain SQL when executed.
bool CannotBePrepared(const Exception& error) {
  return error.sqlstate() == std::string_view(sqlstate::kFeatureNotSupported);
}

/// Whether `sql` is a COPY statement (its first word, any case).
bool IsCopy(std::string_view sql) {
  return sql.size() >= 4 && (sql[0] | 0x20) == 'c' && (sql[1] | 0x20) == 'o' && (sql[2] | 0x20) == 'p' &&
         (sql[3] | 0x20) == 'y' && (sql.size() == 4 || !std::isalnum(static_cast<unsigned char>(sql[4])));
}

}  // namespace

void Session::Parse(std::string_view body) {
  const ParseMessage message = DecodeParse(body);
  if (!message.name.empty() && statements_.count(message.name) > 0) {
    throw Exception(sqlstate::kDuplicatePreparedStatement,
                    fmt::format("prepared statement {} already exists", Quoted(message.name)));
  }
  CheckClientText(message.query);
  std::vector<LogicalType> declared;
  declared.reserve(message.parameter_type_oids.size());
  for (uint32_t oid : message.parameter_type_oids) declared.push_back(TypeOfPgOid(oid));

  auto statement = std::make_shared<Statement>();
  statement->sql = std::string(TrimSqlWhitespace(message.query));
  if (!statement->sql.empty()) {
    statement->prepared = connection_.prepare(statement->sql, declared);
    if (statement->prepared->has_error()) {
      const Exception error = statement->prepared->error();
      if (!CannotBePrepared(error) || !declared.empty()) throw error;
      statement->prepared.reset();
    }
  }
  if (statement->prepared) {
    const std::vector<LogicalType>& types = statement->prepared->parameter_types();
    for (size_t i = 0; i < types.size(); i++) {
      const uint32_t declared_oid = i < message.parameter_type_oids.size() ? message.parameter_type_oids[i] : 0;
      statement->parameter_oids.push_back(declared_oid != 0 && declared_oid != PgTypeOf(TypeId::INVALID).oid
                                              ? declared_oid
                                              : PgTypeOf(types[i]).oid);
    }
  }
  statements_[std::string(message.name)] = std::move(statement);
  AppendEmptyMessage(out_, backend::kParseComplete);
}

void Session::Bind(std::string_view body) {
  BindMessage message = DecodeBind(body);
  const auto found = statements_.find(message.statement);
  if (found == statements_.end()) {
    throw Exception(sqlstate::kInvalidSqlStatementName,
                    fmt::format("prepared statement {} does not exist", Quoted(message.statement)));
  }
  if (!message.portal.empty() && portals_.count(message.portal) > 0) {
    throw Exception(sqlstate::kDuplicateCursor, fmt::format("portal {} already exists", Quoted(message.portal)));
  }
  const std::shared_ptr<const Statement>& statement = found->second;
  const size_t expected = statement->parameter_oids.size();
  if (message.parameters.size() != expected) {
    throw Exception(sqlstate::kProtocolViolation,
                    fmt::format("bind message supplies {} parameters, but prepared statement {} requires {}",
                                message.parameters.size(), Quoted(message.statement), expected));
  }
  Portal portal;
  portal.statement = statement;
  portal.result_formats = std::move(message.result_formats);
  if (statement->prepared) {
    const std::vector<LogicalType>& types = statement->prepared->parameter_types();
    for (size_t i = 0; i < message.parameters.size(); i++) {
      const std::optional<std::string_view>& bytes = message.parameters[i];
      const int16_t format = message.parameter_formats.empty()      ? 0
                             : message.parameter_formats.size() == 1 ? message.parameter_formats[0]
                                                                     : message.parameter_formats[i];
      if (!bytes) {
        portal.parameters.push_back(Value::Null(types[i]));
      } else if (format == static_cast<int16_t>(FormatCode::kBinary)) {
        Value value = DecodeBinary(*bytes, types[i], i + 1);
        if (value.type().id() == TypeId::VARCHAR) CheckClientText(value.GetString());
        portal.parameters.push_back(std::move(value));
      } else {
        CheckClientText(*bytes);
        portal.parameters.push_back(Value::Varchar(std::string(*bytes)));
      }
    }
  }
  // Checks the result format count now when the columns are known.
  if (statement->prepared) ResultFormats(portal);
  portals_.insert_or_assign(std::string(message.portal), std::move(portal));
  AppendEmptyMessage(out_, backend::kBindComplete);
}

std::vector<FormatCode> Session::ResultFormats(const Portal& portal) const {
  const size_t columns = portal.result                ? portal.result->ColumnCount()
                         : portal.statement->prepared ? portal.statement->prepared->names().size()
                                                      : 0;
  const std::vector<int16_t>& codes = portal.result_formats;
  if (codes.size() > 1 && codes.size() != columns) {
    throw Exception(sqlstate::kProtocolViolation,
                    fmt::format("bind message has {} result formats but query has {} columns", codes.size(), columns));
  }
  std::vector<FormatCode> formats(columns, FormatCode::kText);
  for (size_t i = 0; i < columns; i++) {
    if (!codes.empty()) formats[i] = static_cast<FormatCode>(codes.size() == 1 ? codes[0] : codes[i]);
  }
  return formats;
}

void Session::Describe(std::string_view body) {
  const TargetMessage message = DecodeTarget(body);
  if (message.kind == 'S') {
    const auto found = statements_.find(message.name);
    if (found == statements_.end()) {
      throw Exception(sqlstate::kInvalidSqlStatementName,
                      fmt::format("prepared statement {} does not exist", Quoted(message.name)));
    }
    const Statement& statement = *found->second;
    AppendParameterDescription(out_, statement.parameter_oids);
    if (statement.prepared && !statement.prepared->names().empty()) {
      AppendDescription(statement.prepared->names(), statement.prepared->types(),
                        std::vector<FormatCode>(statement.prepared->names().size(), FormatCode::kText));
    } else {
      AppendEmptyMessage(out_, backend::kNoData);
    }
    return;
  }
  const auto found = portals_.find(message.name);
  if (found == portals_.end()) {
    throw Exception(sqlstate::kInvalidCursorName, fmt::format("portal {} does not exist", Quoted(message.name)));
  }
  Portal& portal = found->second;
  // A statement run as plain SQL shows its columns only once it runs (but COPY, which
  // exchanges data with the client, has none: it runs at Execute).
  if (!portal.statement->prepared && !portal.statement->sql.empty() && !IsCopy(portal.statement->sql)) {
    StartPortal(portal);
  }
  const std::vector<std::string>& names =
      portal.result ? portal.result->names() : portal.statement->prepared ? portal.statement->prepared->names()
                                                                          : std::vector<std::string>{};
  if (names.empty() || (portal.result && portal.result->has_error())) {
    AppendEmptyMessage(out_, backend::kNoData);
    return;
  }
  const std::vector<LogicalType>& types =
      portal.result ? portal.result->types() : portal.statement->prepared->types();
  AppendDescription(names, types, ResultFormats(portal));
}

void Session::StartPortal(Portal& portal) {
  if (portal.result) return;
  const Statement& statement = *portal.statement;
  portal.result = statement.prepared ? connection_.execute(*statement.prepared, portal.parameters)
                                     : connection_.query(statement.sql);
  FinishCopy(!portal.result->has_error());
}

void Session::Execute(std::string_view body) {
  const ExecuteMessage message = DecodeExecute(body);
  const auto found = portals_.find(message.portal);
  if (found == portals_.end()) {
    throw Exception(sqlstate::kInvalidCursorName, fmt::format("portal {} does not exist", Quoted(message.portal)));
  }
  Portal& portal = found->second;
  if (portal.statement->sql.empty()) {
    AppendEmptyQueryResponse(out_);
    return;
  }
  const auto started = std::chrono::steady_clock::now();
  StatementWatch watch{watchdog_, BeginStatement()};
  StartPortal(portal);
  QueryResult& result = *portal.result;
  if (portal.finished && !result.has_error()) {
    // PostgreSQL answers an Execute of a completed portal with an empty completion.
    AppendCommandComplete(out_, result.command_tag() == "SELECT" ? "SELECT 0" : result.command_tag());
    return;
  }
  uint64_t rows = 0;
  bool exhausted = true;
  if (!result.has_error() && result.ColumnCount() > 0) {
    rows = SendRows(portal, ResultFormats(portal), message.max_rows > 0 ? static_cast<uint64_t>(message.max_rows) : 0,
                    exhausted);
  }
  if (std::optional<Exception> error = EndStatement(watch.ticket, started, result)) {
    portal.finished = true;
    throw *error;
  }
  if (!exhausted) {
    AppendEmptyMessage(out_, backend::kPortalSuspended);
    return;
  }
  portal.finished = true;
  CompleteStatement(result, rows);
}

void Session::Close(std::string_view body) {
  const TargetMessage message = DecodeTarget(body);
  if (message.kind == 'S') {
    statements_.erase(std::string(message.name));
  } else {
    portals_.erase(std::string(message.name));
  }
  AppendEmptyMessage(out_, backend::kCloseComplete);
}

void Session::Sync() {
  skip_until_sync_ = false;
  EndImplicitTransaction();
  AppendReadyForQuery(out_, transaction_status_);
}

void Session::EndImplicitTransaction() {
  // Portals live until the end of their transaction (no WITH HOLD cursors).
  if (transaction_status_ == TransactionStatus::kIdle) portals_.clear();
}

}  // namespace cairn::pgwire

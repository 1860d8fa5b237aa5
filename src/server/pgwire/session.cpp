#include "pgwire/session.h"

#include <fmt/format.h>

#include <optional>
#include <vector>

#include "cairn/exception.h"
#include "cairn/statement_splitter.h"
#include "pgwire/backend_message.h"
#include "pgwire/binary_format.h"
#include "pgwire/frontend_message.h"
#include "pgwire/text_format.h"
#include "pgwire/type_oid.h"

namespace cairn::pgwire {

namespace {

/// Bytes of response buffered before they are sent mid-result.
constexpr size_t kFlushThreshold = 64 * 1024;
/// Encryption negotiations (SSLRequest, GSSENCRequest) accepted before the StartupMessage.
constexpr int kMaxEncryptionRequests = 2;

/// The number of UTF-8 characters in `bytes` (error positions count characters).
size_t CharacterCount(std::string_view bytes) {
  size_t count = 0;
  for (char c : bytes) count += (static_cast<unsigned char>(c) & 0xc0) != 0x80;
  return count;
}

bool TagIs(const std::string& tag, std::string_view word) { return tag == word; }

}  // namespace

Session::Session(int fd, Database& database, uint32_t process_id, uint32_t secret_key, LogSink log,
                 CancelHandler cancel)
    : stream_(fd), connection_(database), process_id_(process_id), secret_key_(secret_key), log_(std::move(log)),
      cancel_(std::move(cancel)) {
  connection_.set_copy_handler(this);
}

void Session::Flush() {
  if (out_.empty()) return;
  stream_.WriteAll(out_);
  out_.clear();
}

bool Session::Startup() {
  for (int encryption_requests = 0;; encryption_requests++) {
    char header[4];
    if (!stream_.ReadExact(header, 4)) return false;
    const uint32_t length = ReadUint32(header);
    CheckStartupPacketLength(length);
    std::string body(length - 4, '\0');
    if (!stream_.ReadExact(body.data(), body.size())) return false;
    StartupPacket packet = DecodeStartupPacket(body);
    switch (packet.kind) {
      case StartupPacket::Kind::kSslRequest:
      case StartupPacket::Kind::kGssEncRequest:
        if (encryption_requests >= kMaxEncryptionRequests || stream_.encrypted()) {
          throw Exception(sqlstate::kProtocolViolation, stream_.encrypted() ? "SSLRequest over an encrypted connection"
                                                                            : "too many encryption requests");
        }
        if (packet.kind == StartupPacket::Kind::kSslRequest && tls_ != nullptr) {
          stream_.WriteAll("S");
          std::string error;
          if (!stream_.StartTls(tls_->get(), error)) {
            log_(fmt::format("session {}: TLS handshake failed: {}", process_id_, error));
            return false;
          }
          continue;
        }
        stream_.WriteAll("N");
        continue;
      case StartupPacket::Kind::kCancelRequest:
        cancel_(packet.process_id, packet.secret_key);
        return false;
      case StartupPacket::Kind::kStartup:
        break;
    }
    user_ = packet.Parameter("user");
    std::string database = packet.Parameter("database");
    if (database.empty()) database = user_;
    if (too_many_clients_) throw Exception("53300", "sorry, too many clients already");  // too_many_connections
    if (authenticator_ != nullptr && !authenticator_->empty()) {
      if (!authenticator_->Authenticate(stream_, user_)) return false;
    }
    if (memory_limit_ > 0) {
      std::unique_ptr<QueryResult> set = connection_.query(fmt::format("SET memory_limit = '{}B'", memory_limit_));
      if (set->has_error()) throw set->error();
    }
    log_(fmt::format("session {}: user \"{}\" connected to database \"{}\"{}{}", process_id_, user_, database,
                     authenticator_ != nullptr && !authenticator_->empty() ? " (password)" : "",
                     stream_.encrypted() ? " over TLS" : ""));
    AppendAuthenticationOk(out_);
    static constexpr std::pair<const char*, const char*> kParameters[] = {
        {"server_version", "15.0 (Cairn)"},
        {"server_encoding", "UTF8"},
        {"client_encoding", "UTF8"},
        {"DateStyle", "ISO, MDY"},
        {"TimeZone", "UTC"},
        {"integer_datetimes", "on"},
        {"standard_conforming_strings", "on"},
        {"IntervalStyle", "postgres"},
        {"is_superuser", "off"},
        {"application_name", ""},
    };
    for (const auto& [name, value] : kParameters) {
      AppendParameterStatus(out_, name, std::string_view(name) == "application_name"
                                            ? std::string_view(packet.Parameter("application_name"))
                                            : std::string_view(value));
    }
    AppendBackendKeyData(out_, process_id_, secret_key_);
    AppendReadyForQuery(out_, transaction_status_);
    Flush();
    return true;
  }
}

Session::~Session() = default;

void Session::MaybeFlush() {
  if (out_.size() >= kFlushThreshold) Flush();
}

void Session::Run() {
  try {
    try {
      if (!Startup()) return;
      while (true) {
        char header[5];
        if (!stream_.ReadExact(header, 5)) break;
        const char type = header[0];
        const uint32_t length = ReadUint32(header + 1);
        CheckMessageLength(type, length);
        std::string body(length - 4, '\0');
        if (!stream_.ReadExact(body.data(), body.size())) break;
        if (!HandleMessage(type, body)) break;
      }
      log_(fmt::format("session {}: disconnected", process_id_));
    } catch (const Exception& error) {
      // A protocol violation: say why, then close this session.
      log_(fmt::format("session {}: closing: {} (SQLSTATE {})", process_id_, error.what(), error.sqlstate()));
      out_.clear();
      AppendErrorResponse(out_, error, 0, ErrorSeverity::kFatal);
      Flush();
    }
  } catch (const ClientGone& gone) {
    log_(fmt::format("session {}: {}", process_id_, gone.what()));
  } catch (const std::exception& error) {
    log_(fmt::format("session {}: closing after an unexpected error: {}", process_id_, error.what()));
  }
  // Results still streaming end before the connection they run on.
  portals_.clear();
  statements_.clear();
}

bool Session::HandleMessage(char type, std::string_view body) {
  switch (type) {
    case frontend::kTerminate:
      return false;
    case frontend::kQuery: {
      FieldReader reader(body);
      std::string_view sql = reader.ReadCString();
      reader.ExpectEnd();
      skip_until_sync_ = false;
      SimpleQuery(sql);
      Flush();
      return true;
    }
    case frontend::kSync:
      Sync();
      Flush();
      return true;
    case frontend::kFlush:
      Flush();
      return true;
    case frontend::kParse:
    case frontend::kBind:
    case frontend::kDescribe:
    case frontend::kExecute:
    case frontend::kClose:
      if (skip_until_sync_) return true;
      try {
        if (type == frontend::kParse) Parse(body);
        if (type == frontend::kBind) Bind(body);
        if (type == frontend::kDescribe) Describe(body);
        if (type == frontend::kExecute) Execute(body);
        if (type == frontend::kClose) Close(body);
      } catch (const MalformedMessage&) {
        throw;  // closes the session
      } catch (const Exception& error) {
        AppendErrorResponse(out_, error);
        UpdateTransactionStatus("", true);
        skip_until_sync_ = true;
      }
      MaybeFlush();
      return true;
    case frontend::kCopyData:
    case frontend::kCopyDone:
    case frontend::kCopyFail:
      return true;  // outside COPY: ignored, as PostgreSQL does
    case frontend::kFunctionCall:
      AppendErrorResponse(out_, Exception(sqlstate::kFeatureNotSupported, "the FunctionCall message is not supported"));
      AppendReadyForQuery(out_, transaction_status_);
      Flush();
      return true;
    default:
      break;
  }
  const auto byte = static_cast<unsigned char>(type);
  throw MalformedMessage(
                  fmt::format("invalid frontend message type {}", byte >= 0x20 && byte < 0x7f
                                                                      ? fmt::format("\"{}\"", type)
                                                                      : fmt::format("0x{:02x}", byte)));
}

void Session::SimpleQuery(std::string_view sql) {
  // A simple query replaces the unnamed statement and portal (55.2.2).
  statements_.erase("");
  portals_.erase("");
  SplitResult split = SplitSqlStatements(sql);
  std::vector<SqlStatement>& statements = split.statements;
  if (!split.remainder_blank) {
    std::string_view rest = TrimSqlWhitespace(split.remainder);
    statements.push_back({std::string(rest), static_cast<size_t>(rest.data() - sql.data())});
  }
  if (statements.empty()) {
    AppendEmptyQueryResponse(out_);
  }
  for (const SqlStatement& statement : statements) {
    if (!RunStatement(statement.text, CharacterCount(sql.substr(0, statement.offset)))) break;
  }
  EndImplicitTransaction();
  AppendReadyForQuery(out_, transaction_status_);
}

bool Session::RunStatement(std::string_view text, size_t position_offset) {
  const auto started = std::chrono::steady_clock::now();
  StatementWatch watch{watchdog_, BeginStatement()};
  Portal portal;
  portal.result = connection_.query(text);
  QueryResult& result = *portal.result;
  FinishCopy(!result.has_error());
  uint64_t rows = 0;
  if (!result.has_error() && (result.ColumnCount() > 0 || result.command_tag() == "SELECT")) {
    const std::vector<FormatCode> formats(result.ColumnCount(), FormatCode::kText);
    AppendDescription(result.names(), result.types(), formats);
    bool exhausted = false;
    rows = SendRows(portal, formats, 0, exhausted);
  }
  const std::optional<Exception> error = EndStatement(watch.ticket, started, result);
  if (!error) {
    CompleteStatement(result, rows);
    return true;
  }
  AppendErrorResponse(out_, *error, position_offset);
  UpdateTransactionStatus(result.command_tag(), true);
  return false;
}

void Session::CompleteStatement(const QueryResult& result, uint64_t rows) {
  std::string tag = result.command_tag();
  if (tag == "SELECT") tag += " " + std::to_string(rows);
  for (const Notice& notice : result.notices()) {
    AppendNoticeResponse(out_, notice.severity, notice.sqlstate, notice.message);
  }
  AppendCommandComplete(out_, tag);
  UpdateTransactionStatus(result.command_tag(), false);
  if (tag == "SET" || tag == "RESET") ReportParameterChanges();
}

uint64_t Session::BeginStatement() {
  if (watchdog_ == nullptr) return 0;
  return watchdog_->Watch(connection_,
                          statement_timeout_.count() > 0 ? std::optional(statement_timeout_) : std::nullopt,
                          stream_.fd());
}

std::optional<Exception> Session::EndStatement(uint64_t& ticket, std::chrono::steady_clock::time_point started,
                                               const QueryResult& result) {
  const bool timed_out = ticket != 0 && watchdog_->Unwatch(ticket);
  ticket = 0;
  std::optional<Exception> error;
  if (result.has_error()) {
    error = result.error();
    if (timed_out && error->sqlstate() == std::string_view(sqlstate::kQueryCanceled)) {
      error = Exception(sqlstate::kQueryCanceled, "canceling statement due to statement timeout");
    }
  }
  if (metrics_ != nullptr) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    metrics_->RecordStatement(server::Protocol::kPgwire, seconds, error ? error->sqlstate() : "");
  }
  return error;
}

void Session::AppendDescription(const std::vector<std::string>& names, const std::vector<LogicalType>& types,
                                const std::vector<FormatCode>& formats) {
  std::vector<ColumnDescription> columns;
  columns.reserve(names.size());
  for (size_t i = 0; i < names.size(); i++) {
    const PgType type = PgTypeOf(types[i]);
    columns.push_back({names[i], type.oid, type.size, type.modifier, formats[i]});
  }
  AppendRowDescription(out_, columns);
}

uint64_t Session::SendRows(Portal& portal, const std::vector<FormatCode>& formats, uint64_t max_rows,
                           bool& exhausted) {
  uint64_t sent = 0;
  std::vector<std::optional<std::string>> cells(formats.size());
  exhausted = false;
  while (max_rows == 0 || sent < max_rows) {
    if (!portal.chunk || portal.next_row >= portal.chunk->size()) {
      portal.chunk = portal.result->fetch();
      portal.next_row = 0;
      if (!portal.chunk) {
        exhausted = true;
        break;
      }
    }
    DataChunk& chunk = *portal.chunk;
    for (; portal.next_row < chunk.size() && (max_rows == 0 || sent < max_rows); portal.next_row++, sent++) {
      for (idx_t column = 0; column < chunk.ColumnCount(); column++) {
        const Value value = chunk.GetValue(column, portal.next_row);
        if (value.IsNull()) {
          cells[column].reset();
        } else {
          cells[column] = formats[column] == FormatCode::kBinary ? EncodeBinary(value) : PgText(value);
        }
      }
      AppendDataRow(out_, cells);
    }
    MaybeFlush();
  }
  return sent;
}

void Session::ReportParameterChanges() {
  // The values the startup ParameterStatus messages gave (application_name is checked against
  // "" the first time: a client that set it in the startup packet and sets it again to the same
  // value gets one redundant message).
  static constexpr std::pair<const char*, const char*> kReported[] = {
      {"application_name", ""},  {"client_encoding", "UTF8"}, {"DateStyle", "ISO, MDY"},
      {"IntervalStyle", "postgres"}, {"TimeZone", "UTC"}, {"standard_conforming_strings", "on"},
  };
  for (const auto& [name, initial] : kReported) {
    std::unique_ptr<QueryResult> shown = connection_.query(std::string("SHOW ") + name);
    if (!shown->Materialize() || shown->RowCount() != 1) continue;
    const Value value = shown->GetValue(0, 0);
    const std::string text = value.IsNull() ? "" : value.ToString();
    auto [reported, inserted] = reported_parameters_.try_emplace(name, initial);
    if (reported->second == text) continue;
    reported->second = text;
    AppendParameterStatus(out_, name, text);
  }
}

void Session::UpdateTransactionStatus(const std::string& command_tag, bool failed) {
  if (failed) {
    if (transaction_status_ != TransactionStatus::kIdle) transaction_status_ = TransactionStatus::kFailedBlock;
    return;
  }
  if (TagIs(command_tag, "BEGIN") || TagIs(command_tag, "START TRANSACTION")) {
    transaction_status_ = TransactionStatus::kInBlock;
  } else if (TagIs(command_tag, "COMMIT") || TagIs(command_tag, "ROLLBACK")) {
    transaction_status_ = TransactionStatus::kIdle;
  }
}

}  // namespace cairn::pgwire

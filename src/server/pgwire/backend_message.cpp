#include "pgwire/backend_message.h"

#include "pgwire/byte_order.h"

namespace cairn::pgwire {

namespace {

void AppendInt32(std::string& out, uint32_t value) { AppendBigEndian32(out, value); }
void AppendInt16(std::string& out, uint16_t value) { AppendBigEndian16(out, value); }

/// A C string field: the text up to its first zero byte (a zero inside would end the field
/// early on the client's side; Cairn's text never holds one, VARCHAR rejects it).
void AppendCString(std::string& out, std::string_view text) {
  out.append(text.substr(0, text.find('\0')));
  out.push_back('\0');
}

/// Starts a message; returns the offset of its length field for FinishMessage.
size_t StartMessage(std::string& out, char type) {
  out.push_back(type);
  const size_t length_at = out.size();
  AppendInt32(out, 0);
  return length_at;
}

void FinishMessage(std::string& out, size_t length_at) {
  const auto length = static_cast<uint32_t>(out.size() - length_at);
  for (int i = 0; i < 4; i++) out[length_at + i] = static_cast<char>(length >> (24 - 8 * i));
}

}  // namespace

void AppendAuthenticationOk(std::string& out) {
  const size_t at = StartMessage(out, backend::kAuthentication);
  AppendInt32(out, 0);
  FinishMessage(out, at);
}

void AppendParameterStatus(std::string& out, std::string_view name, std::string_view value) {
  const size_t at = StartMessage(out, backend::kParameterStatus);
  AppendCString(out, name);
  AppendCString(out, value);
  FinishMessage(out, at);
}

void AppendBackendKeyData(std::string& out, uint32_t process_id, uint32_t secret_key) {
  const size_t at = StartMessage(out, backend::kBackendKeyData);
  AppendInt32(out, process_id);
  AppendInt32(out, secret_key);
  FinishMessage(out, at);
}

void AppendReadyForQuery(std::string& out, TransactionStatus status) {
  const size_t at = StartMessage(out, backend::kReadyForQuery);
  out.push_back(static_cast<char>(status));
  FinishMessage(out, at);
}

void AppendRowDescription(std::string& out, const std::vector<ColumnDescription>& columns) {
  const size_t at = StartMessage(out, backend::kRowDescription);
  AppendInt16(out, static_cast<uint16_t>(columns.size()));
  for (const ColumnDescription& column : columns) {
    AppendCString(out, column.name);
    AppendInt32(out, 0);  // table OID: not a column of a table with an OID
    AppendInt16(out, 0);  // attribute number
    AppendInt32(out, column.type_oid);
    AppendInt16(out, static_cast<uint16_t>(column.type_size));
    AppendInt32(out, static_cast<uint32_t>(column.type_modifier));
    AppendInt16(out, static_cast<uint16_t>(column.format));
  }
  FinishMessage(out, at);
}

void AppendDataRow(std::string& out, const std::vector<std::optional<std::string>>& cells) {
  const size_t at = StartMessage(out, backend::kDataRow);
  AppendInt16(out, static_cast<uint16_t>(cells.size()));
  for (const std::optional<std::string>& cell : cells) {
    if (!cell) {
      AppendInt32(out, 0xffffffffu);  // -1: NULL
      continue;
    }
    AppendInt32(out, static_cast<uint32_t>(cell->size()));
    out.append(*cell);
  }
  FinishMessage(out, at);
}

void AppendCommandComplete(std::string& out, std::string_view tag) {
  const size_t at = StartMessage(out, backend::kCommandComplete);
  AppendCString(out, tag);
  FinishMessage(out, at);
}

void AppendEmptyQueryResponse(std::string& out) { AppendEmptyMessage(out, backend::kEmptyQueryResponse); }

void AppendEmptyMessage(std::string& out, char type) {
  const size_t at = StartMessage(out, type);
  FinishMessage(out, at);
}

void AppendParameterDescription(std::string& out, const std::vector<uint32_t>& type_oids) {
  const size_t at = StartMessage(out, backend::kParameterDescription);
  AppendInt16(out, static_cast<uint16_t>(type_oids.size()));
  for (uint32_t oid : type_oids) AppendInt32(out, oid);
  FinishMessage(out, at);
}

void AppendNoticeResponse(std::string& out, std::string_view severity, std::string_view sqlstate,
                          std::string_view message) {
  const size_t at = StartMessage(out, backend::kNoticeResponse);
  auto field = [&out](char code, std::string_view value) {
    out.push_back(code);
    AppendCString(out, value);
  };
  field('S', severity);
  field('V', severity);
  field('C', sqlstate);
  field('M', message);
  out.push_back('\0');
  FinishMessage(out, at);
}

void AppendCopyResponse(std::string& out, char type, FormatCode format, size_t columns) {
  const size_t at = StartMessage(out, type);
  out.push_back(static_cast<char>(format));
  AppendInt16(out, static_cast<uint16_t>(columns));
  for (size_t i = 0; i < columns; i++) AppendInt16(out, static_cast<uint16_t>(format));
  FinishMessage(out, at);
}

void AppendCopyData(std::string& out, std::string_view data) {
  const size_t at = StartMessage(out, backend::kCopyData);
  out.append(data);
  FinishMessage(out, at);
}

void AppendErrorResponse(std::string& out, const Exception& error, size_t position_offset, ErrorSeverity severity) {
  const size_t at = StartMessage(out, backend::kErrorResponse);
  auto field = [&out](char code, std::string_view value) {
    out.push_back(code);
    AppendCString(out, value);
  };
  const std::string_view severity_text = severity == ErrorSeverity::kFatal ? "FATAL" : "ERROR";
  field('S', severity_text);
  field('V', severity_text);
  field('C', error.sqlstate());
  field('M', error.what());
  if (!error.detail().empty()) field('D', error.detail());
  if (!error.hint().empty()) field('H', error.hint());
  if (error.position()) field('P', std::to_string(*error.position() + position_offset));
  out.push_back('\0');
  FinishMessage(out, at);
}

}  // namespace cairn::pgwire

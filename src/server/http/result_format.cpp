#include "http/result_format.h"

#include <nlohmann/json.hpp>

#include "http/pg_type_name.h"
#include "pgwire/text_format.h"

namespace cairn::http {

namespace {

/// Whether decimal integer text (optional '-', digits) lies within ±2^53.
bool FitsJsonNumber(const std::string& text) {
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '-') digits.remove_prefix(1);
  constexpr std::string_view kLimit = "9007199254740992";  // 2^53
  if (digits.size() != kLimit.size()) return digits.size() < kLimit.size();
  return digits <= kLimit;
}

}  // namespace

std::optional<ResultFormat> ParseResultFormat(const std::string& name) {
  if (name.empty() || name == "json") return ResultFormat::kJson;
  if (name == "ndjson") return ResultFormat::kNdjson;
  if (name == "csv") return ResultFormat::kCsv;
  return std::nullopt;
}

const char* ResultContentType(ResultFormat format) {
  switch (format) {
    case ResultFormat::kJson: return "application/json";
    case ResultFormat::kNdjson: return "application/x-ndjson";
    case ResultFormat::kCsv: return "text/csv; charset=utf-8";
  }
  return "application/octet-stream";
}

void AppendJsonString(std::string& out, const std::string& text) {
  out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void AppendJsonValue(std::string& out, const Value& value) {
  std::optional<std::string> text = pgwire::PgText(value);
  if (!text) {
    out += "null";
    return;
  }
  const TypeId id = value.type().id();
  if (id == TypeId::BOOLEAN) {
    out += value.GetBool() ? "true" : "false";
  } else if (value.type().IsIntegral()) {
    if (FitsJsonNumber(*text)) {
      out += *text;
    } else {
      AppendJsonString(out, *text);
    }
  } else if (id == TypeId::FLOAT || id == TypeId::DOUBLE) {
    if (*text == "NaN" || *text == "Infinity" || *text == "-Infinity") {
      AppendJsonString(out, *text);
    } else {
      out += *text;
    }
  } else {
    AppendJsonString(out, *text);
  }
}

void AppendCsvField(std::string& out, const std::optional<std::string>& text) {
  if (!text) return;
  const bool quote = text->empty() || *text == "\\." || text->find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) {
    out += *text;
    return;
  }
  out += '"';
  for (char c : *text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string ErrorJson(const Exception& error) {
  nlohmann::ordered_json object;
  object["sqlstate"] = error.sqlstate();
  object["message"] = error.what();
  object["position"] = error.position() ? nlohmann::ordered_json(*error.position()) : nlohmann::ordered_json();
  if (!error.detail().empty()) object["detail"] = error.detail();
  if (!error.hint().empty()) object["hint"] = error.hint();
  return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ResultWriter::ResultWriter(ResultFormat format, std::vector<std::string> names, std::vector<LogicalType> types,
                           std::string command_tag)
    : format_(format), names_(std::move(names)), types_(std::move(types)), command_tag_(std::move(command_tag)) {}

void ResultWriter::Begin(std::string& out) {
  if (format_ == ResultFormat::kCsv) {
    for (size_t i = 0; i < names_.size(); i++) {
      if (i > 0) out += ',';
      AppendCsvField(out, names_[i]);
    }
    out += '\n';
    return;
  }
  out += "{\"columns\":[";
  for (size_t i = 0; i < names_.size(); i++) {
    if (i > 0) out += ',';
    out += "{\"name\":";
    AppendJsonString(out, names_[i]);
    out += ",\"type\":";
    AppendJsonString(out, PgTypeName(types_[i]));
    out += '}';
  }
  out += format_ == ResultFormat::kJson ? "],\"rows\":[" : "]}\n";
}

void ResultWriter::Rows(std::string& out, const DataChunk& chunk) {
  const idx_t columns = chunk.ColumnCount();
  for (idx_t row = 0; row < chunk.size(); row++) {
    if (format_ == ResultFormat::kCsv) {
      for (idx_t column = 0; column < columns; column++) {
        if (column > 0) out += ',';
        AppendCsvField(out, pgwire::PgText(chunk.GetValue(column, row)));
      }
      out += '\n';
    } else {
      if (format_ == ResultFormat::kJson && row_count_ > 0) out += ',';
      out += '[';
      for (idx_t column = 0; column < columns; column++) {
        if (column > 0) out += ',';
        AppendJsonValue(out, chunk.GetValue(column, row));
      }
      out += format_ == ResultFormat::kJson ? "]" : "]\n";
    }
    row_count_++;
  }
}

void ResultWriter::End(std::string& out) {
  if (format_ == ResultFormat::kCsv) return;
  out += format_ == ResultFormat::kJson ? "],\"row_count\":" : "{\"row_count\":";
  out += std::to_string(row_count_) + ",\"command\":";
  AppendJsonString(out, command_tag_);
  out += "}\n";
}

bool ResultWriter::Fail(std::string& out, const Exception& error) {
  if (format_ == ResultFormat::kJson) out += "],\"error\":" + ErrorJson(error) + "}\n";
  if (format_ == ResultFormat::kNdjson) out += "{\"error\":" + ErrorJson(error) + "}\n";
  return format_ != ResultFormat::kCsv;
}

}  // namespace cairn::http

// ResultFormat: how POST /query writes a result's column description and rows in each of its
// response formats (docs/http.md):
//
//   json    {"columns":[{"name":"n","type":"integer"}],"rows":[[1],[2]],"row_count":2,
//            "command":"SELECT"}
//           (an error after the first rows were sent ends it with ,"error":{...}} instead of
//           the row count);
//   ndjson  one JSON document per line: {"columns":[...]}, then one array per row, then
//           {"row_count":2,"command":"SELECT"} or {"error":{...}};
//   csv     PostgreSQL's `COPY ... TO STDOUT (FORMAT csv, HEADER)`: a header of column names,
//           NULL as an empty unquoted field, fields quoted when they hold a comma, quote, CR or
//           LF, are empty, or are `\.`; an error after the first rows aborts the response.
//
// Values in JSON: NULL is null; booleans true/false; integers are numbers when |v| <= 2^53
// (exact in every JSON reader), strings beyond; float4/float8 are numbers except NaN and
// ±Infinity (strings); numeric is a string (its exact decimal text); every other type is the
// string of its PostgreSQL text output (pgwire/text_format.h), arrays included ("{1,2}").
//
// Thread-safety: stateless functions; a writer is used by one thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/exception.h"
#include "cairn/types.h"

namespace cairn::http {

enum class ResultFormat { kJson, kNdjson, kCsv };

/// The format named by `?format=` ("json", "ndjson", "csv"; empty = json), or nullopt.
std::optional<ResultFormat> ParseResultFormat(const std::string& name);
/// The Content-Type of a response in `format`.
const char* ResultContentType(ResultFormat format);

/// Appends `value` as a JSON value by the rules above.
void AppendJsonValue(std::string& out, const Value& value);
/// Appends `text` as a JSON string (invalid UTF-8 replaced by U+FFFD).
void AppendJsonString(std::string& out, const std::string& text);
/// Appends one CSV field: nullopt is NULL.
void AppendCsvField(std::string& out, const std::optional<std::string>& text);
/// The error object {"sqlstate":..,"message":..,"position":..} (position null when unknown;
/// "detail" and "hint" when present).
std::string ErrorJson(const Exception& error);

/// Writes one result incrementally: Begin() once, Rows() per chunk, then End() or Fail().
class ResultWriter {
 public:
  /// `command_tag`: the statement's PostgreSQL command tag ("SELECT", "CREATE TABLE", ...).
  ResultWriter(ResultFormat format, std::vector<std::string> names, std::vector<LogicalType> types,
               std::string command_tag);

  /// Appends the column description (JSON: the opening of the document; CSV: the header).
  void Begin(std::string& out);
  /// Appends every row of `chunk`.
  void Rows(std::string& out, const DataChunk& chunk);
  /// Appends the end of a complete result.
  void End(std::string& out);
  /// Appends the end of a result whose query failed after Begin(); false for CSV, which has no
  /// way to say so (the caller aborts the response).
  bool Fail(std::string& out, const Exception& error);

  uint64_t row_count() const { return row_count_; }

 private:
  ResultFormat format_;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::string command_tag_;
  uint64_t row_count_ = 0;
};

}  // namespace cairn::http

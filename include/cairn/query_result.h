// QueryResult: the outcome of one SQL statement — either an error (SQLSTATE, message,
// position) or a stream of DataChunks with column names and types.
//
// Results stream: fetch() pulls the next chunk while the query is still running, so a shell
// or server can print/send rows as they are produced. An error that happens mid-stream makes
// fetch() return nullptr and turns the result into an error result; so does
// Connection::interrupt() (SQLSTATE 57014). Destroying a result before its end cancels the
// query: its queued work is dropped at once and the call waits only for work already running
// on a worker thread (which stops at its next chunk).
//
// Thread-safety: a QueryResult is used by one thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/exception.h"

namespace cairn {

/// A message a statement raised without failing (PostgreSQL's NoticeResponse): e.g. `DROP TABLE
/// IF EXISTS` of a missing table gives NOTICE 00000 "table "t" does not exist, skipping".
struct Notice {
  std::string severity = "NOTICE";  // NOTICE or WARNING
  std::string sqlstate = "00000";
  std::string message;
};

/// Producer side of a result; implemented by the execution engine.
class ResultStream {
 public:
  virtual ~ResultStream() = default;
  /// The next chunk (size() > 0), or nullptr at the end. Throws cairn::Exception on failure.
  virtual std::unique_ptr<DataChunk> Next() = 0;
};

class QueryResult {
 public:
  /// A successful result whose rows come from `stream` (may be null: no rows).
  /// `command_tag` is PostgreSQL's CommandComplete tag, e.g. "SELECT", "CREATE TABLE".
  QueryResult(std::vector<std::string> names, std::vector<LogicalType> types,
              std::unique_ptr<ResultStream> stream, std::string command_tag = "SELECT");
  /// A failed result.
  static std::unique_ptr<QueryResult> FromError(const Exception& error);
  ~QueryResult();

  bool has_error() const { return error_.has_value(); }
  /// REQUIRES: has_error().
  const Exception& error() const { return *error_; }
  /// "" when there is no error.
  std::string error_message() const { return error_ ? error_->what() : ""; }

  const std::vector<std::string>& names() const { return names_; }
  const std::vector<LogicalType>& types() const { return types_; }
  idx_t ColumnCount() const { return names_.size(); }
  const std::string& command_tag() const { return command_tag_; }
  /// The notices the statement raised, in order (none for most statements).
  const std::vector<Notice>& notices() const { return notices_; }
  /// Adds a notice (the engine does, when the statement ends).
  void add_notice(Notice notice) { notices_.push_back(std::move(notice)); }

  /// Next chunk, or nullptr at the end or on error (check has_error()).
  std::unique_ptr<DataChunk> fetch();

  /// Fetches every remaining chunk into memory (for tests and small results).
  /// Returns false on error.
  bool Materialize();
  /// After Materialize(): number of rows and the value at (column, row).
  idx_t RowCount() const;
  Value GetValue(idx_t column, idx_t row) const;
  const std::vector<std::unique_ptr<DataChunk>>& chunks() const { return chunks_; }

  /// Materializes and renders as an aligned text table (or the error text).
  std::string ToString();

 private:
  QueryResult() = default;
  std::vector<std::string> names_;
  std::vector<LogicalType> types_;
  std::unique_ptr<ResultStream> stream_;
  std::string command_tag_;
  std::vector<Notice> notices_;
  std::optional<Exception> error_;
  std::vector<std::unique_ptr<DataChunk>> chunks_;
  std::vector<idx_t> chunk_offsets_;
};

}  // namespace cairn

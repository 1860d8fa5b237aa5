// SltRecord: one record of a sqllogictest script (the format of SQLite's sqllogictest as
// extended by DuckDB; see README.md in this directory) — a statement that must succeed or
// fail, a query with its expected rows, or `halt`.
//
// Thread-safety: plain data.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace cairn::slt {

/// How query results are ordered before comparison.
enum class SortMode {
  kNoSort,     // compare in the order returned
  kRowSort,    // sort rows (each row compared value by value as strings)
  kValueSort,  // sort all values individually, ignoring row boundaries
};

struct SltRecord {
  enum class Kind {
    kStatementOk,     // `statement ok`: must succeed
    kStatementError,  // `statement error [pattern]`: must fail (matching the pattern if given)
    kQuery,           // `query <types> [sort] [label]`: must return the expected rows
    kHalt,            // `halt`: stop running this file
    kLoad,            // `load DIR [writable]`: reopen the database on DIR (sql = DIR, label = mode)
    kRestart,         // `restart`: close the database and open it again (same directory and mode)
    kConnection,      // `connection NAME`: the records after it run on connection NAME`
    kInvalid,         // a malformed record; `message` says why (always counts as failed)
  };
  Kind kind = Kind::kInvalid;
  /// 1-based line of the record's header in its file.
  int line = 0;
  /// The SQL (several lines joined with "\n").
  std::string sql;
  /// kStatementError: the expected error — the header's pattern or the message block after
  /// `----` ("" = any error). kInvalid: what is wrong with the record.
  std::string message;
  /// kQuery: the typestring, one letter per column (I, T, R, B, D, ...).
  std::string types;
  SortMode sort = SortMode::kNoSort;
  std::string label;
  /// kQuery: the lines between `----` and the next blank line.
  std::vector<std::string> expected;
  /// Set by skipif/onlyif or `mode skip`: parsed, counted as skipped, not run.
  bool skip = false;
};

/// A parsed script.
struct SltScript {
  std::vector<SltRecord> records;
  /// Set when a `require` names a feature this runner does not have: skip the whole file.
  std::optional<std::string> skip_reason;
};

}  // namespace cairn::slt

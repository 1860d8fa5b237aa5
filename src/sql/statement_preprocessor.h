// StatementPreprocessor: Cairn's few extensions to PostgreSQL's grammar, handled on the text
// before libpg_query parses it (DuckDB-style conveniences the PostgreSQL grammar rejects):
//   DESCRIBE <table> | DESCRIBE <query>   (also DESC)  → kind DESCRIBE, `sql` = the query
//   USE <name>                                         → kind USE
//   SHOW ALL TABLES                                    → kind SHOW_ALL_TABLES
//   SHOW COLUMNS FROM <table>                          → kind DESCRIBE of the table
//   CREATE TABLE t OF type FOR PROJECT 'id'            → CREATE TABLE t OF type WITH (project = 'id')
//   FROM 'file.parquet' / JOIN 'file.csv'              → rewritten to FROM __cairn_file('...')
// A mapping from positions in the rewritten text back to the original keeps error positions
// pointing at what the user typed.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cairn {

struct PreprocessedStatement {
  enum class Kind { QUERY, DESCRIBE, USE, SHOW_ALL_TABLES };
  Kind kind = Kind::QUERY;
  /// Text to hand to the parser (for DESCRIBE: the described query).
  std::string sql;
  /// USE: the (lowercased unless quoted) target name.
  std::string use_target;
  /// Edits made, in rewritten coordinates: (0-based position, characters inserted; negative =
  /// removed).
  std::vector<std::pair<int, int>> edits;

  /// Maps a 1-based position in `sql` to a 1-based position in the original statement text.
  int MapPosition(int rewritten_position) const;
};

/// Recognizes Cairn's extensions in one statement's text (see the file comment).
PreprocessedStatement PreprocessStatement(const std::string& sql);

/// Offset of the first character at or after `position` that is not whitespace or part of a
/// SQL comment (`-- ...` or `/* ... */`, nested); sql.size() if none.
size_t SkipSpaceAndComments(const std::string& sql, size_t position);

}  // namespace cairn

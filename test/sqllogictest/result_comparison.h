// ResultComparison: decides whether a query's rows match a record's expected lines, and
// whether an error matches `statement error`'s expectation.
//
// Expected lines are read in one of two layouts (DuckDB's sqllogictest conventions):
//   row-wise        one line per row, values separated by TABs (or, when a line has no TAB,
//                   by runs of spaces if that yields exactly the column count);
//   value-per-line  SQLite's layout: one value per line, rows*columns lines in all.
// Row-wise is tried first. Values are compared as text (NULL as "NULL", the empty string as
// "(empty)"); a column whose typestring letter is R also matches when both values parse as
// numbers within a relative difference of kRealTolerance. `rowsort` sorts rows and
// `valuesort` sorts all values, on both sides, before comparing.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "slt_record.h"

namespace cairn::slt {

using TextRows = std::vector<std::vector<std::string>>;

inline constexpr double kRealTolerance = 1e-9;

/// Splits `expected` lines into rows of `column_count` values. Returns nullopt (and sets
/// `error`) when the lines fit neither layout.
std::optional<TextRows> ParseExpectedRows(const std::vector<std::string>& expected, size_t column_count,
                                          std::string& error);

/// Compares `actual` with `record`'s expected rows (after sorting per record.sort). Returns
/// nullopt on a match, or a one-line description of the first difference.
std::optional<std::string> CompareQueryResult(const SltRecord& record, size_t column_count, TextRows actual);

/// True if an error with `sqlstate` and `message` satisfies `expected` (a `statement error`
/// pattern or message block): "" matches anything; otherwise it matches when it equals the
/// SQLSTATE, occurs in the message, or — as an ECMAScript regex, or after a `<REGEX>:`
/// prefix — matches part of the message.
bool ErrorMatches(std::string_view expected, std::string_view sqlstate, std::string_view message);

/// Rows rendered for a failure report: values joined by TABs, one row per line.
std::string FormatRows(const TextRows& rows);

}  // namespace cairn::slt

// Window functions proper (PostgreSQL manual 9.22, "Window Functions"): the functions that
// exist only with an OVER clause. Every aggregate function (count, sum, avg, min, max,
// bool_and/or, string_agg, ...) is also usable with OVER; those keep their AggregateFunction.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>

#include "cairn/types.h"

namespace cairn {

enum class WindowFunctionKind : uint8_t {
  AGGREGATE,     // an aggregate over the frame
  ROW_NUMBER,    // bigint: 1, 2, ... within the partition
  RANK,          // bigint: rank with gaps (1 + rows before the first peer)
  DENSE_RANK,    // bigint: rank without gaps (1 + peer groups before)
  PERCENT_RANK,  // double: (rank - 1) / (partition rows - 1), 0 for a single row
  CUME_DIST,     // double: (rows up to the last peer) / partition rows
  NTILE,         // integer: bucket 1..n, sizes differing by at most one, larger first
  LAG,           // value of the row `offset` (default 1) before, else `default` (default NULL)
  LEAD,          // value of the row `offset` after
  FIRST_VALUE,   // value at the frame's first row
  LAST_VALUE,    // value at the frame's last row
  NTH_VALUE,     // value at the frame's n-th row (1-based), NULL if the frame is shorter
};

/// SQLSTATEs of window errors (PostgreSQL Appendix A) not among cairn::sqlstate's.
namespace window_sqlstate {
inline constexpr const char* kWindowingError = "42P20";           // misplaced or malformed window
inline constexpr const char* kWrongObjectType = "42809";          // OVER on a non-window function
inline constexpr const char* kUndefinedObject = "42704";          // window "w" does not exist
inline constexpr const char* kInvalidPrecedingOrFollowingSize = "22013";
inline constexpr const char* kNullValueNotAllowed = "22004";      // frame offset is NULL
inline constexpr const char* kInvalidArgumentForNtile = "22014";
inline constexpr const char* kInvalidArgumentForNthValue = "22016";
}  // namespace window_sqlstate

/// The kind of window function `name` (lower case), or nullopt if `name` is not one (it may
/// still be an aggregate).
std::optional<WindowFunctionKind> LookupWindowFunction(const std::string& name);

/// The function's name as written in SQL ("row_number").
const char* WindowFunctionName(WindowFunctionKind kind);

/// True for the functions whose result depends on the frame (aggregates, first/last/nth_value);
/// the others look at the partition and the ordering only.
bool UsesFrame(WindowFunctionKind kind);

}  // namespace cairn

// ErrorReport: the text the shell prints for a failed statement —
//
//   Error: relation "x" does not exist (SQLSTATE 42P01)
//   LINE 1: SELECT * FROM x WHERE
//                         ^
//
// The LINE/caret part (psql's layout) appears only when the error carries a position. The
// position is the 1-based byte offset into the statement text (libpg_query's convention); the
// caret is placed by counting UTF-8 code points, so it lines up under multi-byte text too.
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>

#include "cairn/exception.h"

namespace cairn::shell {

/// The full report for `error` raised by `statement`, ending with a newline.
std::string FormatErrorReport(const Exception& error, std::string_view statement);

}  // namespace cairn::shell

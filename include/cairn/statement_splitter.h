// StatementSplitter: cuts SQL text into statements at `;` that stand outside string literals,
// quoted identifiers, dollar-quoted strings and comments. The one splitter of Cairn: the engine
// uses it to run a multi-statement string (Connection::query), and the shell to print each
// statement's result and to know when an interactive statement is complete. It is lexical, so
// statements the grammar rejects, or that use Cairn's extensions (DESCRIBE, USE), still split.
//
// Lexical rules (PostgreSQL, "Lexical Structure", section 4.1):
//   '...'      string literal; '' inside is a quote. E'...' also honours backslash escapes.
//   "..."      quoted identifier; "" inside is a quote.
//   $tag$...$tag$  dollar-quoted string; tag is empty or [A-Za-z_][A-Za-z0-9_]* and the
//              opening `$` does not follow an identifier character (so `$1` and `a$b` are not).
//   -- ...     comment to end of line.
//   /* ... */  comment; nests, as in PostgreSQL.
// An `E` (or `e`) directly before the quote starts an escape string only when it is a token of
// its own (not the end of an identifier such as `name'...'`).
// An unterminated literal or comment is not an error here: it is simply incomplete input.
//
// Thread-safety: stateless free function.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cairn {

/// One statement cut from the input.
struct SqlStatement {
  /// The statement without its terminating `;` and without surrounding whitespace. Comments
  /// inside or before it are kept (positions in error messages refer to this text).
  std::string text;
  /// Byte offset of text[0] in the input.
  size_t offset = 0;
};

struct SplitResult {
  /// Every statement terminated by `;`, in order; statements that hold nothing but whitespace
  /// and comments (e.g. `;;`) are dropped.
  std::vector<SqlStatement> statements;
  /// The input after the last terminating `;` (not yet a complete statement).
  std::string_view remainder;
  /// True when `remainder` holds only whitespace and complete comments (nothing to run, and no
  /// open literal or comment).
  bool remainder_blank = true;
};

/// Splits `text`. The returned remainder views `text`.
SplitResult SplitSqlStatements(std::string_view text);

/// True when `text` holds nothing to run: only whitespace, complete comments and `;`.
bool IsBlankSql(std::string_view text);

/// `text` without leading and trailing ASCII whitespace (space, \t, \n, \r, \f, \v), the
/// whitespace the splitter trims from statements.
std::string_view TrimSqlWhitespace(std::string_view text);

}  // namespace cairn

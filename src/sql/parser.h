// Parser: the adapter between Cairn and libpg_query (PostgreSQL 15's grammar). Parses SQL text
// into libpg_query's protobuf-c node structs, owned by an RAII ParsedSql, and splits scripts into
// statements. Only binder sources include this header: libpg_query types never leak into the
// headers other layers include.
//
// Errors: syntax errors throw cairn::Exception 42601 with PostgreSQL's message and the 1-based
// cursor position; a parse tree nested deeper than the thread's remaining stack can unpack throws
// 54001 "stack depth limit exceeded". Thread-safety: libpg_query keeps per-thread state; parsing is reentrant.
#pragma once

#include <pg_query.h>
#include <pg_query/pg_query.pb-c.h>

#include <string>
#include <utility>
#include <vector>

namespace cairn {

/// The parse of one SQL text. Movable, not copyable; frees libpg_query's buffers on destruction.
class ParsedSql {
 public:
  /// Parses `sql`. Throws 42601 on syntax errors (position = libpg_query's 1-based cursorpos).
  explicit ParsedSql(const std::string& sql);
  ~ParsedSql();
  ParsedSql(const ParsedSql&) = delete;
  ParsedSql& operator=(const ParsedSql&) = delete;

  /// Number of statements (0 for empty text or only comments).
  size_t size() const { return tree_ ? tree_->n_stmts : 0; }
  /// The i-th raw statement (stmt, stmt_location, stmt_len).
  const PgQuery__RawStmt& statement(size_t i) const { return *tree_->stmts[i]; }

 private:
  PgQueryProtobufParseResult result_{};
  PgQuery__ParseResult* tree_ = nullptr;
};

/// PostgreSQL's SQL text for the statement `node` (libpg_query's deparser), e.g. a view's
/// defining query as stored in the catalog. Throws XX000 if libpg_query cannot deparse it.
std::string DeparseStatement(const PgQuery__Node& node);
/// PostgreSQL's SQL text for the expression `expression` (a DEFAULT or CHECK as stored in the
/// catalog). Throws XX000 if libpg_query cannot deparse it.
std::string DeparseExpression(const PgQuery__Node& expression);

/// The nesting depth of the protocol-buffer message in `data` (1 = no sub-messages), found
/// without recursion from `descriptor` (the top message's type); stops counting once it exceeds
/// `stop_above`. Malformed bytes end the walk early (the caller's unpack then rejects them).
size_t ProtobufMessageDepth(const uint8_t* data, size_t size, const ProtobufCMessageDescriptor* descriptor,
                            size_t stop_above);

}  // namespace cairn

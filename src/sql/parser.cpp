#include "sql/parser.h"

#include <cctype>

#include "cairn/exception.h"

namespace cairn {

ParsedSql::ParsedSql(const std::string& sql) {
  result_ = pg_query_parse_protobuf(sql.c_str());
  if (result_.error) {
    std::string message = result_.error->message ? result_.error->message : "syntax error";
    int position = result_.error->cursorpos;
    pg_query_free_protobuf_parse_result(result_);
    result_ = {};
    if (position <= 0) position = static_cast<int>(sql.size()) + 1;
    throw Exception(sqlstate::kSyntaxError, message, position);
  }
  tree_ = pg_query__parse_result__unpack(nullptr, result_.parse_tree.len,
                                         reinterpret_cast<const uint8_t*>(result_.parse_tree.data));
  if (!tree_) {
    pg_query_free_protobuf_parse_result(result_);
    result_ = {};
    throw Exception(sqlstate::kInternalError, "could not decode the parse tree of: " + sql);
  }
}

ParsedSql::~ParsedSql() {
  if (tree_) pg_query__parse_result__free_unpacked(tree_, nullptr);
  if (result_.parse_tree.data || result_.stderr_buffer || result_.error) pg_query_free_protobuf_parse_result(result_);
}

std::vector<std::pair<std::string, int>> SplitSqlStatements(const std::string& sql) {
  // A lexical split at top-level semicolons (outside quotes, dollar quotes and comments), so
  // statements the grammar rejects or that use Cairn's extensions (DESCRIBE, USE) still split.
  // Unterminated quotes or comments extend to the end; the parser then reports them.
  std::vector<std::pair<std::string, int>> statements;
  size_t start = 0;
  size_t i = 0;
  const size_t n = sql.size();
  auto emit = [&](size_t end) {
    std::string text = sql.substr(start, end - start);
    bool blank = true;
    for (char c : text) blank = blank && std::isspace(static_cast<unsigned char>(c));
    if (!blank) statements.emplace_back(std::move(text), static_cast<int>(start));
  };
  while (i < n) {
    char c = sql[i];
    if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
      while (i < n && sql[i] != '\n') i++;
    } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
      int depth = 0;
      while (i < n) {
        if (sql[i] == '/' && i + 1 < n && sql[i + 1] == '*') {
          depth++;
          i += 2;
        } else if (sql[i] == '*' && i + 1 < n && sql[i + 1] == '/') {
          i += 2;
          if (--depth == 0) break;
        } else {
          i++;
        }
      }
    } else if (c == '\'' || c == '"') {
      bool backslash_escapes = c == '\'' && i > 0 && (sql[i - 1] == 'e' || sql[i - 1] == 'E');
      i++;
      while (i < n) {
        if (backslash_escapes && sql[i] == '\\') {
          i += 2;
        } else if (sql[i] == c) {
          if (i + 1 < n && sql[i + 1] == c) {
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          i++;
        }
      }
    } else if (c == '$' && (i == 0 || !(std::isalnum(static_cast<unsigned char>(sql[i - 1])) || sql[i - 1] == '_'))) {
      size_t tag_end = i + 1;
      while (tag_end < n && (std::isalnum(static_cast<unsigned char>(sql[tag_end])) || sql[tag_end] == '_')) tag_end++;
      if (tag_end < n && sql[tag_end] == '$' && !std::isdigit(static_cast<unsigned char>(sql[i + 1]))) {
        std::string tag = sql.substr(i, tag_end + 1 - i);
        size_t close = sql.find(tag, tag_end + 1);
        i = close == std::string::npos ? n : close + tag.size();
      } else {
        i++;
      }
    } else if (c == ';') {
      emit(i);
      start = ++i;
    } else {
      i++;
    }
  }
  if (start < n) emit(n);
  return statements;
}

}  // namespace cairn

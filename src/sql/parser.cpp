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

}  // namespace cairn

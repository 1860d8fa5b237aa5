#include "sql/parser.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "cairn/exception.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

/// Stack bytes protobuf-c's recursive unpacking uses per level of message nesting (its
/// protobuf_c_message_unpack frame with the scanned-member slab, plus parse_member's; about
/// 1 KiB measured on x86-64, doubled for other compilers and sanitizer builds).
constexpr size_t kUnpackStackBytesPerLevel = 2048;

/// Reads a base-128 varint at `pos`; false when truncated.
bool ReadVarint(const uint8_t* data, size_t size, size_t& pos, uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64 && pos < size; shift += 7) {
    uint8_t byte = data[pos++];
    value |= uint64_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

}  // namespace

size_t ProtobufMessageDepth(const uint8_t* data, size_t size, const ProtobufCMessageDescriptor* descriptor,
                            size_t stop_above) {
  // Walks the protocol-buffer wire format (protobuf.dev, "Encoding") with an explicit stack, so
  // measuring cannot itself overflow: a length-delimited field whose descriptor says MESSAGE is
  // entered, everything else is skipped. Malformed input ends the walk (unpack reports it).
  struct Level {
    size_t end;
    const ProtobufCMessageDescriptor* descriptor;
  };
  std::vector<Level> stack{{size, descriptor}};
  size_t max_depth = 1;
  size_t pos = 0;
  while (!stack.empty()) {
    if (pos >= stack.back().end) {
      pos = stack.back().end;
      stack.pop_back();
      continue;
    }
    uint64_t key;
    if (!ReadVarint(data, size, pos, key)) break;
    const auto field_id = static_cast<unsigned>(key >> 3);
    uint64_t length = 0;
    switch (key & 7) {
      case 0:
        if (!ReadVarint(data, size, pos, length)) return max_depth;
        continue;
      case 1: pos += 8; continue;
      case 5: pos += 4; continue;
      case 2: break;
      default: return max_depth;
    }
    if (!ReadVarint(data, size, pos, length) || length > stack.back().end - pos) return max_depth;
    const ProtobufCFieldDescriptor* field =
        protobuf_c_message_descriptor_get_field(stack.back().descriptor, field_id);
    if (field && field->type == PROTOBUF_C_TYPE_MESSAGE) {
      stack.push_back({pos + length, static_cast<const ProtobufCMessageDescriptor*>(field->descriptor)});
      max_depth = std::max(max_depth, stack.size());
      if (max_depth > stop_above) return max_depth;
    } else {
      pos += length;
    }
  }
  return max_depth;
}

ParsedSql::ParsedSql(const std::string& sql) {
  result_ = pg_query_parse_protobuf(sql.c_str());
  if (result_.error) {
    std::string message = result_.error->message ? result_.error->message : "syntax error";
    int position = result_.error->cursorpos;
    pg_query_free_protobuf_parse_result(result_);
    result_ = {};
    if (position <= 0) position = static_cast<int>(sql.size()) + 1;
    // The grammar's frame-clause checks ("frame start cannot be UNBOUNDED FOLLOWING", ...) are
    // PostgreSQL's windowing errors, not syntax errors.
    const char* state = message.rfind("frame ", 0) == 0 ? "42P20" : sqlstate::kSyntaxError;
    throw Exception(state, message, position);
  }
  // protobuf-c unpacks recursively, one frame per level of nesting, without a depth check: a
  // long chain of operators, UNION arms or joins would overflow the stack. Measure the nesting
  // first (iteratively) and refuse what the remaining stack cannot hold.
  const auto* bytes = reinterpret_cast<const uint8_t*>(result_.parse_tree.data);
  const size_t remaining = RemainingStackBytes();
  const size_t max_depth = remaining / kUnpackStackBytesPerLevel;
  if (ProtobufMessageDepth(bytes, result_.parse_tree.len, &pg_query__parse_result__descriptor, max_depth) > max_depth) {
    pg_query_free_protobuf_parse_result(result_);
    result_ = {};
    throw Exception(sqlstate::kStatementTooComplex, "stack depth limit exceeded", std::nullopt,
                    "the statement nests more than " + std::to_string(max_depth) +
                        " levels deep (long chains of operators, UNION arms or joins nest); split it into "
                        "smaller statements or use fewer nested terms");
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

std::string DeparseStatement(const PgQuery__Node& node) {
  // A parse result holding just `node`, packed to the protocol-buffer form the deparser reads.
  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = const_cast<PgQuery__Node*>(&node);
  PgQuery__RawStmt* statements[] = {&raw};
  PgQuery__ParseResult tree = PG_QUERY__PARSE_RESULT__INIT;
  tree.version = PG_VERSION_NUM;
  tree.n_stmts = 1;
  tree.stmts = statements;
  std::vector<uint8_t> packed(pg_query__parse_result__get_packed_size(&tree));
  pg_query__parse_result__pack(&tree, packed.data());
  PgQueryProtobuf protobuf;
  protobuf.len = packed.size();
  protobuf.data = reinterpret_cast<char*>(packed.data());
  PgQueryDeparseResult result = pg_query_deparse_protobuf(protobuf);
  std::string text;
  std::string error;
  if (result.error) {
    error = result.error->message ? result.error->message : "unknown error";
  } else if (result.query) {
    text = result.query;
  }
  pg_query_free_deparse_result(result);
  if (!error.empty()) throw Exception(sqlstate::kInternalError, "cannot deparse statement: " + error);
  return text;
}

std::string DeparseExpression(const PgQuery__Node& expression) {
  // SELECT <expression>, deparsed, without its SELECT.
  PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
  target.val = const_cast<PgQuery__Node*>(&expression);
  PgQuery__Node target_node = PG_QUERY__NODE__INIT;
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  PgQuery__Node* targets[] = {&target_node};
  PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
  select.n_target_list = 1;
  select.target_list = targets;
  select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  PgQuery__Node statement = PG_QUERY__NODE__INIT;
  statement.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  statement.select_stmt = &select;
  std::string text = DeparseStatement(statement);
  const std::string prefix = "SELECT ";
  if (text.compare(0, prefix.size(), prefix) != 0) {
    throw Exception(sqlstate::kInternalError, "cannot deparse expression: " + text);
  }
  return text.substr(prefix.size());
}

}  // namespace cairn

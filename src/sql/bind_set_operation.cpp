// Binder: set operations — UNION, INTERSECT, EXCEPT, each [ALL] (PostgreSQL manual 7.4
// "Combining Queries"). libpg_query's tree already carries PostgreSQL's precedence (INTERSECT
// binds tighter than UNION and EXCEPT, which associate left to right).
//
// Column types: each column's type is the common type of the inputs' columns (casts added below
// the inputs); names come from the first input.
//   UNION ALL          LogicalUnion
//   UNION              DISTINCT over LogicalUnion
//   INTERSECT          DISTINCT(left) SEMI JOIN right on every column IS NOT DISTINCT FROM
//   EXCEPT             DISTINCT(left) ANTI JOIN right on every column IS NOT DISTINCT FROM
//   INTERSECT/EXCEPT ALL  the same without DISTINCT, each side numbering the copies of a row
//                      (row_number() OVER (PARTITION BY every column)) and the number joined too:
//                      min(m, n) / max(m - n, 0) copies of a row that appears m and n times
// (set operations compare rows with NULLs equal, as DISTINCT does).
#include "cairn/exception.h"
#include "function/cast.h"
#include "function/window/window_frame.h"
#include "function/window/window_function.h"
#include "sql/binder.h"

namespace cairn {

namespace {

const char* SetOperationName(PgQuery__SetOperation op) {
  switch (op) {
    case PG_QUERY__SET_OPERATION__SETOP_UNION: return "UNION";
    case PG_QUERY__SET_OPERATION__SETOP_INTERSECT: return "INTERSECT";
    case PG_QUERY__SET_OPERATION__SETOP_EXCEPT: return "EXCEPT";
    default: return "set operation";
  }
}

/// Per output column of `select`: whether every row gives it an untyped string literal ('x'), so
/// that a set operation resolves its type from the other input. Only plain SELECT lists without
/// FROM are looked at; anything else (VALUES too, as in PostgreSQL) counts as typed.
std::vector<bool> UntypedLiteralColumns(const PgQuery__SelectStmt& select, size_t count) {
  std::vector<bool> literal(count, false);
  auto is_literal = [](const PgQuery__Node* node) {
    return node && node->node_case == PG_QUERY__NODE__NODE_A_CONST && !node->a_const->isnull &&
           node->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL;
  };
  if (select.op != PG_QUERY__SET_OPERATION__SETOP_NONE) return literal;
  if (select.n_values_lists > 0) return literal;  // VALUES resolves its own literals to text
  if (select.n_from_clause > 0 || select.n_target_list != count || select.n_group_clause > 0 || select.having_clause ||
      select.n_distinct_clause > 0) {
    return literal;
  }
  for (size_t c = 0; c < count; c++) {
    const PgQuery__Node* target = select.target_list[c];
    literal[c] = target->node_case == PG_QUERY__NODE__NODE_RES_TARGET && is_literal(target->res_target->val);
  }
  return literal;
}

}  // namespace

LogicalOperatorPtr Binder::NumberDuplicates(LogicalOperatorPtr input) {
  auto window = std::make_unique<LogicalWindow>();
  window->window_index = NewTableIndex();
  BoundWindowExpression row_number;
  row_number.kind = WindowFunctionKind::ROW_NUMBER;
  row_number.return_type = LogicalType(TypeId::BIGINT);
  const std::vector<ColumnBinding> bindings = input->GetColumnBindings();
  for (idx_t i = 0; i < bindings.size(); i++) {
    row_number.partitions.push_back(std::make_unique<BoundColumnRef>(bindings[i], input->types[i], input->names[i]));
  }
  row_number.frame.unit = WindowFrameUnit::ROWS;
  window->types = input->types;
  window->names = input->names;
  window->types.push_back(row_number.return_type);
  window->names.push_back("row_number");
  window->expressions.push_back(std::move(row_number));
  window->children.push_back(std::move(input));
  return window;
}

LogicalOperatorPtr Binder::BindSetOperation(const PgQuery__SelectStmt& statement) {
  const std::string name = SetOperationName(statement.op);
  std::vector<LogicalOperatorPtr> inputs;
  {
    Binder left_binder = MakeChild();
    inputs.push_back(left_binder.BindQuery(*statement.larg));
    Binder right_binder = MakeChild();
    inputs.push_back(right_binder.BindQuery(*statement.rarg));
  }
  if (inputs[0]->types.size() != inputs[1]->types.size()) {
    throw Exception(sqlstate::kSyntaxError, "each " + name + " query must have the same number of columns");
  }
  std::vector<LogicalType> types = inputs[0]->types;
  const std::vector<bool> left_literal = UntypedLiteralColumns(*statement.larg, types.size());
  const std::vector<bool> right_literal = UntypedLiteralColumns(*statement.rarg, types.size());
  for (size_t i = 0; i < types.size(); i++) {
    const LogicalType& other = inputs[1]->types[i];
    const LogicalType& typed = left_literal[i] ? other : types[i];
    if (left_literal[i] != right_literal[i] && typed.id() != TypeId::SQLNULL) {
      // An untyped literal column takes the other input's type (PostgreSQL's unknown; a value
      // that does not parse is 22P02 when the row is read); next to a decimal column it is a
      // NUMERIC, so that neither side's digits are rounded to the other's scale.
      types[i] = typed.id() == TypeId::DECIMAL ? LogicalType(TypeId::NUMERIC) : typed;
    } else if (types[i].id() == TypeId::SQLNULL) {
      types[i] = other;
    } else if (other.id() != TypeId::SQLNULL && other != types[i]) {
      try {
        // Decimals of different scales (or with integers) unify to NUMERIC: each value keeps
        // its own scale, as PostgreSQL's numeric (SELECT 1.5 UNION SELECT 2 gives 2).
        types[i] = ValueType(MaxLogicalType(types[i], other), {types[i], other});
      } catch (const Exception&) {
        throw Exception(sqlstate::kDatatypeMismatch,
                        name + " types " + types[i].ToString() + " and " + other.ToString() + " cannot be matched");
      }
    }
  }
  std::vector<std::string> names = inputs[0]->names;
  for (auto& input : inputs) {
    if (input->types == types) continue;
    std::vector<ExpressionPtr> casts;
    std::vector<ColumnBinding> bindings = input->GetColumnBindings();
    for (idx_t i = 0; i < types.size(); i++) {
      casts.push_back(AddCast(std::make_unique<BoundColumnRef>(bindings[i], input->types[i], input->names[i]), types[i]));
    }
    input = MakeProjection(std::move(input), std::move(casts), input->names);
  }

  LogicalOperatorPtr plan;
  if (statement.op == PG_QUERY__SET_OPERATION__SETOP_UNION) {
    auto union_op = std::make_unique<LogicalUnion>();
    union_op->table_index = NewTableIndex();
    union_op->types = types;
    union_op->names = names;
    for (auto& input : inputs) union_op->children.push_back(std::move(input));
    plan = std::move(union_op);
    if (!statement.all) plan = MakeDistinct(std::move(plan));
  } else {
    // ALL: the k-th copy of a row is matched with the k-th copy on the other side, numbering
    // the copies with row_number() OVER (PARTITION BY every column).
    LogicalOperatorPtr left = statement.all ? NumberDuplicates(std::move(inputs[0])) : MakeDistinct(std::move(inputs[0]));
    LogicalOperatorPtr right = statement.all ? NumberDuplicates(std::move(inputs[1])) : std::move(inputs[1]);
    auto join = std::make_unique<LogicalJoin>();
    join->join_type = statement.op == PG_QUERY__SET_OPERATION__SETOP_INTERSECT ? JoinType::SEMI : JoinType::ANTI;
    const std::vector<ColumnBinding> left_bindings = left->GetColumnBindings();
    const std::vector<ColumnBinding> right_bindings = right->GetColumnBindings();
    for (idx_t i = 0; i < left_bindings.size(); i++) {
      join->left_keys.push_back(std::make_unique<BoundColumnRef>(left_bindings[i], left->types[i], left->names[i]));
      join->right_keys.push_back(std::make_unique<BoundColumnRef>(right_bindings[i], right->types[i], right->names[i]));
      join->null_equal_keys.push_back(true);
    }
    join->types = left->types;
    join->names = left->names;
    join->children.push_back(std::move(left));
    join->children.push_back(std::move(right));
    plan = std::move(join);
    if (statement.all) {
      // Drop the copy number.
      std::vector<ExpressionPtr> columns;
      for (idx_t i = 0; i < types.size(); i++) columns.push_back(std::make_unique<BoundColumnRef>(left_bindings[i], types[i], names[i]));
      plan = MakeProjection(std::move(plan), std::move(columns), names);
    }
  }
  return BindOutputOrderAndLimit(std::move(plan), statement);
}

}  // namespace cairn

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
  for (size_t i = 0; i < types.size(); i++) {
    const LogicalType& other = inputs[1]->types[i];
    if (types[i].id() == TypeId::SQLNULL) {
      types[i] = other;
    } else if (other.id() != TypeId::SQLNULL && other != types[i]) {
      try {
        types[i] = MaxLogicalType(types[i], other);
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

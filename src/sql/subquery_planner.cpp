#include "sql/subquery_planner.h"

#include <algorithm>
#include <cstddef>
#include <map>
#include <unordered_set>

#include "cairn/exception.h"
#include "common/stack_depth.h"
#include "sql/binder.h"
#include "sql/filter_before_subqueries.h"
#include "sql/join_condition.h"

namespace cairn {

namespace {

ExpressionPtr MakeRef(ColumnBinding binding, const LogicalType& type, const std::string& name) {
  return std::make_unique<BoundColumnRef>(binding, type, name);
}

bool OperatorHasSubquery(LogicalOperator& op) {
  bool found = false;
  op.ForEachExpression([&](ExpressionPtr& expression) { found = found || ContainsSubquery(*expression); });
  return found;
}

/// Operators whose output columns are their input's (a join: both inputs').
bool IsPassThrough(const LogicalOperator& op) {
  switch (op.type) {
    case LogicalOperatorType::FILTER:
    case LogicalOperatorType::ORDER_BY:
    case LogicalOperatorType::LIMIT:
    case LogicalOperatorType::TOP_N:
    case LogicalOperatorType::JOIN:
      return true;
    default:
      return false;
  }
}

/// Records that `from` is now `to`, for the operators above: a binding already renamed to `from`
/// (by an operator below) becomes `to` as well.
void AddRename(BindingMap& renames, ColumnBinding from, ColumnBinding to) {
  for (auto& [old_binding, new_binding] : renames) {
    if (new_binding == from) new_binding = to;
  }
  renames[from] = to;
}

void Merge(BindingMap& into, const BindingMap& from) {
  for (const auto& [old_binding, new_binding] : from) into[old_binding] = new_binding;
}

/// Output types and names of a join of `left` and `right` of `type`.
void SetJoinSchema(LogicalJoin& join) {
  const LogicalOperator& left = *join.children[0];
  const LogicalOperator& right = *join.children[1];
  join.types = left.types;
  join.names = left.names;
  if (join.join_type == JoinType::MARK) {
    join.types.emplace_back(TypeId::BOOLEAN);
    join.names.emplace_back("mark");
  } else if (join.join_type != JoinType::SEMI && join.join_type != JoinType::ANTI) {
    join.types.insert(join.types.end(), right.types.begin(), right.types.end());
    join.names.insert(join.names.end(), right.names.begin(), right.names.end());
  }
}

/// Output types and names of a window: its input's columns, then one per window expression.
void SetWindowSchema(LogicalWindow& window) {
  window.types = window.children[0]->types;
  window.names = window.children[0]->names;
  for (const auto& expression : window.expressions) {
    window.types.push_back(expression.return_type);
    window.names.push_back(expression.ToString());
  }
}

std::unique_ptr<LogicalJoin> MakeJoin(JoinType type, LogicalOperatorPtr left, LogicalOperatorPtr right) {
  auto join = std::make_unique<LogicalJoin>();
  join->join_type = type;
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  return join;
}

/// The comparison operator that is true exactly when `op` is false (for x op ALL = NOT (x !op ANY)).
std::string NegatedComparison(const std::string& op) {
  if (op == "=") return "<>";
  if (op == "<>" || op == "!=") return "=";
  if (op == "<") return ">=";
  if (op == "<=") return ">";
  if (op == ">") return "<=";
  if (op == ">=") return "<";
  throw Exception(sqlstate::kFeatureNotSupported, "op ALL (subquery) is not supported for operator " + op);
}

ExpressionPtr Not(ExpressionPtr child) {
  std::vector<ExpressionPtr> children;
  children.push_back(std::move(child));
  return std::make_unique<BoundOperator>(OperatorType::NOT, LogicalType(TypeId::BOOLEAN), std::move(children));
}

/// `x op s` bound as the binder binds comparisons (common type).
ExpressionPtr BindComparison(const std::string& op, ExpressionPtr left, ExpressionPtr right) {
  std::vector<Binder::Argument> arguments;
  arguments.push_back(Binder::Argument{std::move(left), false});
  arguments.push_back(Binder::Argument{std::move(right), false});
  return Binder::BindOperator(op, std::move(arguments));
}

/// Strips what does not change whether a subquery has rows (EXISTS): ORDER BY, LIMIT n > 0.
LogicalOperatorPtr StripForExists(LogicalOperatorPtr plan) {
  for (;;) {
    if (plan->type == LogicalOperatorType::ORDER_BY) {
      plan = std::move(plan->children[0]);
    } else if (plan->type == LogicalOperatorType::LIMIT) {
      auto& limit = static_cast<LogicalLimit&>(*plan);
      if (limit.offset != 0 || (limit.limit && *limit.limit == 0)) return plan;
      plan = std::move(plan->children[0]);
    } else if (plan->type == LogicalOperatorType::TOP_N) {
      auto& top = static_cast<LogicalTopN&>(*plan);
      if (top.offset != 0 || top.limit == 0) return plan;
      plan = std::move(plan->children[0]);
    } else {
      return plan;
    }
  }
}

/// The value an aggregate has over no rows when it is not NULL (count, regr_count,
/// approx_count_distinct, ...), for the ungrouped aggregate of a decorrelated subquery: wraps
/// `ref` in COALESCE(ref, value). The value is the aggregate's own finalize of a state that saw
/// no rows; such aggregates never return NULL for rows, so COALESCE only fills empty groups.
ExpressionPtr EmptyGroupValue(const BoundAggregate& aggregate, ExpressionPtr ref) {
  const AggregateFunction& function = aggregate.function;
  std::vector<std::max_align_t> state(function.state_size / sizeof(std::max_align_t) + 1);
  auto* pointer = reinterpret_cast<uint8_t*>(state.data());
  function.initialize(pointer);
  Vector result(function.return_type, 1);
  function.finalize(&pointer, 1, result, 0);
  if (function.destroy) function.destroy(pointer);
  Value empty = result.GetValue(0);
  if (empty.IsNull()) return ref;
  LogicalType type = ref->return_type;
  std::vector<ExpressionPtr> children;
  children.push_back(std::move(ref));
  children.push_back(Binder::AddCast(std::make_unique<BoundConstant>(empty), type));
  return std::make_unique<BoundOperator>(OperatorType::COALESCE, type, std::move(children));
}

/// Adds every column binding `expression` reads to `out`, inside the plans of its subqueries too.
void CollectReferences(Expression& expression, std::unordered_set<ColumnBinding, ColumnBindingHash>& out) {
  CheckStackDepth();
  if (expression.expression_class == ExpressionClass::COLUMN_REF) {
    out.insert(static_cast<BoundColumnRef&>(expression).binding);
    return;
  }
  if (expression.expression_class == ExpressionClass::SUBQUERY) {
    ForEachExpressionInPlan(*static_cast<BoundSubquery&>(expression).subquery,
                            [&](ExpressionPtr& inner) { CollectReferences(*inner, out); });
  }
  ForEachChild(expression, [&](ExpressionPtr& child) { CollectReferences(*child, out); });
}

}  // namespace

LogicalOperatorPtr SubqueryPlanner::Plan(LogicalOperatorPtr plan) {
  // Plain WHERE conjuncts first, so the domains of correlated subqueries are the rows that pass.
  FilterBeforeSubqueries(*plan);
  PlanOperator(plan);
  return plan;
}

BindingMap SubqueryPlanner::PlanOperator(LogicalOperatorPtr& op) {
  CheckStackDepth();
  BindingMap renames;
  for (auto& child : op->children) Merge(renames, PlanOperator(child));
  if (!renames.empty()) op->ForEachExpression([&](ExpressionPtr& expression) { RewriteBindings(*expression, renames); });
  if (!IsPassThrough(*op)) renames.clear();
  if (op->type == LogicalOperatorType::JOIN && !FuseLateralFunction(op)) PlanLateralJoin(static_cast<LogicalJoin&>(*op));
  if (!OperatorHasSubquery(*op)) return renames;

  switch (op->type) {
    case LogicalOperatorType::PROJECTION:
    case LogicalOperatorType::AGGREGATE:
      // Output columns are the operator's own: wrapping the input changes nothing above.
      op->ForEachExpression([&](ExpressionPtr& expression) { PlanExpression(expression, op->children[0]); });
      return renames;
    case LogicalOperatorType::WINDOW:
      // The input's columns pass through (the join's extra ones too); the window columns keep
      // their bindings.
      op->ForEachExpression([&](ExpressionPtr& expression) { PlanExpression(expression, op->children[0]); });
      SetWindowSchema(static_cast<LogicalWindow&>(*op));
      return renames;
    case LogicalOperatorType::JOIN: {
      auto& join = static_cast<LogicalJoin&>(*op);
      if (join.join_type != JoinType::INNER && join.join_type != JoinType::CROSS) {
        // An outer join's condition cannot become a filter above it: each subquery joins the
        // side whose columns it reads, which keeps that side's rows one for one.
        const std::vector<ColumnBinding> before = join.GetColumnBindings();
        const std::vector<LogicalType> types = join.types;
        const std::vector<std::string> names = join.names;
        if (join.residual && ReadsBothSides(*join.residual, join) && join.join_type == JoinType::FULL) {
          PlanFullJoinWithSubqueries(op, renames);
          return renames;
        }
        if (join.residual && ReadsBothSides(*join.residual, join)) {
          PlanOuterJoinAsLateral(join, renames);
        } else {
          for (auto& key : join.left_keys) PlanOnJoinSide(key, join, 0);
          for (auto& key : join.right_keys) PlanOnJoinSide(key, join, 1);
          if (join.residual) PlanOnJoinSide(join.residual, join, join.join_type == JoinType::LEFT ? 1 : 0);
          SetJoinSchema(join);
        }
        if (join.GetColumnBindings() == before) return renames;
        // The sides gained columns: project the join's columns again, under new bindings.
        auto projection = std::make_unique<LogicalProjection>();
        projection->table_index = new_table_index_();
        for (size_t i = 0; i < before.size(); i++) {
          auto renamed = renames.find(before[i]);
          projection->expressions.push_back(MakeRef(renamed == renames.end() ? before[i] : renamed->second, types[i], names[i]));
          AddRename(renames, before[i], ColumnBinding{projection->table_index, i});
        }
        projection->types = types;
        projection->names = names;
        projection->children.push_back(std::move(op));
        op = std::move(projection);
        return renames;
      }
      // An inner join's condition is a filter over the join: plan it as one.
      auto filter = std::make_unique<LogicalFilter>();
      std::vector<ExpressionPtr> left_keys, right_keys;
      for (size_t i = 0; i < join.left_keys.size(); i++) {
        if (ContainsSubquery(*join.left_keys[i]) || ContainsSubquery(*join.right_keys[i])) {
          filter->expressions.push_back(BindComparison("=", std::move(join.left_keys[i]), std::move(join.right_keys[i])));
        } else {
          left_keys.push_back(std::move(join.left_keys[i]));
          right_keys.push_back(std::move(join.right_keys[i]));
        }
      }
      join.left_keys = std::move(left_keys);
      join.right_keys = std::move(right_keys);
      if (join.residual && ContainsSubquery(*join.residual)) filter->expressions.push_back(std::move(join.residual));
      if (join.left_keys.empty() && !join.residual) join.join_type = JoinType::CROSS;
      filter->types = op->types;
      filter->names = op->names;
      filter->children.push_back(std::move(op));
      op = std::move(filter);
      Merge(renames, PlanOperator(op));
      return renames;
    }
    case LogicalOperatorType::FILTER: {
      auto& filter = static_cast<LogicalFilter&>(*op);
      const std::vector<ColumnBinding> before = filter.GetColumnBindings();
      const std::vector<LogicalType> types = filter.types;
      const std::vector<std::string> names = filter.names;
      std::vector<ExpressionPtr> kept;
      for (auto& conjunct : filter.expressions) {
        if (!ContainsSubquery(*conjunct)) {
          kept.push_back(std::move(conjunct));
        } else if (!PlanSemiAntiConjunct(conjunct, filter.children[0])) {
          PlanExpression(conjunct, filter.children[0]);
          kept.push_back(std::move(conjunct));
        }
      }
      filter.expressions = std::move(kept);
      filter.types = filter.children[0]->types;
      filter.names = filter.children[0]->names;
      if (filter.expressions.empty()) op = std::move(filter.children[0]);
      if (op->GetColumnBindings() == before) return renames;
      // The joins added columns: project the filter's columns again, under new bindings.
      auto projection = std::make_unique<LogicalProjection>();
      projection->table_index = new_table_index_();
      for (size_t i = 0; i < before.size(); i++) {
        projection->expressions.push_back(MakeRef(before[i], types[i], names[i]));
        AddRename(renames, before[i], ColumnBinding{projection->table_index, i});
      }
      projection->types = types;
      projection->names = names;
      projection->children.push_back(std::move(op));
      op = std::move(projection);
      return renames;
    }
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "subqueries are not supported in " + op->ParamsToString());
  }
}

bool SubqueryPlanner::FuseLateralFunction(LogicalOperatorPtr& op) {
  auto& join = static_cast<LogicalJoin&>(*op);
  const bool unconditional = join.join_type == JoinType::CROSS ||
                             (join.join_type == JoinType::INNER && join.left_keys.empty() && !join.residual);
  LogicalOperator& right = *join.children[1];
  if (!unconditional || right.type != LogicalOperatorType::PROJECT_SET ||
      right.children[0]->type != LogicalOperatorType::DUMMY_SCAN) {
    return false;
  }
  std::unordered_set<ColumnBinding, ColumnBindingHash> left_columns;
  for (const ColumnBinding& binding : join.children[0]->GetColumnBindings()) left_columns.insert(binding);
  // Every outer reference of the calls must be to the left input, one level out.
  bool lateral = false, other = false;
  right.ForEachExpression([&](ExpressionPtr& expression) {
    ForEachColumnRef(*expression, [&](BoundColumnRef& ref) {
      if (ref.depth == 0) return;
      if (ref.depth == 1 && left_columns.count(ref.binding) > 0) {
        lateral = true;
      } else {
        other = true;
      }
    });
  });
  if (!lateral || other) return false;
  // FROM t, f(t.x): the function runs per row of t (a ProjectSet over t), no domain or join.
  right.ForEachExpression([&](ExpressionPtr& expression) {
    ForEachColumnRef(*expression, [&](BoundColumnRef& ref) { ref.depth = 0; });
  });
  LogicalOperatorPtr set = std::move(join.children[1]);
  set->children[0] = std::move(join.children[0]);
  const size_t own = set->types.size();
  std::vector<LogicalType> types = set->children[0]->types;
  std::vector<std::string> names = set->children[0]->names;
  types.insert(types.end(), set->types.end() - static_cast<std::ptrdiff_t>(own), set->types.end());
  names.insert(names.end(), set->names.end() - static_cast<std::ptrdiff_t>(own), set->names.end());
  set->types = std::move(types);
  set->names = std::move(names);
  op = std::move(set);
  return true;
}

void SubqueryPlanner::PlanLateralJoin(LogicalJoin& join) {
  // The right input refers to the left one's columns (FROM a, LATERAL (...)): decorrelate it.
  std::unordered_set<ColumnBinding, ColumnBindingHash> left_columns;
  for (const ColumnBinding& binding : join.children[0]->GetColumnBindings()) left_columns.insert(binding);
  bool lateral = false;
  ForEachExpressionInPlan(*join.children[1], [&](ExpressionPtr& expression) {
    ForEachColumnRef(*expression, [&](BoundColumnRef& ref) { lateral = lateral || left_columns.count(ref.binding) > 0; });
  });
  if (!lateral) return;
  if (join.join_type != JoinType::INNER && join.join_type != JoinType::CROSS && join.join_type != JoinType::LEFT) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "the combining JOIN type must be INNER or LEFT for a LATERAL reference");
  }
  Decorrelated decorrelated = Decorrelate(std::move(join.children[1]), *join.children[0]);
  join.children[1] = std::move(decorrelated.plan);
  if (join.null_equal_keys.empty()) join.null_equal_keys.assign(join.left_keys.size(), false);
  for (size_t i = 0; i < decorrelated.correlated.size(); i++) {
    join.left_keys.push_back(MakeRef(decorrelated.correlated[i], decorrelated.types[i], decorrelated.names[i]));
    join.right_keys.push_back(MakeRef(decorrelated.domain_columns[i], decorrelated.types[i], decorrelated.names[i]));
    join.null_equal_keys.push_back(true);
  }
  if (join.join_type == JoinType::CROSS) join.join_type = JoinType::INNER;
  SetJoinSchema(join);
}

bool SubqueryPlanner::ReadsBothSides(Expression& expression, const LogicalJoin& join) {
  bool both = false;
  if (expression.expression_class == ExpressionClass::SUBQUERY) {
    std::unordered_set<ColumnBinding, ColumnBindingHash> referenced;
    CollectReferences(expression, referenced);
    bool uses[2] = {false, false};
    for (size_t side = 0; side < 2; side++) {
      for (const ColumnBinding& binding : join.children[side]->GetColumnBindings()) uses[side] = uses[side] || referenced.count(binding) > 0;
    }
    both = uses[0] && uses[1];
  }
  ForEachChild(expression, [&](ExpressionPtr& child) { both = both || ReadsBothSides(*child, join); });
  return both;
}

std::shared_ptr<LogicalOperator> SubqueryPlanner::FreshPlan(const LogicalOperator& plan) {
  // A copy with the same indexes whose nested subquery plans are fresh copies of their own, then
  // a copy of that with fresh indexes: rewriting the references into it reaches only plans that
  // belong to the result.
  BindingMap unused;
  LogicalOperatorPtr own = CopyPlan(plan, nullptr, unused);
  ForEachExpressionInPlan(*own, [&](ExpressionPtr& expression) { FreshSubqueries(*expression); });
  BindingMap fresh;
  return std::shared_ptr<LogicalOperator>(CopyPlan(*own, new_table_index_, fresh));
}

void SubqueryPlanner::FreshSubqueries(Expression& expression) {
  CheckStackDepth();
  if (expression.expression_class == ExpressionClass::SUBQUERY) {
    auto& subquery = static_cast<BoundSubquery&>(expression);
    subquery.subquery = FreshPlan(*subquery.subquery);
  }
  ForEachChild(expression, [&](ExpressionPtr& child) { FreshSubqueries(*child); });
}

void SubqueryPlanner::PlanFullJoinWithSubqueries(LogicalOperatorPtr& op, BindingMap& renames) {
  // a FULL JOIN b ON c  =  (a LEFT JOIN b ON c)
  //                        UNION ALL (SELECT NULL…, b.* FROM b WHERE NOT EXISTS (SELECT FROM a WHERE c))
  // The second input reads copies of a and b (fresh bindings) and of c (its subqueries' plans
  // copied too); each input is then planned as any.
  auto& join = static_cast<LogicalJoin&>(*op);
  const std::vector<ColumnBinding> before = join.GetColumnBindings();
  const std::vector<LogicalType> types = join.types;
  const std::vector<std::string> names = join.names;
  const size_t left_width = join.children[0]->types.size();
  BindingMap copies;
  LogicalOperatorPtr left_copy = CopyPlan(*join.children[0], new_table_index_, copies);
  LogicalOperatorPtr right_copy = CopyPlan(*join.children[1], new_table_index_, copies);
  auto matches = std::make_unique<LogicalFilter>();
  for (size_t i = 0; i < join.left_keys.size(); i++) {
    if (i < join.null_equal_keys.size() && join.null_equal_keys[i]) {
      throw Exception(sqlstate::kInternalError, "unexpected NULL-equal key in an outer join's ON condition");
    }
    ExpressionPtr equal = BindComparison("=", join.left_keys[i]->Copy(), join.right_keys[i]->Copy());
    RewriteBindings(*equal, copies);
    matches->expressions.push_back(std::move(equal));
  }
  ExpressionPtr residual = join.residual->Copy();
  FreshSubqueries(*residual);
  RewriteBindings(*residual, copies);
  matches->expressions.push_back(std::move(residual));
  matches->types = left_copy->types;
  matches->names = left_copy->names;
  matches->children.push_back(std::move(left_copy));
  auto exists = std::make_unique<BoundSubquery>(SubqueryType::EXISTS, LogicalType(TypeId::BOOLEAN),
                                                std::shared_ptr<LogicalOperator>(std::move(matches)));
  auto unmatched = std::make_unique<LogicalFilter>();
  unmatched->expressions.push_back(Not(std::move(exists)));
  unmatched->types = right_copy->types;
  unmatched->names = right_copy->names;
  const std::vector<ColumnBinding> right_columns = right_copy->GetColumnBindings();
  unmatched->children.push_back(std::move(right_copy));
  LogicalOperatorPtr unmatched_rows = std::move(unmatched);
  BindingMap unmatched_renames = PlanOperator(unmatched_rows);
  auto padded = std::make_unique<LogicalProjection>();
  padded->table_index = new_table_index_();
  for (size_t i = 0; i < left_width; i++) padded->expressions.push_back(std::make_unique<BoundConstant>(Value::Null(types[i])));
  for (size_t i = 0; i < right_columns.size(); i++) {
    auto renamed = unmatched_renames.find(right_columns[i]);
    padded->expressions.push_back(MakeRef(renamed == unmatched_renames.end() ? right_columns[i] : renamed->second,
                                          types[left_width + i], names[left_width + i]));
  }
  padded->types = types;
  padded->names = names;
  padded->children.push_back(std::move(unmatched_rows));

  // The matched rows and a's unmatched ones: the LEFT join.
  join.join_type = JoinType::LEFT;
  PlanOuterJoinAsLateral(join, renames);
  auto joined = std::make_unique<LogicalProjection>();
  joined->table_index = new_table_index_();
  for (size_t i = 0; i < before.size(); i++) {
    auto renamed = renames.find(before[i]);
    joined->expressions.push_back(MakeRef(renamed == renames.end() ? before[i] : renamed->second, types[i], names[i]));
  }
  joined->types = types;
  joined->names = names;
  joined->children.push_back(std::move(op));

  auto union_op = std::make_unique<LogicalUnion>();
  union_op->table_index = new_table_index_();
  union_op->types = types;
  union_op->names = names;
  union_op->children.push_back(std::move(joined));
  union_op->children.push_back(std::move(padded));
  for (size_t i = 0; i < before.size(); i++) AddRename(renames, before[i], ColumnBinding{union_op->table_index, i});
  op = std::move(union_op);
}

void SubqueryPlanner::PlanOuterJoinAsLateral(LogicalJoin& join, BindingMap& renames) {
  // a LEFT JOIN b ON c  =  a LEFT JOIN LATERAL (SELECT * FROM b WHERE c) ON true: the condition
  // filters the right input, where a's columns are correlated references, and the lateral join
  // is decorrelated as any (a RIGHT join is the mirrored LEFT join).
  if (join.join_type == JoinType::RIGHT) {
    std::swap(join.children[0], join.children[1]);
    std::swap(join.left_keys, join.right_keys);
    join.join_type = JoinType::LEFT;
  }
  auto filter = std::make_unique<LogicalFilter>();
  for (size_t i = 0; i < join.left_keys.size(); i++) {
    if (i < join.null_equal_keys.size() && join.null_equal_keys[i]) {
      throw Exception(sqlstate::kInternalError, "unexpected NULL-equal key in an outer join's ON condition");
    }
    filter->expressions.push_back(BindComparison("=", std::move(join.left_keys[i]), std::move(join.right_keys[i])));
  }
  join.left_keys.clear();
  join.right_keys.clear();
  join.null_equal_keys.clear();
  if (join.residual) filter->expressions.push_back(std::move(join.residual));
  filter->types = join.children[1]->types;
  filter->names = join.children[1]->names;
  filter->children.push_back(std::move(join.children[1]));
  join.children[1] = std::move(filter);
  FilterBeforeSubqueries(*join.children[1]);
  Merge(renames, PlanOperator(join.children[1]));
  PlanLateralJoin(join);
  SetJoinSchema(join);
}

void SubqueryPlanner::PlanOnJoinSide(ExpressionPtr& expression, LogicalJoin& join, size_t preferred) {
  CheckStackDepth();
  ForEachChild(*expression, [&](ExpressionPtr& child) { PlanOnJoinSide(child, join, preferred); });
  if (expression->expression_class != ExpressionClass::SUBQUERY) return;
  std::unordered_set<ColumnBinding, ColumnBindingHash> referenced;
  CollectReferences(*expression, referenced);
  bool uses[2] = {false, false};
  for (size_t side = 0; side < 2; side++) {
    for (const ColumnBinding& binding : join.children[side]->GetColumnBindings()) uses[side] = uses[side] || referenced.count(binding) > 0;
  }
  if (uses[0] && uses[1]) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "a subquery in the ON condition of an outer join that refers to columns of both joined sides is "
                    "not supported yet");
  }
  const size_t side = uses[0] ? 0 : uses[1] ? 1 : preferred;
  PlanExpression(expression, join.children[side]);
}

void SubqueryPlanner::PlanExpression(ExpressionPtr& expression, LogicalOperatorPtr& input) {
  CheckStackDepth();
  ForEachChild(*expression, [&](ExpressionPtr& child) { PlanExpression(child, input); });
  if (expression->expression_class != ExpressionClass::SUBQUERY) return;
  std::string alias = expression->alias;
  auto& subquery = static_cast<BoundSubquery&>(*expression);
  // A copy the binder made of a subquery already planned under this input (BETWEEN, NULLIF,
  // CASE operand, IS DISTINCT FROM): the earlier join's column is this one's value too.
  auto planned = planned_results_.find(subquery.subquery.get());
  if (planned != planned_results_.end()) {
    std::unordered_set<ColumnBinding, ColumnBindingHash> visible;
    for (const ColumnBinding& binding : input->GetColumnBindings()) visible.insert(binding);
    bool reachable = true;
    ForEachColumnRef(*planned->second, [&](BoundColumnRef& ref) { reachable = reachable && visible.count(ref.binding) > 0; });
    if (reachable) {
      expression = planned->second->Copy();
      expression->alias = alias;
      return;
    }
  }
  const LogicalOperator* key = subquery.subquery.get();
  expression = PlanSubquery(subquery, input);
  planned_results_[key] = expression->Copy();
  expression->alias = alias;
}

LogicalOperatorPtr SubqueryPlanner::TakePlan(BoundSubquery& subquery) {
  // A subquery the binder duplicated and that is planned a second time (where the first
  // copy's join is out of reach) is planned again and given fresh table indexes: bindings are
  // unique in a statement.
  const bool again = !planned_subqueries_.insert(subquery.subquery.get()).second;
  BindingMap unused;
  LogicalOperatorPtr plan = CopyPlan(*subquery.subquery, nullptr, unused);
  PlanOperator(plan);
  if (again) {
    BindingMap fresh;
    plan = CopyPlan(*plan, new_table_index_, fresh);
  }
  return plan;
}

SubqueryPlanner::Decorrelated SubqueryPlanner::Decorrelate(LogicalOperatorPtr plan, const LogicalOperator& input) {
  Decorrelated result;
  std::unordered_set<ColumnBinding, ColumnBindingHash> provided;
  for (const ColumnBinding& binding : input.GetColumnBindings()) provided.insert(binding);
  std::unordered_set<ColumnBinding, ColumnBindingHash> seen;
  ForEachExpressionInPlan(*plan, [&](ExpressionPtr& expression) {
    ForEachColumnRef(*expression, [&](BoundColumnRef& ref) {
      if (provided.count(ref.binding) && seen.insert(ref.binding).second) {
        result.correlated.push_back(ref.binding);
        result.types.push_back(ref.return_type);
        result.names.push_back(ref.name);
      }
    });
  });
  if (result.correlated.empty()) {
    result.plan = std::move(plan);
    return result;
  }
  // The domain: SELECT DISTINCT C FROM (a copy of the input).
  Domain domain;
  BindingMap copied;
  LogicalOperatorPtr input_copy = CopyPlan(input, new_table_index_, copied);
  auto distinct = std::make_unique<LogicalAggregate>();
  distinct->group_index = new_table_index_();
  distinct->aggregate_index = new_table_index_();
  for (size_t i = 0; i < result.correlated.size(); i++) {
    distinct->groups.push_back(MakeRef(copied.at(result.correlated[i]), result.types[i], result.names[i]));
    domain.columns.push_back(ColumnBinding{distinct->group_index, i});
  }
  distinct->types = result.types;
  distinct->names = result.names;
  distinct->children.push_back(std::move(input_copy));
  domain.plan = std::move(distinct);
  domain.correlated = result.correlated;
  domain.types = result.types;
  domain.names = result.names;
  result.plan = PushDown(std::move(plan), domain, result.domain_columns);
  return result;
}

bool SubqueryPlanner::HasCorrelation(LogicalOperator& op, const Domain& domain) {
  bool found = false;
  ForEachExpressionInPlan(op, [&](ExpressionPtr& expression) {
    ForEachColumnRef(*expression, [&](BoundColumnRef& ref) {
      for (const ColumnBinding& binding : domain.correlated) found = found || ref.binding == binding;
    });
  });
  return found;
}

LogicalOperatorPtr SubqueryPlanner::CopyDomain(const Domain& domain, std::vector<ColumnBinding>& columns) {
  BindingMap map;
  LogicalOperatorPtr copy = CopyPlan(*domain.plan, new_table_index_, map);
  columns.clear();
  for (const ColumnBinding& column : domain.columns) columns.push_back(map.at(column));
  return copy;
}

LogicalOperatorPtr SubqueryPlanner::PushDown(LogicalOperatorPtr op, const Domain& domain, std::vector<ColumnBinding>& columns) {
  CheckStackDepth();
  const size_t n = domain.correlated.size();
  auto rewrite = [&](LogicalOperator& target, const std::vector<ColumnBinding>& to) {
    BindingMap map;
    for (size_t i = 0; i < n; i++) map[domain.correlated[i]] = to[i];
    target.ForEachExpression([&](ExpressionPtr& expression) { RewriteBindings(*expression, map); });
  };
  if (!HasCorrelation(*op, domain)) {
    auto join = MakeJoin(JoinType::CROSS, std::move(op), CopyDomain(domain, columns));
    SetJoinSchema(*join);
    return join;
  }
  switch (op->type) {
    case LogicalOperatorType::FILTER: {
      if (EliminateDomain(static_cast<LogicalFilter&>(*op), domain, columns)) return op;
      op->children[0] = PushDown(std::move(op->children[0]), domain, columns);
      rewrite(*op, columns);
      op->types = op->children[0]->types;
      op->names = op->children[0]->names;
      return op;
    }
    case LogicalOperatorType::ORDER_BY:
      // Order does not matter inside a subquery without LIMIT.
      return PushDown(std::move(op->children[0]), domain, columns);
    case LogicalOperatorType::PROJECTION: {
      auto& projection = static_cast<LogicalProjection&>(*op);
      std::vector<ColumnBinding> below;
      op->children[0] = PushDown(std::move(op->children[0]), domain, below);
      rewrite(*op, below);
      columns.clear();
      for (size_t i = 0; i < n; i++) {
        columns.push_back(ColumnBinding{projection.table_index, projection.expressions.size()});
        projection.expressions.push_back(MakeRef(below[i], domain.types[i], domain.names[i]));
        projection.types.push_back(domain.types[i]);
        projection.names.push_back(domain.names[i]);
      }
      return op;
    }
    case LogicalOperatorType::AGGREGATE: {
      auto& aggregate = static_cast<LogicalAggregate&>(*op);
      std::vector<ColumnBinding> below;
      op->children[0] = PushDown(std::move(op->children[0]), domain, below);
      rewrite(*op, below);
      // An ungrouped aggregate whose empty groups may stay missing (see NullWhenEmpty) is
      // grouped by the domain like any other.
      const bool ungrouped = aggregate.groups.empty() && !null_when_empty_.count(op.get());
      std::vector<ColumnBinding> grouped;
      for (size_t i = 0; i < n; i++) {
        grouped.push_back(ColumnBinding{aggregate.group_index, aggregate.groups.size()});
        aggregate.groups.push_back(MakeRef(below[i], domain.types[i], domain.names[i]));
      }
      aggregate.types.clear();
      aggregate.names.clear();
      for (auto& group : aggregate.groups) {
        aggregate.types.push_back(group->return_type);
        aggregate.names.push_back(group->ToString());
      }
      for (auto& call : aggregate.aggregates) {
        aggregate.types.push_back(call.function.return_type);
        aggregate.names.push_back(call.ToString());
      }
      if (!ungrouped) {
        columns = grouped;
        return op;
      }
      // An ungrouped aggregate has a row for every domain value, even without input rows:
      // D LEFT JOIN the grouped aggregate, then count() of a missing group is 0. The projection
      // takes over the aggregate's table index, so the columns above keep their bindings.
      const idx_t original_index = aggregate.aggregate_index;
      const idx_t aggregate_count = aggregate.aggregates.size();
      aggregate.aggregate_index = new_table_index_();
      std::vector<ColumnBinding> domain_columns;
      LogicalOperatorPtr left = CopyDomain(domain, domain_columns);
      auto projection = std::make_unique<LogicalProjection>();
      projection->table_index = original_index;
      for (idx_t i = 0; i < aggregate_count; i++) {
        ExpressionPtr ref = MakeRef(ColumnBinding{aggregate.aggregate_index, i}, aggregate.aggregates[i].function.return_type,
                                    aggregate.aggregates[i].ToString());
        projection->expressions.push_back(EmptyGroupValue(aggregate.aggregates[i], std::move(ref)));
      }
      auto join = MakeJoin(JoinType::LEFT, std::move(left), std::move(op));
      for (size_t i = 0; i < n; i++) {
        join->left_keys.push_back(MakeRef(domain_columns[i], domain.types[i], domain.names[i]));
        join->right_keys.push_back(MakeRef(grouped[i], domain.types[i], domain.names[i]));
        join->null_equal_keys.push_back(true);
      }
      SetJoinSchema(*join);
      columns.clear();
      for (size_t i = 0; i < n; i++) {
        columns.push_back(ColumnBinding{original_index, projection->expressions.size()});
        projection->expressions.push_back(MakeRef(domain_columns[i], domain.types[i], domain.names[i]));
      }
      for (auto& expression : projection->expressions) {
        projection->types.push_back(expression->return_type);
        projection->names.push_back(expression->ToString());
      }
      projection->children.push_back(std::move(join));
      return projection;
    }
    case LogicalOperatorType::JOIN: {
      auto& join = static_cast<LogicalJoin&>(*op);
      auto correlated_expression = [&](const ExpressionPtr& expression) {
        bool found = false;
        ForEachColumnRef(*expression, [&](BoundColumnRef& ref) {
          for (const ColumnBinding& binding : domain.correlated) found = found || ref.binding == binding;
        });
        return found;
      };
      bool left = HasCorrelation(*join.children[0], domain);
      bool right = HasCorrelation(*join.children[1], domain);
      for (auto& key : join.left_keys) left = left || correlated_expression(key);
      for (auto& key : join.right_keys) right = right || correlated_expression(key);
      switch (join.join_type) {
        case JoinType::INNER:
        case JoinType::CROSS:
          if (!left && !right) left = true;  // only the condition is correlated
          break;
        case JoinType::LEFT:
        case JoinType::SEMI:
        case JoinType::ANTI:
        case JoinType::MARK:
        case JoinType::SINGLE:
          left = true;  // the left side's rows are the output: each needs its domain value
          break;
        case JoinType::RIGHT:
        case JoinType::RIGHT_SEMI:  // made by the optimizer only, after subquery planning
        case JoinType::RIGHT_ANTI:
          right = true;  // the right side's rows are kept: each needs its domain value
          break;
        case JoinType::FULL:
          left = right = true;  // both sides' unmatched rows are kept
          break;
      }
      std::vector<ColumnBinding> left_columns, right_columns;
      if (left) join.children[0] = PushDown(std::move(join.children[0]), domain, left_columns);
      if (right) join.children[1] = PushDown(std::move(join.children[1]), domain, right_columns);
      // A RIGHT join's left columns are NULL in its unmatched rows: the right side carries D.
      const bool from_right = !left || join.join_type == JoinType::RIGHT;
      const std::vector<ColumnBinding>& output = from_right ? right_columns : left_columns;
      // Keys first (each side's own columns), then the condition over both.
      BindingMap left_map, right_map;
      for (size_t i = 0; i < n; i++) {
        if (left) left_map[domain.correlated[i]] = left_columns[i];
        if (right) right_map[domain.correlated[i]] = right_columns[i];
      }
      for (auto& key : join.left_keys) RewriteBindings(*key, left_map);
      for (auto& key : join.right_keys) RewriteBindings(*key, right_map);
      BindingMap output_map = from_right ? right_map : left_map;
      if (join.residual) RewriteBindings(*join.residual, output_map);
      if (join.mark_condition) RewriteBindings(*join.mark_condition, output_map);
      if (left && right) {
        if (join.null_equal_keys.empty()) join.null_equal_keys.assign(join.left_keys.size(), false);
        for (size_t i = 0; i < n; i++) {
          join.left_keys.push_back(MakeRef(left_columns[i], domain.types[i], domain.names[i]));
          join.right_keys.push_back(MakeRef(right_columns[i], domain.types[i], domain.names[i]));
          join.null_equal_keys.push_back(true);
        }
        if (join.join_type == JoinType::CROSS) join.join_type = JoinType::INNER;
      }
      SetJoinSchema(join);
      if (join.join_type != JoinType::FULL) {
        columns = output;
        return op;
      }
      // A FULL join's row carries its domain value on the side it came from:
      // COALESCE(left D, right D) (both sides agree where they match; a padded side is NULL,
      // and a NULL domain value is NULL on both). Joining a fresh copy of D on that value gives
      // the rows a domain column of their own while the join's columns keep their bindings.
      std::vector<ColumnBinding> copy_columns;
      auto with_domain = MakeJoin(JoinType::INNER, std::move(op), CopyDomain(domain, copy_columns));
      for (size_t i = 0; i < n; i++) {
        std::vector<ExpressionPtr> sides;
        sides.push_back(MakeRef(left_columns[i], domain.types[i], domain.names[i]));
        sides.push_back(MakeRef(right_columns[i], domain.types[i], domain.names[i]));
        with_domain->left_keys.push_back(
            std::make_unique<BoundOperator>(OperatorType::COALESCE, domain.types[i], std::move(sides)));
        with_domain->right_keys.push_back(MakeRef(copy_columns[i], domain.types[i], domain.names[i]));
        with_domain->null_equal_keys.push_back(true);
      }
      SetJoinSchema(*with_domain);
      columns = copy_columns;
      return with_domain;
    }
    case LogicalOperatorType::UNION: {
      auto& union_op = static_cast<LogicalUnion&>(*op);
      for (auto& child : union_op.children) {
        const std::vector<ColumnBinding> original = child->GetColumnBindings();
        const std::vector<LogicalType> types = child->types;
        const std::vector<std::string> names = child->names;
        std::vector<ColumnBinding> child_columns;
        child = PushDown(std::move(child), domain, child_columns);
        // Inputs are read by position: the original columns, then the domain's.
        auto projection = std::make_unique<LogicalProjection>();
        projection->table_index = new_table_index_();
        for (size_t i = 0; i < original.size(); i++) projection->expressions.push_back(MakeRef(original[i], types[i], names[i]));
        for (size_t i = 0; i < n; i++) projection->expressions.push_back(MakeRef(child_columns[i], domain.types[i], domain.names[i]));
        for (auto& expression : projection->expressions) {
          projection->types.push_back(expression->return_type);
          projection->names.push_back(expression->ToString());
        }
        projection->children.push_back(std::move(child));
        child = std::move(projection);
      }
      columns.clear();
      for (size_t i = 0; i < n; i++) {
        columns.push_back(ColumnBinding{union_op.table_index, union_op.types.size()});
        union_op.types.push_back(domain.types[i]);
        union_op.names.push_back(domain.names[i]);
      }
      return op;
    }
    case LogicalOperatorType::WINDOW: {
      // Windows are per domain value: partition by D's columns as well.
      auto& window = static_cast<LogicalWindow&>(*op);
      op->children[0] = PushDown(std::move(op->children[0]), domain, columns);
      rewrite(*op, columns);
      for (auto& expression : window.expressions) {
        for (size_t i = 0; i < n; i++) expression.partitions.push_back(MakeRef(columns[i], domain.types[i], domain.names[i]));
      }
      SetWindowSchema(window);
      return op;
    }
    case LogicalOperatorType::PROJECT_SET: {
      // Set-returning calls run per input row, which now carries its domain value: the calls
      // read the domain's columns, which pass through after the input's.
      auto& set = static_cast<LogicalProjectSet&>(*op);
      op->children[0] = PushDown(std::move(op->children[0]), domain, columns);
      rewrite(*op, columns);
      const size_t own = set.functions.size() + (set.ordinality ? 1 : 0);
      std::vector<LogicalType> types = op->children[0]->types;
      std::vector<std::string> names = op->children[0]->names;
      types.insert(types.end(), op->types.end() - static_cast<std::ptrdiff_t>(own), op->types.end());
      names.insert(names.end(), op->names.end() - static_cast<std::ptrdiff_t>(own), op->names.end());
      op->types = std::move(types);
      op->names = std::move(names);
      return op;
    }
    case LogicalOperatorType::LIMIT: {
      // LIMIT/OFFSET per domain value: row_number() OVER (PARTITION BY D ORDER BY the subquery's
      // ORDER BY) between offset + 1 and offset + limit.
      auto& limit = static_cast<LogicalLimit&>(*op);
      LogicalOperatorPtr child = std::move(op->children[0]);
      std::vector<BoundOrderBy> orders;
      if (child->type == LogicalOperatorType::ORDER_BY) {
        orders = std::move(static_cast<LogicalOrder&>(*child).orders);
        child = std::move(child->children[0]);
      }
      child = PushDown(std::move(child), domain, columns);
      BindingMap map;
      for (size_t i = 0; i < n; i++) map[domain.correlated[i]] = columns[i];
      for (auto& order : orders) RewriteBindings(*order.expression, map);
      auto window = std::make_unique<LogicalWindow>();
      window->window_index = new_table_index_();
      BoundWindowExpression row_number;
      row_number.kind = WindowFunctionKind::ROW_NUMBER;
      row_number.return_type = LogicalType(TypeId::BIGINT);
      for (size_t i = 0; i < n; i++) row_number.partitions.push_back(MakeRef(columns[i], domain.types[i], domain.names[i]));
      row_number.orders = std::move(orders);
      row_number.frame.unit = WindowFrameUnit::ROWS;
      window->expressions.push_back(std::move(row_number));
      window->children.push_back(std::move(child));
      SetWindowSchema(*window);
      auto filter = std::make_unique<LogicalFilter>();
      ExpressionPtr rank = MakeRef(ColumnBinding{window->window_index, 0}, LogicalType(TypeId::BIGINT), "row_number");
      if (limit.offset > 0) {
        filter->expressions.push_back(BindComparison(">", rank->Copy(), std::make_unique<BoundConstant>(Value::BigInt(static_cast<int64_t>(limit.offset)))));
      }
      if (limit.limit) {
        const uint64_t last = std::min<uint64_t>(*limit.limit + limit.offset, static_cast<uint64_t>(INT64_MAX));
        filter->expressions.push_back(BindComparison("<=", rank->Copy(), std::make_unique<BoundConstant>(Value::BigInt(static_cast<int64_t>(last)))));
      }
      if (filter->expressions.empty()) return window;
      filter->types = window->types;
      filter->names = window->names;
      filter->children.push_back(std::move(window));
      return filter;
    }
    case LogicalOperatorType::TOP_N:
      throw Exception(sqlstate::kFeatureNotSupported, "LIMIT and OFFSET in a correlated subquery are not supported yet");
    default:
      throw Exception(sqlstate::kFeatureNotSupported,
                      "correlated references are not supported in " + op->ParamsToString());
  }
}

bool SubqueryPlanner::EliminateDomain(LogicalFilter& filter, const Domain& domain, std::vector<ColumnBinding>& columns) {
  if (HasCorrelation(*filter.children[0], domain)) return false;
  // Every correlated column must be equal to an input column: `inner = outer` or `outer = inner`.
  const size_t n = domain.correlated.size();
  std::vector<std::optional<ColumnBinding>> inner(n);
  std::vector<std::optional<size_t>> conjunct_of(n);
  auto column_of = [](const Expression& expression) -> const BoundColumnRef* {
    return expression.expression_class == ExpressionClass::COLUMN_REF ? &static_cast<const BoundColumnRef&>(expression) : nullptr;
  };
  for (size_t k = 0; k < filter.expressions.size(); k++) {
    const Expression& conjunct = *filter.expressions[k];
    if (conjunct.expression_class != ExpressionClass::FUNCTION) continue;
    const auto& function = static_cast<const BoundFunction&>(conjunct);
    if (function.function.name != "=" || function.children.size() != 2) continue;
    const BoundColumnRef* a = column_of(*function.children[0]);
    const BoundColumnRef* b = column_of(*function.children[1]);
    if (!a || !b || a->return_type != b->return_type) continue;
    for (size_t i = 0; i < n; i++) {
      if (inner[i]) continue;
      const BoundColumnRef* outer = a->binding == domain.correlated[i] ? a : b->binding == domain.correlated[i] ? b : nullptr;
      const BoundColumnRef* other = outer == a ? b : a;
      if (!outer || other->binding == outer->binding) continue;
      bool other_correlated = false;
      for (const ColumnBinding& c : domain.correlated) other_correlated = other_correlated || other->binding == c;
      if (other_correlated) continue;
      inner[i] = other->binding;
      conjunct_of[i] = k;
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (!inner[i]) return false;
  }
  // The input's own column stands for the domain's: the rows it keeps are those whose value is
  // some outer value (the join above matches them with their outer rows), so `inner = outer`
  // becomes `inner IS NOT NULL` and no copy of the outer input is scanned.
  columns.clear();
  BindingMap map;
  for (size_t i = 0; i < n; i++) {
    columns.push_back(*inner[i]);
    map[domain.correlated[i]] = *inner[i];
  }
  for (size_t i = 0; i < n; i++) {
    ExpressionPtr& conjunct = filter.expressions[*conjunct_of[i]];
    if (conjunct->expression_class != ExpressionClass::FUNCTION) continue;  // already replaced
    std::vector<ExpressionPtr> children;
    children.push_back(MakeRef(*inner[i], domain.types[i], domain.names[i]));
    conjunct = std::make_unique<BoundOperator>(OperatorType::IS_NOT_NULL, LogicalType(TypeId::BOOLEAN), std::move(children));
  }
  filter.ForEachExpression([&](ExpressionPtr& expression) { RewriteBindings(*expression, map); });
  return true;
}

void SubqueryPlanner::MarkNullWhenEmpty(const LogicalOperator& plan) {
  // A scalar subquery `SELECT f(aggregates) FROM … WHERE <correlated>` without GROUP BY: where f
  // is NULL whenever an aggregate is (strict arithmetic and casts over the aggregates) and every
  // aggregate is NULL over no rows, a missing group and an empty one give the same NULL.
  if (plan.type != LogicalOperatorType::PROJECTION || plan.children[0]->type != LogicalOperatorType::AGGREGATE) return;
  const auto& aggregate = static_cast<const LogicalAggregate&>(*plan.children[0]);
  if (!aggregate.groups.empty() || aggregate.aggregates.empty()) return;
  for (const auto& call : aggregate.aggregates) {
    ExpressionPtr probe = MakeRef(ColumnBinding{}, call.function.return_type, "");
    if (EmptyGroupValue(call, probe->Copy())->expression_class != ExpressionClass::COLUMN_REF) return;  // not NULL
  }
  std::function<bool(const Expression&, bool&)> strict = [&](const Expression& expression, bool& reads_aggregate) {
    switch (expression.expression_class) {
      case ExpressionClass::COLUMN_REF:
        if (static_cast<const BoundColumnRef&>(expression).binding.table_index == aggregate.aggregate_index) reads_aggregate = true;
        return true;
      case ExpressionClass::CONSTANT:
        return true;
      case ExpressionClass::CAST:
        return !static_cast<const BoundCast&>(expression).try_cast &&
               strict(*static_cast<const BoundCast&>(expression).child, reads_aggregate);
      case ExpressionClass::FUNCTION: {
        const auto& function = static_cast<const BoundFunction&>(expression);
        const std::string& name = function.function.name;
        if (name != "+" && name != "-" && name != "*" && name != "/") return false;
        for (const auto& child : function.children) {
          if (!strict(*child, reads_aggregate)) return false;
        }
        return true;
      }
      default:
        return false;
    }
  };
  const auto& projection = static_cast<const LogicalProjection&>(plan);
  bool reads_aggregate = false;
  if (projection.expressions.empty() || !strict(*projection.expressions[0], reads_aggregate) || !reads_aggregate) return;
  null_when_empty_.insert(plan.children[0].get());
}

ExpressionPtr SubqueryPlanner::PlanSubquery(BoundSubquery& subquery, LogicalOperatorPtr& input) {
  LogicalOperatorPtr plan = TakePlan(subquery);
  if (subquery.subquery_type == SubqueryType::EXISTS) plan = StripForExists(std::move(plan));
  if (subquery.subquery_type == SubqueryType::SCALAR) MarkNullWhenEmpty(*plan);
  const ColumnBinding first = plan->GetColumnBindings().empty() ? ColumnBinding{} : plan->GetColumnBindings()[0];
  const LogicalType first_type = plan->types.empty() ? LogicalType(TypeId::BOOLEAN) : plan->types[0];
  const std::string first_name = plan->names.empty() ? "" : plan->names[0];
  Decorrelated decorrelated = Decorrelate(std::move(plan), *input);
  const bool correlated = !decorrelated.correlated.empty();

  auto join = MakeJoin(subquery.subquery_type == SubqueryType::SCALAR ? JoinType::SINGLE : JoinType::MARK,
                       std::move(input), std::move(decorrelated.plan));
  for (size_t i = 0; i < decorrelated.correlated.size(); i++) {
    join->left_keys.push_back(MakeRef(decorrelated.correlated[i], decorrelated.types[i], decorrelated.names[i]));
    join->right_keys.push_back(MakeRef(decorrelated.domain_columns[i], decorrelated.types[i], decorrelated.names[i]));
    join->null_equal_keys.push_back(true);
  }
  ExpressionPtr result;
  if (subquery.subquery_type == SubqueryType::SCALAR) {
    result = MakeRef(first, first_type, first_name);
  } else {
    join->mark_index = new_table_index_();
    result = MakeRef(ColumnBinding{join->mark_index, 0}, LogicalType(TypeId::BOOLEAN), "mark");
    if (subquery.subquery_type == SubqueryType::ANY) {
      const std::string op = subquery.all ? NegatedComparison(subquery.comparison) : subquery.comparison;
      ExpressionPtr comparison = BindComparison(op, std::move(subquery.child), MakeRef(first, first_type, first_name));
      auto& function = static_cast<BoundFunction&>(*comparison);
      if (!correlated && op == "=" && comparison->expression_class == ExpressionClass::FUNCTION &&
          function.children.size() == 2) {
        // Uncorrelated x IN (...): a hash join on x = s, NULL-aware.
        join->left_keys.push_back(std::move(function.children[0]));
        join->right_keys.push_back(std::move(function.children[1]));
        join->mark_null_aware = true;
      } else {
        join->mark_condition = std::move(comparison);
      }
      if (subquery.all) result = Not(std::move(result));
    }
  }
  SetJoinSchema(*join);
  input = std::move(join);
  return result;
}

bool SubqueryPlanner::PlanSemiAntiConjunct(ExpressionPtr& conjunct, LogicalOperatorPtr& input) {
  bool negated = false;
  Expression* expression = conjunct.get();
  if (expression->expression_class == ExpressionClass::OPERATOR &&
      static_cast<BoundOperator&>(*expression).type == OperatorType::NOT) {
    negated = true;
    expression = static_cast<BoundOperator&>(*expression).children[0].get();
  }
  if (expression->expression_class != ExpressionClass::SUBQUERY) return false;
  auto& subquery = static_cast<BoundSubquery&>(*expression);
  // NOT EXISTS is an anti join; NOT (x IN ...) is not (NULLs), nor is x op ALL.
  if (subquery.subquery_type == SubqueryType::SCALAR) return false;
  if (subquery.subquery_type == SubqueryType::ANY && (negated || subquery.all)) return false;
  if (subquery.child) PlanExpression(subquery.child, input);
  LogicalOperatorPtr plan = TakePlan(subquery);
  if (subquery.subquery_type == SubqueryType::EXISTS) plan = StripForExists(std::move(plan));
  const ColumnBinding first = plan->GetColumnBindings().empty() ? ColumnBinding{} : plan->GetColumnBindings()[0];
  const LogicalType first_type = plan->types.empty() ? LogicalType(TypeId::BOOLEAN) : plan->types[0];
  const std::string first_name = plan->names.empty() ? "" : plan->names[0];
  std::vector<ExpressionPtr> pulled;
  Decorrelated decorrelated;
  if (PullUpCorrelatedConjuncts(plan, *input, pulled)) {
    decorrelated.plan = std::move(plan);
  } else {
    decorrelated = Decorrelate(std::move(plan), *input);
  }
  auto join = MakeJoin(negated ? JoinType::ANTI : JoinType::SEMI, std::move(input), std::move(decorrelated.plan));
  for (size_t i = 0; i < decorrelated.correlated.size(); i++) {
    join->left_keys.push_back(MakeRef(decorrelated.correlated[i], decorrelated.types[i], decorrelated.names[i]));
    join->right_keys.push_back(MakeRef(decorrelated.domain_columns[i], decorrelated.types[i], decorrelated.names[i]));
    join->null_equal_keys.push_back(true);
  }
  if (subquery.subquery_type == SubqueryType::ANY) {
    ExpressionPtr comparison = BindComparison(subquery.comparison, std::move(subquery.child), MakeRef(first, first_type, first_name));
    auto& function = static_cast<BoundFunction&>(*comparison);
    if (subquery.comparison == "=" && comparison->expression_class == ExpressionClass::FUNCTION && function.children.size() == 2) {
      join->left_keys.push_back(std::move(function.children[0]));
      join->right_keys.push_back(std::move(function.children[1]));
      join->null_equal_keys.push_back(false);
    } else {
      join->residual = std::move(comparison);
    }
  }
  if (join->null_equal_keys.size() != join->left_keys.size()) join->null_equal_keys.assign(join->left_keys.size(), false);
  if (!pulled.empty()) {
    // The pulled conjuncts' equalities are ordinary keys (NULL never matches).
    join->null_equal_keys.resize(join->left_keys.size(), false);
    AddJoinConditions(*join, std::move(pulled));
    join->null_equal_keys.resize(join->left_keys.size(), false);
  }
  SetJoinSchema(*join);
  input = std::move(join);
  return true;
}

bool SubqueryPlanner::PullUpCorrelatedConjuncts(LogicalOperatorPtr& plan, const LogicalOperator& input,
                                                std::vector<ExpressionPtr>& pulled) {
  std::unordered_set<ColumnBinding, ColumnBindingHash> provided;
  for (const ColumnBinding& binding : input.GetColumnBindings()) provided.insert(binding);
  auto count_outer = [&](Expression& expression) {
    size_t count = 0;
    ForEachColumnRef(expression, [&](BoundColumnRef& ref) { count += provided.count(ref.binding); });
    return count;
  };
  size_t total = 0;
  ForEachExpressionInPlan(*plan, [&](ExpressionPtr& expression) { total += count_outer(*expression); });
  if (total == 0) return false;
  // The top chain of FILTERs and PROJECTIONs; the correlated conjuncts of its FILTERs.
  std::vector<LogicalOperatorPtr*> chain;
  struct Candidate {
    size_t filter;       // position in chain
    size_t conjunct;     // index in that filter's expressions
  };
  std::vector<Candidate> candidates;
  size_t found = 0;
  for (LogicalOperatorPtr* node = &plan;; node = &(*node)->children[0]) {
    LogicalOperator& op = **node;
    if (op.type == LogicalOperatorType::PROJECTION) {
      for (auto& expression : static_cast<LogicalProjection&>(op).expressions) {
        if (IsVolatile(*expression)) return false;
      }
    } else if (op.type == LogicalOperatorType::FILTER) {
      auto& filter = static_cast<LogicalFilter&>(op);
      for (size_t k = 0; k < filter.expressions.size(); k++) {
        Expression& conjunct = *filter.expressions[k];
        const size_t outer = count_outer(conjunct);
        if (outer == 0) continue;
        if (IsVolatile(conjunct) || ContainsSubquery(conjunct)) return false;
        candidates.push_back(Candidate{chain.size(), k});
        found += outer;
      }
    } else {
      break;
    }
    chain.push_back(node);
  }
  if (found != total) return false;  // correlated somewhere below the chain
  // Take the conjuncts out, bottom-up, passing the inner columns they read through every
  // projection above their filter.
  for (size_t c = candidates.size(); c-- > 0;) {
    const Candidate& candidate = candidates[c];
    auto& filter = static_cast<LogicalFilter&>(**chain[candidate.filter]);
    ExpressionPtr conjunct = std::move(filter.expressions[candidate.conjunct]);
    for (size_t p = candidate.filter; p-- > 0;) {
      LogicalOperator& above = **chain[p];
      if (above.type != LogicalOperatorType::PROJECTION) continue;
      auto& projection = static_cast<LogicalProjection&>(above);
      std::map<ColumnBinding, ColumnBinding> passed;
      ForEachColumnRef(*conjunct, [&](BoundColumnRef& ref) {
        if (provided.count(ref.binding)) return;
        auto it = passed.find(ref.binding);
        if (it == passed.end()) {
          ColumnBinding column{projection.table_index, projection.expressions.size()};
          projection.expressions.push_back(MakeRef(ref.binding, ref.return_type, ref.name));
          projection.types.push_back(ref.return_type);
          projection.names.push_back(ref.name);
          it = passed.emplace(ref.binding, column).first;
        }
        ref.binding = it->second;
      });
    }
    pulled.push_back(std::move(conjunct));
  }
  // Drop the emptied conjuncts, and filters left with none.
  for (size_t i = chain.size(); i-- > 0;) {
    LogicalOperatorPtr& node = *chain[i];
    if (node->type != LogicalOperatorType::FILTER) continue;
    auto& expressions = static_cast<LogicalFilter&>(*node).expressions;
    expressions.erase(std::remove(expressions.begin(), expressions.end(), nullptr), expressions.end());
    if (expressions.empty()) {
      node = std::move(node->children[0]);
    } else {
      node->types = node->children[0]->types;  // a projection below may have grown
      node->names = node->children[0]->names;
    }
  }
  std::reverse(pulled.begin(), pulled.end());
  return true;
}

}  // namespace cairn

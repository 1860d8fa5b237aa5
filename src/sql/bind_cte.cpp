// Non-recursive WITH queries (PostgreSQL manual 7.8): a CTE referenced twice or more, or written
// AS MATERIALIZED, is computed once per execution and read by each reference (a
// LogicalMaterializedCte above the query, LogicalCteScans at the references), as PostgreSQL 12+
// does — so its rows are the same at every reference even when it calls a volatile function, and
// TPC-H Q15's revenue view is aggregated once, not twice. A CTE referenced once (or written AS
// NOT MATERIALIZED) is inlined: its query takes the reference's place, where the optimizer can
// push filters into it.
//
// Only CTEs of a top-level query (no enclosing query whose columns they could read) and outside
// recursive CTEs' terms (planned as separate plans) are materialized; the others are bound
// afresh at each reference.
#include <functional>

#include "cairn/exception.h"
#include "common/stack_depth.h"
#include "sql/binder.h"
#include "sql/plan_copy.h"

namespace cairn {

namespace {

/// `definition` in the place of `scan`; `map` learns that the scan's columns are now
/// definition's output columns.
LogicalOperatorPtr Substitute(LogicalOperatorPtr definition, const LogicalCteScan& scan, BindingMap& map) {
  std::vector<ColumnBinding> bindings = definition->GetColumnBindings();
  for (idx_t i = 0; i < bindings.size(); i++) map[ColumnBinding{scan.table_index, i}] = bindings[i];
  return definition;
}

bool ReplaceScan(LogicalOperatorPtr& op, idx_t cte_index, LogicalOperatorPtr& definition, BindingMap& map);

bool ReplaceScanInExpression(Expression& expression, idx_t cte_index, LogicalOperatorPtr& definition, BindingMap& map) {
  CheckStackDepth();
  bool replaced = false;
  if (expression.expression_class == ExpressionClass::SUBQUERY) {
    std::shared_ptr<LogicalOperator>& subquery = static_cast<BoundSubquery&>(expression).subquery;
    if (subquery->type == LogicalOperatorType::CTE_SCAN &&
        static_cast<LogicalCteScan&>(*subquery).cte_index == cte_index) {
      subquery = Substitute(std::move(definition), static_cast<LogicalCteScan&>(*subquery), map);
      return true;
    }
    subquery->ForEachExpression([&](ExpressionPtr& child) {
      replaced = replaced || ReplaceScanInExpression(*child, cte_index, definition, map);
    });
    for (auto& child : subquery->children) replaced = replaced || ReplaceScan(child, cte_index, definition, map);
  }
  ForEachChild(expression, [&](ExpressionPtr& child) {
    replaced = replaced || ReplaceScanInExpression(*child, cte_index, definition, map);
  });
  return replaced;
}

/// Replaces the LogicalCteScan of `cte_index` in the tree under `op` (or in a subquery plan of
/// its expressions) by `definition`; true when found. The caller rewrites the references to the
/// scan's columns with `map`.
bool ReplaceScan(LogicalOperatorPtr& op, idx_t cte_index, LogicalOperatorPtr& definition, BindingMap& map) {
  CheckStackDepth();
  if (op->type == LogicalOperatorType::CTE_SCAN && static_cast<LogicalCteScan&>(*op).cte_index == cte_index) {
    op = Substitute(std::move(definition), static_cast<LogicalCteScan&>(*op), map);
    return true;
  }
  bool replaced = false;
  op->ForEachExpression([&](ExpressionPtr& expression) {
    replaced = replaced || ReplaceScanInExpression(*expression, cte_index, definition, map);
  });
  for (auto& child : op->children) replaced = replaced || ReplaceScan(child, cte_index, definition, map);
  return replaced;
}

/// The LogicalCteScans of `cte_index` in the tree under `op` and its subquery plans (a
/// reference may have been copied, e.g. by GROUPING SETS, since it was bound).
idx_t CountScans(LogicalOperator& op, idx_t cte_index) {
  CheckStackDepth();
  idx_t count = op.type == LogicalOperatorType::CTE_SCAN && static_cast<LogicalCteScan&>(op).cte_index == cte_index;
  std::function<void(Expression&)> visit = [&](Expression& expression) {
    CheckStackDepth();
    if (expression.expression_class == ExpressionClass::SUBQUERY) {
      count += CountScans(*static_cast<BoundSubquery&>(expression).subquery, cte_index);
    }
    ForEachChild(expression, [&](ExpressionPtr& child) { visit(*child); });
  };
  op.ForEachExpression([&](ExpressionPtr& expression) { visit(*expression); });
  for (auto& child : op.children) count += CountScans(*child, cte_index);
  return count;
}

}  // namespace

LogicalOperatorPtr Binder::BindCteReference(const PgQuery__CommonTableExpr& definition, const std::string& name) {
  auto bind = [&](bool at_with_level) {
    Binder child = MakeChild();
    child.ctes_.erase(name);  // non-recursive: the CTE does not see itself
    if (at_with_level) {
      // The WITH belongs to a top-level query: nothing outside it is visible to its CTEs.
      child.outer_contexts_.clear();
      child.lateral_contexts_.clear();
    }
    LogicalOperatorPtr plan = child.BindQueryNode(definition.ctequery);
    for (size_t i = 0; i < definition.n_aliascolnames && i < plan->names.size(); i++) {
      plan->names[i] = NodeString(definition.aliascolnames[i]);
    }
    return plan;
  };
  auto entry = shared_->materializable_ctes.find(&definition);
  if (entry == shared_->materializable_ctes.end() || !materialize_ctes_) return bind(false);
  SharedState::MaterializableCte& cte = entry->second;
  if (cte.references == 0) cte.plan = bind(true);
  if (!cte.plan) return bind(false);  // already placed (cannot happen while its WITH is bound)
  cte.references++;
  auto scan = std::make_unique<LogicalCteScan>();
  scan->cte_name = name;
  scan->cte_index = cte.cte_index;
  scan->table_index = NewTableIndex();
  scan->types = cte.plan->types;
  scan->names = cte.plan->names;
  return scan;
}

LogicalOperatorPtr Binder::PlaceCommonTableExpressions(const PgQuery__WithClause& with, LogicalOperatorPtr plan) {
  // Last CTE first: a later CTE may read an earlier one, whose MATERIALIZED_CTE must be above.
  for (size_t i = with.n_ctes; i-- > 0;) {
    const PgQuery__CommonTableExpr& definition = *with.ctes[i]->common_table_expr;
    auto entry = shared_->materializable_ctes.find(&definition);
    if (entry == shared_->materializable_ctes.end()) continue;
    SharedState::MaterializableCte cte = std::move(entry->second);
    shared_->materializable_ctes.erase(entry);
    if (cte.references == 0) continue;
    const idx_t scans = CountScans(*plan, cte.cte_index);
    if (scans == 0) continue;  // its reference was dropped (an unused subquery)
    const bool always = definition.ctematerialized == PG_QUERY__CTEMATERIALIZE__CTEMaterializeAlways;
    if (scans == 1 && !always) {
      BindingMap map;
      if (!ReplaceScan(plan, cte.cte_index, cte.plan, map)) {
        throw Exception(sqlstate::kInternalError, std::string("the reference to WITH query ") + definition.ctename + " was lost");
      }
      RewriteBindingsInPlan(*plan, map);
      continue;
    }
    auto materialized = std::make_unique<LogicalMaterializedCte>();
    materialized->cte_name = definition.ctename;
    materialized->cte_index = cte.cte_index;
    materialized->types = plan->types;
    materialized->names = plan->names;
    materialized->children.push_back(std::move(cte.plan));
    materialized->children.push_back(std::move(plan));
    plan = std::move(materialized);
  }
  return plan;
}

}  // namespace cairn

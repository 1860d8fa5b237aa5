#include "execution/physical_planner.h"

#include <map>

#include "cairn/exception.h"
#include "common/large_stack_thread.h"
#include "execution/binding_resolver.h"
#include "sql/optimizer/cardinality_estimate.h"
#include "execution/operators/physical_cte.h"
#include "execution/operators/physical_filter.h"
#include "execution/operators/physical_hash_aggregate.h"
#include "execution/operators/physical_hash_join.h"
#include "execution/operators/physical_limit.h"
#include "execution/operators/physical_order.h"
#include "execution/operators/physical_project_set.h"
#include "execution/operators/physical_projection.h"
#include "execution/operators/physical_recursive_cte.h"
#include "sql/plan_copy.h"
#include "execution/operators/physical_result_collector.h"
#include "execution/operators/physical_table_scan.h"
#include "execution/operators/physical_top_n.h"
#include "execution/operators/physical_union.h"
#include "execution/operators/physical_values.h"
#include "execution/operators/physical_window.h"
#include "execution/pipeline_builder.h"

namespace cairn {

namespace {

std::vector<ExpressionPtr> ResolveAll(const std::vector<ExpressionPtr>& expressions, const BindingResolver& resolver) {
  std::vector<ExpressionPtr> out;
  out.reserve(expressions.size());
  for (auto& e : expressions) out.push_back(resolver.Resolve(*e));
  return out;
}

std::vector<BoundAggregate> ResolveAggregates(const std::vector<BoundAggregate>& aggregates,
                                              const BindingResolver& resolver) {
  std::vector<BoundAggregate> out;
  out.reserve(aggregates.size());
  for (auto& a : aggregates) {
    BoundAggregate copy;
    copy.function = a.function;
    copy.children = ResolveAll(a.children, resolver);
    copy.distinct = a.distinct;
    copy.filter = a.filter ? resolver.Resolve(*a.filter) : nullptr;
    out.push_back(std::move(copy));
  }
  return out;
}

std::vector<BoundOrderBy> ResolveOrders(const std::vector<BoundOrderBy>& orders, const BindingResolver& resolver) {
  std::vector<BoundOrderBy> out;
  out.reserve(orders.size());
  for (auto& o : orders) {
    BoundOrderBy copy;
    copy.expression = resolver.Resolve(*o.expression);
    copy.ascending = o.ascending;
    copy.nulls_first = o.nulls_first;
    out.push_back(std::move(copy));
  }
  return out;
}

void ExpectChildren(const LogicalOperator& op, size_t n) {
  if (op.children.size() < n) {
    throw Exception(sqlstate::kInternalError, "malformed plan: " + op.ParamsToString() + " has " +
                                                  std::to_string(op.children.size()) + " children");
  }
}

/// The materialized CTEs in scope while planning: cte_index → its operator (the nearest one above).
using CteScope = std::map<idx_t, const PhysicalMaterializedCte*>;

/// What planning one tree carries along.
struct PlanningContext {
  CteScope ctes;
  const std::function<std::string(const LogicalOperator&)>* explain_labels = nullptr;
};

std::unique_ptr<PhysicalOperator> CreatePhysicalOperatorUnlabelled(const LogicalOperator& op,
                                                                   std::vector<ColumnBinding>& bindings,
                                                                   PlanningContext& context);

/// CreatePhysicalOperatorUnlabelled, plus the operator's EXPLAIN ANALYZE label when asked for.
std::unique_ptr<PhysicalOperator> CreatePhysicalOperator(const LogicalOperator& op, std::vector<ColumnBinding>& bindings,
                                                         PlanningContext& context) {
  std::unique_ptr<PhysicalOperator> result = CreatePhysicalOperatorUnlabelled(op, bindings, context);
  if (context.explain_labels) result->explain_label = (*context.explain_labels)(op);
  return result;
}

/// For a TOP_N whose input is `logical`, built as `physical`: the table scan its first ORDER BY
/// key is a column of, through projections (of plain columns) and filters, and that column's
/// source index; null when the key is not such a column or the plans' shapes differ.
PhysicalTableScan* FindCutOffScan(const LogicalTopN& top, const LogicalOperator* logical, PhysicalOperator* physical,
                                  idx_t& source_column) {
  if (top.orders.empty() || top.orders[0].expression->expression_class != ExpressionClass::COLUMN_REF) return nullptr;
  ColumnBinding binding = static_cast<const BoundColumnRef&>(*top.orders[0].expression).binding;
  for (;;) {
    switch (logical->type) {
      case LogicalOperatorType::PROJECTION: {
        const auto& projection = static_cast<const LogicalProjection&>(*logical);
        if (physical->type != PhysicalOperatorType::PROJECTION || binding.table_index != projection.table_index ||
            binding.column_index >= projection.expressions.size()) {
          return nullptr;
        }
        const Expression& expression = *projection.expressions[binding.column_index];
        if (expression.expression_class != ExpressionClass::COLUMN_REF) return nullptr;
        binding = static_cast<const BoundColumnRef&>(expression).binding;
        break;
      }
      case LogicalOperatorType::FILTER:
        if (physical->type != PhysicalOperatorType::FILTER) return nullptr;
        break;
      case LogicalOperatorType::GET: {
        const auto& get = static_cast<const LogicalGet&>(*logical);
        if (physical->type != PhysicalOperatorType::TABLE_SCAN || binding.table_index != get.table_index) return nullptr;
        source_column = binding.column_index;
        return static_cast<PhysicalTableScan*>(physical);
      }
      default:
        return nullptr;
    }
    if (logical->children.size() != 1 || physical->children.size() != 1) return nullptr;
    logical = logical->children[0].get();
    physical = physical->children[0].get();
  }
}

/// The table scan, and its source column, that column `column` of `op`'s output holds, when
/// every operator from the scan up to `op` passes each input row's value of it on unchanged
/// and runs in the scan's pipeline (FILTER, a PROJECTION of the column, a hash join's probe
/// side); nullptr otherwise. What a dynamic join filter may reach (EnableJoinKeyFilters).
PhysicalTableScan* TraceToScan(PhysicalOperator* op, idx_t column, idx_t& source_column) {
  while (op) {
    switch (op->type) {
      case PhysicalOperatorType::TABLE_SCAN: {
        auto* scan = static_cast<PhysicalTableScan*>(op);
        const std::vector<idx_t>& ids = scan->request().column_ids;
        if (column >= ids.size()) return nullptr;
        source_column = ids[column];
        return scan;
      }
      case PhysicalOperatorType::FILTER: break;
      case PhysicalOperatorType::PROJECTION: {
        const auto& expressions = static_cast<const PhysicalProjection&>(*op).expressions();
        if (column >= expressions.size() || expressions[column]->expression_class != ExpressionClass::REFERENCE) {
          return nullptr;
        }
        column = static_cast<const BoundReference&>(*expressions[column]).index;
        break;
      }
      case PhysicalOperatorType::HASH_JOIN: {
        const auto& join = static_cast<const PhysicalHashJoin&>(*op);
        if (OutputsRightOnly(join.join_type()) || column >= join.left_types().size()) return nullptr;
        break;
      }
      default: return nullptr;
    }
    if (op->children.empty()) return nullptr;
    op = op->children[0].get();
  }
  return nullptr;
}

/// Dynamic join filters: for each key of `join` that is a column of a table scan feeding its
/// probe side (`probe`, not yet attached to `join`), the scan receives the build's keys.
void EnableJoinKeyFilters(PhysicalHashJoin& join, PhysicalOperator* probe) {
  if (!join.ProbeRowsNeedMatch()) return;
  for (idx_t key = 0; key < join.left_keys().size(); key++) {
    const Expression& expression = *join.left_keys()[key];
    if (expression.expression_class != ExpressionClass::REFERENCE) continue;
    idx_t source_column = 0;
    PhysicalTableScan* scan = TraceToScan(probe, static_cast<const BoundReference&>(expression).index, source_column);
    if (!scan) continue;
    if (auto filter = join.EnableJoinKeyFilter(key, source_column)) scan->AddJoinFilterFeedback(&join, *filter);
  }
}

/// The physical operator for `op` (children first), with `bindings` set to the bindings of
/// its output columns in order. Expressions are resolved against the children's bindings.
std::unique_ptr<PhysicalOperator> CreatePhysicalOperatorUnlabelled(const LogicalOperator& op,
                                                                   std::vector<ColumnBinding>& bindings,
                                                                   PlanningContext& context) {
  CheckStackDepth();
  CteScope& ctes = context.ctes;
  if (op.type == LogicalOperatorType::MATERIALIZED_CTE) {
    // The WITH query first; the reading query's scans then find this operator in `ctes`.
    ExpectChildren(op, 2);
    auto& cte = static_cast<const LogicalMaterializedCte&>(op);
    std::vector<ColumnBinding> definition_bindings;
    std::unique_ptr<PhysicalOperator> definition = CreatePhysicalOperator(*op.children[0], definition_bindings, context);
    auto result = std::make_unique<PhysicalMaterializedCte>(op.types, op.children[0]->types, cte.cte_name);
    const PhysicalMaterializedCte* outer = ctes.count(cte.cte_index) ? ctes.at(cte.cte_index) : nullptr;
    ctes[cte.cte_index] = result.get();
    std::unique_ptr<PhysicalOperator> query = CreatePhysicalOperator(*op.children[1], bindings, context);
    if (outer) {
      ctes[cte.cte_index] = outer;
    } else {
      ctes.erase(cte.cte_index);
    }
    result->children.push_back(std::move(definition));
    result->children.push_back(std::move(query));
    return result;
  }
  if (op.type == LogicalOperatorType::CTE_SCAN) {
    auto& scan = static_cast<const LogicalCteScan&>(op);
    auto it = ctes.find(scan.cte_index);
    if (it == ctes.end()) throw Exception(sqlstate::kInternalError, "WITH query " + scan.cte_name + " is not materialized above its scan");
    bindings = scan.GetColumnBindings();
    return std::make_unique<PhysicalCteScan>(*it->second);
  }
  if (op.type == LogicalOperatorType::RECURSIVE_CTE) {
    // Its terms are plans of their own, run by the operator (not pipelines of this plan).
    ExpectChildren(op, 2);
    auto& cte = static_cast<const LogicalRecursiveCte&>(op);
    BindingMap unused;
    std::shared_ptr<const LogicalOperator> recursive = CopyPlan(*op.children[1], nullptr, unused);
    bindings = cte.GetColumnBindings();
    return std::make_unique<PhysicalRecursiveCte>(op.types, cte.cte_name, cte.union_all, cte.max_iterations,
                                                  CreatePhysicalPlan(*op.children[0]), std::move(recursive),
                                                  cte.working_table, op.names);
  }
  std::vector<std::unique_ptr<PhysicalOperator>> children;
  std::vector<std::vector<ColumnBinding>> child_bindings(op.children.size());
  for (size_t i = 0; i < op.children.size(); i++) {
    children.push_back(CreatePhysicalOperator(*op.children[i], child_bindings[i], context));
  }
  auto input = [&]() { return BindingResolver(child_bindings[0]); };
  std::unique_ptr<PhysicalOperator> result;
  switch (op.type) {
    case LogicalOperatorType::GET: {
      auto& get = static_cast<const LogicalGet&>(op);
      if (!get.source) throw Exception(sqlstate::kInternalError, "scan of " + get.table_name + " has no table source");
      ScanRequest request;
      request.column_ids = get.column_ids;
      request.filters = get.filters;
      request.evaluate_filters = get.evaluate_filters;
      bindings = get.GetColumnBindings();
      return std::make_unique<PhysicalTableScan>(op.types, get.source, std::move(request));
    }
    case LogicalOperatorType::DUMMY_SCAN:
      bindings.clear();
      return std::make_unique<PhysicalValues>(op.types, std::vector<std::vector<Value>>{std::vector<Value>{}});
    case LogicalOperatorType::EMPTY_RESULT:
      bindings = op.GetColumnBindings();
      return std::make_unique<PhysicalValues>(op.types, std::vector<std::vector<Value>>{});
    case LogicalOperatorType::VALUES:
      bindings = op.GetColumnBindings();
      return std::make_unique<PhysicalValues>(op.types, static_cast<const LogicalValues&>(op).rows);
    case LogicalOperatorType::FILTER:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalFilter>(op.types, ResolveAll(static_cast<const LogicalFilter&>(op).expressions, input()));
      bindings = std::move(child_bindings[0]);
      break;
    case LogicalOperatorType::PROJECTION:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalProjection>(op.types,
                                                    ResolveAll(static_cast<const LogicalProjection&>(op).expressions, input()));
      bindings = op.GetColumnBindings();
      break;
    case LogicalOperatorType::AGGREGATE: {
      ExpectChildren(op, 1);
      auto& aggregate = static_cast<const LogicalAggregate&>(op);
      BindingResolver resolver = input();
      result = std::make_unique<PhysicalHashAggregate>(op.types, ResolveAll(aggregate.groups, resolver),
                                                       ResolveAggregates(aggregate.aggregates, resolver));
      bindings = op.GetColumnBindings();
      break;
    }
    case LogicalOperatorType::JOIN: {
      ExpectChildren(op, 2);
      auto& join = static_cast<const LogicalJoin&>(op);
      BindingResolver left(child_bindings[0]);
      BindingResolver right(child_bindings[1]);
      bindings = child_bindings[0];
      bindings.insert(bindings.end(), child_bindings[1].begin(), child_bindings[1].end());
      ExpressionPtr residual;
      if (join.residual) residual = BindingResolver(bindings).Resolve(*join.residual);
      HashJoinSubqueryOptions options;
      options.null_equal_keys = join.null_equal_keys;
      if (join.mark_condition) options.mark_condition = BindingResolver(bindings).Resolve(*join.mark_condition);
      options.mark_null_aware = join.mark_null_aware;
      // Only a build side that may be large gets the machinery to spill (a final pipeline).
      options.spillable = EstimateRows(*op.children[1]) >= PhysicalHashJoin::kMinSpillableBuildRows;
      result = std::make_unique<PhysicalHashJoin>(op.types, join.join_type, ResolveAll(join.left_keys, left),
                                                  ResolveAll(join.right_keys, right), std::move(residual),
                                                  op.children[0]->types, op.children[1]->types, std::move(options));
      if (join.publish_key_filters) EnableJoinKeyFilters(static_cast<PhysicalHashJoin&>(*result), children[0].get());
      if (OutputsLeftOnly(join.join_type)) bindings = std::move(child_bindings[0]);
      if (OutputsRightOnly(join.join_type)) bindings = std::move(child_bindings[1]);
      if (join.join_type == JoinType::MARK) {
        bindings = std::move(child_bindings[0]);
        bindings.push_back(ColumnBinding{join.mark_index, 0});
      }
      break;
    }
    case LogicalOperatorType::ORDER_BY:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalOrder>(op.types, ResolveOrders(static_cast<const LogicalOrder&>(op).orders, input()));
      bindings = std::move(child_bindings[0]);
      break;
    case LogicalOperatorType::LIMIT: {
      ExpectChildren(op, 1);
      auto& limit = static_cast<const LogicalLimit&>(op);
      result = std::make_unique<PhysicalLimit>(op.types, limit.limit, limit.offset);
      bindings = std::move(child_bindings[0]);
      break;
    }
    case LogicalOperatorType::TOP_N: {
      ExpectChildren(op, 1);
      auto& top = static_cast<const LogicalTopN&>(op);
      auto top_n = std::make_unique<PhysicalTopN>(op.types, ResolveOrders(top.orders, input()), top.limit, top.offset);
      idx_t source_column = 0;
      if (top.publish_cutoff) {
        if (PhysicalTableScan* scan = FindCutOffScan(top, op.children[0].get(), children[0].get(), source_column)) {
          top_n->EnableDynamicFilter(source_column);
          scan->SetTopNFeedback(top_n.get());
        }
      }
      result = std::move(top_n);
      bindings = std::move(child_bindings[0]);
      break;
    }
    case LogicalOperatorType::WINDOW: {
      // One PhysicalWindow per distinct window (PARTITION BY + ORDER BY), chained: calls that
      // share a window share its sort. Each appends its calls' columns; bindings name them.
      ExpectChildren(op, 1);
      auto& window = static_cast<const LogicalWindow&>(op);
      std::vector<std::vector<idx_t>> groups;
      for (idx_t i = 0; i < window.expressions.size(); i++) {
        bool placed = false;
        for (auto& group : groups) {
          if (window.expressions[group[0]].SameWindow(window.expressions[i])) {
            group.push_back(i);
            placed = true;
            break;
          }
        }
        if (!placed) groups.push_back({i});
      }
      std::unique_ptr<PhysicalOperator> current = std::move(children[0]);
      children.clear();
      bindings = std::move(child_bindings[0]);
      for (const auto& group : groups) {
        BindingResolver resolver(bindings);
        std::vector<BoundWindowExpression> resolved;
        for (idx_t i : group) {
          BoundWindowExpression copy = window.expressions[i].Copy();
          copy.ForEachExpression([&](ExpressionPtr& expression) { expression = resolver.Resolve(*expression); });
          resolved.push_back(std::move(copy));
        }
        auto physical = std::make_unique<PhysicalWindow>(current->types, std::move(resolved));
        physical->children.push_back(std::move(current));
        current = std::move(physical);
        for (idx_t i : group) bindings.push_back(ColumnBinding{window.window_index, i});
      }
      result = std::move(current);
      break;
    }
    case LogicalOperatorType::PROJECT_SET: {
      ExpectChildren(op, 1);
      auto& set = static_cast<const LogicalProjectSet&>(op);
      BindingResolver resolver = input();
      std::vector<PhysicalProjectSet::Call> calls;
      for (const auto& expression : set.functions) {
        const auto& function = static_cast<const BoundFunction&>(*expression);
        PhysicalProjectSet::Call call;
        call.start = function.function.set_function;
        call.arguments = ResolveAll(function.children, resolver);
        calls.push_back(std::move(call));
      }
      result = std::make_unique<PhysicalProjectSet>(op.types, op.children[0]->types.size(), std::move(calls),
                                                    set.ordinality);
      bindings = std::move(child_bindings[0]);
      for (idx_t i = 0; i < set.functions.size() + (set.ordinality ? 1 : 0); i++) {
        bindings.push_back(ColumnBinding{set.set_index, i});
      }
      break;
    }
    case LogicalOperatorType::RECURSIVE_CTE:
    case LogicalOperatorType::MATERIALIZED_CTE:
    case LogicalOperatorType::CTE_SCAN:
      break;  // planned above, before their children
    case LogicalOperatorType::UNION:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalUnion>(op.types);
      bindings = op.GetColumnBindings();
      break;
  }
  if (!result) throw Exception(sqlstate::kInternalError, "unsupported logical operator " + op.ParamsToString());
  if (bindings.size() != op.types.size()) {
    throw Exception(sqlstate::kInternalError, "malformed plan: " + op.ParamsToString() + " has " +
                                                  std::to_string(op.types.size()) + " columns but " +
                                                  std::to_string(bindings.size()) + " bindings");
  }
  for (auto& child : children) result->children.push_back(std::move(child));
  return result;
}

}  // namespace

std::shared_ptr<const PhysicalPlan> CreatePhysicalPlan(const LogicalOperator& op,
                                                       const std::function<std::string(const LogicalOperator&)>* explain_labels) {
  // The recursion over the plan runs on a large stack, like planning (see Planner::Plan).
  std::unique_ptr<PhysicalOperator> root;
  RunOnLargeStack([&] {
    std::vector<ColumnBinding> bindings;
    PlanningContext context;
    context.explain_labels = explain_labels;
    root = CreatePhysicalOperator(op, bindings, context);
  });
  auto collector = std::make_unique<PhysicalResultCollector>(root->types);
  std::vector<std::unique_ptr<PhysicalOperator>> extra;
  auto pipelines = BuildPipelines(*root, *collector, extra);
  return std::make_shared<const PhysicalPlan>(std::move(root), std::move(collector), std::move(extra),
                                              std::move(pipelines));
}

}  // namespace cairn

#include "execution/physical_planner.h"

#include "cairn/exception.h"
#include "common/large_stack_thread.h"
#include "execution/operators/physical_filter.h"
#include "execution/operators/physical_hash_aggregate.h"
#include "execution/operators/physical_hash_join.h"
#include "execution/operators/physical_limit.h"
#include "execution/operators/physical_order.h"
#include "execution/operators/physical_projection.h"
#include "execution/operators/physical_result_collector.h"
#include "execution/operators/physical_table_scan.h"
#include "execution/operators/physical_top_n.h"
#include "execution/operators/physical_union.h"
#include "execution/operators/physical_values.h"
#include "execution/pipeline_builder.h"

namespace cairn {

namespace {

std::vector<ExpressionPtr> CopyAll(const std::vector<ExpressionPtr>& expressions) {
  std::vector<ExpressionPtr> out;
  out.reserve(expressions.size());
  for (auto& e : expressions) out.push_back(e->Copy());
  return out;
}

std::vector<BoundAggregate> CopyAggregates(const std::vector<BoundAggregate>& aggregates) {
  std::vector<BoundAggregate> out;
  out.reserve(aggregates.size());
  for (auto& a : aggregates) {
    BoundAggregate copy;
    copy.function = a.function;
    copy.children = CopyAll(a.children);
    copy.distinct = a.distinct;
    copy.filter = a.filter ? a.filter->Copy() : nullptr;
    out.push_back(std::move(copy));
  }
  return out;
}

std::vector<BoundOrderBy> CopyOrders(const std::vector<BoundOrderBy>& orders) {
  std::vector<BoundOrderBy> out;
  out.reserve(orders.size());
  for (auto& o : orders) {
    BoundOrderBy copy;
    copy.expression = o.expression->Copy();
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

std::unique_ptr<PhysicalOperator> CreatePhysicalOperator(const LogicalOperator& op) {
  CheckStackDepth();
  std::unique_ptr<PhysicalOperator> result;
  switch (op.type) {
    case LogicalOperatorType::GET: {
      auto& get = static_cast<const LogicalGet&>(op);
      if (!get.source) throw Exception(sqlstate::kInternalError, "scan of " + get.table_name + " has no table source");
      ScanRequest request;
      request.column_ids = get.column_ids;
      request.filters = get.filters;
      return std::make_unique<PhysicalTableScan>(op.types, get.source, std::move(request));
    }
    case LogicalOperatorType::DUMMY_SCAN:
      return std::make_unique<PhysicalValues>(op.types, std::vector<std::vector<Value>>{std::vector<Value>{}});
    case LogicalOperatorType::VALUES:
      return std::make_unique<PhysicalValues>(op.types, static_cast<const LogicalValues&>(op).rows);
    case LogicalOperatorType::FILTER:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalFilter>(op.types, CopyAll(static_cast<const LogicalFilter&>(op).expressions));
      break;
    case LogicalOperatorType::PROJECTION:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalProjection>(op.types, CopyAll(static_cast<const LogicalProjection&>(op).expressions));
      break;
    case LogicalOperatorType::AGGREGATE: {
      ExpectChildren(op, 1);
      auto& aggregate = static_cast<const LogicalAggregate&>(op);
      result = std::make_unique<PhysicalHashAggregate>(op.types, CopyAll(aggregate.groups),
                                                       CopyAggregates(aggregate.aggregates));
      break;
    }
    case LogicalOperatorType::JOIN: {
      ExpectChildren(op, 2);
      auto& join = static_cast<const LogicalJoin&>(op);
      result = std::make_unique<PhysicalHashJoin>(op.types, join.join_type, CopyAll(join.left_keys),
                                                  CopyAll(join.right_keys), join.residual ? join.residual->Copy() : nullptr,
                                                  op.children[0]->types, op.children[1]->types);
      break;
    }
    case LogicalOperatorType::ORDER_BY:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalOrder>(op.types, CopyOrders(static_cast<const LogicalOrder&>(op).orders));
      break;
    case LogicalOperatorType::LIMIT: {
      ExpectChildren(op, 1);
      auto& limit = static_cast<const LogicalLimit&>(op);
      result = std::make_unique<PhysicalLimit>(op.types, limit.limit, limit.offset);
      break;
    }
    case LogicalOperatorType::TOP_N: {
      ExpectChildren(op, 1);
      auto& top = static_cast<const LogicalTopN&>(op);
      result = std::make_unique<PhysicalTopN>(op.types, CopyOrders(top.orders), top.limit, top.offset);
      break;
    }
    case LogicalOperatorType::UNION:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalUnion>(op.types);
      break;
  }
  if (!result) throw Exception(sqlstate::kInternalError, "unsupported logical operator " + op.ParamsToString());
  for (auto& child : op.children) result->children.push_back(CreatePhysicalOperator(*child));
  return result;
}

}  // namespace

std::shared_ptr<const PhysicalPlan> CreatePhysicalPlan(const LogicalOperator& op) {
  // The recursion over the plan runs on a large stack, like planning (see Planner::Plan).
  std::unique_ptr<PhysicalOperator> root;
  RunOnLargeStack([&] { root = CreatePhysicalOperator(op); });
  auto collector = std::make_unique<PhysicalResultCollector>(root->types);
  std::vector<std::unique_ptr<PhysicalOperator>> extra;
  auto pipelines = BuildPipelines(*root, *collector, extra);
  return std::make_shared<const PhysicalPlan>(std::move(root), std::move(collector), std::move(extra),
                                              std::move(pipelines));
}

}  // namespace cairn

#include "execution/physical_planner.h"

#include "cairn/exception.h"
#include "common/large_stack_thread.h"
#include "execution/operators/physical_filter.h"
#include "execution/operators/physical_hash_aggregate.h"
#include "execution/operators/physical_hash_join.h"
#include "execution/operators/physical_limit.h"
#include "execution/operators/physical_order.h"
#include "execution/operators/physical_projection.h"
#include "execution/operators/physical_table_scan.h"
#include "execution/operators/physical_top_n.h"
#include "execution/operators/physical_union.h"
#include "execution/operators/physical_values.h"

namespace cairn {

namespace {

std::vector<const Expression*> Pointers(const std::vector<ExpressionPtr>& expressions) {
  std::vector<const Expression*> out;
  for (auto& e : expressions) out.push_back(e.get());
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
      result = std::make_unique<PhysicalFilter>(op.types, Pointers(static_cast<const LogicalFilter&>(op).expressions));
      break;
    case LogicalOperatorType::PROJECTION:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalProjection>(op.types, Pointers(static_cast<const LogicalProjection&>(op).expressions));
      break;
    case LogicalOperatorType::AGGREGATE:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalHashAggregate>(static_cast<const LogicalAggregate&>(op));
      break;
    case LogicalOperatorType::JOIN:
      ExpectChildren(op, 2);
      result = std::make_unique<PhysicalHashJoin>(static_cast<const LogicalJoin&>(op), op.children[0]->types,
                                                  op.children[1]->types);
      break;
    case LogicalOperatorType::ORDER_BY:
      ExpectChildren(op, 1);
      result = std::make_unique<PhysicalOrder>(op.types, static_cast<const LogicalOrder&>(op).orders);
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
      result = std::make_unique<PhysicalTopN>(op.types, top.orders, top.limit, top.offset);
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

std::unique_ptr<PhysicalOperator> CreatePhysicalPlan(const LogicalOperator& op) {
  // The recursion over the plan runs on a large stack, like planning (see Planner::Plan).
  std::unique_ptr<PhysicalOperator> result;
  RunOnLargeStack([&] { result = CreatePhysicalOperator(op); });
  return result;
}

}  // namespace cairn

// top_n: LIMIT directly over ORDER BY becomes one TOP_N operator (a bounded heap instead of a
// full sort); a LIMIT over a bare scan (possibly through a projection) passes the number of
// rows needed to the scan as a hint.
#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

LogicalOperatorPtr CreateTopN(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = CreateTopN(std::move(child));
  if (plan->type != LogicalOperatorType::LIMIT) return plan;
  auto& limit = static_cast<LogicalLimit&>(*plan);
  if (!limit.limit) return plan;
  LogicalOperator& child = *limit.children[0];
  if (child.type == LogicalOperatorType::ORDER_BY) {
    auto& order = static_cast<LogicalOrder&>(child);
    auto top_n = std::make_unique<LogicalTopN>();
    top_n->orders = std::move(order.orders);
    top_n->limit = *limit.limit;
    top_n->offset = limit.offset;
    top_n->types = limit.types;
    top_n->names = limit.names;
    top_n->children.push_back(std::move(order.children[0]));
    return top_n;
  }
  LogicalOperator* scan = &child;
  if (scan->type == LogicalOperatorType::PROJECTION) scan = scan->children[0].get();
  if (scan->type == LogicalOperatorType::GET) {
    static_cast<LogicalGet&>(*scan).limit = *limit.limit + limit.offset;
  }
  return plan;
}

}  // namespace cairn

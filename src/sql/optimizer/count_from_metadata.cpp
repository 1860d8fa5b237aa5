// Optimizer rule "count_from_metadata": an aggregate that only counts rows (COUNT(*), no
// GROUP BY, no FILTER, no DISTINCT) directly over a scan with no predicate is answered from the
// source's exact row count (Parquet footers) instead of scanning — DuckDB's statistics
// propagation does the same for this case.
#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

bool CountsRowsOnly(const LogicalAggregate& aggregate) {
  if (!aggregate.groups.empty() || aggregate.aggregates.empty()) return false;
  for (const auto& call : aggregate.aggregates) {
    if (call.function.name != "count_star" || call.distinct || call.filter) return false;
  }
  return true;
}

}  // namespace

LogicalOperatorPtr CountFromMetadata(LogicalOperatorPtr plan) {
  CheckStackDepth();
  for (auto& child : plan->children) child = CountFromMetadata(std::move(child));
  if (plan->type != LogicalOperatorType::AGGREGATE || plan->children.size() != 1) return plan;
  auto& aggregate = static_cast<LogicalAggregate&>(*plan);
  if (!CountsRowsOnly(aggregate) || aggregate.children[0]->type != LogicalOperatorType::GET) return plan;
  auto& get = static_cast<LogicalGet&>(*aggregate.children[0]);
  std::optional<idx_t> rows = get.source->ExactRowCount();
  if (!rows) return plan;
  auto values = std::make_unique<LogicalValues>();
  // Same bindings as the aggregate's (no groups: (aggregate_index, i)), so nothing above changes.
  values->table_index = aggregate.aggregate_index;
  values->types = aggregate.types;
  values->names = aggregate.names;
  std::vector<Value> row;
  for (const auto& type : aggregate.types) row.push_back(Value::BigInt(static_cast<int64_t>(*rows)).CastAs(type));
  values->rows.push_back(std::move(row));
  return values;
}

}  // namespace cairn

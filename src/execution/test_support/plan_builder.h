// Test helpers that build logical plans and bound expressions by hand (no SQL front end), and
// run them through the executor collecting the rows as Values.
//
// Thread-safety: plain functions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "execution/executor.h"
#include "function/aggregate_function.h"
#include "function/scalar_function.h"
#include "sql/logical_operator.h"

namespace cairn::testing {

inline ExpressionPtr Col(idx_t index, LogicalType type, std::string name = "c") {
  return std::make_unique<BoundReference>(index, type, std::move(name));
}
inline ExpressionPtr Const(Value v) { return std::make_unique<BoundConstant>(std::move(v)); }
inline ExpressionPtr Fn(const std::string& name, std::vector<ExpressionPtr> children) {
  std::vector<LogicalType> types;
  for (auto& c : children) types.push_back(c->return_type);
  ScalarFunction f = BindScalarFunction(name, types);
  for (size_t i = 0; i < children.size(); i++) {
    LogicalType target = i < f.arguments.size() ? f.arguments[i] : f.varargs;
    if (children[i]->return_type != target) children[i] = std::make_unique<BoundCast>(std::move(children[i]), target);
  }
  return std::make_unique<BoundFunction>(std::move(f), std::move(children));
}
inline ExpressionPtr Fn(const std::string& name, ExpressionPtr a, ExpressionPtr b) {
  std::vector<ExpressionPtr> v;
  v.push_back(std::move(a));
  v.push_back(std::move(b));
  return Fn(name, std::move(v));
}

inline LogicalOperatorPtr Get(std::shared_ptr<TableSource> source, std::vector<idx_t> column_ids) {
  auto get = std::make_unique<LogicalGet>();
  for (idx_t c : column_ids) {
    get->types.push_back(source->columns()[c].type);
    get->names.push_back(source->columns()[c].name);
  }
  get->source = std::move(source);
  get->table_name = "t";
  get->column_ids = std::move(column_ids);
  return get;
}

inline LogicalOperatorPtr Filter(LogicalOperatorPtr child, std::vector<ExpressionPtr> conjuncts) {
  auto op = std::make_unique<LogicalFilter>();
  op->types = child->types;
  op->names = child->names;
  op->expressions = std::move(conjuncts);
  op->children.push_back(std::move(child));
  return op;
}
inline LogicalOperatorPtr Filter(LogicalOperatorPtr child, ExpressionPtr conjunct) {
  std::vector<ExpressionPtr> v;
  v.push_back(std::move(conjunct));
  return Filter(std::move(child), std::move(v));
}

inline LogicalOperatorPtr Project(LogicalOperatorPtr child, std::vector<ExpressionPtr> expressions) {
  auto op = std::make_unique<LogicalProjection>();
  for (auto& e : expressions) {
    op->types.push_back(e->return_type);
    op->names.push_back(e->ToString());
  }
  op->expressions = std::move(expressions);
  op->children.push_back(std::move(child));
  return op;
}

inline BoundAggregate Agg(const std::string& name, std::vector<ExpressionPtr> children, bool distinct = false,
                          ExpressionPtr filter = nullptr) {
  std::vector<LogicalType> types;
  for (auto& c : children) types.push_back(c->return_type);
  BoundAggregate a;
  a.function = BindAggregateFunction(name, types);
  a.children = std::move(children);
  a.distinct = distinct;
  a.filter = std::move(filter);
  return a;
}
inline std::vector<ExpressionPtr> Exprs(ExpressionPtr a) {
  std::vector<ExpressionPtr> v;
  v.push_back(std::move(a));
  return v;
}

inline LogicalOperatorPtr Aggregate(LogicalOperatorPtr child, std::vector<ExpressionPtr> groups,
                                    std::vector<BoundAggregate> aggregates) {
  auto op = std::make_unique<LogicalAggregate>();
  for (auto& g : groups) {
    op->types.push_back(g->return_type);
    op->names.push_back("g");
  }
  for (auto& a : aggregates) {
    op->types.push_back(a.function.return_type);
    op->names.push_back(a.function.name);
  }
  op->groups = std::move(groups);
  op->aggregates = std::move(aggregates);
  op->children.push_back(std::move(child));
  return op;
}

inline LogicalOperatorPtr Join(JoinType type, LogicalOperatorPtr left, LogicalOperatorPtr right,
                               std::vector<ExpressionPtr> left_keys, std::vector<ExpressionPtr> right_keys,
                               ExpressionPtr residual = nullptr) {
  auto op = std::make_unique<LogicalJoin>();
  op->join_type = type;
  op->types = left->types;
  op->names = left->names;
  if (type != JoinType::SEMI && type != JoinType::ANTI) {
    op->types.insert(op->types.end(), right->types.begin(), right->types.end());
    op->names.insert(op->names.end(), right->names.begin(), right->names.end());
  }
  op->left_keys = std::move(left_keys);
  op->right_keys = std::move(right_keys);
  op->residual = std::move(residual);
  op->children.push_back(std::move(left));
  op->children.push_back(std::move(right));
  return op;
}

inline BoundOrderBy Order(ExpressionPtr e, bool ascending, bool nulls_first) {
  BoundOrderBy o;
  o.expression = std::move(e);
  o.ascending = ascending;
  o.nulls_first = nulls_first;
  return o;
}

inline LogicalOperatorPtr Sort(LogicalOperatorPtr child, std::vector<BoundOrderBy> orders) {
  auto op = std::make_unique<LogicalOrder>();
  op->types = child->types;
  op->names = child->names;
  op->orders = std::move(orders);
  op->children.push_back(std::move(child));
  return op;
}

inline LogicalOperatorPtr TopN(LogicalOperatorPtr child, std::vector<BoundOrderBy> orders, idx_t limit, idx_t offset) {
  auto op = std::make_unique<LogicalTopN>();
  op->types = child->types;
  op->names = child->names;
  op->orders = std::move(orders);
  op->limit = limit;
  op->offset = offset;
  op->children.push_back(std::move(child));
  return op;
}

inline LogicalOperatorPtr Limit(LogicalOperatorPtr child, std::optional<idx_t> limit, idx_t offset) {
  auto op = std::make_unique<LogicalLimit>();
  op->types = child->types;
  op->names = child->names;
  op->limit = limit;
  op->offset = offset;
  op->children.push_back(std::move(child));
  return op;
}

inline LogicalOperatorPtr Union(LogicalOperatorPtr a, LogicalOperatorPtr b) {
  auto op = std::make_unique<LogicalUnion>();
  op->types = a->types;
  op->names = a->names;
  op->children.push_back(std::move(a));
  op->children.push_back(std::move(b));
  return op;
}

inline LogicalOperatorPtr Values(std::vector<LogicalType> types, std::vector<std::vector<Value>> rows) {
  auto op = std::make_unique<LogicalValues>();
  op->types = std::move(types);
  op->names.assign(op->types.size(), "v");
  op->rows = std::move(rows);
  return op;
}

/// Runs `plan` to completion and returns its rows.
inline std::vector<std::vector<Value>> RunPlan(LogicalOperatorPtr plan, TaskScheduler& scheduler) {
  auto stream = ExecutePlan(std::move(plan), scheduler);
  std::vector<std::vector<Value>> rows;
  while (auto chunk = stream->Next()) {
    for (idx_t r = 0; r < chunk->size(); r++) {
      std::vector<Value> row;
      for (idx_t c = 0; c < chunk->ColumnCount(); c++) row.push_back(chunk->GetValue(c, r));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

}  // namespace cairn::testing

// projection_pushdown: computes, top-down, which columns (bindings) are used above each
// operator, drops the rest (scan columns and projection expressions) and renumbers the
// projections' bindings it shrank. Scans end up reading only the columns the query uses
// (column_ids may become empty, e.g. for COUNT(*)); a scan's bindings are its source column ids,
// so pruning a scan renames nothing. Aggregates, unions and values keep all their columns.
#include <unordered_map>
#include <unordered_set>

#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

using BindingSet = std::unordered_set<ColumnBinding, ColumnBindingHash>;
/// Old binding → new binding, for the columns of an operator's output that were renumbered.
using Renames = std::unordered_map<ColumnBinding, ColumnBinding, ColumnBindingHash>;

void MarkReferences(Expression& expression, BindingSet& required) {
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) { required.insert(ref.binding); });
}

/// Adds an operator's references to the required set its subtree is pruned with, and takes
/// them out again when the operator is done — so one set serves a whole chain of pass-through
/// operators and joins without being copied at each level.
class ScopedReferences {
 public:
  explicit ScopedReferences(BindingSet& required) : required_(required) {}
  ~ScopedReferences() {
    for (const auto& binding : added_) required_.erase(binding);
  }
  ScopedReferences(const ScopedReferences&) = delete;
  ScopedReferences& operator=(const ScopedReferences&) = delete;
  void Mark(Expression& expression) {
    ForEachColumnRef(expression, [&](BoundColumnRef& ref) {
      if (required_.insert(ref.binding).second) added_.push_back(ref.binding);
    });
  }

 private:
  BindingSet& required_;
  std::vector<ColumnBinding> added_;
};

void Rename(Expression& expression, const Renames& renames) {
  if (renames.empty()) return;
  ForEachColumnRef(expression, [&](BoundColumnRef& ref) {
    auto found = renames.find(ref.binding);
    if (found != renames.end()) ref.binding = found->second;
  });
}

void CopySchema(LogicalOperator& op, const LogicalOperator& child) {
  op.types = child.types;
  op.names = child.names;
}

struct PruneState {
  idx_t next_table_index;  // for the projections NarrowChild adds
};

/// What pruning an operator changed, for its parent: the renamed columns of its output, and its
/// output bindings afterwards (computed bottom-up once, so a chain of n joins costs O(n), not
/// the O(n²) of asking each join for its bindings).
struct PruneResult {
  Renames renames;
  std::vector<ColumnBinding> bindings;
};

/// Prunes `op` to the columns in `required` (bindings needed above it, up to the nearest
/// projection or aggregate; it may also hold bindings of other subtrees, which match nothing
/// here). `required` is restored before returning.
PruneResult Prune(LogicalOperator& op, BindingSet& required, PruneState& state);

/// After `child` was pruned, it may still output columns nothing above needs — a join cannot
/// drop the key columns its own condition used. Puts a projection of just the required columns
/// on top of it (renaming them to the projection's bindings, added to `renames`), so chains of
/// joins stay narrow instead of carrying every earlier join's keys (width linear in the chain,
/// memory quadratic).
void NarrowChild(LogicalOperatorPtr& child, const BindingSet& required, PruneResult& pruned, PruneState& state) {
  const std::vector<ColumnBinding>& bindings = pruned.bindings;
  Renames& renames = pruned.renames;
  // `required` names columns as they were before pruning renamed them.
  BindingSet required_now;
  for (const ColumnBinding& binding : required) {
    auto renamed = renames.find(binding);
    required_now.insert(renamed == renames.end() ? binding : renamed->second);
  }
  std::vector<idx_t> kept;
  for (idx_t i = 0; i < bindings.size(); i++) {
    if (required_now.count(bindings[i])) kept.push_back(i);
  }
  if (kept.empty() && !bindings.empty()) kept.push_back(0);  // rows still flow (COUNT(*) over a join)
  if (kept.empty() || kept.size() >= bindings.size()) return;
  auto projection = std::make_unique<LogicalProjection>();
  projection->table_index = state.next_table_index++;
  std::unordered_map<ColumnBinding, ColumnBinding, ColumnBindingHash> narrowed;
  for (idx_t i : kept) {
    ColumnBinding renamed{projection->table_index, projection->expressions.size()};
    narrowed[bindings[i]] = renamed;
    projection->expressions.push_back(std::make_unique<BoundColumnRef>(bindings[i], child->types[i], child->names[i]));
    projection->types.push_back(child->types[i]);
    projection->names.push_back(child->names[i]);
  }
  projection->children.push_back(std::move(child));
  pruned.bindings = projection->GetColumnBindings();
  child = std::move(projection);
  // Renames already made below now point into the new projection.
  for (auto& [from, to] : renames) {
    auto found = narrowed.find(to);
    if (found != narrowed.end()) to = found->second;
  }
  for (auto& [from, to] : narrowed) renames.emplace(from, to);
}

/// Prunes a child that must keep every column (union inputs).
void PruneKeepingAll(LogicalOperator& op, PruneState& state) {
  for (auto& child : op.children) {
    std::vector<ColumnBinding> bindings = child->GetColumnBindings();
    BindingSet all(bindings.begin(), bindings.end());
    Prune(*child, all, state);  // keeps all: renames none
  }
}

// An operator whose output is its input's columns followed by `own` columns of its own
// (table_index, i) — a window, a ProjectSet: the input keeps every column its expressions read;
// its own columns are all kept.
PruneResult PruneAppending(LogicalOperator& op, idx_t table_index, size_t own, BindingSet& required,
                           PruneState& state) {
  ScopedReferences references(required);
  op.ForEachExpression([&](ExpressionPtr& expression) { references.Mark(*expression); });
  PruneResult pruned = Prune(*op.children[0], required, state);
  op.ForEachExpression([&](ExpressionPtr& expression) { Rename(*expression, pruned.renames); });
  std::vector<LogicalType> types = op.children[0]->types;
  std::vector<std::string> names = op.children[0]->names;
  types.insert(types.end(), op.types.end() - static_cast<std::ptrdiff_t>(own), op.types.end());
  names.insert(names.end(), op.names.end() - static_cast<std::ptrdiff_t>(own), op.names.end());
  op.types = std::move(types);
  op.names = std::move(names);
  for (idx_t i = 0; i < own; i++) pruned.bindings.push_back(ColumnBinding{table_index, i});
  return pruned;
}

PruneResult Prune(LogicalOperator& op, BindingSet& required, PruneState& state) {
  CheckStackDepth();
  switch (op.type) {
    case LogicalOperatorType::GET: {
      auto& get = static_cast<LogicalGet&>(op);
      std::vector<idx_t> column_ids;
      std::vector<LogicalType> types;
      std::vector<std::string> names;
      for (idx_t i = 0; i < get.column_ids.size(); i++) {
        if (!required.count(ColumnBinding{get.table_index, get.column_ids[i]})) continue;
        column_ids.push_back(get.column_ids[i]);
        types.push_back(get.types[i]);
        names.push_back(get.names[i]);
      }
      get.column_ids = std::move(column_ids);
      get.types = std::move(types);
      get.names = std::move(names);
      return {{}, get.GetColumnBindings()};
    }
    case LogicalOperatorType::PROJECTION: {
      auto& projection = static_cast<LogicalProjection&>(op);
      std::vector<idx_t> kept;
      for (idx_t i = 0; i < projection.expressions.size(); i++) {
        if (required.count(ColumnBinding{projection.table_index, i})) kept.push_back(i);
      }
      if (kept.empty() && !projection.expressions.empty()) {
        // No column is read above (COUNT(*)), but rows still flow: one column the child provides
        // anyway once pruned for nothing (a column its own filters read), else a constant — not
        // expression 0, whose columns would be decoded only to be dropped.
        BindingSet nothing;
        Prune(*op.children[0], nothing, state);
        const std::vector<ColumnBinding> child_bindings = op.children[0]->GetColumnBindings();
        ExpressionPtr keep;
        if (!child_bindings.empty()) {
          keep = std::make_unique<BoundColumnRef>(child_bindings[0], op.children[0]->types[0], op.children[0]->names[0]);
        } else {
          keep = std::make_unique<BoundConstant>(Value::Boolean(true));
        }
        projection.types = {keep->return_type};
        projection.names = {projection.names[0]};
        projection.expressions.clear();
        projection.expressions.push_back(std::move(keep));
        return {{}, projection.GetColumnBindings()};
      }
      Renames renames;
      std::vector<ExpressionPtr> expressions;
      std::vector<LogicalType> types;
      std::vector<std::string> names;
      for (idx_t i : kept) {
        if (i != expressions.size()) {
          renames[ColumnBinding{projection.table_index, i}] = ColumnBinding{projection.table_index, expressions.size()};
        }
        expressions.push_back(std::move(projection.expressions[i]));
        types.push_back(projection.types[i]);
        names.push_back(projection.names[i]);
      }
      BindingSet child_required;
      for (auto& expression : expressions) MarkReferences(*expression, child_required);
      Renames child_renames = Prune(*op.children[0], child_required, state).renames;
      for (auto& expression : expressions) Rename(*expression, child_renames);
      projection.expressions = std::move(expressions);
      projection.types = std::move(types);
      projection.names = std::move(names);
      return {std::move(renames), projection.GetColumnBindings()};
    }
    case LogicalOperatorType::FILTER: {
      auto& filter = static_cast<LogicalFilter&>(op);
      ScopedReferences references(required);
      for (auto& expression : filter.expressions) references.Mark(*expression);
      PruneResult pruned = Prune(*op.children[0], required, state);
      for (auto& expression : filter.expressions) Rename(*expression, pruned.renames);
      CopySchema(op, *op.children[0]);
      return pruned;
    }
    case LogicalOperatorType::ORDER_BY:
    case LogicalOperatorType::TOP_N: {
      auto& orders = op.type == LogicalOperatorType::ORDER_BY ? static_cast<LogicalOrder&>(op).orders
                                                              : static_cast<LogicalTopN&>(op).orders;
      ScopedReferences references(required);
      for (auto& order : orders) references.Mark(*order.expression);
      PruneResult pruned = Prune(*op.children[0], required, state);
      for (auto& order : orders) Rename(*order.expression, pruned.renames);
      CopySchema(op, *op.children[0]);
      return pruned;
    }
    case LogicalOperatorType::WINDOW: {
      auto& window = static_cast<LogicalWindow&>(op);
      return PruneAppending(op, window.window_index, window.expressions.size(), required, state);
    }
    case LogicalOperatorType::PROJECT_SET: {
      auto& set = static_cast<LogicalProjectSet&>(op);
      return PruneAppending(op, set.set_index, set.functions.size() + (set.ordinality ? 1 : 0), required, state);
    }
    case LogicalOperatorType::LIMIT: {
      PruneResult pruned = Prune(*op.children[0], required, state);
      CopySchema(op, *op.children[0]);
      return pruned;
    }
    case LogicalOperatorType::AGGREGATE: {
      BindingSet child_required;
      op.ForEachExpression([&](ExpressionPtr& expression) { MarkReferences(*expression, child_required); });
      Renames child_renames = Prune(*op.children[0], child_required, state).renames;
      op.ForEachExpression([&](ExpressionPtr& expression) { Rename(*expression, child_renames); });
      return {{}, op.GetColumnBindings()};
    }
    case LogicalOperatorType::JOIN: {
      auto& join = static_cast<LogicalJoin&>(op);
      bool left_only = join.join_type == JoinType::SEMI || join.join_type == JoinType::ANTI;
      ScopedReferences references(required);
      op.ForEachExpression([&](ExpressionPtr& expression) { references.Mark(*expression); });
      // Each side keeps the required bindings it provides (the set may hold the other side's too).
      PruneResult left = Prune(*op.children[0], required, state);
      NarrowChild(op.children[0], required, left, state);
      PruneResult right = Prune(*op.children[1], required, state);
      NarrowChild(op.children[1], required, right, state);
      op.ForEachExpression([&](ExpressionPtr& expression) {
        Rename(*expression, left.renames);
        Rename(*expression, right.renames);
      });
      if (OutputsRightOnly(join.join_type)) {
        op.types = op.children[1]->types;
        op.names = op.children[1]->names;
        return right;
      }
      op.types = op.children[0]->types;
      op.names = op.children[0]->names;
      if (join.join_type == JoinType::MARK) {
        op.types.emplace_back(TypeId::BOOLEAN);
        op.names.emplace_back("mark");
        left.bindings.push_back(ColumnBinding{join.mark_index, 0});
      } else if (!left_only) {
        op.types.insert(op.types.end(), op.children[1]->types.begin(), op.children[1]->types.end());
        op.names.insert(op.names.end(), op.children[1]->names.begin(), op.children[1]->names.end());
        left.renames.insert(right.renames.begin(), right.renames.end());
        left.bindings.insert(left.bindings.end(), right.bindings.begin(), right.bindings.end());
      }
      return left;
    }
    default:
      PruneKeepingAll(op, state);
      return {{}, op.GetColumnBindings()};  // VALUES, UNION, DUMMY_SCAN: not recursive
  }
}

}  // namespace

LogicalOperatorPtr PushDownProjections(LogicalOperatorPtr plan) {
  PruneState state{NextFreeTableIndex(*plan)};
  std::vector<ColumnBinding> bindings = plan->GetColumnBindings();
  BindingSet all(bindings.begin(), bindings.end());
  Prune(*plan, all, state);  // the root keeps all its columns
  return plan;
}

}  // namespace cairn

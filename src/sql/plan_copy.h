// Deep copies of logical plans with fresh table indexes, and rewriting column references
// through a binding map. Subquery planning uses them: a decorrelated subquery joins against a
// second copy of the outer query's input (the "domain" of its correlated columns), and a copy
// must not repeat the original's bindings (they are unique in a statement).
//
// Thread-safety: plain functions over plans owned by the caller.
#pragma once

#include <functional>
#include <unordered_map>

#include "sql/logical_operator.h"

namespace cairn {

/// Old binding → new binding.
using BindingMap = std::unordered_map<ColumnBinding, ColumnBinding, ColumnBindingHash>;

/// Replaces, in `expression`, every BoundColumnRef whose binding is a key of `map` (also inside
/// the plans of subquery expressions).
void RewriteBindings(Expression& expression, const BindingMap& map);

/// Replaces, in every expression of the tree rooted at `plan`, the bindings found in `map`.
void RewriteBindingsInPlan(LogicalOperator& plan, const BindingMap& map);

/// A deep copy of `plan` in which every operator that introduces columns gets a fresh table
/// index from `new_table_index`, and every reference to a column of the copied tree refers to
/// the copy's column. References to columns outside the tree (correlated references) are kept.
/// `map` receives old → new for every binding the copy introduced. Throws XX000 for an operator
/// type it does not know.
LogicalOperatorPtr CopyPlan(const LogicalOperator& plan, const std::function<idx_t()>& new_table_index, BindingMap& map);

}  // namespace cairn

// BindingResolver: the physical planner's step from a logical plan's column bindings to
// positions. Given the bindings of an operator's input in order (its child's output; for a
// join's residual, left ++ right), it copies an expression with every BoundColumnRef replaced
// by a BoundReference to the binding's position. A binding the input does not provide is a
// planner bug and raises XX000 — never a silently wrong column.
//
// Thread-safety: immutable after construction; Resolve() may be called from any thread.
#pragma once

#include <unordered_map>
#include <vector>

#include "sql/column_binding.h"
#include "sql/expression.h"

namespace cairn {

class BindingResolver {
 public:
  /// `input`: the bindings of the input columns, position i = input[i]. A binding that appears
  /// twice cannot be resolved (XX000 when asked for; hand-built plans of positional
  /// BoundReferences may repeat bindings freely).
  explicit BindingResolver(const std::vector<ColumnBinding>& input);

  /// A copy of `expression` over positions. BoundReference nodes (hand-built plans) are kept.
  /// Throws XX000 for a binding not in the input, 0A000 for a subquery expression.
  ExpressionPtr Resolve(const Expression& expression) const;

  /// The position of `binding` in the input. Throws XX000 if absent.
  idx_t PositionOf(const ColumnBinding& binding, const std::string& name) const;

 private:
  static constexpr idx_t kAmbiguous = ~idx_t(0);
  std::unordered_map<ColumnBinding, idx_t, ColumnBindingHash> positions_;
};

}  // namespace cairn

#include "execution/binding_resolver.h"

#include "cairn/exception.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

void ResolveInPlace(ExpressionPtr& expression, const BindingResolver& resolver) {
  CheckStackDepth();
  if (expression->expression_class == ExpressionClass::COLUMN_REF) {
    const auto& ref = static_cast<const BoundColumnRef&>(*expression);
    auto resolved = std::make_unique<BoundReference>(resolver.PositionOf(ref.binding, ref.name), ref.return_type, ref.name);
    resolved->alias = ref.alias;
    expression = std::move(resolved);
    return;
  }
  if (expression->expression_class == ExpressionClass::SUBQUERY) {
    throw Exception(sqlstate::kFeatureNotSupported, "subqueries in expressions are not supported yet");
  }
  ForEachChild(*expression, [&](ExpressionPtr& child) { ResolveInPlace(child, resolver); });
}

}  // namespace

BindingResolver::BindingResolver(const std::vector<ColumnBinding>& input) {
  positions_.reserve(input.size());
  for (idx_t i = 0; i < input.size(); i++) {
    auto [slot, inserted] = positions_.emplace(input[i], i);
    if (!inserted) slot->second = kAmbiguous;
  }
}

idx_t BindingResolver::PositionOf(const ColumnBinding& binding, const std::string& name) const {
  auto found = positions_.find(binding);
  if (found == positions_.end()) {
    throw Exception(sqlstate::kInternalError,
                    "column \"" + name + "\" (binding " + binding.ToString() + ") is not in the operator's input");
  }
  if (found->second == kAmbiguous) {
    throw Exception(sqlstate::kInternalError,
                    "column \"" + name + "\" (binding " + binding.ToString() + ") appears twice in the operator's input");
  }
  return found->second;
}

ExpressionPtr BindingResolver::Resolve(const Expression& expression) const {
  ExpressionPtr copy = expression.Copy();
  ResolveInPlace(copy, *this);
  return copy;
}

}  // namespace cairn

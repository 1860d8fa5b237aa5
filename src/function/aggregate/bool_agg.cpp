// BOOL_AND / BOOL_OR (PostgreSQL's every/some): NULL for no non-NULL inputs.
#include "cairn/exception.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

struct BoolState {
  bool value;
  bool has;
};

template <bool IS_AND>
struct BoolOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(BoolState& s) { s.value = IS_AND; s.has = false; }
  static void Operation(BoolState& s, const bool& v) {
    s.value = IS_AND ? (s.value && v) : (s.value || v);
    s.has = true;
  }
  static void Combine(const BoolState& src, BoolState& dst) {
    if (src.has) Operation(dst, src.value);
  }
  static void Finalize(BoolState& s, Vector& result, idx_t row) {
    if (!s.has) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<bool>()[row] = s.value;
  }
};

}  // namespace

AggregateFunction BindBoolAgg(const std::string& name, const LogicalType& argument) {
  if (argument.id() != TypeId::BOOLEAN) {
    throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + argument.ToString() + ")");
  }
  if (name == "bool_and") return MakeUnary<BoolState, bool, BoolOp<true>>(name, argument, TypeId::BOOLEAN);
  return MakeUnary<BoolState, bool, BoolOp<false>>(name, argument, TypeId::BOOLEAN);
}

}  // namespace cairn::aggregate

// BIT_AND, BIT_OR, BIT_XOR over integer types (PostgreSQL 14+): the bitwise AND / OR / XOR of
// the non-NULL values, of the argument's type; NULL when there are none. Two's complement, so
// negative values take part bit by bit as in PostgreSQL.
#include "cairn/exception.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

template <class T>
struct BitState {
  T value;
  bool has;
};

enum class BitKind { AND, OR, XOR };

template <class T, BitKind KIND>
struct BitOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(BitState<T>& s) { s.value = KIND == BitKind::AND ? T(~T(0)) : T(0); s.has = false; }
  static void Operation(BitState<T>& s, const T& v) {
    if constexpr (KIND == BitKind::AND) s.value &= v;
    if constexpr (KIND == BitKind::OR) s.value |= v;
    if constexpr (KIND == BitKind::XOR) s.value ^= v;
    s.has = true;
  }
  static void Combine(const BitState<T>& src, BitState<T>& dst) {
    if (src.has) Operation(dst, src.value);
  }
  static void Finalize(BitState<T>& s, Vector& result, idx_t row) {
    if (!s.has) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<T>()[row] = s.value;
  }
};

template <class T>
AggregateFunction Make(const std::string& name, const LogicalType& argument) {
  if (name == "bit_and") return MakeUnary<BitState<T>, T, BitOp<T, BitKind::AND>>(name, argument, argument);
  if (name == "bit_or") return MakeUnary<BitState<T>, T, BitOp<T, BitKind::OR>>(name, argument, argument);
  return MakeUnary<BitState<T>, T, BitOp<T, BitKind::XOR>>(name, argument, argument);
}

}  // namespace

AggregateFunction BindBitAgg(const std::string& name, const LogicalType& argument) {
  if (argument.IsIntegral()) {
    switch (argument.physical_type()) {
      case PhysicalType::INT32: return Make<int32_t>(name, argument);
      case PhysicalType::INT64: return Make<int64_t>(name, argument);
      case PhysicalType::INT128: return Make<hugeint_t>(name, argument);
      default: break;
    }
  }
  throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + argument.ToString() + ")");
}

}  // namespace cairn::aggregate

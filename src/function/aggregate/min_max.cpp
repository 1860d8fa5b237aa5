// MIN, MAX and ANY_VALUE over every physical type (NUMERIC by value: the result is the input
// value itself, with its own scale). String states own a copy of their bytes
// (input chunks are reused), freed by destroy.
#include <cstdlib>

#include "cairn/exception.h"
#include "common/numeric.h"
#include "function/aggregate/physical_type_dispatch.h"
#include "function/aggregate/unary_aggregate.h"

namespace cairn::aggregate {
namespace {

enum class Kind { MIN, MAX, ANY };

template <class T>
struct ValueState {
  T value;
  bool has;
};

template <Kind K, class T, bool kNumeric = false>
bool Replaces(const ValueState<T>& s, const T& v) {
  if (!s.has) return true;
  int c;
  if constexpr (kNumeric) {
    c = numeric::Compare(v, s.value);
  } else {
    c = CompareValues(v, s.value);
  }
  if constexpr (K == Kind::MIN) return c < 0;
  if constexpr (K == Kind::MAX) return c > 0;
  return false;
}

template <Kind K, class T, bool kNumeric = false>
struct FixedOp {
  static constexpr bool kNeedsDestroy = false;
  static void Initialize(ValueState<T>& s) { s.has = false; s.value = T{}; }
  static void Operation(ValueState<T>& s, const T& v) {
    if (Replaces<K, T, kNumeric>(s, v)) {
      s.value = v;
      s.has = true;
    }
  }
  static void Combine(const ValueState<T>& src, ValueState<T>& dst) {
    if (src.has) Operation(dst, src.value);
  }
  static void Finalize(ValueState<T>& s, Vector& result, idx_t row) {
    if (!s.has) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<T>()[row] = s.value;
  }
};

struct StringState {
  ValueState<string_t> base;
  char* buffer;
  uint32_t capacity;
};

template <Kind K>
struct StringOp {
  static constexpr bool kNeedsDestroy = true;
  static void Initialize(StringState& s) {
    s.base.has = false;
    s.base.value = string_t();
    s.buffer = nullptr;
    s.capacity = 0;
  }
  static void Assign(StringState& s, const string_t& v) {
    if (v.IsInlined()) {
      s.base.value = v;
    } else {
      if (s.capacity < v.size()) {
        std::free(s.buffer);
        s.buffer = static_cast<char*>(std::malloc(v.size()));
        if (!s.buffer) throw Exception(sqlstate::kOutOfMemory, "out of memory in MIN/MAX state");
        s.capacity = v.size();
      }
      std::memcpy(s.buffer, v.data(), v.size());
      s.base.value = string_t(s.buffer, v.size());
    }
    s.base.has = true;
  }
  static void Operation(StringState& s, const string_t& v) {
    if (Replaces<K>(s.base, v)) Assign(s, v);
  }
  static void Combine(const StringState& src, StringState& dst) {
    if (src.base.has) Operation(dst, src.base.value);
  }
  static void Finalize(StringState& s, Vector& result, idx_t row) {
    if (!s.base.has) {
      result.validity().SetInvalid(row);
      return;
    }
    result.data<string_t>()[row] = result.AddString(s.base.value.view());
  }
  static void Destroy(StringState& s) {
    std::free(s.buffer);
    s.buffer = nullptr;
    s.capacity = 0;
  }
};

template <Kind K>
AggregateFunction Make(const std::string& name, const LogicalType& argument) {
  PhysicalType physical = argument.physical_type();
  if (physical == PhysicalType::INVALID) {
    throw Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + argument.ToString() + ")");
  }
  if (argument.id() == TypeId::NUMERIC) {
    return MakeUnary<ValueState<hugeint_t>, hugeint_t, FixedOp<K, hugeint_t, true>>(name, argument, argument);
  }
  return DispatchPhysical(physical, [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, string_t>) {
      return MakeUnary<StringState, string_t, StringOp<K>>(name, argument, argument);
    } else {
      return MakeUnary<ValueState<T>, T, FixedOp<K, T>>(name, argument, argument);
    }
  });
}

}  // namespace

AggregateFunction BindMinMax(const std::string& name, const LogicalType& argument) {
  if (name == "min") return Make<Kind::MIN>(name, argument);
  if (name == "max") return Make<Kind::MAX>(name, argument);
  return Make<Kind::ANY>(name, argument);
}

}  // namespace cairn::aggregate

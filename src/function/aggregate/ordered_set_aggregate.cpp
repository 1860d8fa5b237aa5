// percentile_cont, percentile_disc and mode WITHIN GROUP (ORDER BY key), as PostgreSQL 15's
// orderedsetaggs.c defines them: the non-NULL keys of a group are sorted in the ORDER BY's
// direction, then
//   percentile_cont(p): with n keys, rows floor(p·(n−1)) and ceil(p·(n−1)) (0-based) are
//     interpolated linearly: lo + (hi − lo)·(p·(n−1) − floor(p·(n−1))); for intervals with
//     interval − interval, interval * float8 and interval + interval, as PostgreSQL;
//   percentile_disc(p): the key at row max(ceil(p·n), 1) (1-based);
//   mode(): the most frequent key; among equally frequent ones the first in sort order.
// No non-NULL keys → NULL. A NULL fraction → NULL; a fraction outside [0, 1] (or NaN) → 22003.
// An array of fractions gives the array of the percentiles (NULL elements stay NULL).
#include <cmath>
#include <cstdio>
#include <optional>

#include "cairn/exception.h"
#include "function/aggregate/aggregate_input_buffer.h"
#include "function/aggregate/ordered_aggregate.h"
#include "function/aggregate/physical_type_dispatch.h"
#include "function/scalar_function.h"
#include "common/array_encoding.h"
#include "common/numeric.h"

namespace cairn::aggregate {
namespace {

template <class T>
bool KeysEqual(const T& a, const T& b, bool numeric_key) {
  if constexpr (std::is_same_v<T, hugeint_t>) {
    if (numeric_key) return numeric::Compare(a, b) == 0;
  }
  return EqualValues<T>(a, b);
}


enum class OrderedSetKind { PERCENTILE_CONT, PERCENTILE_DISC, MODE };

struct OrderedSetState {
  AggregateInputBuffer* keys;  // the non-NULL keys; null until the first one
  double fraction;
  uint8_t fraction_seen;       // 0: no row yet, 1: fraction holds the value, 2: the fraction was NULL
  std::string* fractions;      // an array of fractions: its encoding (fraction_seen as above)
};

OrderedSetState& State(uint8_t* p) { return *reinterpret_cast<OrderedSetState*>(p); }

void RecordFraction(OrderedSetState& s, bool valid, double value) {
  uint8_t seen = valid ? 1 : 2;
  if (s.fraction_seen == 0) {
    s.fraction_seen = seen;
    s.fraction = valid ? value : 0;
    return;
  }
  bool same = s.fraction_seen == seen && (!valid || s.fraction == value || (std::isnan(s.fraction) && std::isnan(value)));
  if (!same) {
    throw Exception(sqlstate::kGroupingError,
                    "direct arguments of an ordered-set aggregate must use only grouped columns");
  }
}

void RecordFractions(OrderedSetState& s, bool valid, std::string_view bytes) {
  uint8_t seen = valid ? 1 : 2;
  if (s.fraction_seen == 0) {
    s.fraction_seen = seen;
    if (valid) s.fractions = new std::string(bytes);
    return;
  }
  if (s.fraction_seen != seen || (valid && *s.fractions != bytes)) {
    throw Exception(sqlstate::kGroupingError,
                    "direct arguments of an ordered-set aggregate must use only grouped columns");
  }
}

void CheckFraction(double p) {
  if (!(p >= 0 && p <= 1)) {  // also NaN
    char text[64];
    std::snprintf(text, sizeof(text), "%g", p);
    throw Exception(sqlstate::kNumericValueOutOfRange, std::string("percentile value ") + text + " is not between 0 and 1");
  }
}

/// Copies the key at `row` of `keys` into row `out_row` of `result`.
void CopyKey(const AggregateInputBuffer& keys, idx_t row, Vector& result, idx_t out_row) {
  DispatchPhysical(keys.type(0).physical_type(), [&](auto v) {
    using T = decltype(v);
    if constexpr (std::is_same_v<T, string_t>) {
      result.data<string_t>()[out_row] = result.AddString(keys.Get<string_t>(0, row).view());
    } else {
      result.data<T>()[out_row] = keys.Get<T>(0, row);
    }
  });
}

/// lo + (hi - lo) * fraction for intervals, with PostgreSQL's interval arithmetic (the scalar
/// operators -, * and +, which raise 22008 on overflow).
interval_t InterpolateIntervals(const interval_t& lo, const interval_t& hi, double fraction) {
  auto run = [](const char* op, const LogicalType& right_type, const Value& left, const Value& right) {
    ScalarFunction fn = BindScalarFunction(op, {left.type(), right_type});
    DataChunk arguments;
    arguments.data.emplace_back(left);
    arguments.data.emplace_back(right);
    arguments.SetCardinality(1);
    Vector out(fn.return_type, 1);
    fn.kernel(arguments, out);
    return out.GetValue(0);
  };
  Value difference = run("-", TypeId::INTERVAL, Value::Interval(hi), Value::Interval(lo));
  Value scaled = run("*", TypeId::DOUBLE, difference, Value::Double(fraction));
  Value sum = run("+", TypeId::INTERVAL, scaled, Value::Interval(lo));
  return sum.GetInterval();
}

}  // namespace

bool IsOrderedSetAggregate(const std::string& name) {
  return name == "percentile_cont" || name == "percentile_disc" || name == "mode";
}

AggregateFunction BindOrderedSetAggregate(const std::string& name, const LogicalType& key_type, AggregateOrder order,
                                          const std::vector<LogicalType>& direct_types) {
  OrderedSetKind kind = name == "percentile_cont"   ? OrderedSetKind::PERCENTILE_CONT
                        : name == "percentile_disc" ? OrderedSetKind::PERCENTILE_DISC
                                                    : OrderedSetKind::MODE;
  auto no_match = [&]() {
    std::string types;
    for (size_t i = 0; i < direct_types.size(); i++) types += (i ? ", " : "") + direct_types[i].ToString();
    return Exception(sqlstate::kUndefinedFunction, "No function matches " + name + "(" + types +
                                                       ") WITHIN GROUP (ORDER BY " + key_type.ToString() + ")");
  };
  bool has_fraction = kind != OrderedSetKind::MODE;
  if (direct_types.size() != (has_fraction ? 1u : 0u)) throw no_match();
  const bool fraction_array = has_fraction && direct_types[0].IsArray();
  if (fraction_array && !direct_types[0].element_type().IsNumeric()) throw no_match();
  if (has_fraction && !fraction_array && !direct_types[0].IsNumeric() && direct_types[0].id() != TypeId::SQLNULL &&
      direct_types[0].id() != TypeId::VARCHAR) {
    throw no_match();
  }
  LogicalType key = key_type;
  if (key.id() == TypeId::SQLNULL) key = kind == OrderedSetKind::PERCENTILE_CONT ? TypeId::DOUBLE : TypeId::VARCHAR;
  if (kind == OrderedSetKind::PERCENTILE_CONT) {
    if (key.IsNumeric()) {
      key = TypeId::DOUBLE;
    } else if (key.id() != TypeId::INTERVAL) {
      throw no_match();
    }
  }
  AggregateFunction fn;
  fn.name = name + (order.descending ? "[WITHIN GROUP DESC]" : "[WITHIN GROUP]");
  fn.arguments = {key};
  if (has_fraction) fn.arguments.push_back(fraction_array ? LogicalType::Array(TypeId::DOUBLE) : LogicalType(TypeId::DOUBLE));
  fn.return_type = fraction_array ? LogicalType::Array(key) : key;
  fn.state_size = sizeof(OrderedSetState);
  std::vector<LogicalType> key_types = {key};
  std::vector<BufferSortKey> sort_keys = {BufferSortKey{0, order.descending, false}};
  fn.initialize = [](uint8_t* s) { State(s) = OrderedSetState{nullptr, 0, 0, nullptr}; };
  fn.update = [key_types, has_fraction, fraction_array](Vector* inputs, idx_t, uint8_t** states, idx_t count) {
    UnifiedFormat keys, fractions;
    inputs[0].ToUnified(count, keys);
    if (has_fraction) inputs[1].ToUnified(count, fractions);
    for (idx_t i = 0; i < count; i++) {
      auto& state = State(states[i]);
      if (has_fraction) {
        idx_t f = fractions.sel->get_index(i);
        bool valid = fractions.validity->RowIsValid(f);
        if (fraction_array) {
          RecordFractions(state, valid, valid ? reinterpret_cast<const string_t*>(fractions.data)[f].view() : std::string_view());
        } else {
          RecordFraction(state, valid, valid ? reinterpret_cast<const double*>(fractions.data)[f] : 0);
        }
      }
      if (!keys.validity->RowIsValid(keys.sel->get_index(i))) continue;
      if (!state.keys) state.keys = new AggregateInputBuffer(key_types);
      state.keys->Append(&keys, i);
    }
  };
  fn.combine = [key_types](const uint8_t* source, uint8_t* target) {
    const auto& src = *reinterpret_cast<const OrderedSetState*>(source);
    auto& dst = State(target);
    if (src.fraction_seen && src.fractions) {
      RecordFractions(dst, true, *src.fractions);
    } else if (src.fraction_seen) {
      RecordFraction(dst, src.fraction_seen == 1, src.fraction);
    }
    if (!src.keys || src.keys->size() == 0) return;
    if (!dst.keys) dst.keys = new AggregateInputBuffer(key_types);
    dst.keys->AppendBuffer(*src.keys);
  };
  // The percentile `p` (or the mode) of the sorted keys, into row `out` of `target`.
  auto compute = [kind, key](const AggregateInputBuffer& keys, const std::vector<idx_t>& rows, double p, Vector& target,
                             idx_t out) {
    idx_t n = rows.size();
    switch (kind) {
      case OrderedSetKind::PERCENTILE_CONT: {
        double position = p * static_cast<double>(n - 1);
        auto first = static_cast<idx_t>(std::floor(position));
        auto second = static_cast<idx_t>(std::ceil(position));
        double proportion = position - static_cast<double>(first);
        if (key.id() == TypeId::INTERVAL) {
          const interval_t& lo = keys.Get<interval_t>(0, rows[first]);
          target.data<interval_t>()[out] =
              first == second ? lo : InterpolateIntervals(lo, keys.Get<interval_t>(0, rows[second]), proportion);
        } else {
          double lo = keys.Get<double>(0, rows[first]);
          target.data<double>()[out] = first == second ? lo : lo + (keys.Get<double>(0, rows[second]) - lo) * proportion;
        }
        break;
      }
      case OrderedSetKind::PERCENTILE_DISC: {
        auto row_number = static_cast<idx_t>(std::ceil(p * static_cast<double>(n)));
        if (row_number < 1) row_number = 1;
        if (row_number > n) row_number = n;
        CopyKey(keys, rows[row_number - 1], target, out);
        break;
      }
      case OrderedSetKind::MODE: {
        const bool numeric_key = key.id() == TypeId::NUMERIC;  // 1.0 and 1.00 are one value
        DispatchPhysical(key.physical_type(), [&](auto v) {
          using T = decltype(v);
          idx_t mode_row = rows[0], mode_frequency = 0;
          idx_t run_start = 0;
          for (idx_t r = 1; r <= n; r++) {
            if (r < n && KeysEqual<T>(keys.Get<T>(0, rows[r]), keys.Get<T>(0, rows[run_start]), numeric_key)) continue;
            if (r - run_start > mode_frequency) {
              mode_frequency = r - run_start;
              mode_row = rows[run_start];
            }
            run_start = r;
          }
          CopyKey(keys, mode_row, target, out);
        });
        break;
      }
    }
  };
  fn.finalize = [kind, sort_keys, key, fraction_array, compute](uint8_t** states, idx_t count, Vector& result, idx_t offset) {
    for (idx_t i = 0; i < count; i++) {
      auto& state = State(states[i]);
      idx_t out = offset + i;
      if (kind != OrderedSetKind::MODE) {
        if (state.fraction_seen == 2) {
          result.validity().SetInvalid(out);
          continue;
        }
        if (state.fraction_seen == 1 && !fraction_array) CheckFraction(state.fraction);
      }
      if (!state.keys || state.keys->size() == 0) {
        result.validity().SetInvalid(out);
        continue;
      }
      const AggregateInputBuffer& keys = *state.keys;
      std::vector<idx_t> rows = keys.Order(sort_keys);
      if (!fraction_array) {
        compute(keys, rows, state.fraction, result, out);
        continue;
      }
      // One percentile per fraction, as an array.
      const std::string empty;
      const std::string& fractions = state.fractions ? *state.fractions : empty;
      const LogicalType fraction_type = TypeId::DOUBLE;
      const idx_t n = array::Count(fractions, fraction_type);
      Vector values(key, std::max<idx_t>(n, 1));
      array::ArrayReader reader(fractions, fraction_type);
      for (idx_t e = 0; reader.Next(); e++) {
        if (reader.IsNull()) {
          values.validity().SetInvalid(e);
          continue;
        }
        CheckFraction(reader.GetDouble());
        compute(keys, rows, reader.GetDouble(), values, e);
      }
      const std::string bytes = array::Encode(values, 0, n);
      result.data<string_t>()[out] = result.AddString(bytes);
    }
  };
  fn.destroy = [](uint8_t* s) {
    delete State(s).keys;
    State(s).keys = nullptr;
    delete State(s).fractions;
    State(s).fractions = nullptr;
  };
  return fn;
}

}  // namespace cairn::aggregate

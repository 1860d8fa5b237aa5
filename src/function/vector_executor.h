// Vector executors: the loops every scalar kernel and cast runs, written once. They read
// inputs of any kind (flat, constant, dictionary) and write a flat result, with tight loops
// for the hot cases (all flat or constant, no NULLs) and a general path through
// UnifiedFormat. When every input is CONSTANT the result is made CONSTANT.
//
// NULL handling: a row whose input is NULL yields NULL and the operation is not called for it
// (so operations may throw on their arguments, e.g. division by zero, without seeing garbage
// from NULL slots). Operations that can fail softly (try_cast) return false and the row
// becomes NULL.
//
// Thread-safety: stateless templates; the vectors are used by one thread.
#pragma once

#include <vector>

#include "cairn/vector.h"

namespace cairn::executor {

/// Turns a result whose row 0 was computed from constant inputs into a CONSTANT vector.
inline void MakeConstantFromFirstRow(Vector& result) {
  Value value = result.GetValue(0);
  result.SetConstant(value);
}

/// result[i] = op(input[i]) for non-NULL rows. `op` is `OUT(const IN&)`.
template <class IN, class OUT, class OP>
void UnaryExecute(const Vector& input, Vector& result, idx_t count, OP&& op) {
  OUT* out = result.data<OUT>();
  if (input.kind() == VectorKind::CONSTANT) {
    if (!input.validity().RowIsValid(0)) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    if (count == 0) return;
    out[0] = op(input.data<IN>()[0]);
    MakeConstantFromFirstRow(result);
    return;
  }
  if (input.kind() == VectorKind::FLAT) {
    const IN* in = input.data<IN>();
    const ValidityMask& validity = input.validity();
    if (validity.AllValid()) {
      for (idx_t i = 0; i < count; i++) out[i] = op(in[i]);
    } else {
      ValidityMask& result_validity = result.validity();
      for (idx_t i = 0; i < count; i++) {
        if (validity.RowIsValid(i)) {
          out[i] = op(in[i]);
        } else {
          result_validity.SetInvalid(i);
        }
      }
    }
    return;
  }
  UnifiedFormat format;
  input.ToUnified(count, format);
  const IN* in = reinterpret_cast<const IN*>(format.data);
  ValidityMask& result_validity = result.validity();
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = format.sel->get_index(i);
    if (format.validity->RowIsValid(idx)) {
      out[i] = op(in[idx]);
    } else {
      result_validity.SetInvalid(i);
    }
  }
}

/// Like UnaryExecute, but `op` is `bool(const IN&, OUT&)`; when it returns false the row
/// becomes NULL.
template <class IN, class OUT, class OP>
void UnaryExecuteFallible(const Vector& input, Vector& result, idx_t count, OP&& op) {
  OUT* out = result.data<OUT>();
  ValidityMask& result_validity = result.validity();
  if (input.kind() == VectorKind::CONSTANT) {
    if (!input.validity().RowIsValid(0) || count == 0) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    if (!op(input.data<IN>()[0], out[0])) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    MakeConstantFromFirstRow(result);
    return;
  }
  UnifiedFormat format;
  input.ToUnified(count, format);
  const IN* in = reinterpret_cast<const IN*>(format.data);
  if (input.kind() == VectorKind::FLAT && format.validity->AllValid()) {
    for (idx_t i = 0; i < count; i++) {
      if (!op(in[i], out[i])) result_validity.SetInvalid(i);
    }
    return;
  }
  for (idx_t i = 0; i < count; i++) {
    idx_t idx = format.sel->get_index(i);
    if (!format.validity->RowIsValid(idx) || !op(in[idx], out[i])) result_validity.SetInvalid(i);
  }
}

/// result[i] = op(left[i], right[i]) for rows where both are non-NULL. `op` is
/// `OUT(const L&, const R&)`.
template <class L, class R, class OUT, class OP>
void BinaryExecute(const Vector& left, const Vector& right, Vector& result, idx_t count, OP&& op) {
  OUT* out = result.data<OUT>();
  VectorKind lk = left.kind(), rk = right.kind();
  if (lk == VectorKind::CONSTANT && rk == VectorKind::CONSTANT) {
    if (!left.validity().RowIsValid(0) || !right.validity().RowIsValid(0) || count == 0) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    out[0] = op(left.data<L>()[0], right.data<R>()[0]);
    MakeConstantFromFirstRow(result);
    return;
  }
  ValidityMask& result_validity = result.validity();
  if (lk == VectorKind::FLAT && rk == VectorKind::FLAT) {
    const L* a = left.data<L>();
    const R* b = right.data<R>();
    const ValidityMask& av = left.validity();
    const ValidityMask& bv = right.validity();
    if (av.AllValid() && bv.AllValid()) {
      for (idx_t i = 0; i < count; i++) out[i] = op(a[i], b[i]);
    } else {
      for (idx_t i = 0; i < count; i++) {
        if (av.RowIsValid(i) && bv.RowIsValid(i)) {
          out[i] = op(a[i], b[i]);
        } else {
          result_validity.SetInvalid(i);
        }
      }
    }
    return;
  }
  if (lk == VectorKind::FLAT && rk == VectorKind::CONSTANT) {
    if (!right.validity().RowIsValid(0)) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    const L* a = left.data<L>();
    const R b = right.data<R>()[0];
    const ValidityMask& av = left.validity();
    if (av.AllValid()) {
      for (idx_t i = 0; i < count; i++) out[i] = op(a[i], b);
    } else {
      for (idx_t i = 0; i < count; i++) {
        if (av.RowIsValid(i)) {
          out[i] = op(a[i], b);
        } else {
          result_validity.SetInvalid(i);
        }
      }
    }
    return;
  }
  if (lk == VectorKind::CONSTANT && rk == VectorKind::FLAT) {
    if (!left.validity().RowIsValid(0)) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    const L a = left.data<L>()[0];
    const R* b = right.data<R>();
    const ValidityMask& bv = right.validity();
    if (bv.AllValid()) {
      for (idx_t i = 0; i < count; i++) out[i] = op(a, b[i]);
    } else {
      for (idx_t i = 0; i < count; i++) {
        if (bv.RowIsValid(i)) {
          out[i] = op(a, b[i]);
        } else {
          result_validity.SetInvalid(i);
        }
      }
    }
    return;
  }
  UnifiedFormat lf, rf;
  left.ToUnified(count, lf);
  right.ToUnified(count, rf);
  const L* a = reinterpret_cast<const L*>(lf.data);
  const R* b = reinterpret_cast<const R*>(rf.data);
  for (idx_t i = 0; i < count; i++) {
    idx_t li = lf.sel->get_index(i), ri = rf.sel->get_index(i);
    if (lf.validity->RowIsValid(li) && rf.validity->RowIsValid(ri)) {
      out[i] = op(a[li], b[ri]);
    } else {
      result_validity.SetInvalid(i);
    }
  }
}

/// Like BinaryExecute, but `op` is `bool(const L&, const R&, OUT&)`; false makes the row NULL.
template <class L, class R, class OUT, class OP>
void BinaryExecuteFallible(const Vector& left, const Vector& right, Vector& result, idx_t count, OP&& op) {
  OUT* out = result.data<OUT>();
  if (left.kind() == VectorKind::CONSTANT && right.kind() == VectorKind::CONSTANT) {
    if (count == 0 || !left.validity().RowIsValid(0) || !right.validity().RowIsValid(0) ||
        !op(left.data<L>()[0], right.data<R>()[0], out[0])) {
      result.SetConstant(Value::Null(result.type()));
      return;
    }
    MakeConstantFromFirstRow(result);
    return;
  }
  UnifiedFormat lf, rf;
  left.ToUnified(count, lf);
  right.ToUnified(count, rf);
  const L* a = reinterpret_cast<const L*>(lf.data);
  const R* b = reinterpret_cast<const R*>(rf.data);
  ValidityMask& result_validity = result.validity();
  for (idx_t i = 0; i < count; i++) {
    idx_t li = lf.sel->get_index(i), ri = rf.sel->get_index(i);
    if (!lf.validity->RowIsValid(li) || !rf.validity->RowIsValid(ri) || !op(a[li], b[ri], out[i])) {
      result_validity.SetInvalid(i);
    }
  }
}

/// Reads row `i` of a unified vector. REQUIRES: the row is valid.
template <class T>
inline const T& UnifiedValue(const UnifiedFormat& format, idx_t i) {
  return reinterpret_cast<const T*>(format.data)[format.sel->get_index(i)];
}
inline bool UnifiedValid(const UnifiedFormat& format, idx_t i) {
  return format.validity->RowIsValid(format.sel->get_index(i));
}

}  // namespace cairn::executor

namespace cairn::executor {

/// Row-at-a-time executor for functions of any arity (string functions, varargs): reads every
/// argument through UnifiedFormat and calls `op(formats, row, out)` for each row, which
/// returns false to make the row NULL. With `null_in_null_out`, rows where any argument is
/// NULL are NULL without calling `op`. The result is CONSTANT when every argument is.
template <class OUT, class OP>
void NaryExecute(const std::vector<Vector>& args, idx_t count, Vector& result, bool null_in_null_out, OP&& op) {
  std::vector<UnifiedFormat> formats(args.size());
  bool all_constant = true;
  for (size_t a = 0; a < args.size(); a++) {
    args[a].ToUnified(count, formats[a]);
    all_constant = all_constant && args[a].kind() == VectorKind::CONSTANT;
  }
  idx_t rows = all_constant && count > 0 ? 1 : count;
  OUT* out = result.data<OUT>();
  ValidityMask& validity = result.validity();
  for (idx_t i = 0; i < rows; i++) {
    bool valid = true;
    if (null_in_null_out) {
      for (const auto& f : formats) {
        if (!UnifiedValid(f, i)) {
          valid = false;
          break;
        }
      }
    }
    if (!valid || !op(formats, i, out[i])) validity.SetInvalid(i);
  }
  if (all_constant && count > 0) MakeConstantFromFirstRow(result);
}

/// Builds a string_t for `text` owned by `result` (inlined when short, else in its heap).
inline string_t MakeResultString(Vector& result, std::string_view text) {
  if (text.size() <= string_t::kInlineLength) return string_t(text);
  return result.AddString(text);
}

}  // namespace cairn::executor

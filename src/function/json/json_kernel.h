// Row-at-a-time plumbing shared by the json kernels: JSON work (parsing, navigation) costs far
// more per row than reading the arguments, so the kernels read each argument through an
// ArgumentReader (any vector kind) and write flat results; RowsToCompute/FinishResult make the
// result CONSTANT when every argument is (constant folding in the planner relies on it).
//
// Thread-safety: the helpers touch only the vectors passed in.
#pragma once

#include <string_view>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/string_type.h"

namespace cairn::json {

/// Reads rows of one argument vector of any kind.
class ArgumentReader {
 public:
  ArgumentReader(const Vector& vector, idx_t count) : vector_(vector) { vector.ToUnified(count, format_); }
  bool IsNull(idx_t row) const { return !format_.validity->RowIsValid(format_.sel->get_index(row)); }
  /// REQUIRES: physical type STRING, row not NULL.
  std::string_view String(idx_t row) const {
    return reinterpret_cast<const string_t*>(format_.data)[format_.sel->get_index(row)].view();
  }
  /// The row as a Value (any type; slow path for argument types that vary).
  Value GetValue(idx_t row) const { return vector_.GetValue(row); }

 private:
  const Vector& vector_;
  UnifiedFormat format_;
};

/// Rows a kernel must compute: 1 if every argument is CONSTANT, else args.size().
inline idx_t RowsToCompute(const DataChunk& args) {
  for (const auto& vector : args.data) {
    if (vector.kind() != VectorKind::CONSTANT) return args.size();
  }
  return args.size() == 0 ? 0 : 1;
}

/// Makes `result` CONSTANT (from row 0) when the kernel computed a single row for constant
/// arguments.
inline void FinishResult(const DataChunk& args, Vector& result) {
  if (args.size() > 0 && RowsToCompute(args) == 1 && !args.data.empty()) result.SetConstant(result.GetValue(0));
}

/// Stores `text` at `row` of the flat string vector `result`.
inline void SetString(Vector& result, idx_t row, std::string_view text) {
  result.validity().SetValid(row);
  result.data<string_t>()[row] = text.size() <= string_t::kInlineLength ? string_t(text) : result.AddString(text);
}

inline void SetNull(Vector& result, idx_t row) { result.validity().SetInvalid(row); }

/// Stores a boolean at `row` of the flat BOOLEAN vector `result`.
inline void SetBool(Vector& result, idx_t row, bool value) {
  result.validity().SetValid(row);
  result.data<bool>()[row] = value;
}

/// A kernel computing one row at a time: `compute(readers, row, result)` writes row `row` of
/// `result`. With `strict`, rows where any argument is NULL are NULL without calling it.
template <class COMPUTE>
auto RowKernel(bool strict, COMPUTE compute) {
  return [strict, compute](DataChunk& args, Vector& result) {
    idx_t rows = RowsToCompute(args);
    std::vector<ArgumentReader> readers;
    readers.reserve(args.data.size());
    for (auto& vector : args.data) readers.emplace_back(vector, rows);
    for (idx_t row = 0; row < rows; row++) {
      bool any_null = false;
      for (const auto& reader : readers) any_null = any_null || reader.IsNull(row);
      if (strict && any_null) {
        SetNull(result, row);
        continue;
      }
      compute(readers, row, result);
    }
    FinishResult(args, result);
  };
}

}  // namespace cairn::json

// ExpressionExecutor: evaluates bound expressions (sql/expression.h) over DataChunks, a vector
// at a time (MonetDB/X100, DuckDB's ExpressionExecutor).
//
// Evaluation rules: constants become CONSTANT vectors; column references alias the input
// vector (no copy); functions evaluate their children into an argument chunk and call the
// kernel; AND/OR/NOT use SQL three-valued logic; CASE evaluates each THEN only on the rows
// whose WHEN is TRUE (so `CASE WHEN x <> 0 THEN 1/x END` never divides by zero); IN / NOT IN
// are NULL when there is no match and the list (or the probe) contains a NULL; an IN list of two
// or more terms that are all constants or parameters probes a hash set (in_list_set.h) built
// on first use (and again for new parameter values) instead of comparing term by term.
//
// Select() returns the rows where a predicate is TRUE as a selection vector, with fast paths:
// `column <op> constant` compares in a tight loop, AND narrows the candidate rows conjunct by
// conjunct, and a predicate over a single DICTIONARY-encoded column is evaluated once per
// dictionary entry (cached across chunks while the dictionary stays the same) and mapped
// through the indices.
//
// Thread-safety: an ExpressionExecutor holds scratch state; use one per thread. The
// expressions it evaluates are shared read-only and must outlive it.
#pragma once

#include <memory>
#include <vector>

#include "cairn/data_chunk.h"
#include "sql/expression.h"

namespace cairn {

struct ExpressionState;

class ExpressionExecutor {
 public:
  ExpressionExecutor();
  /// An executor for one expression (index 0).
  explicit ExpressionExecutor(const Expression& expression);
  /// An executor for several expressions (indexes in order).
  explicit ExpressionExecutor(const std::vector<ExpressionPtr>& expressions);
  ~ExpressionExecutor();
  ExpressionExecutor(ExpressionExecutor&&) noexcept;
  ExpressionExecutor& operator=(ExpressionExecutor&&) noexcept;

  /// Adds an expression; returns its index.
  idx_t AddExpression(const Expression& expression);
  idx_t ExpressionCount() const { return states_.size(); }

  /// Evaluates expression `index` over the input.size() rows of `input` into `result` (which is
  /// overwritten: it may become a reference to an input vector or a CONSTANT vector). Throws
  /// cairn::Exception from kernels and casts.
  void Execute(idx_t index, DataChunk& input, Vector& result);
  /// Evaluates every expression into output.data[i] (output needs ExpressionCount() vectors)
  /// and sets output's cardinality to input.size().
  void Execute(DataChunk& input, DataChunk& output);
  /// Writes the rows of `input` where expression `index` (BOOLEAN) is TRUE into `true_sel`
  /// (capacity >= input.size()) and returns their number.
  idx_t Select(idx_t index, DataChunk& input, SelectionVector& true_sel);

 private:
  std::vector<std::unique_ptr<ExpressionState>> states_;
};

}  // namespace cairn

// Aggregate functions: COUNT, COUNT(*), COUNT(DISTINCT), SUM, AVG, MIN, MAX (and more), as
// state machines the hash aggregation operator drives (DuckDB's AggregateFunction).
//
// Lifecycle per group: initialize(state) → update(state, values)* → combine(source, target)*
// (merging thread-local states) → finalize(state) → destroy(state).
//
// Thread-safety: functions are immutable; a state is touched by one thread at a time.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {

struct AggregateFunction {
  std::string name;
  std::vector<LogicalType> arguments;  // argument types after implicit casts
  LogicalType return_type;
  idx_t state_size = 0;                // bytes of one group's state, 8-byte aligned
  /// Initializes a state at `state` (state_size bytes).
  std::function<void(uint8_t* state)> initialize;
  /// For rows 0..count-1 of `inputs` (one vector per argument; COUNT(*) has none), updates
  /// `states[i]` with row i. NULL inputs are skipped except by COUNT(*).
  std::function<void(Vector* inputs, idx_t input_count, uint8_t** states, idx_t count)> update;
  /// Optional fast path (added by the execution engine): updates the single state `state` with
  /// rows 0..count-1 of `inputs` (aggregates without GROUP BY). Empty = use `update`.
  std::function<void(Vector* inputs, idx_t input_count, uint8_t* state, idx_t count)> simple_update;
  /// Merges `source` into `target`.
  std::function<void(const uint8_t* source, uint8_t* target)> combine;
  /// Writes the final value of `states[i]` into row `offset + i` of `result`.
  std::function<void(uint8_t** states, idx_t count, Vector& result, idx_t offset)> finalize;
  /// Frees resources the state owns (may be empty when the state is trivially destructible).
  std::function<void(uint8_t* state)> destroy;
};

/// Binds `name` (case-insensitive) for `argument_types`. COUNT(*) is name "count_star" with no
/// arguments. DISTINCT is handled by the operator (it deduplicates inputs per group), so the
/// same function is returned. Return types follow DuckDB: COUNT → BIGINT; SUM of integers →
/// HUGEINT (DuckDB) — Cairn returns HUGEINT for SUM(BIGINT/INTEGER) printing as an integer;
/// SUM(DECIMAL(p,s)) → DECIMAL(38,s); SUM/AVG(DOUBLE) → DOUBLE; AVG of integers/decimals → DOUBLE;
/// MIN/MAX → the argument type. Throws cairn::Exception 42883 for unknown names/types.
AggregateFunction BindAggregateFunction(const std::string& name, const std::vector<LogicalType>& argument_types);

/// True if `name` is an aggregate function (so the binder knows `sum(x)` is not scalar).
bool IsAggregateFunction(const std::string& name);

}  // namespace cairn

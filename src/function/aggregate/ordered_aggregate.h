// Aggregates whose input order matters.
//
// Ordered aggregates — `agg(args ORDER BY keys)`, e.g. string_agg(s, ',' ORDER BY k): the
// wrapper built by MakeOrderedAggregate takes the plain aggregate's arguments followed by the
// sort keys, keeps every row of a group in an AggregateInputBuffer, and at Finalize sorts the
// rows (stably) and feeds them, in order, to the plain aggregate. Combine concatenates buffers,
// so it is exact whatever the split across threads.
//
// Ordered-set aggregates — `f(direct args) WITHIN GROUP (ORDER BY key)` (PostgreSQL 15,
// functions-aggregate.html table 9.62): percentile_cont(fraction), percentile_disc(fraction) and
// mode(). BindOrderedSetAggregate returns a function whose arguments are the key followed by the
// direct arguments (the fraction, evaluated per row; PostgreSQL evaluates it once per group,
// which is the same value whenever it does not reference ungrouped columns).
//
// Thread-safety: the returned functions are immutable; states are touched by one thread at a time.
#pragma once

#include <string>
#include <vector>

#include "function/aggregate_function.h"

namespace cairn::aggregate {

/// The direction of one ORDER BY key of an ordered or ordered-set aggregate.
struct AggregateOrder {
  bool descending = false;
  bool nulls_first = false;  // PostgreSQL's default: NULLS LAST for ASC, NULLS FIRST for DESC
};

/// Wraps `inner` (a bound plain aggregate) so that it sees its rows sorted by keys of
/// `key_types` in `orders` (one entry per key). The result's arguments are inner.arguments then
/// key_types; its name spells the directions (so that `f(x ORDER BY y)` and
/// `f(x ORDER BY y DESC)` are different aggregates) and its return type is inner's.
AggregateFunction MakeOrderedAggregate(const AggregateFunction& inner, const std::vector<LogicalType>& key_types,
                                       const std::vector<AggregateOrder>& orders);

/// True if `name` (lower case) is an ordered-set aggregate (percentile_cont, percentile_disc, mode).
bool IsOrderedSetAggregate(const std::string& name);

/// Binds the ordered-set aggregate `name` for the ORDER BY key `key_type` ordered by `order` and
/// the direct arguments `direct_types`. Arguments of the result: the key, then the direct
/// arguments (the binder casts them to these types). Result types as PostgreSQL's:
/// percentile_cont → DOUBLE (INTERVAL for an interval key; numeric keys are converted to
/// DOUBLE), percentile_disc and mode → the key's type. Throws 42883 for unsupported types or
/// argument counts, 0A000 for array fractions. At Finalize, a fraction outside [0, 1] is 22003
/// (as PostgreSQL, also for a group of only NULL keys).
AggregateFunction BindOrderedSetAggregate(const std::string& name, const LogicalType& key_type, AggregateOrder order,
                                          const std::vector<LogicalType>& direct_types);

}  // namespace cairn::aggregate

// Array functions and operators (PostgreSQL 15, functions-array.html), over the storage
// encoding of common/array_encoding.h.
//
// Registered by name (RegisterArrayFunctions): array_length, cardinality, array_ndims,
// array_dims, array_lower, array_upper, array_append, array_prepend, array_cat, ||,
// array_position, array_positions, array_remove, array_replace, array_to_string,
// string_to_array, @>, <@, && and the comparisons = <> < <= > >= between arrays.
// The binder builds the special forms below directly: constructors, subscripts, slices and
// `x op ANY/ALL (array)`.
//
// Element equality (array_position, @>, ANY) compares the elements' encodings, which equals
// SQL equality for every element type except intervals ('1 mon' vs '30 days'), whose ANY/ALL
// comparisons decode the values instead.
//
// Thread-safety: the returned functions' kernels are reentrant.
#pragma once

#include <string>

#include "function/scalar_function.h"

namespace cairn::function {

/// ARRAY[e1, ..., en] over `count` arguments of type `element`.
ScalarFunction ArrayConstructor(const LogicalType& element, idx_t count);
/// array[index] (1-based integer): the element, NULL when out of range or NULL.
ScalarFunction ArraySubscript(const LogicalType& array);
/// array[lower:upper] (integers, INT_MIN/INT_MAX when omitted): the elements in range.
ScalarFunction ArraySlice(const LogicalType& array);
/// x op ANY (array) / x op ALL (array) for a comparison `op` over (element, element[]):
/// true/false/NULL as PostgreSQL (an empty array gives false for ANY and true for ALL).
ScalarFunction ArrayAnyComparison(const std::string& op, bool all, const LogicalType& element);
/// x op ANY/ALL (array) for any other boolean operator `op` (LIKE, ~, ...), bound for
/// (op.arguments[0], op.arguments[1]): the operator's kernel runs over each row's elements.
ScalarFunction ArrayAnyOperator(const ScalarFunction& op, bool all);

}  // namespace cairn::function

// PostgreSQL's jsonb btree order and containment (jsonb_ops: =, <, @>, <@), over JsonNode trees
// of normalized jsonb values (ParseJson(text, true)).
//
// Order (PostgreSQL 15 compareJsonbContainers, "jsonb Indexing" in the manual): values of
// different types order Null < String < Number < Boolean < Array < Object; arrays by element
// count, then element by element; objects by member count, then member by member in storage
// order (key, then value); numbers numerically (1.0 = 1.00), strings by bytes (the C
// collation); a top-level scalar is a one-element "raw scalar" array that sorts before a real
// one-element array.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "function/json/json_document.h"

namespace cairn::json {

/// A byte string whose memcmp order is jsonb's order of `node`, equal exactly for jsonb-equal
/// values. `top_level`: `node` is a whole jsonb value (raw scalars sort as pseudo arrays).
std::string JsonbSortKey(const JsonNode& node, bool top_level = true);

/// jsonb `a @> b`: does `a` contain `b` (PostgreSQL's JsonbDeepContains, with its top-level
/// rule that an array contains a bare scalar it has as an element).
bool JsonbContains(const JsonNode& a, const JsonNode& b);

/// jsonb equality of two scalar nodes (numbers numerically).
bool JsonbScalarEquals(const JsonNode& a, const JsonNode& b);

}  // namespace cairn::json

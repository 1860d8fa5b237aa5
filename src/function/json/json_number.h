// JSON numbers as jsonb keeps them: PostgreSQL's numeric text (jsonb stores numbers as numeric,
// so `1e2` becomes `100`, `1.50e1` becomes `15.0`, `1.10` stays `1.10`, `-0` becomes `0`), and
// an order-preserving byte key in which numerically equal numbers (1.0, 1.00) are equal.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace cairn::json {

/// PostgreSQL's numeric output for the JSON number `text` (RFC 8259 number grammar, already
/// validated): digits with no exponent, display scale max(0, fraction digits - exponent).
/// Throws cairn::Exception 22003 "value overflows numeric format" when the value needs more than
/// 131072 integer digits or 16383 fraction digits (numeric's limits).
std::string NormalizeNumber(std::string_view text);

/// Appends an order-preserving key of the JSON number `text` to `key`: memcmp order of two keys
/// is numeric order, and numerically equal numbers have identical keys. Self-delimiting, so
/// keys can be concatenated (jsonb's sort key).
void AppendNumberKey(std::string_view text, std::string& key);

}  // namespace cairn::json

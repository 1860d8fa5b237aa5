// Conversion of SQL values to JSON text, as PostgreSQL's to_json / json_build_* / json_agg do
// (datum_to_json, PostgreSQL 15): numbers as JSON numbers (NaN and infinities as strings),
// booleans as true/false, json and jsonb embedded as they are, dates and timestamps in ISO 8601
// with a "T" (timestamptz with a +HH:MM offset), everything else as a JSON string of the value's
// text. SQL NULL becomes JSON null.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "cairn/value.h"

namespace cairn::json {

/// Appends the JSON text of `value` to `out`.
void AppendValueAsJson(const Value& value, std::string& out);

}  // namespace cairn::json

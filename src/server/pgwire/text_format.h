// The PostgreSQL text format of a value (what the type's output function prints, and what a
// DataRow carries in text format). Value::ToString already prints PostgreSQL's forms for
// numbers, strings, bytea (hex), dates, times and intervals; booleans differ (boolout prints
// `t`/`f`, also inside arrays).
//
// Thread-safety: stateless function.
#pragma once

#include <optional>
#include <string>

#include "cairn/value.h"

namespace cairn::pgwire {

/// The text of `value` in PostgreSQL's text format; nullopt for NULL.
std::optional<std::string> PgText(const Value& value);

}  // namespace cairn::pgwire

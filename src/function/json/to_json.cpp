// SQL value -> JSON text (see to_json.h).
#include "function/json/to_json.h"

#include <cmath>

#include "common/number_format.h"
#include "function/json/json_document.h"

namespace cairn::json {

void AppendValueAsJson(const Value& value, std::string& out) {
  if (value.IsNull()) {
    out += "null";
    return;
  }
  const LogicalType& type = value.type();
  switch (type.id()) {
    case TypeId::BOOLEAN:
      out += value.GetBool() ? "true" : "false";
      return;
    case TypeId::FLOAT:
    case TypeId::DOUBLE: {
      double v = value.GetDouble();
      std::string text = type.id() == TypeId::FLOAT ? FormatFloat(static_cast<float>(v)) : FormatDouble(v);
      if (std::isfinite(v)) {
        out += text;
      } else {
        AppendQuotedString(text, out);
      }
      return;
    }
    case TypeId::JSON:
    case TypeId::JSONB:
      out += value.GetString();
      return;
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ: {
      std::string text = value.ToString();
      size_t space = text.find(' ');
      if (space != std::string::npos && space == 10) text[space] = 'T';
      if (type.id() == TypeId::TIMESTAMP_TZ) {
        // "+00" -> "+00:00" (JSON's ISO 8601 offset always has minutes).
        size_t sign = text.find_last_of("+-");
        if (sign != std::string::npos && sign > 10 && text.size() - sign == 3) text += ":00";
      }
      AppendQuotedString(text, out);
      return;
    }
    default:
      if (type.IsNumeric()) {
        out += value.ToString();
      } else {
        AppendQuotedString(value.ToString(), out);
      }
  }
}

}  // namespace cairn::json

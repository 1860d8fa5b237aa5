#include "pgwire/text_format.h"

namespace cairn::pgwire {

std::optional<std::string> PgText(const Value& value) {
  if (value.IsNull()) return std::nullopt;
  const LogicalType& type = value.type();
  if (type.id() == TypeId::BOOLEAN) return std::string(value.GetBool() ? "t" : "f");
  if (type.IsArray() && type.element_type().id() == TypeId::BOOLEAN) {
    std::string text = "{";
    bool first = true;
    for (const Value& element : value.GetArrayElements()) {
      if (!first) text.push_back(',');
      first = false;
      text += element.IsNull() ? "NULL" : (element.GetBool() ? "t" : "f");
    }
    text.push_back('}');
    return text;
  }
  return value.ToString();
}

}  // namespace cairn::pgwire

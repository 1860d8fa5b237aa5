// Casts of the json and jsonb types (PostgreSQL 15): text -> json validates and keeps the text;
// text/json -> jsonb parses and normalizes; json/jsonb -> text and jsonb -> json keep the text;
// a scalar jsonb casts to boolean (a jsonb boolean) and to the numeric types (a jsonb number,
// converted as numeric is: '2.5'::jsonb::int is 3); anything else is PostgreSQL's 22023
// "cannot cast jsonb string to type integer".
#include "cairn/exception.h"
#include "function/cast_families.h"
#include "function/json/json_document.h"
#include "function/json/json_kernel.h"
#include "function/json/json_navigation.h"

namespace cairn::cast {
namespace {

using json::ArgumentReader;

const char* JsonbKindName(json::JsonKind kind) {
  switch (kind) {
    case json::JsonKind::kNull: return "null";
    case json::JsonKind::kFalse:
    case json::JsonKind::kTrue: return "boolean";
    case json::JsonKind::kNumber: return "numeric";
    case json::JsonKind::kString: return "string";
    case json::JsonKind::kArray: return "array";
    case json::JsonKind::kObject: return "object";
  }
  return "value";
}

/// Applies `convert(text, row)` to every row; `convert` writes the row or throws. With
/// `try_cast`, a row whose conversion throws a cairn::Exception becomes NULL.
template <class CONVERT>
void ConvertRows(const Vector& source, Vector& result, idx_t count, bool try_cast, CONVERT convert) {
  bool constant = source.kind() == VectorKind::CONSTANT;
  idx_t rows = constant ? (count == 0 ? 0 : 1) : count;
  ArgumentReader reader(source, rows);
  for (idx_t row = 0; row < rows; row++) {
    if (reader.IsNull(row)) {
      json::SetNull(result, row);
      continue;
    }
    if (try_cast) {
      try {
        convert(reader.String(row), row);
      } catch (const Exception&) {
        json::SetNull(result, row);
      }
    } else {
      convert(reader.String(row), row);
    }
  }
  if (constant && rows == 1) result.SetConstant(result.GetValue(0));
}

/// The numeric text `text` (digits, optional sign and fraction) rounded half away from zero to
/// an integer's text.
std::string RoundToInteger(std::string_view text) {
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  size_t point = text.find('.');
  std::string digits(text.substr(0, point));
  if (point != std::string_view::npos && point + 1 < text.size() && text[point + 1] >= '5') {
    size_t i = digits.size();
    while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
    if (i == 0) {
      digits.insert(digits.begin(), '1');
    } else {
      digits[i - 1]++;
    }
  }
  bool zero = digits.find_first_not_of('0') == std::string::npos;
  return (negative && !zero ? "-" : "") + digits;
}

void CopyText(const Vector& source, Vector& result, idx_t count) {
  ConvertRows(source, result, count, false, [&](std::string_view text, idx_t row) { json::SetString(result, row, text); });
}

}  // namespace

bool CastJson(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  TypeId from = source.type().id();
  TypeId to = result.type().id();
  bool from_json = from == TypeId::JSON || from == TypeId::JSONB;
  bool to_json = to == TypeId::JSON || to == TypeId::JSONB;
  if (!from_json && !to_json) return false;
  if (to == TypeId::JSON && from == TypeId::VARCHAR) {
    ConvertRows(source, result, count, try_cast, [&](std::string_view text, idx_t row) {
      json::ValidateJson(text);
      json::SetString(result, row, text);
    });
    return true;
  }
  if (to == TypeId::JSONB && (from == TypeId::VARCHAR || from == TypeId::JSON)) {
    ConvertRows(source, result, count, try_cast, [&](std::string_view text, idx_t row) {
      json::SetString(result, row, json::WriteJsonb(json::ParseJson(text, true)));
    });
    return true;
  }
  if (from_json && (to == TypeId::VARCHAR || to == TypeId::JSON)) {
    CopyText(source, result, count);
    return true;
  }
  if (from == TypeId::JSONB) {
    const LogicalType target = result.type();
    bool numeric_target = target.IsNumeric();
    if (to != TypeId::BOOLEAN && !numeric_target) return false;
    bool constant = source.kind() == VectorKind::CONSTANT;
    idx_t rows = constant ? (count == 0 ? 0 : 1) : count;
    ArgumentReader reader(source, rows);
    for (idx_t row = 0; row < rows; row++) {
      if (reader.IsNull(row)) {
        json::SetNull(result, row);
        continue;
      }
      std::string_view text = json::TrimJsonSpace(reader.String(row));
      json::JsonKind kind = json::KindOf(text);
      bool ok = to == TypeId::BOOLEAN ? kind == json::JsonKind::kTrue || kind == json::JsonKind::kFalse
                                      : kind == json::JsonKind::kNumber;
      if (!ok) {
        if (try_cast) {
          json::SetNull(result, row);
          continue;
        }
        throw Exception(sqlstate::kInvalidParameterValue, std::string("cannot cast jsonb ") + JsonbKindName(kind) +
                                                              " to type " + ErrorTypeName(target));
      }
      try {
        Value value;
        if (to == TypeId::BOOLEAN) {
          value = Value::Boolean(kind == json::JsonKind::kTrue);
        } else if (target.IsIntegral()) {
          // numeric -> integer rounds half away from zero; the text cast checks the range.
          value = Value::Varchar(RoundToInteger(text)).CastAs(target);
        } else {
          value = Value::Varchar(std::string(text)).CastAs(target);
        }
        result.SetValue(row, value);
      } catch (const Exception&) {
        if (!try_cast) throw;
        json::SetNull(result, row);
      }
    }
    if (constant && rows == 1) result.SetConstant(result.GetValue(0));
    return true;
  }
  return false;
}

}  // namespace cairn::cast

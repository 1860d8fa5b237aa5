// Casts of every type to VARCHAR (and BLOB): the same text Value::ToString prints, which is
// DuckDB's: integers in decimal, DECIMAL with exactly `scale` fractional digits, DOUBLE in the
// shortest round-trip form, booleans "true"/"false", ISO dates and timestamps.
#include <charconv>

#include "common/bytea_text.h"
#include "common/date_time.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "common/number_format.h"
#include "function/cast_families.h"
#include "function/vector_executor.h"

namespace cairn::cast {
namespace {

// Builds a string_t for `text`, inlined when short, else copied into the result's heap.
inline string_t MakeString(Vector& result, std::string_view text) {
  if (text.size() <= string_t::kInlineLength) return string_t(text);
  return result.AddString(text);
}

template <class T>
void IntegerToText(const Vector& source, Vector& result, idx_t count) {
  executor::UnaryExecute<T, string_t>(source, result, count, [&](T v) {
    char buffer[24];
    auto r = std::to_chars(buffer, buffer + sizeof(buffer), v);
    return MakeString(result, std::string_view(buffer, static_cast<size_t>(r.ptr - buffer)));
  });
}


}  // namespace

bool CastToText(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  TypeId target = result.type().id();
  if (target != TypeId::VARCHAR && target != TypeId::BLOB) return false;
  const LogicalType& st = source.type();
  if (target == TypeId::BLOB && st.id() == TypeId::VARCHAR) return false;  // bytea input: CastFromText
  switch (st.id()) {
    case TypeId::BOOLEAN:
      executor::UnaryExecute<bool, string_t>(source, result, count,
                                             [](bool v) { return string_t(v ? std::string_view("true") : std::string_view("false")); });
      return true;
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
      IntegerToText<int32_t>(source, result, count);
      return true;
    case TypeId::BIGINT:
    case TypeId::UINTEGER:
      IntegerToText<int64_t>(source, result, count);
      return true;
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
      executor::UnaryExecute<hugeint_t, string_t>(source, result, count, [&](hugeint_t v) {
        return MakeString(result, decimal::HugeintToString(v));
      });
      return true;
    case TypeId::FLOAT:
      executor::UnaryExecute<double, string_t>(source, result, count, [&](double v) {
        return MakeString(result, FormatFloat(static_cast<float>(v)));
      });
      return true;
    case TypeId::DOUBLE:
      executor::UnaryExecute<double, string_t>(source, result, count, [&](double v) {
        return MakeString(result, FormatDouble(v));
      });
      return true;
    case TypeId::DECIMAL: {
      uint8_t scale = st.scale();
      if (st.physical_type() == PhysicalType::INT64) {
        executor::UnaryExecute<int64_t, string_t>(source, result, count, [&](int64_t v) {
          return MakeString(result, decimal::ToString(v, scale));
        });
      } else {
        executor::UnaryExecute<hugeint_t, string_t>(source, result, count, [&](hugeint_t v) {
          return MakeString(result, decimal::ToString(v, scale));
        });
      }
      return true;
    }
    case TypeId::NUMERIC:
      executor::UnaryExecute<hugeint_t, string_t>(source, result, count, [&](hugeint_t v) {
        return MakeString(result, numeric::ToString(v));
      });
      return true;
    case TypeId::VARCHAR:
    case TypeId::UUID:
      executor::UnaryExecute<string_t, string_t>(source, result, count, [&](const string_t& v) { return v; });
      result.KeepHeapOf(source);
      return true;
    case TypeId::BLOB:
      if (target == TypeId::BLOB) {
        executor::UnaryExecute<string_t, string_t>(source, result, count, [&](const string_t& v) { return v; });
        result.KeepHeapOf(source);
      } else {
        executor::UnaryExecute<string_t, string_t>(source, result, count, [&](const string_t& v) {
          return MakeString(result, bytea::ToText(v.view()));
        });
      }
      return true;
    case TypeId::DATE:
      executor::UnaryExecute<int32_t, string_t>(source, result, count, [&](int32_t v) {
        return MakeString(result, date_time::DateToString(v));
      });
      return true;
    case TypeId::TIME:
      executor::UnaryExecute<int64_t, string_t>(source, result, count, [&](int64_t v) {
        return MakeString(result, date_time::TimeToString(v));
      });
      return true;
    case TypeId::TIMESTAMP:
      executor::UnaryExecute<int64_t, string_t>(source, result, count, [&](int64_t v) {
        return MakeString(result, date_time::TimestampToString(v));
      });
      return true;
    case TypeId::TIMESTAMP_TZ:
      executor::UnaryExecute<int64_t, string_t>(source, result, count, [&](int64_t v) {
        return MakeString(result, date_time::TimestampTzToString(v));
      });
      return true;
    case TypeId::INTERVAL:
      executor::UnaryExecute<interval_t, string_t>(source, result, count, [&](const interval_t& v) {
        return MakeString(result, date_time::IntervalToString(v));
      });
      return true;
    default:
      return false;
  }
}

}  // namespace cairn::cast

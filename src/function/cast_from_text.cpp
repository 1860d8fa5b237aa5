// Casts from VARCHAR to every type: surrounding whitespace is ignored; integers are digits
// with an optional sign (as PostgreSQL: '4.5'::int is 22P02); doubles are parsed
// with fast_float (plus "inf"/"nan"); booleans accept t/true/yes/on/1 and f/false/no/off/0
// (case-insensitive, as PostgreSQL); dates, times, timestamps and intervals use the
// date_time parsers; UUIDs are validated and normalized to lowercase canonical text.
// Errors: 22P02 `invalid input syntax for type integer: "abc"`, 22007 for date/time text,
// 22003 for numbers out of range.
#include <fast_float/fast_float.h>

#include <cctype>
#include <charconv>

#include "common/ascii.h"
#include "cairn/exception.h"
#include "common/bytea_text.h"
#include "common/date_time.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "common/interval_input.h"
#include "function/cast.h"
#include "function/cast_families.h"
#include "function/vector_executor.h"

namespace cairn::cast {
namespace {

[[noreturn]] void ThrowSyntax(const char* state, std::string_view text, const LogicalType& type) {
  throw Exception(state, "invalid input syntax for type " + ErrorTypeName(type) + ": \"" + std::string(text) + "\"");
}

[[noreturn]] void ThrowTextOutOfRange(std::string_view text, const LogicalType& type) {
  throw Exception(sqlstate::kNumericValueOutOfRange,
                  "value \"" + std::string(text) + "\" is out of range for type " + ErrorTypeName(type));
}

enum class Status { kOk, kSyntax, kRange };

}  // namespace

void ThrowIntervalInput(date_time::IntervalParseStatus status, std::string_view text) {
  switch (status) {
    case date_time::IntervalParseStatus::kFieldOverflow:
      throw Exception(sqlstate::kIntervalFieldOverflow, "interval field value out of range: \"" + std::string(text) + "\"");
    case date_time::IntervalParseStatus::kOutOfRange:
      throw Exception(sqlstate::kDatetimeFieldOverflow, "interval out of range");
    default:
      ThrowSyntax(sqlstate::kInvalidDatetimeFormat, text, TypeId::INTERVAL);
  }
}

namespace {

// Parses "[+-]digits" into a 128-bit integer; false if not of that form or out of range.
bool ParsePlainInt128(std::string_view text, hugeint_t& out) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  if (pos == text.size()) return false;
  hugeint_t value = 0;
  for (; pos < text.size(); pos++) {
    char c = text[pos];
    if (c < '0' || c > '9') return false;
    // Accumulate negatively so the minimum value fits.
    if (__builtin_mul_overflow(value, 10, &value) || __builtin_sub_overflow(value, c - '0', &value)) return false;
  }
  if (!negative) {
    if (value == IntegralMin(TypeId::HUGEINT)) return false;
    value = -value;
  }
  out = value;
  return true;
}

// Parses an integer of logical type `type` (bounds lo..hi).
Status ParseIntegral(std::string_view text, hugeint_t lo, hugeint_t hi, hugeint_t& out) {
  text = TrimAsciiSpace(text);
  std::string_view digits = text;
  if (!digits.empty() && digits[0] == '+') digits.remove_prefix(1);
  int64_t v64;
  auto r = std::from_chars(digits.data(), digits.data() + digits.size(), v64);
  hugeint_t value;
  if (r.ec == std::errc() && r.ptr == digits.data() + digits.size() && !digits.empty() && digits[0] != '+') {
    value = v64;
  } else if (ParsePlainInt128(text, value)) {
    // 128-bit integer text.
  } else {
    // PostgreSQL's int4in/int8in accept only an optionally signed run of digits ('4.5'::int is
    // an error); more digits than 128 bits hold are out of range.
    std::string_view rest = text;
    if (!rest.empty() && (rest[0] == '+' || rest[0] == '-')) rest.remove_prefix(1);
    bool all_digits = !rest.empty();
    for (char c : rest) all_digits = all_digits && c >= '0' && c <= '9';
    return all_digits ? Status::kRange : Status::kSyntax;
  }
  if (value < lo || value > hi) return Status::kRange;
  out = value;
  return Status::kOk;
}

bool ParseDouble(std::string_view text, double& out) {
  text = TrimAsciiSpace(text);
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return false;
  auto r = fast_float::from_chars(text.data(), text.data() + text.size(), out);
  return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

bool ParseBool(std::string_view text, bool& out) {
  text = TrimAsciiSpace(text);
  if (text.empty() || text.size() > 5) return false;
  char lower[6];
  for (size_t i = 0; i < text.size(); i++) lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  std::string_view s(lower, text.size());
  if (s == "t" || s == "true" || s == "yes" || s == "y" || s == "on" || s == "1") {
    out = true;
    return true;
  }
  if (s == "f" || s == "false" || s == "no" || s == "n" || s == "off" || s == "0") {
    out = false;
    return true;
  }
  return false;
}

// Canonical lowercase UUID text from 32 hex digits with optional hyphens / braces.
bool NormalizeUuid(std::string_view text, char out[36]) {
  text = TrimAsciiSpace(text);
  if (!text.empty() && text.front() == '{' && text.back() == '}') text = text.substr(1, text.size() - 2);
  int digits = 0;
  for (char c : text) {
    if (c == '-') continue;
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex || digits >= 32) return false;
    int pos = digits + (digits >= 8) + (digits >= 12) + (digits >= 16) + (digits >= 20);
    out[pos] = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    digits++;
  }
  if (digits != 32) return false;
  out[8] = out[13] = out[18] = out[23] = '-';
  return true;
}

template <class D>
void TextToIntegral(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& dt = result.type();
  hugeint_t lo = IntegralMin(dt.id()), hi = IntegralMax(dt.id());
  executor::UnaryExecuteFallible<string_t, D>(source, result, count, [&](const string_t& s, D& out) {
    // Hot path: plain decimal digits that fit in int64.
    std::string_view text = s.view();
    int64_t v;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec == std::errc() && r.ptr == text.data() + text.size() && v >= lo && v <= hi) {
      out = static_cast<D>(v);
      return true;
    }
    hugeint_t value;
    switch (ParseIntegral(text, lo, hi, value)) {
      case Status::kOk: out = static_cast<D>(value); return true;
      case Status::kSyntax: if (try_cast) return false; ThrowSyntax(sqlstate::kInvalidTextRepresentation, text, dt);
      case Status::kRange: if (try_cast) return false; ThrowTextOutOfRange(text, dt);
    }
    return false;
  });
}

template <class D>
void TextToDecimal(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& dt = result.type();
  executor::UnaryExecuteFallible<string_t, D>(source, result, count, [&](const string_t& s, D& out) {
    hugeint_t value;
    switch (decimal::Parse(s.view(), dt.width(), dt.scale(), value)) {
      case decimal::ParseStatus::kOk: out = static_cast<D>(value); return true;
      case decimal::ParseStatus::kSyntaxError:
        if (try_cast) return false;
        ThrowSyntax(sqlstate::kInvalidTextRepresentation, s.view(), dt);
      case decimal::ParseStatus::kOutOfRange:
        if (try_cast) return false;
        ThrowTextOutOfRange(s.view(), dt);
    }
    return false;
  });
}

// Text to NUMERIC (PostgreSQL's numeric_in: the value keeps the scale written).
void TextToNumeric(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  const LogicalType& dt = result.type();
  executor::UnaryExecuteFallible<string_t, hugeint_t>(source, result, count, [&](const string_t& s, hugeint_t& out) {
    switch (numeric::Parse(s.view(), out)) {
      case numeric::ParseStatus::kOk: return true;
      case numeric::ParseStatus::kSyntaxError:
        if (try_cast) return false;
        ThrowSyntax(sqlstate::kInvalidTextRepresentation, s.view(), dt);
      case numeric::ParseStatus::kNotSupported:
        if (try_cast) return false;
        throw Exception(sqlstate::kFeatureNotSupported,
                        "numeric value \"" + std::string(s.view()) + "\" is not supported: Cairn's numeric has no NaN or Infinity");
      case numeric::ParseStatus::kOutOfRange:
        if (try_cast) return false;
        throw Exception(sqlstate::kNumericValueOutOfRange,
                        "value overflows numeric format: \"" + std::string(s.view()) + "\" needs more than " +
                            std::to_string(numeric::kMaxDigits) + " significant digits or " +
                            std::to_string(numeric::kMaxScale) + " fractional digits");
    }
    return false;
  });
}

template <class D, class PARSE>
void TextToTemporal(const Vector& source, Vector& result, idx_t count, bool try_cast, PARSE parse) {
  const LogicalType& dt = result.type();
  executor::UnaryExecuteFallible<string_t, D>(source, result, count, [&](const string_t& s, D& out) {
    date_time::DateTimeParseError error = date_time::DateTimeParseError::kSyntax;
    auto parsed = parse(s.view(), &error);
    if (parsed) {
      out = *parsed;
      return true;
    }
    if (try_cast) return false;
    std::string quoted = "\"" + std::string(s.view()) + "\"";
    switch (error) {
      case date_time::DateTimeParseError::kFieldOverflow:
        throw Exception(sqlstate::kDatetimeFieldOverflow, "date/time field value out of range: " + quoted);
      case date_time::DateTimeParseError::kOutOfRange:
        throw Exception(sqlstate::kDatetimeFieldOverflow,
                        std::string(dt.id() == TypeId::DATE ? "date" : "timestamp") + " out of range: " + quoted);
      case date_time::DateTimeParseError::kUnsupportedZone:
        throw Exception(sqlstate::kFeatureNotSupported,
                        "time zone names are not supported (Cairn has no time zone database; use a UTC offset "
                        "such as +05:30): " + quoted);
      default:
        ThrowSyntax(sqlstate::kInvalidDatetimeFormat, s.view(), dt);
    }
  });
}

}  // namespace

std::string ErrorTypeName(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::BOOLEAN: return "boolean";
    case TypeId::TINYINT: return "tinyint";
    case TypeId::SMALLINT: return "smallint";
    case TypeId::INTEGER: return "integer";
    case TypeId::BIGINT: return "bigint";
    case TypeId::HUGEINT: return "hugeint";
    case TypeId::UTINYINT: return "utinyint";
    case TypeId::USMALLINT: return "usmallint";
    case TypeId::UINTEGER: return "uinteger";
    case TypeId::UBIGINT: return "ubigint";
    case TypeId::FLOAT: return "real";
    case TypeId::DOUBLE: return "double precision";
    case TypeId::DECIMAL: return "numeric";
    case TypeId::NUMERIC: return "numeric";
    case TypeId::VARCHAR: return "text";
    case TypeId::BLOB: return "bytea";
    case TypeId::UUID: return "uuid";
    case TypeId::JSON: return "json";
    case TypeId::JSONB: return "jsonb";
    case TypeId::DATE: return "date";
    case TypeId::TIME: return "time";
    case TypeId::TIMESTAMP: return "timestamp";
    case TypeId::TIMESTAMP_TZ: return "timestamp with time zone";
    case TypeId::INTERVAL: return "interval";
    case TypeId::ARRAY: return ErrorTypeName(type.element_type()) + "[]";
    default: return type.ToString();
  }
}

bool CastFromText(const Vector& source, Vector& result, idx_t count, bool try_cast) {
  if (source.type().id() != TypeId::VARCHAR) return false;
  const LogicalType& dt = result.type();
  switch (dt.id()) {
    case TypeId::BOOLEAN:
      executor::UnaryExecuteFallible<string_t, bool>(source, result, count, [&](const string_t& s, bool& out) {
        if (ParseBool(s.view(), out)) return true;
        if (try_cast) return false;
        ThrowSyntax(sqlstate::kInvalidTextRepresentation, s.view(), dt);
      });
      return true;
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
      TextToIntegral<int32_t>(source, result, count, try_cast);
      return true;
    case TypeId::BIGINT:
    case TypeId::UINTEGER:
      TextToIntegral<int64_t>(source, result, count, try_cast);
      return true;
    case TypeId::HUGEINT:
    case TypeId::UBIGINT:
      TextToIntegral<hugeint_t>(source, result, count, try_cast);
      return true;
    case TypeId::FLOAT:
    case TypeId::DOUBLE: {
      bool is_float = dt.id() == TypeId::FLOAT;
      executor::UnaryExecuteFallible<string_t, double>(source, result, count, [&](const string_t& s, double& out) {
        if (ParseDouble(s.view(), out)) {
          if (is_float) out = static_cast<double>(static_cast<float>(out));
          return true;
        }
        if (try_cast) return false;
        ThrowSyntax(sqlstate::kInvalidTextRepresentation, s.view(), dt);
      });
      return true;
    }
    case TypeId::DECIMAL:
      if (dt.physical_type() == PhysicalType::INT64) {
        TextToDecimal<int64_t>(source, result, count, try_cast);
      } else {
        TextToDecimal<hugeint_t>(source, result, count, try_cast);
      }
      return true;
    case TypeId::NUMERIC:
      TextToNumeric(source, result, count, try_cast);
      return true;
    case TypeId::VARCHAR:
      executor::UnaryExecute<string_t, string_t>(source, result, count, [](const string_t& s) { return s; });
      result.KeepHeapOf(source);
      return true;
    case TypeId::BLOB:
      // PostgreSQL's bytea input: hex format (\\x...) or escape format.
      executor::UnaryExecuteFallible<string_t, string_t>(source, result, count, [&](const string_t& s, string_t& out) {
        try {
          out = result.AddString(bytea::FromText(s.view()));
          return true;
        } catch (const Exception&) {
          if (try_cast) return false;
          throw;
        }
      });
      return true;
    case TypeId::UUID:
      executor::UnaryExecuteFallible<string_t, string_t>(source, result, count, [&](const string_t& s, string_t& out) {
        char canonical[36];
        if (NormalizeUuid(s.view(), canonical)) {
          out = result.AddString(std::string_view(canonical, 36));
          return true;
        }
        if (try_cast) return false;
        ThrowSyntax(sqlstate::kInvalidTextRepresentation, s.view(), dt);
      });
      return true;
    case TypeId::DATE:
      TextToTemporal<int32_t>(source, result, count, try_cast, date_time::ParseDate);
      return true;
    case TypeId::TIME:
      TextToTemporal<int64_t>(source, result, count, try_cast, date_time::ParseTime);
      return true;
    case TypeId::TIMESTAMP:
      TextToTemporal<int64_t>(source, result, count, try_cast, date_time::ParseTimestamp);
      return true;
    case TypeId::TIMESTAMP_TZ:
      TextToTemporal<int64_t>(source, result, count, try_cast, date_time::ParseTimestampTz);
      return true;
    case TypeId::INTERVAL:
      executor::UnaryExecuteFallible<string_t, interval_t>(source, result, count, [&](const string_t& s, interval_t& out) {
        auto status = date_time::ParseInterval(s.view(), date_time::IntervalQualifier{}, out);
        if (status == date_time::IntervalParseStatus::kOk) return true;
        if (try_cast) return false;
        ThrowIntervalInput(status, s.view());
      });
      return true;
    default:
      return false;
  }
}

}  // namespace cairn::cast

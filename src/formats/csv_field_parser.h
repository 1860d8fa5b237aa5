// Text-to-value parsers for CSV fields: booleans, integers, floating point (fast_float), used
// by CsvReader on every field of a typed column and by CsvSniffer on sampled fields.
//
// Accepted forms (surrounding blanks — spaces and tabs — are ignored):
//   boolean  true/false, t/f, yes/no, y/n, on/off, 1/0 (case-insensitive; PostgreSQL's set)
//   integer  optional sign, decimal digits; must fit the target range
//   double   fast_float's general format (1, 1.5, .5, 1., 1e5, nan, inf, infinity), optional '+'
// Each parser returns false (never throws) for text it does not accept; the caller reports
// the file, line and column.
//
// Thread-safety: pure functions.
#pragma once

#include <fast_float/fast_float.h>

#include <cstdint>
#include <string_view>
#include <system_error>

namespace cairn::csv {

inline void TrimBlanks(const char*& begin, const char*& end) {
  while (begin < end && (*begin == ' ' || *begin == '\t')) begin++;
  while (end > begin && (end[-1] == ' ' || end[-1] == '\t')) end--;
}

/// Parses an unsigned decimal magnitude with an optional sign. Returns false on empty text,
/// non-digits or more than 64 bits.
inline bool ParseSignedMagnitude(const char* p, const char* e, bool& negative, uint64_t& magnitude) {
  TrimBlanks(p, e);
  negative = false;
  if (p < e && (*p == '-' || *p == '+')) {
    negative = *p == '-';
    p++;
  }
  if (p == e) return false;
  uint64_t v = 0;
  for (; p < e; p++) {
    unsigned d = static_cast<unsigned char>(*p) - '0';
    if (d > 9) return false;
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  magnitude = v;
  return true;
}

/// Parses an integer in [min, max] (both representable in int64).
inline bool ParseInteger(std::string_view text, int64_t min, int64_t max, int64_t& out) {
  bool negative;
  uint64_t magnitude;
  if (!ParseSignedMagnitude(text.data(), text.data() + text.size(), negative, magnitude)) return false;
  if (negative) {
    if (magnitude > uint64_t(INT64_MAX) + 1) return false;
    int64_t v = magnitude == uint64_t(INT64_MAX) + 1 ? INT64_MIN : -static_cast<int64_t>(magnitude);
    if (v < min) return false;
    out = v;
  } else {
    if (magnitude > uint64_t(INT64_MAX) || static_cast<int64_t>(magnitude) > max) return false;
    out = static_cast<int64_t>(magnitude);
  }
  return true;
}

/// Parses an unsigned 64-bit integer ("-0" is accepted as 0).
inline bool ParseUnsigned(std::string_view text, uint64_t& out) {
  bool negative;
  uint64_t magnitude;
  if (!ParseSignedMagnitude(text.data(), text.data() + text.size(), negative, magnitude)) return false;
  if (negative && magnitude != 0) return false;
  out = magnitude;
  return true;
}

/// Parses a double (fast_float; overflow gives +-inf as strtod does).
inline bool ParseDouble(std::string_view text, double& out) {
  const char* p = text.data();
  const char* e = p + text.size();
  TrimBlanks(p, e);
  if (p < e && *p == '+') {
    p++;
    if (p < e && (*p == '-' || *p == '+')) return false;
  }
  if (p == e) return false;
  auto result = fast_float::from_chars(p, e, out);
  return result.ptr == e && (result.ec == std::errc() || result.ec == std::errc::result_out_of_range);
}

inline bool EqualsIgnoreCase(const char* p, const char* e, std::string_view word) {
  if (static_cast<size_t>(e - p) != word.size()) return false;
  for (size_t i = 0; i < word.size(); i++) {
    char c = p[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != word[i]) return false;
  }
  return true;
}

/// Parses a boolean (PostgreSQL's spellings, case-insensitive).
inline bool ParseBoolean(std::string_view text, bool& out) {
  const char* p = text.data();
  const char* e = p + text.size();
  TrimBlanks(p, e);
  if (p == e) return false;
  for (std::string_view w : {"true", "t", "yes", "y", "on", "1"}) {
    if (EqualsIgnoreCase(p, e, w)) {
      out = true;
      return true;
    }
  }
  for (std::string_view w : {"false", "f", "no", "n", "off", "0"}) {
    if (EqualsIgnoreCase(p, e, w)) {
      out = false;
      return true;
    }
  }
  return false;
}

}  // namespace cairn::csv

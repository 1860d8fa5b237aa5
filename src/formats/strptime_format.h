// StrpTimeFormat: a compiled strptime-style format ("%d/%m/%Y %H:%M:%S") that parses DATE and
// TIMESTAMP text in one pass without allocating — what read_csv's dateformat/timestampformat
// options and the CSV sniffer's detected formats use on every field.
//
// Specifiers (POSIX strptime, as DuckDB reads them):
//   %Y year, 1-4 digits          %y two-digit year (1-2 digits; 00-69 -> 20xx, 70-99 -> 19xx)
//   %m month 1-12, 1-2 digits    %d / %e day of month, 1-2 digits (checked against the month)
//   %H hour 0-23                 %I hour 1-12 (with %p)        %p AM/PM (case-insensitive)
//   %M minute 0-59               %S second 0-59
//   %f fraction, 1-6 digits (microseconds)  %g 1-3 digits (milliseconds)  %n 1-9 digits (ns)
//   %b / %h month abbreviation   %B full month name            %a / %A weekday name (ignored)
//   %% a literal '%'             '-' after '%' (%-d) is accepted and ignored.
// A space in the format matches one or more blanks; any other character matches itself.
// Blanks before and after the value are ignored; nothing else may follow the last specifier.
// Fields a format lacks default to 1900-01-01 00:00:00.
//
// Thread-safety: immutable after construction; Parse* may run concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cairn {

class StrpTimeFormat {
 public:
  StrpTimeFormat() = default;
  /// Compiles `spec`. Throws cairn::Exception 22023 naming `spec` on an unsupported specifier
  /// or a trailing '%'.
  explicit StrpTimeFormat(std::string spec);

  /// The format as written.
  const std::string& spec() const { return spec_; }
  /// Whether the format holds any specifier.
  bool empty() const { return steps_.empty(); }

  /// Parses `text` into days since 1970-01-01 (time fields, if any, are checked and dropped).
  /// `strict` (used when sniffing, as DuckDB's sniffer does) makes %y require exactly two
  /// digits and %Y at least two. Returns false (never
  /// throws) when `text` does not match or names an invalid date.
  bool ParseDate(std::string_view text, int32_t& days, bool strict = false) const;
  /// Parses `text` into microseconds since 1970-01-01 00:00:00. Returns false on mismatch.
  bool ParseTimestamp(std::string_view text, int64_t& micros, bool strict = false) const;

 private:
  enum class Op : uint8_t {
    kLiteral,
    kBlanks,
    kYear,
    kYear2,
    kMonth,
    kDay,
    kHour24,
    kHour12,
    kMinute,
    kSecond,
    kMillis,
    kMicros,
    kNanos,
    kAmPm,
    kMonthAbbrev,
    kMonthName,
    kWeekdayAbbrev,
    kWeekdayName,
  };
  struct Step {
    Op op;
    char literal;
  };
  struct Fields;
  bool Parse(std::string_view text, Fields& fields, bool strict) const;

  std::string spec_;
  std::vector<Step> steps_;
};

}  // namespace cairn

#include "common/ascii.h"
#include "formats/csv_sniffer.h"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <functional>
#include <memory>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "formats/csv_field_parser.h"
#include "formats/csv_tokenizer.h"
#include "formats/strptime_format.h"
#include "io/file_system.h"

namespace cairn {
namespace {

constexpr idx_t kDialectRows = 32;
constexpr idx_t kDialectBytes = 64 * 1024;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

/// Counts a run of digits starting at p (at most `max`); returns how many.
size_t Digits(const char* p, const char* e, size_t max = 64) {
  size_t n = 0;
  while (p + n < e && n < max && IsDigit(p[n])) n++;
  return n;
}

/// Matches Y+-M{1,2}-D{1,2} at p; returns the end or nullptr.
const char* MatchDate(const char* p, const char* e) {
  size_t y = Digits(p, e, 6);
  if (y == 0 || p + y >= e || p[y] != '-') return nullptr;
  p += y + 1;
  size_t m = Digits(p, e, 3);
  if (m == 0 || m > 2 || p + m >= e || p[m] != '-') return nullptr;
  p += m + 1;
  size_t d = Digits(p, e, 3);
  if (d == 0 || d > 2) return nullptr;
  return p + d;
}

/// Matches H{1,2}:MM[:SS[.f+]] at p; returns the end or nullptr.
const char* MatchTime(const char* p, const char* e) {
  size_t h = Digits(p, e, 3);
  if (h == 0 || h > 2 || p + h >= e || p[h] != ':') return nullptr;
  p += h + 1;
  if (Digits(p, e, 3) != 2) return nullptr;
  p += 2;
  if (p < e && *p == ':') {
    if (Digits(p + 1, e, 3) != 2) return nullptr;
    p += 3;
    if (p < e && *p == '.') {
      size_t f = Digits(p + 1, e);
      if (f == 0) return nullptr;
      p += 1 + f;
    }
  }
  return p;
}

/// Matches a zone suffix: Z, +HH, +HHMM, +HH:MM (or '-').
bool MatchZone(const char* p, const char* e) {
  if (p < e && *p == ' ') p++;
  if (e - p == 1 && (*p == 'Z' || *p == 'z')) return true;
  if (p >= e || (*p != '+' && *p != '-')) return false;
  p++;
  if (Digits(p, e, 3) != 2) return false;
  p += 2;
  if (p == e) return true;
  if (*p == ':') p++;
  return Digits(p, e, 3) == 2 && p + 2 == e;
}

/// DuckDB's numeric sniffing: no leading '+', no leading zero before another digit.
bool NumericShapeOk(const char* p, const char* e) {
  if (p == e || *p == '+') return false;
  if (*p == '0' && p + 1 < e && IsDigit(p[1])) return false;
  return true;
}

/// DuckDB's StartsWithNumericDate: "digits SEP digits SEP digit..." (leading blanks skipped)
/// with the same SEP twice; returns SEP if it is one of '-', '/', '.', ' ', else 0.
char NumericDateSeparator(const char* p, const char* e) {
  while (p < e && (*p == ' ' || *p == '\t')) p++;
  size_t n = Digits(p, e);
  if (n == 0) return 0;
  const char* literal1 = p + n;
  const char* field2 = literal1;
  while (field2 < e && !IsDigit(*field2)) field2++;
  if (field2 == e || field2 == literal1) return 0;
  const char* literal2 = field2 + Digits(field2, e);
  const char* field3 = literal2;
  while (field3 < e && !IsDigit(*field3)) field3++;
  if (field3 == e || field2 - literal1 != 1 || field3 - literal2 != 1 || *literal1 != *literal2) return 0;
  char sep = *literal1;
  return sep == '-' || sep == '/' || sep == '.' || sep == ' ' ? sep : 0;
}

/// The DATE and TIMESTAMP formats one sniff considers, one bit each; within a type, a higher
/// bit is preferred. Bits 0/1 are the ISO DATE/TIMESTAMP parsers (least preferred).
class DateFormatCandidates {
 public:
  static constexpr int kIsoDate = 0, kIsoTimestamp = 1;

  explicit DateFormatCandidates(const CsvOptions& options) {
    Add(TypeId::DATE, 0, "", true);
    Add(TypeId::TIMESTAMP, 0, "", true);
    if (options.date_format) Add(TypeId::DATE, 0, *options.date_format, false);
    if (options.timestamp_format) Add(TypeId::TIMESTAMP, 0, *options.timestamp_format, false);
    user_date_ = options.date_format.has_value();
    user_timestamp_ = options.timestamp_format.has_value();
    static constexpr const char* kDates[] = {"%m-%d-%Y", "%m-%d-%y", "%d-%m-%Y", "%d-%m-%y", "%Y-%m-%d", "%y-%m-%d"};
    static constexpr const char* kTimestamps[] = {"%Y-%m-%d %H:%M:%S.%f", "%m-%d-%Y %I:%M:%S %p", "%m-%d-%y %I:%M:%S %p",
                                                  "%d-%m-%Y %H:%M:%S",    "%d-%m-%y %H:%M:%S",    "%Y-%m-%d %H:%M:%S",
                                                  "%y-%m-%d %H:%M:%S"};
    for (char sep : {'-', '/', '.', ' '}) {
      auto generate = [&](TypeId type, const char* templ) {
        std::string spec = templ;
        for (char& c : spec) {
          if (c == '-') c = sep;
        }
        if (spec.find("%Y-%m-%d") == std::string::npos) Add(type, sep, spec, false);
      };
      if (!user_date_) {
        for (const char* t : kDates) generate(TypeId::DATE, t);
      }
      if (!user_timestamp_) {
        for (const char* t : kTimestamps) generate(TypeId::TIMESTAMP, t);
      }
    }
  }

  uint64_t date_bits() const { return date_bits_; }
  uint64_t timestamp_bits() const { return timestamp_bits_; }
  const std::string& spec(int bit) const { return candidates_[bit].format.spec(); }
  bool iso(int bit) const { return candidates_[bit].iso; }
  /// The most preferred candidate among `bits` (REQUIRES: bits != 0).
  static int Best(uint64_t bits) { return 63 - std::countl_zero(bits); }

  /// The candidates that parse `text`; `type_mask` is CsvSniffCandidates(text) (its ISO bits).
  uint64_t Match(std::string_view text, uint32_t type_mask) const {
    uint64_t bits = 0;
    if (!user_date_ && (type_mask & csv_candidate::kDate)) bits |= uint64_t(1) << kIsoDate;
    if (!user_timestamp_ && (type_mask & csv_candidate::kTimestamp)) bits |= uint64_t(1) << kIsoTimestamp;
    char sep = NumericDateSeparator(text.data(), text.data() + text.size());
    for (size_t i = 2; i < candidates_.size(); i++) {
      const Candidate& c = candidates_[i];
      if (c.separator != 0 && c.separator != sep) continue;
      bool ok;
      if (c.type == TypeId::DATE) {
        int32_t days;
        ok = c.format.ParseDate(text, days, true);
      } else {
        int64_t micros;
        ok = c.format.ParseTimestamp(text, micros, true);
      }
      if (ok) bits |= uint64_t(1) << i;
    }
    return bits;
  }

 private:
  struct Candidate {
    TypeId type;
    char separator;  // 0: any value (ISO, user formats)
    StrpTimeFormat format;
    bool iso;
  };
  void Add(TypeId type, char separator, const std::string& spec, bool iso) {
    uint64_t bit = uint64_t(1) << candidates_.size();
    (type == TypeId::DATE ? date_bits_ : timestamp_bits_) |= bit;
    candidates_.push_back(Candidate{type, separator, StrpTimeFormat(spec), iso});
  }

  std::vector<Candidate> candidates_;
  uint64_t date_bits_ = 0;
  uint64_t timestamp_bits_ = 0;
  bool user_date_ = false;
  bool user_timestamp_ = false;
};

/// Column types from sampled candidate masks, DATE/TIMESTAMP formats chosen left to right as
/// DuckDB does (the first DATE column fixes the DATE format for the rest; same for TIMESTAMP).
/// `format_bits[i]` receives the chosen candidate of a DATE/TIMESTAMP column, else -1.
void ResolveTypes(const std::vector<uint32_t>& masks, const std::vector<uint64_t>& format_masks,
                  const std::vector<uint8_t>& any_value, const DateFormatCandidates& candidates,
                  std::vector<LogicalType>& types, std::vector<int>& format_bits) {
  using namespace csv_candidate;
  const idx_t columns = masks.size();
  types.assign(columns, LogicalType(TypeId::VARCHAR));
  format_bits.assign(columns, -1);
  uint64_t date_allowed = candidates.date_bits();
  uint64_t timestamp_allowed = candidates.timestamp_bits();
  for (idx_t i = 0; i < columns; i++) {
    if (!any_value[i]) continue;
    uint32_t mask = masks[i] & ~(kDate | kTimestamp);
    uint64_t dates = format_masks[i] & date_allowed;
    uint64_t timestamps = format_masks[i] & timestamp_allowed;
    if (dates) mask |= kDate;
    if (timestamps) mask |= kTimestamp;
    types[i] = CsvSniffedType(mask);
    if (types[i] == TypeId::DATE) {
      format_bits[i] = DateFormatCandidates::Best(dates);
      date_allowed = uint64_t(1) << format_bits[i];
    } else if (types[i] == TypeId::TIMESTAMP) {
      format_bits[i] = DateFormatCandidates::Best(timestamps);
      timestamp_allowed = uint64_t(1) << format_bits[i];
    }
  }
}

std::string ColumnName(idx_t index, idx_t count) {
  size_t width = std::to_string(count > 0 ? count - 1 : 0).size();
  return fmt::format("column{:0{}}", index, width);
}

bool IsNull(const CsvField& f, const std::vector<std::string>& null_strings) {
  if (f.quoted) return false;
  for (const auto& n : null_strings) {
    if (f.view() == n) return true;
  }
  return false;
}

/// Picks the delimiter from the first rows of `prefix` (complete_file: prefix is the whole file).
char DetectDelimiter(const std::string& name, const std::string& prefix, bool complete_file, const CsvOptions& options) {
  char best = ',';
  idx_t best_columns = 0;
  for (char candidate : {',', ';', '\t', '|'}) {
    auto tokenizer = CsvTokenizer::FromString(name, prefix, candidate, options.quote, options.escape);
    // The prefix may end inside a multi-byte character, and the sniffing pass that follows
    // reports invalid text with its line: count fields here without checking the encoding.
    tokenizer->set_validate_utf8(false);
    tokenizer->SkipLines(options.skip_rows);
    std::vector<idx_t> counts;
    std::vector<CsvField> fields;
    uint64_t line;
    try {
      while (counts.size() <= kDialectRows && tokenizer->NextRow(fields, line)) counts.push_back(fields.size());
    } catch (const Exception&) {
      // A quote cut off by the end of the prefix, or a quoting error: judge the rows before it.
    }
    if (!complete_file && counts.size() > 1) counts.pop_back();  // may be cut off
    if (counts.size() > kDialectRows) counts.resize(kDialectRows);
    if (counts.empty()) continue;
    bool consistent = std::all_of(counts.begin(), counts.end(), [&](idx_t c) { return c == counts[0]; });
    if (consistent && counts[0] > best_columns) {
      best = candidate;
      best_columns = counts[0];
    }
  }
  return best_columns > 1 ? best : ',';
}

CsvSniffResult Sniff(const std::string& name, const std::string& prefix, bool complete_file,
                     const std::function<std::unique_ptr<CsvTokenizer>(char)>& open, idx_t file_bytes,
                     const CsvOptions& options) {
  CsvSniffResult result;
  result.delimiter = options.delimiter ? *options.delimiter : DetectDelimiter(name, prefix, complete_file, options);
  auto tokenizer = open(result.delimiter);
  tokenizer->SkipLines(options.skip_rows);
  idx_t start_bytes = tokenizer->bytes_consumed();

  const DateFormatCandidates candidates(options);
  std::vector<CsvField> fields;
  uint64_t line = 0;
  std::vector<std::string> first;
  std::vector<uint8_t> first_null;
  std::vector<uint32_t> first_mask;
  std::vector<uint64_t> first_formats;
  bool have_first = tokenizer->NextRow(fields, line);
  if (have_first) {
    for (const auto& f : fields) {
      first.emplace_back(f.view());
      bool null = IsNull(f, options.null_strings);
      first_null.push_back(null);
      uint32_t m = null ? csv_candidate::kAll : CsvSniffCandidates(f.view());
      first_mask.push_back(m);
      first_formats.push_back(null ? ~uint64_t(0) : candidates.Match(f.view(), m));
    }
  }
  idx_t columns = first.size();
  std::vector<uint32_t> mask(columns, csv_candidate::kAll);
  std::vector<uint64_t> formats(columns, ~uint64_t(0));
  std::vector<uint8_t> seen(columns, 0);
  idx_t rest_rows = 0;
  bool more = have_first;
  idx_t first_row_end = tokenizer->bytes_consumed();
  while (more && rest_rows < options.sample_size) {
    if (!tokenizer->NextRow(fields, line)) {
      more = false;
      break;
    }
    rest_rows++;
    if (fields.size() != columns) continue;  // reported when the file is read
    for (idx_t i = 0; i < columns; i++) {
      if (IsNull(fields[i], options.null_strings)) continue;
      seen[i] = 1;
      if (!mask[i] && !formats[i]) continue;
      uint32_t m = CsvSniffCandidates(fields[i].view());
      mask[i] &= m;
      if (formats[i]) formats[i] &= candidates.Match(fields[i].view(), m);
    }
  }
  if (more && !tokenizer->NextRow(fields, line)) more = false;
  result.sampled_whole_file = !more;

  std::vector<LogicalType> rest_types;
  std::vector<int> rest_format_bits;
  ResolveTypes(mask, formats, seen, candidates, rest_types, rest_format_bits);

  bool header;
  if (options.header) {
    header = *options.header;
  } else if (rest_rows == 0) {
    header = std::all_of(first_mask.begin(), first_mask.end(),
                         [](uint32_t m) { return CsvSniffedType(m) == TypeId::VARCHAR; });
    for (idx_t i = 0; i < columns && header; i++) {
      if (!first_null[i] && (first_formats[i] & (candidates.date_bits() | candidates.timestamp_bits()))) header = false;
    }
  } else {
    header = std::all_of(rest_types.begin(), rest_types.end(), [](const LogicalType& t) { return t == TypeId::VARCHAR; });
    for (idx_t i = 0; i < columns && !header; i++) {
      if (first_null[i] || rest_types[i] == TypeId::VARCHAR) continue;
      if (rest_format_bits[i] >= 0) {  // DATE or TIMESTAMP: the first field must fit its format
        if (!(first_formats[i] & (uint64_t(1) << rest_format_bits[i]))) header = true;
        continue;
      }
      uint32_t bit = 0;
      switch (rest_types[i].id()) {
        case TypeId::BOOLEAN: bit = csv_candidate::kBoolean; break;
        case TypeId::BIGINT: bit = csv_candidate::kBigInt; break;
        case TypeId::DOUBLE: bit = csv_candidate::kDouble; break;
        case TypeId::TIME: bit = csv_candidate::kTime; break;
        default: bit = csv_candidate::kTimestampTz; break;
      }
      if (!(first_mask[i] & bit)) header = true;
    }
  }
  result.header = header;
  std::vector<int> format_bits;
  if (header) {
    result.types = rest_types;
    format_bits = rest_format_bits;
  } else {
    std::vector<uint8_t> any(columns);
    for (idx_t i = 0; i < columns; i++) {
      any[i] = seen[i] || !first_null[i];
      mask[i] &= first_mask[i];
      formats[i] &= first_formats[i];
    }
    ResolveTypes(mask, formats, any, candidates, result.types, format_bits);
  }
  // Names.
  result.names.resize(columns);
  if (header) {
    result.header_names = first;
    std::vector<std::string> lowered;
    for (idx_t i = 0; i < columns; i++) {
      std::string n = first[i].empty() ? ColumnName(i, columns) : first[i];
      std::string candidate = n;
      for (int suffix = 1; std::find(lowered.begin(), lowered.end(), Lower(candidate)) != lowered.end(); suffix++) {
        candidate = fmt::format("{}_{}", n, suffix);
      }
      lowered.push_back(Lower(candidate));
      result.names[i] = candidate;
    }
  } else {
    for (idx_t i = 0; i < columns; i++) result.names[i] = ColumnName(i, columns);
  }
  for (idx_t i = 0; i < columns && i < options.column_names.size(); i++) result.names[i] = options.column_names[i];
  // Formats: the chosen candidate of each sniffed DATE/TIMESTAMP column; a column given the
  // type DATE/TIMESTAMP explicitly uses the format of its type (user's, else the sniffed one).
  std::string type_format[2];  // DATE, TIMESTAMP
  if (options.date_format) type_format[0] = *options.date_format;
  if (options.timestamp_format) type_format[1] = *options.timestamp_format;
  result.formats.assign(columns, std::string());
  for (idx_t i = 0; i < columns; i++) {
    if (format_bits[i] < 0) continue;
    if (!candidates.iso(format_bits[i])) result.formats[i] = candidates.spec(format_bits[i]);
    type_format[result.types[i] == TypeId::DATE ? 0 : 1] = result.formats[i];
  }
  for (const auto& [column, type] : options.column_types) {
    bool found = false;
    for (idx_t i = 0; i < columns; i++) {
      if (Lower(result.names[i]) == Lower(column)) {
        result.types[i] = type;
        result.formats[i] = type == TypeId::DATE ? type_format[0] : type == TypeId::TIMESTAMP ? type_format[1] : "";
        found = true;
      }
    }
    if (!found) {
      throw Exception(sqlstate::kUndefinedColumn,
                      fmt::format("{}: column \"{}\" given a type does not exist in the file", name, column));
    }
  }
  result.sampled_rows = rest_rows + (have_first && !header ? 1 : 0);
  idx_t data_start = header ? first_row_end : start_bytes;
  result.sampled_bytes = tokenizer->bytes_consumed() > data_start ? tokenizer->bytes_consumed() - data_start : 0;
  (void)file_bytes;
  return result;
}

}  // namespace

uint32_t CsvSniffCandidates(std::string_view text) {
  using namespace csv_candidate;
  const char* p = text.data();
  const char* e = p + text.size();
  csv::TrimBlanks(p, e);
  if (p == e) return 0;
  // Booleans.
  for (std::string_view w : {"true", "false", "t", "f", "yes", "no"}) {
    if (csv::EqualsIgnoreCase(p, e, w)) return kBoolean;
  }
  uint32_t mask = 0;
  if (NumericShapeOk(p, e)) {
    int64_t i;
    if (csv::ParseInteger(std::string_view(p, e - p), INT64_MIN, INT64_MAX, i)) {
      return kBigInt | kDouble;
    }
    bool infinite = false;
    {
      const char* q = p;
      if (q < e && *q == '-') q++;
      infinite = q < e && (*q == 'i' || *q == 'I');
    }
    double d;
    if (!infinite && csv::ParseDouble(std::string_view(p, e - p), d)) return kDouble;
  }
  if (const char* t = MatchTime(p, e); t == e) {
    if (date_time::ParseTime(std::string_view(p, e - p))) mask |= kTime;
    return mask;
  }
  if (const char* d = MatchDate(p, e)) {
    std::string_view whole(p, e - p);
    if (d == e) {
      if (date_time::ParseDate(whole)) mask |= kDate | kTimestamp | kTimestampTz;
      return mask;
    }
    if (*d == ' ' || *d == 'T') {
      const char* t = MatchTime(d + 1, e);
      if (!t) return mask;
      if (t == e) {
        if (date_time::ParseTimestamp(whole)) mask |= kTimestamp | kTimestampTz;
      } else if (MatchZone(t, e)) {
        if (date_time::ParseTimestampTz(whole)) mask |= kTimestampTz;
      }
    }
  }
  return mask;
}

LogicalType CsvSniffedType(uint32_t mask) {
  using namespace csv_candidate;
  if (mask & kBoolean) return TypeId::BOOLEAN;
  if (mask & kBigInt) return TypeId::BIGINT;
  if (mask & kDouble) return TypeId::DOUBLE;
  if (mask & kTime) return TypeId::TIME;
  if (mask & kDate) return TypeId::DATE;
  if (mask & kTimestamp) return TypeId::TIMESTAMP;
  if (mask & kTimestampTz) return TypeId::TIMESTAMP_TZ;
  return TypeId::VARCHAR;
}

CsvSniffResult SniffCsv(FileSystem& file_system, const std::string& path, const CsvOptions& options) {
  auto handle = file_system.OpenForRead(path);
  idx_t size = handle->Size();
  idx_t prefix_size = std::min<idx_t>(size, kDialectBytes);
  std::string prefix(prefix_size, '\0');
  if (prefix_size) handle->Read(prefix.data(), prefix_size, 0);
  handle.reset();
  return Sniff(
      path, prefix, prefix_size == size,
      [&](char delimiter) { return std::make_unique<CsvTokenizer>(file_system, path, delimiter, options.quote, options.escape); },
      size, options);
}

CsvSniffResult SniffCsvText(const std::string& name, const std::string& text, const CsvOptions& options) {
  std::string prefix = text.substr(0, kDialectBytes);
  return Sniff(
      name, prefix, prefix.size() == text.size(),
      [&](char delimiter) { return CsvTokenizer::FromString(name, text, delimiter, options.quote, options.escape); },
      text.size(), options);
}

}  // namespace cairn

#include "formats/csv_sniffer.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <memory>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "formats/csv_field_parser.h"
#include "formats/csv_tokenizer.h"
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

std::string ColumnName(idx_t index, idx_t count) {
  size_t width = std::to_string(count > 0 ? count - 1 : 0).size();
  return fmt::format("column{:0{}}", index, width);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
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

  std::vector<CsvField> fields;
  uint64_t line = 0;
  std::vector<std::string> first;
  std::vector<uint8_t> first_null;
  std::vector<uint32_t> first_mask;
  bool have_first = tokenizer->NextRow(fields, line);
  if (have_first) {
    for (const auto& f : fields) {
      first.emplace_back(f.view());
      bool null = IsNull(f, options.null_strings);
      first_null.push_back(null);
      first_mask.push_back(null ? csv_candidate::kAll : CsvSniffCandidates(f.view()));
    }
  }
  idx_t columns = first.size();
  std::vector<uint32_t> mask(columns, csv_candidate::kAll);
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
      if (mask[i]) mask[i] &= CsvSniffCandidates(fields[i].view());
    }
  }
  if (more && !tokenizer->NextRow(fields, line)) more = false;
  result.sampled_whole_file = !more;

  std::vector<LogicalType> rest_types(columns);
  for (idx_t i = 0; i < columns; i++) rest_types[i] = seen[i] ? CsvSniffedType(mask[i]) : LogicalType(TypeId::VARCHAR);

  bool header;
  if (options.header) {
    header = *options.header;
  } else if (rest_rows == 0) {
    header = std::all_of(first_mask.begin(), first_mask.end(),
                         [](uint32_t m) { return CsvSniffedType(m) == TypeId::VARCHAR; });
  } else {
    header = std::all_of(rest_types.begin(), rest_types.end(), [](const LogicalType& t) { return t == TypeId::VARCHAR; });
    for (idx_t i = 0; i < columns && !header; i++) {
      if (first_null[i] || rest_types[i] == TypeId::VARCHAR) continue;
      uint32_t bit = 0;
      switch (rest_types[i].id()) {
        case TypeId::BOOLEAN: bit = csv_candidate::kBoolean; break;
        case TypeId::BIGINT: bit = csv_candidate::kBigInt; break;
        case TypeId::DOUBLE: bit = csv_candidate::kDouble; break;
        case TypeId::TIME: bit = csv_candidate::kTime; break;
        case TypeId::DATE: bit = csv_candidate::kDate; break;
        case TypeId::TIMESTAMP: bit = csv_candidate::kTimestamp; break;
        default: bit = csv_candidate::kTimestampTz; break;
      }
      if (!(first_mask[i] & bit)) header = true;
    }
  }
  result.header = header;
  result.types.resize(columns);
  for (idx_t i = 0; i < columns; i++) {
    if (header) {
      result.types[i] = rest_types[i];
    } else {
      bool any = seen[i] || !first_null[i];
      result.types[i] = any ? CsvSniffedType(mask[i] & first_mask[i]) : LogicalType(TypeId::VARCHAR);
    }
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
  for (const auto& [column, type] : options.column_types) {
    bool found = false;
    for (idx_t i = 0; i < columns; i++) {
      if (Lower(result.names[i]) == Lower(column)) {
        result.types[i] = type;
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
        if (date_time::ParseTimestamp(whole)) mask |= kTimestampTz;
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

CsvSniffResult SniffCsv(const std::string& path, const CsvOptions& options) {
  auto handle = FileSystem::Local().OpenForRead(path);
  idx_t size = handle->Size();
  idx_t prefix_size = std::min<idx_t>(size, kDialectBytes);
  std::string prefix(prefix_size, '\0');
  if (prefix_size) handle->Read(prefix.data(), prefix_size, 0);
  handle.reset();
  return Sniff(
      path, prefix, prefix_size == size,
      [&](char delimiter) { return std::make_unique<CsvTokenizer>(path, delimiter, options.quote, options.escape); },
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

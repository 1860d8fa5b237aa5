#include "catalog/hive_partitioning.h"

#include "common/date_time.h"
#include "formats/csv_sniffer.h"

namespace cairn {
namespace {
constexpr std::string_view kDefaultPartition = "__HIVE_DEFAULT_PARTITION__";

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

std::string UrlDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); i++) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexDigit(text[i + 1]), lo = HexDigit(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<HivePartitionSegment> ParseHivePartitionPath(std::string_view relative_path) {
  std::vector<HivePartitionSegment> result;
  size_t start = 0;
  while (true) {
    size_t slash = relative_path.find('/', start);
    if (slash == std::string_view::npos) break;  // the rest is the file name
    std::string_view segment = relative_path.substr(start, slash - start);
    start = slash + 1;
    size_t eq = segment.find('=');
    if (eq == std::string_view::npos || eq == 0) continue;
    HivePartitionSegment s;
    s.key = UrlDecode(segment.substr(0, eq));
    std::string_view raw = segment.substr(eq + 1);
    if (raw != kDefaultPartition) s.value = UrlDecode(raw);
    result.push_back(std::move(s));
  }
  return result;
}

LogicalType InferHivePartitionType(const std::vector<std::optional<std::string>>& values) {
  bool all_int = true, all_date = true, any = false;
  for (const auto& v : values) {
    if (!v) continue;
    any = true;
    uint32_t mask = CsvSniffCandidates(*v);
    if (v->empty() || v->front() == ' ' || v->back() == ' ') mask = 0;
    if (!(mask & csv_candidate::kBigInt)) all_int = false;
    if (!(mask & csv_candidate::kDate)) all_date = false;
  }
  if (!any) return TypeId::VARCHAR;
  if (all_int) return TypeId::BIGINT;
  if (all_date) return TypeId::DATE;
  return TypeId::VARCHAR;
}

Value HivePartitionValue(const std::optional<std::string>& text, const LogicalType& type) {
  if (!text) return Value::Null(type);
  switch (type.id()) {
    case TypeId::BIGINT:
      return Value::BigInt(std::stoll(*text));
    case TypeId::DATE:
      if (auto d = date_time::ParseDate(*text)) return Value::Date(*d);
      return Value::Null(type);
    default:
      return Value::Varchar(*text);
  }
}

}  // namespace cairn

#include "common/ascii.h"
#include "formats/csv_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include "cairn/exception.h"
#include "common/date_time.h"
#include "formats/csv_field_parser.h"
#include "function/cast.h"

namespace cairn {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) out += (i ? ", " : "") + names[i];
  return out;
}

}  // namespace

CsvReader::CsvReader(FileSystem& file_system, std::string path, const CsvOptions& options, const CsvSniffResult& schema,
                     std::vector<idx_t> column_ids, const std::string& first_file, const CsvByteRange& range)
    : path_(std::move(path)), options_(options), schema_(schema), column_ids_(std::move(column_ids)) {
  default_nulls_ = options_.null_strings.size() == 1 && options_.null_strings[0].empty();
  const idx_t columns = schema_.names.size();
  slots_.assign(columns, -1);
  int next_slot = 0;
  for (idx_t id : column_ids_) {
    if (id >= columns) {
      throw Exception(sqlstate::kInternalError, fmt::format("{}: column index {} out of range", path_, id));
    }
    if (slots_[id] < 0) slots_[id] = next_slot++;
    output_slot_.push_back(slots_[id]);
  }
  formats_.resize(columns);
  for (idx_t i = 0; i < columns; i++) {
    std::string spec = i < schema_.formats.size() ? schema_.formats[i] : std::string();
    if (spec.empty()) {  // a schema built without formats still honors the options
      if (schema_.types[i] == TypeId::DATE && options_.date_format) spec = *options_.date_format;
      if (schema_.types[i] == TypeId::TIMESTAMP && options_.timestamp_format) spec = *options_.timestamp_format;
    }
    if (!spec.empty() && (schema_.types[i] == TypeId::DATE || schema_.types[i] == TypeId::TIMESTAMP)) {
      formats_[i] = StrpTimeFormat(spec);
    }
  }
  tokenizer_ = std::make_unique<CsvTokenizer>(file_system, path_, schema_.delimiter, options_.quote, options_.escape,
                                              range.begin, range.end, range.first_line);
  if (range.begin > 0) return;  // a later range: rows only
  tokenizer_->SkipLines(options_.skip_rows);
  if (schema_.header) {
    std::vector<CsvField> fields;
    uint64_t line;
    if (tokenizer_->NextRow(fields, line) && !first_file.empty() && first_file != path_) {
      bool same = fields.size() == schema_.header_names.size();
      for (size_t i = 0; same && i < fields.size(); i++) {
        same = Lower(std::string(fields[i].view())) == Lower(schema_.header_names[i]);
      }
      if (!same) {
        std::vector<std::string> names;
        for (const auto& f : fields) names.emplace_back(f.view());
        throw Exception(sqlstate::kInvalidTextRepresentation,
                        fmt::format("{}:{}: header ({}) differs from the header of {} ({})", path_, line,
                                    JoinNames(names), first_file, JoinNames(schema_.header_names)));
      }
    }
  }
}

CsvReader::~CsvReader() = default;

void CsvReader::ThrowConversion(idx_t column, idx_t row, const std::string& text) const {
  std::string format;
  if (!formats_[column].empty()) format = fmt::format(" using format \"{}\"", formats_[column].spec());
  throw Exception(sqlstate::kInvalidTextRepresentation,
                  fmt::format("{}:{}: could not convert \"{}\" to {} in column \"{}\"{}", path_, batch_.row_lines[row],
                              text, schema_.types[column].ToString(), schema_.names[column], format));
}

bool CsvReader::Next(DataChunk& out) {
  idx_t n = tokenizer_->NextBatch(batch_, kStandardVectorSize, schema_.names.size(), slots_);
  if (n == 0) {
    out.SetCardinality(0);
    return false;
  }
  for (idx_t j = 0; j < column_ids_.size() && j < out.ColumnCount(); j++) ConvertColumn(j, out.data[j]);
  out.SetCardinality(n);
  return true;
}

void CsvReader::ConvertColumn(idx_t output, Vector& target) {
  const idx_t column = column_ids_[output];
  const LogicalType type = schema_.types[column];
  const std::vector<CsvField>& fields = batch_.fields[output_slot_[output]];
  const idx_t n = batch_.row_count;
  target = Vector(type, kStandardVectorSize);
  ValidityMask& validity = target.validity();
  const bool default_nulls = default_nulls_;
  const auto& null_strings = options_.null_strings;
  auto is_null = [&](const CsvField& f) {
    if (f.quoted) return false;
    if (default_nulls) return f.size == 0;
    for (const auto& s : null_strings) {
      if (f.view() == s) return true;
    }
    return false;
  };
  // Runs `parse(text, T&)` over every non-NULL field.
  auto fill = [&]<class T>(T* data, auto&& parse) {
    for (idx_t r = 0; r < n; r++) {
      const CsvField& f = fields[r];
      if (is_null(f)) {
        validity.SetInvalid(r);
        continue;
      }
      if (!parse(f.view(), data[r])) ThrowConversion(column, r, std::string(f.view()));
    }
  };
  auto integer = [&](int64_t min, int64_t max) {
    if (type.physical_type() == PhysicalType::INT32) {
      fill(target.data<int32_t>(), [&](std::string_view s, int32_t& v) {
        int64_t x;
        if (!csv::ParseInteger(s, min, max, x)) return false;
        v = static_cast<int32_t>(x);
        return true;
      });
    } else {
      fill(target.data<int64_t>(), [&](std::string_view s, int64_t& v) { return csv::ParseInteger(s, min, max, v); });
    }
  };
  switch (type.id()) {
    case TypeId::BOOLEAN:
      fill(target.data<bool>(), [](std::string_view s, bool& v) { return csv::ParseBoolean(s, v); });
      return;
    case TypeId::TINYINT: integer(INT8_MIN, INT8_MAX); return;
    case TypeId::SMALLINT: integer(INT16_MIN, INT16_MAX); return;
    case TypeId::INTEGER: integer(INT32_MIN, INT32_MAX); return;
    case TypeId::BIGINT: integer(INT64_MIN, INT64_MAX); return;
    case TypeId::UTINYINT: integer(0, UINT8_MAX); return;
    case TypeId::USMALLINT: integer(0, UINT16_MAX); return;
    case TypeId::UINTEGER: integer(0, UINT32_MAX); return;
    case TypeId::UBIGINT:
      fill(target.data<hugeint_t>(), [](std::string_view s, hugeint_t& v) {
        uint64_t x;
        if (!csv::ParseUnsigned(s, x)) return false;
        v = x;
        return true;
      });
      return;
    case TypeId::DOUBLE:
      fill(target.data<double>(), [](std::string_view s, double& v) { return csv::ParseDouble(s, v); });
      return;
    case TypeId::FLOAT:
      fill(target.data<double>(), [](std::string_view s, double& v) {
        if (!csv::ParseDouble(s, v)) return false;
        v = static_cast<double>(static_cast<float>(v));
        return true;
      });
      return;
    case TypeId::DATE:
      if (const StrpTimeFormat& format = formats_[column]; !format.empty()) {
        fill(target.data<int32_t>(), [&](std::string_view s, int32_t& v) { return format.ParseDate(s, v); });
        return;
      }
      fill(target.data<int32_t>(), [](std::string_view s, int32_t& v) {
        auto d = date_time::ParseDate(s);
        if (!d) return false;
        v = *d;
        return true;
      });
      return;
    case TypeId::TIME:
      fill(target.data<int64_t>(), [](std::string_view s, int64_t& v) {
        auto t = date_time::ParseTime(s);
        if (!t) return false;
        v = *t;
        return true;
      });
      return;
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ:
      if (const StrpTimeFormat& format = formats_[column]; !format.empty()) {
        fill(target.data<int64_t>(), [&](std::string_view s, int64_t& v) { return format.ParseTimestamp(s, v); });
        return;
      }
      fill(target.data<int64_t>(), [&](std::string_view s, int64_t& v) {
        auto t = type.id() == TypeId::TIMESTAMP_TZ ? date_time::ParseTimestampTz(s) : date_time::ParseTimestamp(s);
        if (!t) return false;
        v = *t;
        return true;
      });
      return;
    case TypeId::VARCHAR:
    case TypeId::BLOB: {
      bool long_strings = false;
      fill(target.data<string_t>(), [&](std::string_view s, string_t& v) {
        v = string_t(s.data(), static_cast<uint32_t>(s.size()));
        long_strings |= s.size() > string_t::kInlineLength;
        return true;
      });
      if (long_strings) target.heap().KeepAlive(std::shared_ptr<const void>(batch_.block, batch_.block.get()));
      return;
    }
    default:
      break;
  }
  // Other types: build VARCHAR text and use the SQL cast; find the failing row on error.
  Vector text(LogicalType(TypeId::VARCHAR), kStandardVectorSize);
  string_t* strings = text.data<string_t>();
  for (idx_t r = 0; r < n; r++) {
    const CsvField& f = fields[r];
    if (is_null(f)) {
      text.validity().SetInvalid(r);
      continue;
    }
    strings[r] = text.AddString(f.view());
  }
  try {
    CastVector(text, target, n, false);
  } catch (const Exception&) {
    for (idx_t r = 0; r < n; r++) {
      if (is_null(fields[r])) continue;
      Vector one_text(Value::Varchar(std::string(fields[r].view())));
      Vector one(type, 1);
      try {
        CastVector(one_text, one, 1, false);
      } catch (const Exception&) {
        ThrowConversion(column, r, std::string(fields[r].view()));
      }
    }
    throw;
  }
}

}  // namespace cairn

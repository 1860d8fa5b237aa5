#include "formats/csv_writer.h"

#include "cairn/exception.h"
#include "cairn/vector.h"
#include "function/cast.h"

namespace cairn {

namespace {

/// Bytes buffered before they are handed to the file.
constexpr idx_t kFlushBytes = idx_t{1} << 20;

}  // namespace

CsvWriterOptions CsvWriterOptions::Defaults(CsvWriterFormat format) {
  CsvWriterOptions options;
  options.format = format;
  if (format == CsvWriterFormat::kText) {
    options.delimiter = '\t';
    options.null_string = "\\N";
  } else {
    options.delimiter = ',';
    options.null_string = "";
  }
  return options;
}

CsvWriter::CsvWriter(WritableFile& file, std::vector<std::string> names, std::vector<LogicalType> types,
                     CsvWriterOptions options)
    : file_(file), names_(std::move(names)), types_(std::move(types)), options_(std::move(options)) {
  if (names_.size() != types_.size() || (!options_.force_quote.empty() && options_.force_quote.size() != types_.size())) {
    throw Exception(sqlstate::kInternalError, "CsvWriter: column names, types and FORCE_QUOTE flags differ in count");
  }
}

void CsvWriter::WriteHeader() {
  header_written_ = true;
  if (!options_.header) return;
  for (idx_t column = 0; column < names_.size(); column++) {
    if (column > 0) buffer_ += options_.delimiter;
    // PostgreSQL quotes header names like values, but FORCE_QUOTE does not apply to them.
    if (options_.format == CsvWriterFormat::kCsv) {
      WriteCsvValue(names_[column], false);
    } else {
      WriteTextValue(names_[column]);
    }
  }
  buffer_ += '\n';
}

void CsvWriter::WriteCsvValue(std::string_view value, bool force_quote) {
  const char quote = options_.quote;
  const char escape = options_.escape;
  const char delimiter = options_.delimiter;
  // PostgreSQL's CopyAttributeOutCSV: a value equal to the NULL string is quoted so it reads
  // back as a value, and `\.` alone on a line would read as the end-of-data marker.
  bool use_quote = force_quote || value == options_.null_string || (names_.size() == 1 && value == "\\.");
  if (!use_quote) {
    for (char c : value) {
      if (c == delimiter || c == quote || c == '\n' || c == '\r') {
        use_quote = true;
        break;
      }
    }
  }
  if (!use_quote) {
    buffer_.append(value);
    return;
  }
  buffer_ += quote;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); i++) {
    const char c = value[i];
    if (c == quote || c == escape) {
      buffer_.append(value.substr(start, i - start));
      buffer_ += escape;
      start = i;  // the character itself follows its escape
    }
  }
  buffer_.append(value.substr(start));
  buffer_ += quote;
}

void CsvWriter::WriteTextValue(std::string_view value) {
  // PostgreSQL's CopyAttributeOutText (the UTF8 case: no multibyte character embeds ASCII).
  const char delimiter = options_.delimiter;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); i++) {
    const char c = value[i];
    char escaped = 0;
    if (static_cast<unsigned char>(c) < 0x20) {
      switch (c) {
        case '\b': escaped = 'b'; break;
        case '\f': escaped = 'f'; break;
        case '\n': escaped = 'n'; break;
        case '\r': escaped = 'r'; break;
        case '\t': escaped = 't'; break;
        case '\v': escaped = 'v'; break;
        default:
          // Other control characters are written as they are, unless one is the delimiter.
          if (c != delimiter) continue;
          escaped = c;
          break;
      }
    } else if (c == '\\' || c == delimiter) {
      escaped = c;
    } else {
      continue;
    }
    buffer_.append(value.substr(start, i - start));
    buffer_ += '\\';
    buffer_ += escaped;
    start = i + 1;
  }
  buffer_.append(value.substr(start));
}

void CsvWriter::WriteValue(std::string_view value, idx_t column) {
  if (options_.format == CsvWriterFormat::kCsv) {
    WriteCsvValue(value, !options_.force_quote.empty() && options_.force_quote[column]);
  } else {
    WriteTextValue(value);
  }
}

void CsvWriter::Append(const DataChunk& chunk) {
  if (finished_) throw Exception(sqlstate::kInternalError, "CsvWriter::Append after Finish");
  if (chunk.ColumnCount() != types_.size()) {
    throw Exception(sqlstate::kInternalError, "CsvWriter: a chunk of " + std::to_string(chunk.ColumnCount()) +
                                                  " columns for " + std::to_string(types_.size()) + " columns");
  }
  if (!header_written_) WriteHeader();
  const idx_t count = chunk.size();
  if (count == 0) return;

  // Every column as text: VARCHAR as it is, BOOLEAN as t/f, the rest through the cast to VARCHAR.
  std::vector<Vector> texts(types_.size());
  std::vector<UnifiedFormat> formats(types_.size());
  for (idx_t column = 0; column < types_.size(); column++) {
    const Vector& source = chunk.data[column];
    if (source.type() != types_[column]) {
      throw Exception(sqlstate::kInternalError, "CsvWriter: column " + std::to_string(column) + " is " +
                                                    source.type().ToString() + ", expected " + types_[column].ToString());
    }
    if (types_[column].id() == TypeId::VARCHAR || types_[column].id() == TypeId::BOOLEAN) {
      texts[column].Reference(source);
    } else {
      texts[column] = Vector(LogicalType(TypeId::VARCHAR), count);
      CastVector(source, texts[column], count);
    }
    texts[column].ToUnified(count, formats[column]);
  }

  for (idx_t row = 0; row < count; row++) {
    for (idx_t column = 0; column < types_.size(); column++) {
      if (column > 0) buffer_ += options_.delimiter;
      const UnifiedFormat& format = formats[column];
      const sel_t index = format.sel->get_index(row);
      if (!format.validity->RowIsValid(index)) {
        buffer_.append(options_.null_string);  // never quoted
        continue;
      }
      if (types_[column].id() == TypeId::BOOLEAN) {
        WriteValue(reinterpret_cast<const bool*>(format.data)[index] ? "t" : "f", column);
      } else {
        const string_t& text = reinterpret_cast<const string_t*>(format.data)[index];
        WriteValue(std::string_view(text.data(), text.size()), column);
      }
    }
    buffer_ += '\n';
    FlushBuffer(kFlushBytes);
  }
  rows_written_ += count;
}

void CsvWriter::Finish() {
  if (finished_) throw Exception(sqlstate::kInternalError, "CsvWriter::Finish called twice");
  if (!header_written_) WriteHeader();
  FlushBuffer(0);
  finished_ = true;
}

void CsvWriter::FlushBuffer(idx_t threshold) {
  if (buffer_.empty() || buffer_.size() < threshold) return;
  file_.Append(buffer_.data(), buffer_.size());
  buffer_.clear();
}

}  // namespace cairn

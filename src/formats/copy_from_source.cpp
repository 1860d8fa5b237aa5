#include "formats/copy_from_source.h"

#include <atomic>

#include "cairn/exception.h"
#include "function/cast.h"

namespace cairn {

namespace {

/// PostgreSQL's limit_printout_length for a value in error context.
std::string PrintableValue(const std::string& text) {
  constexpr size_t kMaxDisplay = 100;
  if (text.size() <= kMaxDisplay) return text;
  size_t cut = kMaxDisplay;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) cut--;
  return text.substr(0, cut) + "...";
}

struct CopySourceState {
  std::shared_ptr<FileHandle> file;
  CopyFromTextOptions options;
  std::vector<ColumnDefinition> columns;
};

class CopyFromPartition final : public ScanPartition {
 public:
  CopyFromPartition(std::shared_ptr<const CopySourceState> state, std::vector<idx_t> column_ids)
      : state_(std::move(state)), column_ids_(std::move(column_ids)), reader_(state_->file, state_->options.reader) {
    const idx_t n = state_->columns.size();
    texts_.resize(n);
    converted_.resize(n);
    force_not_null_ = state_->options.force_not_null;
    force_null_ = state_->options.force_null;
    force_not_null_.resize(n, false);
    force_null_.resize(n, false);
  }

  bool Next(DataChunk& out) override {
    if (!started_) {
      started_ = true;
      ReadHeader();
    }
    const auto& columns = state_->columns;
    const idx_t n = columns.size();
    // Fresh vectors per chunk: the chunks handed out keep their strings.
    for (auto& text : texts_) text = Vector(LogicalType(TypeId::VARCHAR), kStandardVectorSize);
    lines_.clear();
    idx_t count = 0;
    while (count < kStandardVectorSize && !finished_) {
      if (!reader_.NextLine()) {
        finished_ = true;
        break;
      }
      const idx_t fields = reader_.field_count();
      if (fields != n) {
        // PostgreSQL converts line by line, column by column: the values before this line, and
        // (for missing data) this line's leading values, fail first.
        for (idx_t c = 0; c < n; c++) Convert(c, count);
        if (fields > n) reader_.Fail(kBadCopyFileFormat, "extra data after last expected column");
        for (idx_t c = 0; c < fields; c++) {
          if (!reader_.field_is_null(c)) ConvertValue(c, reader_.field(c), reader_.line_number());
        }
        reader_.Fail(kBadCopyFileFormat, "missing data for column \"" + columns[fields].name + "\"");
      }
      for (idx_t c = 0; c < n; c++) {
        bool is_null = reader_.field_is_null(c);
        const std::string& value = reader_.field(c);
        if (state_->options.reader.csv) {
          if (is_null && force_not_null_[c]) {
            is_null = false;  // the NULL string itself
          } else if (!is_null && force_null_[c] && value == state_->options.reader.null_string) {
            is_null = true;
          }
        }
        if (is_null) {
          texts_[c].validity().SetInvalid(count);
        } else {
          texts_[c].data<string_t>()[count] = texts_[c].AddString(value);
        }
      }
      lines_.push_back(reader_.line_number());
      count++;
    }
    if (count == 0) {
      out.SetCardinality(0);
      return false;
    }
    // Every column is converted (a bad value fails the COPY even if the plan does not read it).
    for (idx_t c = 0; c < n; c++) Convert(c, count);
    for (idx_t i = 0; i < column_ids_.size(); i++) out.data[i].Reference(converted_[column_ids_[i]]);
    out.SetCardinality(count);
    return true;
  }

 private:
  void ReadHeader() {
    const CopyHeader header = state_->options.header;
    if (header == CopyHeader::kNone) return;
    if (!reader_.NextLine()) {
      finished_ = true;
      return;
    }
    if (header != CopyHeader::kMatch) return;
    const auto& columns = state_->columns;
    if (reader_.field_count() != columns.size()) {
      reader_.Fail(kBadCopyFileFormat, "wrong number of fields in header line: got " +
                                           std::to_string(reader_.field_count()) + ", expected " +
                                           std::to_string(columns.size()));
    }
    for (idx_t c = 0; c < columns.size(); c++) {
      const std::string field = std::to_string(c + 1);
      if (reader_.field_is_null(c)) {
        reader_.Fail(kBadCopyFileFormat, "column name mismatch in header line field " + field + ": got null value (\"" +
                                             state_->options.reader.null_string + "\"), expected \"" +
                                             columns[c].name + "\"");
      }
      if (reader_.field(c) != columns[c].name) {
        reader_.Fail(kBadCopyFileFormat, "column name mismatch in header line field " + field + ": got \"" +
                                             reader_.field(c) + "\", expected \"" + columns[c].name + "\"");
      }
    }
  }

  /// Casts the text of column `c` to its type into converted_[c]; on failure, the first failing
  /// row's error with PostgreSQL's context (line and column).
  void Convert(idx_t c, idx_t count) {
    const ColumnDefinition& column = state_->columns[c];
    converted_[c] = Vector(column.type, std::max<idx_t>(count, 1));
    try {
      CastVector(texts_[c], converted_[c], count, false);
    } catch (const Exception&) {
      for (idx_t row = 0; row < count; row++) {
        if (!texts_[c].validity().RowIsValid(row)) continue;
        const string_t text = texts_[c].data<string_t>()[row];
        ConvertValue(c, std::string(text.data(), text.size()), lines_[row]);
      }
      throw;
    }
  }

  /// Casts one value of column `c` (read on line `line`); throws the cast's error with
  /// PostgreSQL's context.
  void ConvertValue(idx_t c, const std::string& value, idx_t line) {
    const ColumnDefinition& column = state_->columns[c];
    Vector one_text(Value::Varchar(value));
    Vector one(column.type, 1);
    try {
      CastVector(one_text, one, 1, false);
    } catch (const Exception& error) {
      throw Exception(error.sqlstate(),
                      std::string(error.what()) + " (COPY " + state_->options.reader.table_name + ", line " +
                          std::to_string(line) + ", column " + column.name + ": \"" + PrintableValue(value) + "\")",
                      std::nullopt, error.hint(), error.detail());
    }
  }

  std::shared_ptr<const CopySourceState> state_;
  std::vector<idx_t> column_ids_;
  CopyTextReader reader_;
  std::vector<Vector> texts_;
  std::vector<Vector> converted_;
  std::vector<idx_t> lines_;
  std::vector<bool> force_not_null_;
  std::vector<bool> force_null_;
  bool started_ = false;
  bool finished_ = false;
};

class CopyFromScan final : public GlobalScan {
 public:
  CopyFromScan(std::shared_ptr<const CopySourceState> state, std::vector<idx_t> column_ids)
      : state_(std::move(state)), column_ids_(std::move(column_ids)) {}
  std::unique_ptr<ScanPartition> NextPartition() override {
    if (handed_out_.exchange(true)) return nullptr;
    return std::make_unique<CopyFromPartition>(state_, column_ids_);
  }

 private:
  std::shared_ptr<const CopySourceState> state_;
  std::vector<idx_t> column_ids_;
  std::atomic<bool> handed_out_{false};
};

class CopyFromSource final : public TableSource {
 public:
  CopyFromSource(std::shared_ptr<const CopySourceState> state, std::string path)
      : state_(std::move(state)), path_(std::move(path)) {}
  const std::vector<ColumnDefinition>& columns() const override { return state_->columns; }
  std::string Describe() const override {
    return std::string("COPY FROM ") + (state_->options.reader.csv ? "CSV " : "TEXT ") + path_;
  }
  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    return std::make_unique<CopyFromScan>(state_, request.column_ids);
  }

 private:
  std::shared_ptr<const CopySourceState> state_;
  std::string path_;
};

}  // namespace

std::shared_ptr<TableSource> CreateCopyFromSource(FileSystem& file_system, const std::string& path,
                                                  CopyFromTextOptions options, std::vector<ColumnDefinition> columns) {
  auto state = std::make_shared<CopySourceState>();
  state->file = file_system.OpenForRead(path);
  state->options = std::move(options);
  state->columns = std::move(columns);
  return std::make_shared<CopyFromSource>(std::move(state), path);
}

}  // namespace cairn

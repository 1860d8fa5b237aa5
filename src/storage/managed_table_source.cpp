#include "storage/managed_table_source.h"

#include <algorithm>
#include <atomic>

#include "cairn/exception.h"
#include "parquet/parquet_file_reader.h"
#include "function/cast.h"
#include "parquet/parquet_source.h"

namespace cairn {

namespace {

/// One morsel: a row group of a data file, or a tail chunk.
struct Morsel {
  const TableData::File* file = nullptr;  // null: a tail chunk
  idx_t row_group = 0;
  const DataChunk* chunk = nullptr;
  idx_t first_position = 0;
  idx_t rows = 0;
};

struct ScanState {
  std::shared_ptr<const StorageSnapshot> snapshot_owner;  // keeps a fallback snapshot alive
  std::shared_ptr<const TableData> data;
  std::vector<idx_t> column_ids;  // as requested (rowid = data->columns.size())
  std::vector<idx_t> file_columns;  // the requested real columns, in order
  std::vector<Morsel> morsels;
};

class ManagedScanPartition final : public ScanPartition {
 public:
  ManagedScanPartition(std::shared_ptr<const ScanState> state, const Morsel& morsel)
      : state_(std::move(state)), morsel_(morsel) {}

  bool Next(DataChunk& out) override {
    const ScanState& state = *state_;
    const idx_t rowid_column = state.data->columns.size();
    for (;;) {
      if (done_ >= morsel_.rows) {
        out.SetCardinality(0);
        return false;
      }
      idx_t count = 0;
      DataChunk read;
      if (morsel_.chunk) {
        count = morsel_.rows;
        for (idx_t c : state.file_columns) read.data.push_back(morsel_.chunk->data[c]);
        read.SetCardinality(count);
      } else if (state.file_columns.empty()) {
        count = std::min<idx_t>(morsel_.rows - done_, kStandardVectorSize);
        read.SetCardinality(count);
      } else {
        if (!reader_) {
          reader_ = std::make_unique<parquet::RowGroupReader>(morsel_.file->reader, morsel_.row_group, state.file_columns);
        }
        if (!reader_->Next(read) || read.size() == 0) {
          throw Exception(sqlstate::kDataCorrupted,
                          "data file " + morsel_.file->entry.path + " holds fewer rows than its metadata says");
        }
        count = read.size();
      }
      const idx_t first = morsel_.first_position + done_;
      done_ += count;
      // Live rows of [first, first + count).
      const auto& deleted = *state.data->deleted;
      auto it = std::lower_bound(deleted.begin(), deleted.end(), first);
      std::vector<sel_t> keep;
      bool any_deleted = it != deleted.end() && *it < first + count;
      if (any_deleted) {
        for (idx_t row = 0; row < count; row++) {
          while (it != deleted.end() && *it < first + row) ++it;
          if (it != deleted.end() && *it == first + row) continue;
          keep.push_back(static_cast<sel_t>(row));
        }
        if (keep.empty()) continue;
      }
      idx_t real = 0;
      for (idx_t i = 0; i < state.column_ids.size(); i++) {
        if (state.column_ids[i] == rowid_column) {
          Vector positions(LogicalType(TypeId::BIGINT), count);
          auto* values = positions.data<int64_t>();
          for (idx_t row = 0; row < count; row++) values[row] = static_cast<int64_t>(first + row);
          out.data[i] = std::move(positions);
        } else {
          const Vector& column = read.data[real++];
          const LogicalType& type = state.data->columns[state.column_ids[i]].type;
          if (column.type() == type) {
            out.data[i].Reference(column);
          } else {
            // Stored as another type (StoredColumnType, or how the Parquet reader types the
            // column): cast back to the table's.
            Vector cast(type, std::max<idx_t>(count, 1));
            CastVector(column, cast, count);
            out.data[i] = std::move(cast);
          }
        }
      }
      out.SetCardinality(count);
      if (any_deleted) {
        SelectionVector sel(keep.size());
        for (idx_t k = 0; k < keep.size(); k++) sel.set_index(k, keep[k]);
        out.Slice(sel, keep.size());
      }
      return true;
    }
  }

 private:
  std::shared_ptr<const ScanState> state_;
  Morsel morsel_;
  idx_t done_ = 0;
  std::unique_ptr<parquet::RowGroupReader> reader_;
};

class ManagedGlobalScan final : public GlobalScan {
 public:
  explicit ManagedGlobalScan(std::shared_ptr<const ScanState> state) : state_(std::move(state)) {}

  std::unique_ptr<ScanPartition> NextPartition() override {
    idx_t index = next_.fetch_add(1, std::memory_order_relaxed);
    if (index >= state_->morsels.size()) return nullptr;
    return std::make_unique<ManagedScanPartition>(state_, state_->morsels[index]);
  }

 private:
  std::shared_ptr<const ScanState> state_;
  std::atomic<idx_t> next_{0};
};

class ManagedTableSource final : public TableSource {
 public:
  ManagedTableSource(TableId id, std::string name, std::vector<ColumnDefinition> columns,
                     std::function<std::shared_ptr<const StorageSnapshot>()> committed)
      : id_(id), name_(std::move(name)), columns_(std::move(columns)), committed_(std::move(committed)) {}

  const std::vector<ColumnDefinition>& columns() const override { return columns_; }

  std::string Describe() const override {
    auto data = Current(nullptr, nullptr);
    std::string files = std::to_string(data ? data->files.size() : 0);
    return "TABLE " + name_ + " (" + files + (files == "1" ? " data file" : " data files") + ", " +
           std::to_string(data ? data->tail_rows : 0) + " rows in memory)";
  }

  // No ExactRowCount: the count depends on the snapshot a statement reads (its transaction's
  // changes), which is known only at scan time. A scan without columns counts from the metadata.
  idx_t EstimatedRowCount() const override {
    auto data = Current(nullptr, nullptr);
    return data ? data->live_rows() : 0;
  }

  std::unique_ptr<GlobalScan> Scan(const ScanRequest& request) const override {
    auto state = std::make_shared<ScanState>();
    state->data = Current(request.snapshot, &state->snapshot_owner);
    if (!state->data) throw Exception(sqlstate::kUndefinedTable, "relation \"" + name_ + "\" does not exist");
    const TableData& data = *state->data;
    bool same = data.columns.size() == columns_.size();
    for (idx_t i = 0; same && i < columns_.size(); i++) same = data.columns[i].type == columns_[i].type;
    if (!same) {
      throw Exception(sqlstate::kFeatureNotSupported, "cached plan must not change result type", std::nullopt,
                      "Table \"" + name_ + "\" was altered after the statement was prepared.");
    }
    state->column_ids = request.column_ids;
    for (idx_t id : request.column_ids) {
      if (id > columns_.size()) throw Exception(sqlstate::kInternalError, "column id beyond the table");
      if (id < columns_.size()) state->file_columns.push_back(id);
    }
    for (const auto& file : data.files) {
      idx_t position = file.first_position;
      for (idx_t g = 0; g < file.reader->num_row_groups(); g++) {
        idx_t rows = file.reader->row_group_rows(g);
        bool excluded = false;
        for (const TableFilter& filter : request.filters) {
          if (filter.column >= columns_.size()) continue;
          if (FilterExcludes(filter, columns_[filter.column].type, file.reader->GetStatistics(g, filter.column), rows)) {
            excluded = true;
            break;
          }
        }
        if (rows > 0 && !excluded) state->morsels.push_back(Morsel{&file, g, nullptr, position, rows});
        position += rows;
      }
    }
    idx_t position = data.file_rows;
    for (const auto& chunk : data.tail) {
      state->morsels.push_back(Morsel{nullptr, 0, chunk.get(), position, chunk->size()});
      position += chunk->size();
    }
    return std::make_unique<ManagedGlobalScan>(std::move(state));
  }

 private:
  std::shared_ptr<const TableData> Current(const StorageSnapshot* snapshot,
                                           std::shared_ptr<const StorageSnapshot>* owner) const {
    if (snapshot) return snapshot->Find(id_);
    std::shared_ptr<const StorageSnapshot> committed = committed_();
    if (!committed) return nullptr;
    if (owner) *owner = committed;
    return committed->Find(id_);
  }

  TableId id_;
  std::string name_;
  std::vector<ColumnDefinition> columns_;
  std::function<std::shared_ptr<const StorageSnapshot>()> committed_;
};

}  // namespace

void ScanTableRows(const std::shared_ptr<const TableData>& data, std::vector<idx_t> column_ids, idx_t first_position,
                   idx_t end_position, const std::function<void(DataChunk&)>& consume) {
  auto state = std::make_shared<ScanState>();
  state->data = data;
  state->column_ids = std::move(column_ids);
  std::vector<LogicalType> types;
  for (idx_t id : state->column_ids) {
    if (id < data->columns.size()) {
      state->file_columns.push_back(id);
      types.push_back(data->columns[id].type);
    } else {
      types.push_back(LogicalType(TypeId::BIGINT));
    }
  }
  for (const auto& file : data->files) {
    idx_t position = file.first_position;
    for (idx_t g = 0; g < file.reader->num_row_groups(); g++) {
      idx_t rows = file.reader->row_group_rows(g);
      if (rows > 0 && position >= first_position && position + rows <= end_position) {
        state->morsels.push_back(Morsel{&file, g, nullptr, position, rows});
      } else if (rows > 0 && position < end_position && position + rows > first_position) {
        throw Exception(sqlstate::kInternalError, "a scanned position range splits a row group");
      }
      position += rows;
    }
  }
  idx_t position = data->file_rows;
  for (const auto& chunk : data->tail) {
    if (position >= first_position && position + chunk->size() <= end_position) {
      state->morsels.push_back(Morsel{nullptr, 0, chunk.get(), position, chunk->size()});
    }
    position += chunk->size();
  }
  std::shared_ptr<const ScanState> shared = state;
  DataChunk chunk;
  for (const Morsel& morsel : shared->morsels) {
    ManagedScanPartition partition(shared, morsel);
    for (;;) {
      chunk.Initialize(types);
      if (!partition.Next(chunk) || chunk.size() == 0) break;
      consume(chunk);
    }
  }
}

std::shared_ptr<TableSource> CreateManagedTableSource(TableId id, std::string name, std::vector<ColumnDefinition> columns,
                                                      std::function<std::shared_ptr<const StorageSnapshot>()> committed) {
  return std::make_shared<ManagedTableSource>(id, std::move(name), std::move(columns), std::move(committed));
}

}  // namespace cairn

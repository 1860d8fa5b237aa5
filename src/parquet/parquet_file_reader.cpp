#include "parquet/parquet_file_reader.h"

#include <algorithm>
#include <cstring>

#include "cairn/exception.h"
#include "parquet/parquet_page_filter.h"

namespace cairn::parquet {

namespace {

/// Largest footer accepted (the metadata of very wide files is a few MB).
constexpr uint32_t kMaxFooterSize = 256u << 20;

[[noreturn]] void Corrupt(const std::string& path, const std::string& what) {
  throw Exception(sqlstate::kDataCorrupted, path + ": " + what);
}

}  // namespace

std::shared_ptr<ParquetFileReader> ParquetFileReader::Open(FileSystem& file_system, const std::string& path) {
  return std::make_shared<ParquetFileReader>(file_system.OpenForRead(path));
}

ParquetFileReader::ParquetFileReader(std::unique_ptr<FileHandle> handle) : handle_(std::move(handle)) {
  path_ = handle_->path();
  file_size_ = handle_->Size();
  if (file_size_ < 12) Corrupt(path_, "not a Parquet file (only " + std::to_string(file_size_) + " bytes)");
  uint8_t tail[8];
  handle_->Read(tail, 8, file_size_ - 8);
  uint8_t head[4];
  handle_->Read(head, 4, 0);
  if (std::memcmp(tail + 4, "PARE", 4) == 0 || std::memcmp(head, "PARE", 4) == 0) {
    throw Exception(sqlstate::kFeatureNotSupported, path_ + ": encrypted Parquet files are not supported");
  }
  if (std::memcmp(tail + 4, "PAR1", 4) != 0 || std::memcmp(head, "PAR1", 4) != 0) {
    Corrupt(path_, "not a Parquet file (magic bytes \"PAR1\" missing)");
  }
  uint32_t footer_size;
  std::memcpy(&footer_size, tail, 4);
  if (footer_size == 0 || footer_size > file_size_ - 12 || footer_size > kMaxFooterSize) {
    Corrupt(path_, "invalid footer length " + std::to_string(footer_size) + " in a file of " +
                       std::to_string(file_size_) + " bytes");
  }
  std::unique_ptr<uint8_t[]> footer(new uint8_t[footer_size]);
  handle_->Read(footer.get(), footer_size, file_size_ - 8 - footer_size);
  metadata_ = DecodeFileMetaData(footer.get(), footer_size, path_);
  if (metadata_.encryption_algorithm) {
    throw Exception(sqlstate::kFeatureNotSupported, path_ + ": encrypted Parquet files are not supported");
  }
  schema_ = std::make_unique<ParquetSchema>(metadata_, path_);
  for (idx_t g = 0; g < metadata_.row_groups.size(); g++) {
    const RowGroup& group = metadata_.row_groups[g];
    if (group.columns.size() != schema_->num_leaves()) {
      Corrupt(path_, "row group " + std::to_string(g) + " has " + std::to_string(group.columns.size()) +
                         " column chunks but the schema has " + std::to_string(schema_->num_leaves()) + " leaf columns");
    }
    if (group.num_rows < 0) Corrupt(path_, "negative row count in row group " + std::to_string(g));
    total_rows_ += static_cast<idx_t>(group.num_rows);
  }
}

ColumnStatistics ParquetFileReader::GetStatistics(idx_t row_group, idx_t column) const {
  const ParquetColumn& c = columns()[column];
  if (c.nested) return {};
  const ColumnChunk& chunk = metadata_.row_groups[row_group].columns[c.leaf_index];
  if (!chunk.meta_data || !chunk.meta_data->statistics) return {};
  return DecodeColumnStatistics(c, *chunk.meta_data->statistics);
}

RowGroupReader::RowGroupReader(std::shared_ptr<const ParquetFileReader> file, idx_t row_group,
                               std::vector<idx_t> column_ids, std::vector<ColumnFilter> filters,
                               std::shared_ptr<const DynamicFilter> dynamic, idx_t dynamic_column)
    : file_(std::move(file)), dynamic_(std::move(dynamic)) {
  const RowGroup& group = file_->metadata().row_groups.at(row_group);
  rows_left_ = static_cast<idx_t>(group.num_rows);
  num_rows_ = rows_left_;
  auto add_reader = [&](idx_t id) {
    const ParquetColumn& column = file_->columns().at(id);
    readers_.push_back(std::make_unique<ColumnReader>(file_->handle(), file_->file_size(), file_->path(), column,
                                                      group.columns[column.leaf_index], group.num_rows));
    return readers_.size() - 1;
  };
  if (filters.empty() && !dynamic_) {
    for (idx_t id : column_ids) add_reader(id);
    return;
  }
  // Filtered: one reader per distinct column, filter-only columns included.
  std::vector<idx_t> reader_columns;
  auto reader_of = [&](idx_t id) {
    for (idx_t r = 0; r < reader_columns.size(); r++) {
      if (reader_columns[r] == id) return r;
    }
    reader_columns.push_back(id);
    return add_reader(id);
  };
  for (idx_t id : column_ids) output_reader_.push_back(reader_of(id));
  auto group_of = [&](idx_t column) {
    idx_t reader = reader_of(column);
    auto it = std::find_if(groups_.begin(), groups_.end(), [&](const FilterGroup& g) { return g.reader == reader; });
    if (it == groups_.end()) {
      groups_.emplace_back();
      groups_.back().reader = reader;
      it = groups_.end() - 1;
    }
    return it;
  };
  for (auto& f : filters) {
    auto group = group_of(f.column);
    group->filters.push_back(std::move(f.filter));
    for (TableFilter& t : f.table_filters) group->table_filters.push_back(std::move(t));
  }
  if (dynamic_) {
    // The cut-off's column goes first: once the bound is tight it drops nearly every row.
    auto it = group_of(dynamic_column);
    std::rotate(groups_.begin(), it, it + 1);
  }
  // Cheapest first: fixed-width columns before strings (stable otherwise).
  std::stable_sort(groups_.begin() + (dynamic_ ? 1 : 0), groups_.end(), [&](const FilterGroup& a, const FilterGroup& b) {
    auto is_string = [&](const FilterGroup& g) {
      return file_->columns()[reader_columns[g.reader]].type.physical_type() == PhysicalType::STRING;
    };
    return !is_string(a) && is_string(b);
  });
  if (dynamic_) dynamic_group_ = 0;
  // Page index: rows of pages the static filters prove empty (and the cut-off's column's pages,
  // re-evaluated whenever it tightens).
  for (idx_t g = 0; g < groups_.size(); g++) {
    idx_t column = reader_columns[groups_[g].reader];
    bool dynamic_column = dynamic_ && static_cast<int>(g) == dynamic_group_;
    if (groups_[g].table_filters.empty() && !dynamic_column) continue;
    std::vector<PageBounds> pages = ReadPageBounds(*file_, row_group, column);
    const LogicalType& type = file_->columns()[column].type;
    for (const TableFilter& filter : groups_[g].table_filters) AppendExcludedRows(pages, filter, type, static_excluded_);
    if (dynamic_column) dynamic_pages_ = std::move(pages);
  }
  NormalizeRanges(static_excluded_);
  excluded_ = static_excluded_;
  reader_group_.assign(readers_.size(), -1);
  for (idx_t g = 0; g < groups_.size(); g++) {
    reader_group_[groups_[g].reader] = static_cast<int>(g);
    readers_[groups_[g].reader]->set_dictionary_output(true);
  }
}

bool RowGroupReader::Next(DataChunk& out) {
  if (groups_.empty()) {
    if (rows_left_ == 0) {
      out.SetCardinality(0);
      return false;
    }
    idx_t count = std::min<idx_t>(rows_left_, kStandardVectorSize);
    if (out.data.size() != readers_.size()) out.data.resize(readers_.size());
    for (idx_t i = 0; i < readers_.size(); i++) readers_[i]->Read(count, out.data[i]);
    out.SetCardinality(count);
    rows_left_ -= count;
    return true;
  }
  if (out.data.size() != output_reader_.size()) out.data.resize(output_reader_.size());
  while (rows_left_ > 0) {
    if (dynamic_ && dynamic_->version() != dynamic_version_) {
      dynamic_version_ = dynamic_->version();
      if (auto bound = dynamic_->Current()) {
        groups_[dynamic_group_].dynamic = ParquetScanFilter::Make(*bound, dynamic_->type(), dynamic_->nulls_pass());
        if (!dynamic_pages_.empty()) {
          excluded_ = static_excluded_;
          AppendExcludedRows(dynamic_pages_, *bound, dynamic_->type(), excluded_, dynamic_->nulls_pass());
          NormalizeRanges(excluded_);
        }
      }
      passthrough_batches_ = 0;
    }
    // Pages the page index proves empty: skipped in every column, mostly undecompressed.
    const idx_t row = num_rows_ - rows_left_;
    idx_t next_excluded = num_rows_;
    while (excluded_next_ < excluded_.size() && excluded_[excluded_next_].end <= row) excluded_next_++;
    for (idx_t e = excluded_next_; e < excluded_.size(); e++) {
      if (excluded_[e].begin <= row) {
        idx_t skip = std::min<idx_t>(excluded_[e].end, num_rows_) - row;
        for (auto& reader : readers_) reader->Skip(skip);
        rows_left_ -= skip;
        next_excluded = 0;  // marks "skipped": look again from the new position
      } else {
        next_excluded = std::min(next_excluded, excluded_[e].begin);
      }
      break;
    }
    if (next_excluded == 0) continue;
    idx_t count = std::min<idx_t>({rows_left_, kStandardVectorSize, next_excluded - row});
    rows_left_ -= count;
    if (passthrough_batches_ > 0) {
      // The filters recently kept most rows: read plainly, the FILTER above does the rest.
      passthrough_batches_--;
      ReadAll(count, out);
      out.SetCardinality(count);
      return true;
    }
    idx_t survivors = ReadFiltered(count, out);
    if (survivors > 0) {
      out.SetCardinality(survivors);
      return true;
    }
  }
  out.SetCardinality(0);
  return false;
}

namespace {
/// Filter columns of fixed-width types come out of their readers as DICTIONARY vectors (so
/// predicates run per dictionary entry); downstream operators are faster on FLAT ones, and
/// gathering the surviving rows costs no more than the reader's own gather would have.
void FlattenFixedWidth(Vector& vector, idx_t count) {
  if (vector.kind() == VectorKind::DICTIONARY && vector.type().physical_type() != PhysicalType::STRING) {
    vector.Flatten(count);
  }
}

/// A batch is dense when more than kDenseNumerator / kDenseDenominator of its rows are alive:
/// filter columns are then decoded in full, and a batch still dense after every filter is
/// returned whole (late materialization would cost more than it saves).
constexpr idx_t kDenseNumerator = 1, kDenseDenominator = 2;
/// After a batch returned whole, this many batches are read without evaluating the filters
/// (then the filters are tried again): clustered data changes selectivity between regions.
constexpr idx_t kPassthroughBatches = 7;
}  // namespace

void RowGroupReader::ReadAll(idx_t count, DataChunk& out) {
  for (idx_t i = 0; i < output_reader_.size(); i++) {
    idx_t r = output_reader_[i];
    idx_t first = i;
    for (idx_t k = 0; k < i; k++) {
      if (output_reader_[k] == r) {
        first = k;
        break;
      }
    }
    if (first != i) {
      out.data[i].Reference(out.data[first]);
      continue;
    }
    readers_[r]->set_dictionary_output(false);
    readers_[r]->Read(count, out.data[i]);
    if (reader_group_[r] >= 0) readers_[r]->set_dictionary_output(true);
  }
  for (idx_t r = 0; r < readers_.size(); r++) {
    bool used = false;
    for (idx_t i = 0; !used && i < output_reader_.size(); i++) used = output_reader_[i] == r;
    if (!used) readers_[r]->Skip(count);
  }
}

idx_t RowGroupReader::ReadFiltered(idx_t count, DataChunk& out) {
  idx_t alive = count;  // alive_[0..alive) once a filter ran; every row before
  bool all_alive = true;
  for (auto& group : groups_) {
    group.read = false;
    if (alive == 0) continue;
    ColumnReader& reader = *readers_[group.reader];
    if (all_alive || alive * kDenseDenominator > count * kDenseNumerator) {
      // Most rows still alive: decoding all of them is cheaper than picking.
      reader.Read(count, group.vector);
      group.full = true;
      group.read = true;
      group.rows = count;
      std::memset(keep_, 1, count);
      for (auto& filter : group.filters) filter.Apply(group.vector, count, keep_);
      if (group.dynamic) group.dynamic->Apply(group.vector, count, keep_);
      // Branch-free compaction: selectivity near 50 % would mispredict every other row.
      idx_t next = 0;
      if (all_alive) {
        for (idx_t j = 0; j < count; j++) {
          alive_[next] = static_cast<sel_t>(j);
          next += keep_[j];
        }
      } else {
        for (idx_t j = 0; j < alive; j++) {
          sel_t row = alive_[j];
          alive_[next] = row;
          next += keep_[row];
        }
      }
      alive = next;
      all_alive = false;
      continue;
    } else {
      reader.ReadSelected(count, alive_, alive, group.vector);
      group.full = false;
      group.rows_read.assign(alive_, alive_ + alive);
    }
    group.read = true;
    group.rows = alive;
    std::memset(keep_, 1, alive);
    for (auto& filter : group.filters) filter.Apply(group.vector, alive, keep_);
    if (group.dynamic) group.dynamic->Apply(group.vector, alive, keep_);
    idx_t next = 0;
    for (idx_t j = 0; j < alive; j++) {
      sel_t row = alive_[j];
      alive_[next] = row;
      next += keep_[j];
    }
    alive = next;
    all_alive = false;
  }
  if (alive * kDenseDenominator > count * kDenseNumerator) {
    // Most rows pass: return the whole batch (the FILTER above drops the others) rather than
    // picking the survivors out of every column. Every filter column was read in full.
    for (idx_t i = 0; i < output_reader_.size(); i++) {
      idx_t r = output_reader_[i];
      int g = reader_group_[r];
      if (g >= 0) {
        out.data[i].Reference(groups_[g].vector);
        FlattenFixedWidth(out.data[i], count);
        continue;
      }
      idx_t first = i;
      for (idx_t k = 0; k < i; k++) {
        if (output_reader_[k] == r) {
          first = k;
          break;
        }
      }
      if (first == i) readers_[r]->Read(count, out.data[i]);
      else out.data[i].Reference(out.data[first]);
    }
    for (idx_t r = 0; r < readers_.size(); r++) {
      bool used = reader_group_[r] >= 0;
      for (idx_t i = 0; !used && i < output_reader_.size(); i++) used = output_reader_[i] == r;
      if (!used) readers_[r]->Skip(count);
    }
    passthrough_batches_ = kPassthroughBatches;
    return count;
  }
  // Columns not read yet: only the survivors.
  for (idx_t r = 0; r < readers_.size(); r++) {
    if (reader_group_[r] >= 0 && groups_[reader_group_[r]].read) continue;
    if (alive == 0) {
      readers_[r]->Skip(count);
      continue;
    }
    // An output column: read it into the first output slot it feeds.
    for (idx_t i = 0; i < output_reader_.size(); i++) {
      if (output_reader_[i] == r) {
        readers_[r]->ReadSelected(count, alive_, alive, out.data[i]);
        break;
      }
    }
  }
  if (alive == 0) return 0;
  for (idx_t i = 0; i < output_reader_.size(); i++) {
    idx_t r = output_reader_[i];
    int g = reader_group_[r];
    if (g < 0) {
      // Not a filter column: read above into its first slot; later duplicates reference it.
      for (idx_t k = 0; k < i; k++) {
        if (output_reader_[k] == r) {
          out.data[i].Reference(out.data[k]);
          break;
        }
      }
      continue;
    }
    FilterGroup& group = groups_[g];
    out.data[i].Reference(group.vector);
    if (group.rows == alive) continue;  // nothing dropped after it was read
    // Position in group.vector of each surviving row (both lists ascending).
    idx_t pos = 0;
    for (idx_t j = 0; j < alive; j++) {
      if (group.full) {
        map_[j] = alive_[j];
      } else {
        while (group.rows_read[pos] != alive_[j]) pos++;
        map_[j] = static_cast<sel_t>(pos);
      }
    }
    out.data[i].Slice(SelectionVector(map_), alive);
    FlattenFixedWidth(out.data[i], alive);
  }
  for (idx_t i = 0; i < output_reader_.size(); i++) {
    if (reader_group_[output_reader_[i]] >= 0 && out.data[i].kind() != VectorKind::FLAT) FlattenFixedWidth(out.data[i], alive);
  }
  return alive;
}

}  // namespace cairn::parquet

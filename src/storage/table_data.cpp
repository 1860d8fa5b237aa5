#include "storage/table_data.h"

#include <algorithm>
#include <numeric>

#include "cairn/exception.h"
#include "parquet/parquet_file_reader.h"

namespace cairn {

namespace {

/// Copies rows [start, start + count) of `source` to the end of `target` (same types, room
/// for them).
void CopyRows(const DataChunk& source, idx_t start, idx_t count, DataChunk& target) {
  std::vector<sel_t> indices(count);
  std::iota(indices.begin(), indices.end(), static_cast<sel_t>(start));
  SelectionVector sel(indices.data());
  for (idx_t c = 0; c < target.ColumnCount(); c++) target.data[c].CopyFrom(source.data[c], sel, count, target.size());
  target.SetCardinality(target.size() + count);
}

}  // namespace

LogicalType StoredColumnType(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::NUMERIC:
    case TypeId::INTERVAL:
    case TypeId::HUGEINT:
    case TypeId::ARRAY:
      return LogicalType(TypeId::VARCHAR);
    default:
      return type;
  }
}

std::vector<LogicalType> TableData::types() const {
  std::vector<LogicalType> out;
  for (const auto& c : columns) out.push_back(c.type);
  return out;
}

bool TableData::IsDeleted(uint64_t position) const {
  return std::binary_search(deleted->begin(), deleted->end(), position);
}

std::shared_ptr<TableData> TableData::WithAppended(const DataChunk& chunk) const {
  auto out = std::make_shared<TableData>(*this);
  if (chunk.size() == 0) return out;
  if (chunk.ColumnCount() != columns.size()) {
    throw Exception(sqlstate::kInternalError, "appended rows do not have the table's columns");
  }
  const std::vector<LogicalType> column_types = types();
  idx_t done = 0;
  while (done < chunk.size()) {
    auto target = std::make_shared<DataChunk>();
    target->Initialize(column_types, kTailChunkRows);
    if (!out->tail.empty() && out->tail.back()->size() < kTailChunkRows) {
      // Refill the last, partly filled chunk: a copy, since older versions share it.
      CopyRows(*out->tail.back(), 0, out->tail.back()->size(), *target);
      out->tail.pop_back();
    }
    idx_t take = std::min(kTailChunkRows - target->size(), chunk.size() - done);
    CopyRows(chunk, done, take, *target);
    done += take;
    out->tail.push_back(std::move(target));
  }
  out->tail_rows += chunk.size();
  return out;
}

std::shared_ptr<TableData> TableData::WithDeleted(std::vector<uint64_t> positions) const {
  auto out = std::make_shared<TableData>(*this);
  if (positions.empty()) return out;
  std::sort(positions.begin(), positions.end());
  positions.erase(std::unique(positions.begin(), positions.end()), positions.end());
  if (positions.back() >= total_positions()) {
    throw Exception(sqlstate::kInternalError, "deleted row position beyond the table");
  }
  auto merged = std::make_shared<std::vector<uint64_t>>();
  merged->reserve(deleted->size() + positions.size());
  std::set_union(deleted->begin(), deleted->end(), positions.begin(), positions.end(), std::back_inserter(*merged));
  out->deleted = std::move(merged);
  return out;
}

std::shared_ptr<TableData> TableData::WithAllDeleted() const {
  auto out = std::make_shared<TableData>(*this);
  auto all = std::make_shared<std::vector<uint64_t>>(total_positions());
  std::iota(all->begin(), all->end(), uint64_t{0});
  out->deleted = std::move(all);
  return out;
}

std::vector<DataChunk> TableData::LiveTailRows(idx_t from) const {
  std::vector<DataChunk> out;
  const std::vector<LogicalType> column_types = types();
  idx_t position = file_rows;
  auto next_deleted = std::lower_bound(deleted->begin(), deleted->end(), std::max<uint64_t>(from, file_rows));
  for (const auto& chunk : tail) {
    idx_t chunk_end = position + chunk->size();
    if (chunk_end <= from) {
      position = chunk_end;
      continue;
    }
    std::vector<sel_t> keep;
    for (idx_t row = 0; row < chunk->size(); row++) {
      uint64_t p = position + row;
      if (p < from) continue;
      while (next_deleted != deleted->end() && *next_deleted < p) ++next_deleted;
      if (next_deleted != deleted->end() && *next_deleted == p) continue;
      keep.push_back(static_cast<sel_t>(row));
    }
    if (!keep.empty()) {
      DataChunk rows;
      rows.Initialize(column_types, keep.size());
      SelectionVector sel(keep.data());
      for (idx_t c = 0; c < column_types.size(); c++) rows.data[c].CopyFrom(chunk->data[c], sel, keep.size(), 0);
      rows.SetCardinality(keep.size());
      out.push_back(std::move(rows));
    }
    position = chunk_end;
  }
  return out;
}

void AddDataFile(TableData& data, TableDataFile entry, std::shared_ptr<const parquet::ParquetFileReader> reader) {
  if (data.tail_rows != 0) throw Exception(sqlstate::kInternalError, "data file added after tail rows");
  TableData::File file;
  file.first_position = data.file_rows;
  data.file_rows += entry.row_count;
  file.entry = std::move(entry);
  file.reader = std::move(reader);
  data.files.push_back(std::move(file));
}

}  // namespace cairn

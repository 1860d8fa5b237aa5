#include "parquet/parquet_file_reader.h"

#include <cstring>

#include "cairn/exception.h"

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
                               std::vector<idx_t> column_ids)
    : file_(std::move(file)) {
  const RowGroup& group = file_->metadata().row_groups.at(row_group);
  rows_left_ = static_cast<idx_t>(group.num_rows);
  for (idx_t id : column_ids) {
    const ParquetColumn& column = file_->columns().at(id);
    readers_.push_back(std::make_unique<ColumnReader>(file_->handle(), file_->file_size(), file_->path(), column,
                                                      group.columns[column.leaf_index], group.num_rows));
  }
}

bool RowGroupReader::Next(DataChunk& out) {
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

}  // namespace cairn::parquet

#include "cairn/query_result.h"

#include <algorithm>

namespace cairn {

QueryResult::QueryResult(std::vector<std::string> names, std::vector<LogicalType> types,
                         std::unique_ptr<ResultStream> stream, std::string command_tag)
    : names_(std::move(names)), types_(std::move(types)), stream_(std::move(stream)), command_tag_(std::move(command_tag)) {}

std::unique_ptr<QueryResult> QueryResult::FromError(const Exception& error) {
  std::unique_ptr<QueryResult> result(new QueryResult());
  result->error_ = error;
  return result;
}

QueryResult::~QueryResult() = default;

std::unique_ptr<DataChunk> QueryResult::fetch() {
  if (error_ || !stream_) return nullptr;
  try {
    for (;;) {
      std::unique_ptr<DataChunk> chunk = stream_->Next();
      if (!chunk) {
        stream_.reset();  // finished: release the query's resources
        return nullptr;
      }
      if (chunk->size() > 0) return chunk;
    }
  } catch (const Exception& e) {
    error_ = e;
  } catch (const std::bad_alloc&) {
    error_ = Exception(sqlstate::kOutOfMemory, "out of memory");
  } catch (const std::exception& e) {
    error_ = Exception(sqlstate::kInternalError, std::string("internal error: ") + e.what());
  }
  stream_.reset();  // cancels the rest of the query
  return nullptr;
}

bool QueryResult::Materialize() {
  if (error_) return false;
  while (auto chunk = fetch()) {
    idx_t offset = chunk_offsets_.empty() ? 0 : chunk_offsets_.back() + chunks_.back()->size();
    chunk_offsets_.push_back(offset);
    chunks_.push_back(std::move(chunk));
  }
  return !error_;
}

idx_t QueryResult::RowCount() const {
  if (chunks_.empty()) return 0;
  return chunk_offsets_.back() + chunks_.back()->size();
}

Value QueryResult::GetValue(idx_t column, idx_t row) const {
  auto it = std::upper_bound(chunk_offsets_.begin(), chunk_offsets_.end(), row);
  if (it == chunk_offsets_.begin() || row >= RowCount() || column >= ColumnCount()) {
    throw Exception(sqlstate::kInvalidParameterValue,
                    "result cell (" + std::to_string(column) + ", " + std::to_string(row) + ") is out of range");
  }
  idx_t index = static_cast<idx_t>(it - chunk_offsets_.begin()) - 1;
  return chunks_[index]->GetValue(column, row - chunk_offsets_[index]);
}

std::string QueryResult::ToString() {
  if (!error_) Materialize();
  if (error_) return std::string("Error (") + error_->sqlstate() + "): " + error_->what();
  const idx_t columns = ColumnCount();
  const idx_t rows = RowCount();
  if (columns == 0) return command_tag_;
  std::vector<std::vector<std::string>> cells(rows, std::vector<std::string>(columns));
  std::vector<size_t> widths(columns);
  for (idx_t c = 0; c < columns; c++) widths[c] = names_[c].size();
  for (idx_t r = 0; r < rows; r++) {
    for (idx_t c = 0; c < columns; c++) {
      Value v = GetValue(c, r);
      cells[r][c] = v.IsNull() ? "NULL" : v.ToString();
      widths[c] = std::max(widths[c], cells[r][c].size());
    }
  }
  auto pad = [](const std::string& s, size_t w) { return s + std::string(w - s.size(), ' '); };
  std::string out;
  for (idx_t c = 0; c < columns; c++) out += (c ? " | " : " ") + pad(names_[c], widths[c]);
  out += "\n";
  for (idx_t c = 0; c < columns; c++) out += (c ? "-+-" : "-") + std::string(widths[c], '-');
  out += "-\n";
  for (idx_t r = 0; r < rows; r++) {
    for (idx_t c = 0; c < columns; c++) out += (c ? " | " : " ") + pad(cells[r][c], widths[c]);
    out += "\n";
  }
  out += "(" + std::to_string(rows) + (rows == 1 ? " row)" : " rows)") + "\n";
  return out;
}

}  // namespace cairn

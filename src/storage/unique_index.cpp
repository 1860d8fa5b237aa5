#include "storage/unique_index.h"

namespace cairn {

UniqueIndex::UniqueIndex(std::string name, std::vector<idx_t> columns, std::vector<LogicalType> types,
                         std::vector<std::string> column_names)
    : name_(std::move(name)), columns_(std::move(columns)), column_names_(std::move(column_names)),
      encoder_(std::move(types)) {}

std::vector<std::string> UniqueIndex::Keys(const DataChunk& rows) const {
  std::vector<std::string> out;
  out.reserve(rows.size());
  std::vector<Vector> key_columns;
  for (idx_t c : columns_) key_columns.push_back(rows.data[c]);
  for (idx_t start = 0; start < rows.size(); start += kStandardVectorSize) {
    idx_t count = std::min<idx_t>(kStandardVectorSize, rows.size() - start);
    std::vector<Vector> slice = key_columns;
    if (start > 0) {
      SelectionVector sel(count);
      for (idx_t i = 0; i < count; i++) sel.set_index(i, start + i);
      for (auto& v : slice) v.Slice(sel, count);
    }
    EncodedKeys keys;
    encoder_.Encode(slice.data(), count, keys);
    for (idx_t i = 0; i < count; i++) {
      if (keys.has_null[i]) {
        out.emplace_back();
      } else {
        out.emplace_back(reinterpret_cast<const char*>(keys.Key(i)), keys.Length(i));
      }
    }
  }
  return out;
}

bool UniqueIndex::Insert(const std::string& key) {
  if (key.empty()) return true;
  return keys_.insert(key).second;
}

void UniqueIndex::Erase(const std::string& key) {
  if (!key.empty()) keys_.erase(key);
}

std::string UniqueIndex::DuplicateDetail(const DataChunk& rows, idx_t row) const {
  std::string names, values;
  for (idx_t i = 0; i < columns_.size(); i++) {
    names += (i ? ", " : "") + column_names_[i];
    Value value = rows.GetValue(columns_[i], row);
    values += (i ? ", " : "") + (value.IsNull() ? std::string("null") : value.ToString());
  }
  return "Key (" + names + ")=(" + values + ") already exists.";
}

}  // namespace cairn

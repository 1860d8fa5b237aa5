// UniqueIndex: the keys of one PRIMARY KEY or UNIQUE constraint of a managed table, as a hash
// set of encoded keys (KeyEncoder: 1.0 and 1.00 are one numeric key, strings compare by bytes
// as under PostgreSQL's deterministic collations). A key with a NULL column is never held: NULLs
// are distinct (SQL's rule for UNIQUE; a PRIMARY KEY column is NOT NULL anyway).
//
// It serves one writer (the storage manager serializes writers); readers never use it. Changes
// are undone by the caller (Transaction keeps an undo log), so the index always matches the
// writer's view of the table.
//
// Thread-safety: one thread at a time (the writer).
#pragma once

#include <string>
#include <unordered_set>
#include <vector>

#include "cairn/data_chunk.h"
#include "execution/key_encoder.h"

namespace cairn {

class UniqueIndex {
 public:
  /// An index named `name` (e.g. "t_pkey") over table columns `columns` (indexes) of `types`
  /// (their LogicalTypes); `column_names` for error messages.
  UniqueIndex(std::string name, std::vector<idx_t> columns, std::vector<LogicalType> types,
              std::vector<std::string> column_names);

  const std::string& name() const { return name_; }
  const std::vector<idx_t>& columns() const { return columns_; }

  /// The encoded keys of `rows` (full table rows), one per row; "" for a key with a NULL.
  std::vector<std::string> Keys(const DataChunk& rows) const;
  /// Adds `key`; false when it was present. "" is ignored (true).
  bool Insert(const std::string& key);
  /// Removes `key` (no-op for "" or an absent key).
  void Erase(const std::string& key);
  bool Contains(const std::string& key) const { return !key.empty() && keys_.count(key) > 0; }
  void Clear() { keys_.clear(); }
  /// Every key held (for an undo log that must restore them).
  std::vector<std::string> AllKeys() const { return {keys_.begin(), keys_.end()}; }
  idx_t size() const { return keys_.size(); }

  /// PostgreSQL's message detail for a duplicate: `Key (id)=(1) already exists.` from row `row`
  /// of `rows`.
  std::string DuplicateDetail(const DataChunk& rows, idx_t row) const;

 private:
  std::string name_;
  std::vector<idx_t> columns_;
  std::vector<std::string> column_names_;
  KeyEncoder encoder_;
  std::unordered_set<std::string> keys_;
};

}  // namespace cairn

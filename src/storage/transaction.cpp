#include "storage/transaction.h"

#include <fmt/format.h>

#include <algorithm>

#include "cairn/exception.h"

namespace cairn {

Transaction::~Transaction() {
  try {
    UndoIndexes(0);
  } catch (...) {
  }
  Release();
}

void Transaction::Release() {
  working_.reset();
  statement_working_.reset();
  undo_.clear();
  statement_undo_mark_ = 0;
  if (writer_.owns_lock()) writer_.unlock();
  writer_ = {};
}

void Transaction::UndoIndexes(size_t mark) {
  while (undo_.size() > mark) {
    IndexUndo& undo = undo_.back();
    auto& index = storage_.indexes(TableId{undo.table})[undo.index];
    if (undo.inserted) {
      index.Erase(undo.key);
    } else {
      index.Insert(undo.key);
    }
    undo_.pop_back();
  }
}

bool Transaction::Begin() {
  if (in_block_) return false;
  in_block_ = true;
  failed_ = false;
  return true;
}

bool Transaction::Commit() {
  if (!in_block_) return false;
  bool ok = !failed_;
  in_block_ = false;
  failed_ = false;
  if (!ok) {
    UndoIndexes(0);
    Release();
    return false;
  }
  CommitWorking();
  return true;
}

bool Transaction::Rollback() {
  bool was_open = in_block_;
  in_block_ = false;
  failed_ = false;
  UndoIndexes(0);
  Release();
  return was_open;
}

void Transaction::BeginStatement() {
  if (failed_) {
    throw Exception(sqlstate::kInFailedSqlTransaction,
                    "current transaction is aborted, commands ignored until end of transaction block");
  }
  statement_working_ = working_ ? std::make_shared<StorageSnapshot>(*working_) : nullptr;
  statement_undo_mark_ = undo_.size();
}

void Transaction::EndStatement() {
  statement_working_.reset();
  statement_undo_mark_ = undo_.size();
  if (in_block_) return;
  CommitWorking();
}

void Transaction::CommitWorking() {
  if (working_) {
    try {
      storage_.Commit(writer_, working_);
    } catch (...) {
      // Before the WAL append the writer is still held and the indexes go back; after it the
      // storage refuses every write, so the indexes no longer matter.
      if (writer_.owns_lock()) UndoIndexes(0);
      undo_.clear();
      Release();
      throw;
    }
  }
  undo_.clear();
  Release();
}

void Transaction::AbortStatement() {
  if (in_block_) {
    failed_ = true;
    UndoIndexes(statement_undo_mark_);
    if (working_ && statement_working_) *working_ = *statement_working_;
    statement_working_.reset();
    return;
  }
  UndoIndexes(0);
  Release();
}

std::shared_ptr<const StorageSnapshot> Transaction::ReadSnapshot() const {
  if (working_) return std::make_shared<const StorageSnapshot>(*working_);
  return storage_.committed();
}

std::shared_ptr<const TableData> Transaction::WritableTable(TableId id) {
  storage_.RequireWritable();
  if (!writer_.owns_lock()) {
    writer_ = storage_.AcquireWriter();
    storage_.RequireWritable();  // a failed sync may have happened while waiting
    working_ = std::make_shared<StorageSnapshot>(*storage_.writer_base());
    statement_working_ = std::make_shared<StorageSnapshot>(*working_);
  }
  auto data = working_->Find(id);
  if (!data) throw Exception(sqlstate::kUndefinedTable, fmt::format("table with id {} does not exist", id.value));
  return data;
}

void Transaction::Apply(TableId id, const std::vector<uint64_t>& deleted, const std::vector<DataChunk>& deleted_rows,
                        const std::vector<DataChunk>& inserted) {
  auto data = WritableTable(id);
  auto& indexes = storage_.indexes(id);
  const size_t mark = undo_.size();
  try {
    for (idx_t i = 0; i < indexes.size(); i++) {
      for (const auto& rows : deleted_rows) {
        for (auto& key : indexes[i].Keys(rows)) {
          if (key.empty() || !indexes[i].Contains(key)) continue;
          indexes[i].Erase(key);
          undo_.push_back(IndexUndo{id.value, i, std::move(key), false});
        }
      }
    }
    for (idx_t i = 0; i < indexes.size(); i++) {
      for (const auto& rows : inserted) {
        std::vector<std::string> keys = indexes[i].Keys(rows);
        for (idx_t row = 0; row < keys.size(); row++) {
          if (keys[row].empty()) continue;
          if (!indexes[i].Insert(keys[row])) {
            throw Exception(sqlstate::kUniqueViolation,
                            fmt::format("duplicate key value violates unique constraint \"{}\"", indexes[i].name()),
                            std::nullopt, "", indexes[i].DuplicateDetail(rows, row));
          }
          undo_.push_back(IndexUndo{id.value, i, keys[row], true});
        }
      }
    }
  } catch (...) {
    UndoIndexes(mark);
    throw;
  }
  std::shared_ptr<TableData> next = data->WithDeleted(deleted);
  for (const auto& rows : inserted) next = next->WithAppended(rows);
  working_->tables[id.value] = std::move(next);
}

void Transaction::Truncate(TableId id) {
  auto data = WritableTable(id);
  auto& indexes = storage_.indexes(id);
  // Every key goes with the rows; the undo log gets them back one by one.
  for (idx_t i = 0; i < indexes.size(); i++) {
    for (const std::string& key : indexes[i].AllKeys()) undo_.push_back(IndexUndo{id.value, i, key, false});
    indexes[i].Clear();
  }
  working_->tables[id.value] = data->WithAllDeleted();
}

}  // namespace cairn

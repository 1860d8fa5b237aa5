// Transaction: one connection's transaction state over the managed tables (docs/design/
// storage.md) — PostgreSQL's model: each statement runs in autocommit unless BEGIN opened a
// transaction block; COMMIT makes its changes visible and durable together, ROLLBACK (or an
// error at COMMIT) discards them; after an error inside a block every statement fails with
// 25P02 until ROLLBACK.
//
// Isolation: READ COMMITTED, with one writer at a time. A statement reads the committed state
// as of its start (StorageSnapshot), or — once its transaction has written — the transaction's
// own working state, which no other connection sees until COMMIT. The first write of a
// transaction takes the database's writer (waiting while another transaction holds it) and
// keeps it to the end, so the working state always extends the latest committed one.
//
// A statement is atomic: its changes reach the working state only when the whole statement
// succeeded (BeginStatement / EndStatement / AbortStatement bracket it; unique-index changes
// are undone on failure).
//
// Thread-safety: one thread at a time (the owning connection's).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/storage_manager.h"

namespace cairn {

class Transaction {
 public:
  explicit Transaction(StorageManager& storage) : storage_(storage) {}
  /// Rolls back an open transaction.
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  /// BEGIN / START TRANSACTION. Returns false (PostgreSQL's WARNING "there is already a
  /// transaction in progress") when a block is open.
  bool Begin();
  /// COMMIT / END: commits the block's changes. Returns false when the block had failed (it is
  /// rolled back, the tag is ROLLBACK) or none was open (PostgreSQL's WARNING). Throws 58030
  /// when the WAL cannot be synced (the changes are discarded).
  bool Commit();
  /// ROLLBACK / ABORT. Returns false when no block was open.
  bool Rollback();
  bool in_block() const { return in_block_; }
  bool failed() const { return failed_; }

  /// Starts a statement: throws 25P02 when the block failed. `reads`: the statement reads
  /// managed tables (it gets the snapshot ReadSnapshot() returns).
  void BeginStatement();
  /// Ends a successful statement; outside a block, commits it (throws as Commit()).
  void EndStatement();
  /// Ends a failed statement: discards its changes; inside a block the block fails (25P02 for
  /// what follows); outside, the autocommit transaction rolls back.
  void AbortStatement();

  /// The state the current statement reads: the working state once this transaction wrote,
  /// else the committed one.
  std::shared_ptr<const StorageSnapshot> ReadSnapshot() const;

  /// The version of table `id` this transaction would change (the working one), taking the
  /// writer first. Throws 25006/58030 (RequireWritable), 42P01 when the table is gone.
  std::shared_ptr<const TableData> WritableTable(TableId id);
  /// Applies one statement's changes to table `id`: deletes `deleted` positions (of
  /// WritableTable(id); `deleted_rows` are those rows, in the same order, needed only when the
  /// table has unique indexes) and appends `inserted` rows (the table's columns, constraints
  /// other than uniqueness already checked). Throws 23505 (naming the index, PostgreSQL's
  /// detail) when a key would be duplicated: nothing is applied then.
  void Apply(TableId id, const std::vector<uint64_t>& deleted, const std::vector<DataChunk>& deleted_rows,
             const std::vector<DataChunk>& inserted);
  /// TRUNCATE of table `id`: every row deleted.
  void Truncate(TableId id);
  /// The unique indexes of table `id` (writer held: call after WritableTable).
  const std::vector<UniqueIndex>& indexes(TableId id) { return storage_.indexes(id); }

  StorageManager& storage() { return storage_; }

 private:
  struct IndexUndo {
    uint64_t table;
    idx_t index;
    std::string key;
    bool inserted;  // undo: erase (inserted) or insert back (erased)
  };
  void UndoIndexes(size_t mark);
  void Release();
  /// Commits working_ (if any) and ends the transaction.
  void CommitWorking();

  StorageManager& storage_;
  bool in_block_ = false;
  bool failed_ = false;
  std::unique_lock<std::mutex> writer_;
  std::shared_ptr<StorageSnapshot> working_;          // set once this transaction wrote
  std::shared_ptr<const StorageSnapshot> statement_working_;  // working_ at statement start
  std::vector<IndexUndo> undo_;
  size_t statement_undo_mark_ = 0;
};

}  // namespace cairn

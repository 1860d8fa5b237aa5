// The payload of a write-ahead log record for one committed transaction (docs/format/wal.md,
// "Commit records"): per changed table, the positions it deleted (as ranges) and the rows it
// appended (ChunkSerializer encoding), relative to the table's version before the transaction.
//
// Decoding treats the bytes as untrusted (they come from disk): every count and length is
// checked against what remains; anything malformed is XX001.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/storage_manager.h"

namespace cairn {

/// The records for `changes`: one commit record, or — when the appended rows exceed
/// `part_bytes` — part records (kind 2) followed by the commit record (kind 1) that ends the
/// transaction. Replay applies parts only when their commit record follows them.
std::vector<std::string> EncodeCommitRecords(const std::vector<TableChanges>& changes, size_t part_bytes = 64 << 20);

/// One decoded record: its changes and whether it ends the transaction (kind 1) or is a part
/// of it (kind 2).
struct DecodedCommitRecord {
  bool commit = true;
  std::vector<TableChanges> changes;
};

/// Decodes a record; `what` names it in errors (e.g. ".wal: record 12"). Throws XX001.
DecodedCommitRecord DecodeCommitRecord(std::string_view payload, const std::string& what);

/// Adds the changes of a part record to those gathered for its transaction (same table: the
/// deleted ranges and the appended rows of the later part follow the earlier's).
void MergeCommitParts(std::vector<TableChanges>& gathered, std::vector<TableChanges> part);

}  // namespace cairn

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

/// Appends the record for `changes` to `out`.
void EncodeCommitRecord(const std::vector<TableChanges>& changes, std::string& out);

/// Decodes a record; `what` names it in errors (e.g. ".wal: record 12"). Throws XX001.
std::vector<TableChanges> DecodeCommitRecord(std::string_view payload, const std::string& what);

}  // namespace cairn

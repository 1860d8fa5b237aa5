// catalog.json: the part of a data directory's catalog that table_mappings.json does not hold —
// namespaces, views, and each table's id, created time, options and schema versions. Format
// (docs/format/catalog.md):
//
//   {"format": "cairn-catalog", "format_version": 1, "next_table_id": 16386,
//    "namespaces": [{"name": "analytics", "created_at": 1764484200000000}],
//    "tables": [{"id": 16384, "namespace": "public", "name": "events", "type": "FILE",
//                "created_at": 1764484200000000, "storage_location": "events.parquet",
//                "options": {"flush_policy": "", "retention_hours": null, "access_level": "public"},
//                "registered_as": {"table_name": "events", "file_path": "events.parquet"},
//                "versions": [{"version": 1, "created_at": 1764484200000000,
//                              "columns": [{"name": "id", "type": "BIGINT", "nullable": true}],
//                              "primary_key": [], "options": {}}]},
//               {"id": 16385, "namespace": "public", "name": "recent", "type": "VIEW", ...,
//                "view": {"sql": "SELECT ...", "search_path": ["public"]}, "versions": [...]}]}
//
// Times are microseconds since the Unix epoch (UTC). A FILE entry's "registered_as" is the
// table_mappings.json entry its metadata describes.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cairn/catalog.h"

namespace cairn {

/// A catalog entry as stored: the public entry plus, for file tables, the mapping it was
/// recorded for.
struct StoredCatalogEntry {
  CatalogEntry entry;
  std::optional<TableMapping> registered_as;
};

/// The whole of catalog.json.
struct CatalogFileContents {
  uint64_t next_table_id = 0;
  /// Digests (MappingsDigest) of table_mappings.json as written together with this catalog,
  /// and as it was before that write: a file still holding the previous content means the
  /// writer died between the two files, and the change is rolled forward from here.
  std::string mappings_digest;
  std::string previous_mappings_digest;
  /// The WAL position the managed tables' data files hold every change up to.
  uint64_t checkpoint_lsn = 0;
  std::vector<NamespaceEntry> namespaces;  // user namespaces (not public, not system ones)
  std::vector<StoredCatalogEntry> tables;  // views and file-table metadata
  std::vector<RoleEntry> roles;            // CREATE ROLE (absent from older files)
};

/// A stable digest of a table_mappings.json text (FNV-1a, 64 bits, hex; "" for no file).
std::string MappingsDigest(const std::string& text);

/// Parses `text` read from `file_name`. Throws cairn::Exception F0000 naming the file and the
/// entry ("catalog.json: tables[2] (\"recent\"): ...") for invalid JSON, a wrong format tag or
/// version, missing fields, wrong JSON types, unknown table types, or duplicate names.
CatalogFileContents ParseCatalogFile(const std::string& text, const std::string& file_name);

/// The document for `contents` (pretty-printed, 2-space indent, final newline).
std::string SerializeCatalogFile(const CatalogFileContents& contents);

}  // namespace cairn

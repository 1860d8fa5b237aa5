// table_mappings.json: the ByteDB seed's registry file format, read and written exactly.
//
//   {"tables": [
//     {"table_name": "users", "file_path": "user_data_2024.parquet",
//      "schema": {"columns": [{"name": "user_id", "type": "int64", "nullable": false}]}},
//     {"table_name": "events", "partitions": ["events/2024/01/events.parquet"]}]}
//
// Each entry has a non-empty "table_name" and exactly one of "file_path" (string) and
// "partitions" (non-empty array of strings); "schema" is optional ("nullable" defaults to
// true). Writing emits keys in that order, pretty-printed with a 2-space indent and a final
// newline, omitting "schema" when absent. Unknown keys are ignored when reading.
//
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "cairn/table_registry.h"

namespace cairn {

/// Parses and validates the whole document `text` (read from `file_name`, named in errors).
/// Throws cairn::Exception F0000 "file: tables[3] (\"events\"): ..." on invalid JSON, a missing
/// or empty table_name, both or neither of file_path/partitions, a value of the wrong JSON
/// type, an unknown column type, or a table name given twice (case-insensitively).
std::vector<TableMapping> ParseTableMappings(const std::string& text, const std::string& file_name);

/// One entry of the document (what "tables" holds), validated as ParseTableMappings does;
/// `where` names it in errors ("file: tables[3]"). Throws F0000.
TableMapping ParseTableMappingEntry(const nlohmann::ordered_json& entry, std::string where);
/// One entry as the document writes it.
nlohmann::ordered_json TableMappingJson(const TableMapping& mapping);

/// The document for `mappings`, in the order given.
std::string SerializeTableMappings(const std::vector<TableMapping>& mappings);

}  // namespace cairn

// GenerateTpch (include/cairn/tpch.h): validates the options, builds the text pool once, writes
// the part files (parallel_writer.h) and registers the tables in table_mappings.json.
#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "cairn/exception.h"
#include "cairn/tpch.h"
#include "io/file_system.h"
#include "tpch/distribution_data.h"
#include "tpch/parallel_writer.h"
#include "tpch/table_generator.h"
#include "tpch/text_pool.h"

namespace cairn {
namespace {

using tpch::TpchTable;

std::vector<TpchTable> SelectTables(const std::vector<std::string>& names) {
  std::vector<TpchTable> tables;
  for (const auto& spec : tpch::TpchTableSpecs()) {
    if (names.empty()) tables.push_back(spec.table);
  }
  if (names.empty()) return tables;
  std::set<TpchTable> chosen;
  for (const std::string& name : names) {
    bool found = false;
    for (const auto& spec : tpch::TpchTableSpecs()) {
      if (spec.name == name) {
        chosen.insert(spec.table);
        found = true;
      }
    }
    if (!found) {
      throw Exception(
          sqlstate::kInvalidParameterValue, "TPC-H has no table \"" + name + "\"", std::nullopt,
          "The tables are region, nation, supplier, customer, part, partsupp, orders and lineitem.");
    }
  }
  return {chosen.begin(), chosen.end()};
}

std::string MappingsPath(const std::string& directory) {
  return directory.empty() ? "table_mappings.json" : directory + "/table_mappings.json";
}

/// table_mappings.json with the generated tables' entries replacing any of the same name.
void RegisterTables(FileSystem& file_system, const std::string& directory,
                    const std::vector<TpchTableResult>& results) {
  const std::string path = MappingsPath(directory);
  nlohmann::json document = {{"tables", nlohmann::json::array()}};
  if (file_system.Exists(path)) {
    try {
      document = nlohmann::json::parse(file_system.ReadFile(path));
    } catch (const nlohmann::json::exception& error) {
      throw Exception(sqlstate::kConfigFileError, path + ": not valid JSON: " + error.what());
    }
    if (!document.is_object() || !document.contains("tables") || !document["tables"].is_array()) {
      throw Exception(sqlstate::kConfigFileError, path + ": expected an object with a \"tables\" array");
    }
  }
  nlohmann::json kept = nlohmann::json::array();
  for (const auto& entry : document["tables"]) {
    bool replaced = false;
    for (const auto& result : results) {
      if (entry.is_object() && entry.value("table_name", std::string()) == result.name) replaced = true;
    }
    if (!replaced) kept.push_back(entry);
  }
  for (const auto& result : results) {
    // One file: its path; several: the list of them (not a glob, so that no other file in the
    // folder can join the table).
    if (result.files.size() == 1) {
      kept.push_back({{"table_name", result.name}, {"file_path", result.files[0]}});
    } else {
      kept.push_back({{"table_name", result.name}, {"partitions", result.files}});
    }
  }
  document["tables"] = std::move(kept);
  file_system.WriteFileAtomic(path, document.dump(2) + "\n");
}

std::string InDirectory(const std::string& directory, const std::string& path) {
  return directory.empty() ? path : directory + "/" + path;
}

/// Removes the files an earlier generation of `result`'s table (at another scale factor) left in
/// `directory` that this one did not write: "<table>.parquet" and "<table>/<table>-NNNN.parquet".
void RemoveStaleFiles(FileSystem& file_system, const std::string& directory, const TpchTableResult& result) {
  const std::set<std::string> written(result.files.begin(), result.files.end());
  std::vector<std::string> candidates{result.name + ".parquet"};
  const std::string folder = InDirectory(directory, result.name);
  if (file_system.IsDirectory(folder)) {
    const std::string prefix = result.name + "-";
    for (const DirectoryEntry& entry : file_system.ListDirectory(folder)) {
      const std::string& name = entry.name;
      if (!entry.is_directory && name.rfind(prefix, 0) == 0 && name.size() > 8 &&
          name.compare(name.size() - 8, 8, ".parquet") == 0) {
        candidates.push_back(result.name + "/" + name);
      }
    }
  }
  for (const std::string& candidate : candidates) {
    const std::string path = InDirectory(directory, candidate);
    if (!written.count(candidate) && file_system.Exists(path) && !file_system.IsDirectory(path)) {
      file_system.RemoveFile(path);
    }
  }
}

}  // namespace

std::vector<TpchTableResult> GenerateTpch(const TpchOptions& options) {
  // Above SF 10,000 p_partkey (200,000 x SF) no longer fits INTEGER, and from 30,000 on dbgen
  // draws keys from a 64-bit generator Cairn does not implement.
  if (!std::isfinite(options.scale_factor) || options.scale_factor < 0.01 || options.scale_factor > 10000) {
    throw Exception(
        sqlstate::kInvalidParameterValue,
        fmt::format("TPC-H scale factor must be between 0.01 and 10000, got {}", options.scale_factor));
  }
  const std::vector<TpchTable> tables = SelectTables(options.tables);
  const unsigned threads =
      options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());

  FileSystem& file_system = FileSystem::Local();
  if (!options.output_directory.empty()) file_system.CreateDirectories(options.output_directory);

  std::vector<tpch::PartFile> parts;
  for (TpchTable table : tables) {
    for (auto& part : tpch::PlanParts(table, options.scale_factor)) parts.push_back(std::move(part));
  }
  const tpch::TextPool pool;
  const tpch::GenerationContext context{options.scale_factor, pool, tpch::GetTpchDistributions()};
  tpch::WriteParts(file_system, options.output_directory, context, parts, threads);

  std::vector<TpchTableResult> results;
  for (TpchTable table : tables) {
    TpchTableResult result;
    result.name = tpch::GetTableSpec(table).name;
    for (const auto& part : parts) {
      if (part.table != table) continue;
      result.rows += part.rows;
      result.files.push_back(part.path);
    }
    results.push_back(std::move(result));
  }
  for (const auto& result : results) RemoveStaleFiles(file_system, options.output_directory, result);
  RegisterTables(file_system, options.output_directory, results);
  return results;
}

}  // namespace cairn

// CreateMultiFileSource: groups files by Hive partition values and unites their schemas (see
// multi_file_source.h).
#include "catalog/multi_file_source.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "cairn/exception.h"
#include "catalog/concatenated_source.h"
#include "catalog/hive_partitioned_source.h"
#include "catalog/hive_partitioning.h"
#include "catalog/schema_adapted_source.h"
#include "catalog/schema_union.h"
#include "common/ascii.h"

namespace cairn {

namespace {

constexpr const char* kUnionByNameHint =
    "union_by_name = true reads files with different columns as the union of their columns by name";

/// A source over some files of one partition group, with the first of them (for messages).
struct FilePart {
  std::shared_ptr<TableSource> source;
  size_t first_file = 0;  // index into the files given to CreateMultiFileSource
};

bool SameColumns(const std::vector<ColumnDefinition>& a, const std::vector<ColumnDefinition>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (Lower(a[i].name) != Lower(b[i].name) || a[i].type != b[i].type) return false;
  }
  return true;
}

/// The first way `b`'s columns differ from `a`'s (names case-insensitively, and types), for an
/// error message; nullopt when only their order differs.
std::optional<std::string> ColumnDifference(const std::vector<ColumnDefinition>& a, const std::string& a_file,
                             const std::vector<ColumnDefinition>& b, const std::string& b_file) {
  auto find = [](const std::vector<ColumnDefinition>& columns, const std::string& name) {
    return std::find_if(columns.begin(), columns.end(),
                        [&](const ColumnDefinition& c) { return Lower(c.name) == Lower(name); });
  };
  for (const auto& column : a) {
    auto it = find(b, column.name);
    if (it == b.end()) return fmt::format("column \"{}\" of {} is missing in {}", column.name, a_file, b_file);
    if (it->type != column.type) {
      return fmt::format("column \"{}\" is {} in {} but {} in {}", column.name, column.type.ToString(), a_file,
                         it->type.ToString(), b_file);
    }
  }
  for (const auto& column : b) {
    if (find(a, column.name) == a.end()) {
      return fmt::format("column \"{}\" of {} is missing in {}", column.name, b_file, a_file);
    }
  }
  return std::nullopt;
}

}  // namespace

std::string GlobRoot(const std::string& pattern) {
  size_t wild = pattern.find_first_of("*?[");
  if (wild == std::string::npos) {
    size_t slash = pattern.rfind('/');
    return slash == std::string::npos ? "" : pattern.substr(0, slash);
  }
  size_t slash = pattern.rfind('/', wild);
  return slash == std::string::npos ? "" : pattern.substr(0, slash);
}

std::shared_ptr<TableSource> CreateMultiFileSource(
    const std::string& table_name, const std::vector<DataFile>& files, bool hive_partitioning,
    const std::function<std::shared_ptr<TableSource>(std::vector<std::string>)>& make) {
  MultiFileOptions options;
  options.hive_partitioning = hive_partitioning;
  options.schema_merge = SchemaMerge::kUnionByName;
  return CreateMultiFileSource(table_name, files, options, make);
}

std::shared_ptr<TableSource> CreateMultiFileSource(
    const std::string& table_name, const std::vector<DataFile>& files, const MultiFileOptions& options,
    const std::function<std::shared_ptr<TableSource>(std::vector<std::string>)>& make) {
  if (files.empty()) throw Exception(sqlstate::kUndefinedFile, fmt::format("table \"{}\": no files", table_name));
  const bool union_by_name = options.schema_merge == SchemaMerge::kUnionByName;
  std::vector<std::vector<HivePartitionSegment>> segments;
  bool any_keys = false;
  if (options.hive_partitioning) {
    for (const auto& f : files) {
      std::string relative = f.path;
      if (!f.root.empty() && f.path.rfind(f.root + "/", 0) == 0) relative = f.path.substr(f.root.size() + 1);
      segments.push_back(ParseHivePartitionPath(relative));
      any_keys |= !segments.back().empty();
    }
  }
  if (!any_keys) segments.assign(files.size(), {});
  const auto& keys = segments[0];
  for (size_t i = 1; i < files.size(); i++) {
    bool same = segments[i].size() == keys.size();
    for (size_t k = 0; same && k < keys.size(); k++) same = Lower(segments[i][k].key) == Lower(keys[k].key);
    if (!same) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      fmt::format("table \"{}\": Hive partition keys of {} differ from those of {}", table_name,
                                  files[i].path, files[0].path));
    }
  }
  // Group files by their value tuple, in path order (one group when there are no keys).
  std::vector<std::vector<std::optional<std::string>>> tuples;
  std::vector<std::vector<size_t>> group_files;
  for (size_t i = 0; i < files.size(); i++) {
    std::vector<std::optional<std::string>> tuple;
    for (const auto& s : segments[i]) tuple.push_back(s.value);
    auto it = std::find(tuples.begin(), tuples.end(), tuple);
    if (it == tuples.end()) {
      tuples.push_back(tuple);
      group_files.emplace_back();
      it = tuples.end() - 1;
    }
    group_files[it - tuples.begin()].push_back(i);
  }

  // Open each group's files together; a group whose files differ, file by file.
  std::vector<std::vector<FilePart>> group_parts(group_files.size());
  for (size_t g = 0; g < group_files.size(); g++) {
    const auto& members = group_files[g];
    bool apart = union_by_name && options.open_files_apart && members.size() > 1;
    if (!apart) {
      std::vector<std::string> paths;
      for (size_t i : members) paths.push_back(files[i].path);
      try {
        group_parts[g].push_back(FilePart{make(std::move(paths)), members[0]});
      } catch (const Exception& error) {
        if (error.sqlstate() != sqlstate::kDatatypeMismatch || members.size() == 1) throw;
        if (!union_by_name) {
          throw Exception(error.sqlstate(), error.what(), error.position(),
                          error.hint().empty() ? kUnionByNameHint : error.hint());
        }
        apart = true;
      }
    }
    if (apart) {
      for (size_t i : members) group_parts[g].push_back(FilePart{make({files[i].path}), i});
    }
  }

  // Unless every part has the first part's columns, unite them by name.
  std::vector<FilePart*> parts;  // in order of their first file
  for (auto& group : group_parts) {
    for (auto& part : group) parts.push_back(&part);
  }
  std::sort(parts.begin(), parts.end(), [](const FilePart* a, const FilePart* b) { return a->first_file < b->first_file; });
  const std::vector<ColumnDefinition> first_columns = parts[0]->source->columns();  // parts are replaced below
  bool uniform = std::all_of(parts.begin(), parts.end(),
                             [&](const FilePart* p) { return SameColumns(p->source->columns(), first_columns); });
  if (!uniform) {
    std::vector<SchemaUnionInput> inputs;
    for (const FilePart* part : parts) {
      inputs.push_back(SchemaUnionInput{files[part->first_file].path, part->source->columns()});
      if (!union_by_name) {
        // Without union_by_name only the order of the columns may differ.
        auto difference = ColumnDifference(first_columns, inputs[0].file, inputs.back().columns, inputs.back().file);
        if (difference) {
          throw Exception(sqlstate::kDatatypeMismatch, fmt::format("table \"{}\": {}", table_name, *difference),
                          std::nullopt, kUnionByNameHint);
        }
      }
    }
    SchemaUnion united = UniteSchemas(table_name, inputs);
    for (size_t p = 0; p < parts.size(); p++) {
      parts[p]->source = CreateSchemaAdaptedSource(parts[p]->source, united.columns, united.input_columns[p]);
    }
  }
  std::vector<std::shared_ptr<TableSource>> group_sources;
  for (auto& group : group_parts) {
    std::vector<std::shared_ptr<TableSource>> sources;
    for (auto& part : group) sources.push_back(part.source);
    group_sources.push_back(CreateConcatenatedSource(table_name, std::move(sources)));
  }
  if (!any_keys) return group_sources[0];

  std::vector<LogicalType> types;
  for (size_t k = 0; k < keys.size(); k++) {
    std::vector<std::optional<std::string>> values;
    for (const auto& s : segments) values.push_back(s[k].value);
    types.push_back(InferHivePartitionType(values));
  }
  std::vector<HivePartitionGroup> groups;
  for (size_t g = 0; g < tuples.size(); g++) {
    HivePartitionGroup group;
    group.source = group_sources[g];
    groups.push_back(std::move(group));
  }
  // Partition keys that are also file columns are not appended (the file's values win).
  std::vector<ColumnDefinition> partition_columns;
  std::vector<size_t> used_keys;
  const auto& file_columns = groups[0].source->columns();
  for (size_t k = 0; k < keys.size(); k++) {
    bool in_file = std::any_of(file_columns.begin(), file_columns.end(),
                               [&](const ColumnDefinition& c) { return Lower(c.name) == Lower(keys[k].key); });
    if (in_file) continue;
    partition_columns.push_back(ColumnDefinition{keys[k].key, types[k], true});
    used_keys.push_back(k);
  }
  for (size_t g = 0; g < groups.size(); g++) {
    for (size_t k : used_keys) groups[g].values.push_back(HivePartitionValue(tuples[g][k], types[k]));
  }
  return CreateHivePartitionedSource(table_name, std::move(partition_columns), std::move(groups));
}

}  // namespace cairn

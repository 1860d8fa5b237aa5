// CreateMultiFileSource: groups files by Hive partition values (see multi_file_source.h).
#include "common/ascii.h"
#include "catalog/multi_file_source.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "cairn/exception.h"
#include "catalog/hive_partitioned_source.h"
#include "catalog/hive_partitioning.h"

namespace cairn {

namespace {

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
  std::vector<std::vector<HivePartitionSegment>> segments;
  bool any_keys = false;
  if (hive_partitioning) {
    for (const auto& f : files) {
      std::string relative = f.path;
      if (!f.root.empty() && f.path.rfind(f.root + "/", 0) == 0) relative = f.path.substr(f.root.size() + 1);
      segments.push_back(ParseHivePartitionPath(relative));
      any_keys |= !segments.back().empty();
    }
  }
  if (!any_keys) {
    std::vector<std::string> paths;
    for (const auto& f : files) paths.push_back(f.path);
    return make(std::move(paths));
  }
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
  std::vector<LogicalType> types;
  for (size_t k = 0; k < keys.size(); k++) {
    std::vector<std::optional<std::string>> values;
    for (const auto& s : segments) values.push_back(s[k].value);
    types.push_back(InferHivePartitionType(values));
  }
  // Group files by their value tuple, in path order.
  std::vector<std::vector<std::optional<std::string>>> tuples;
  std::vector<std::vector<std::string>> group_files;
  for (size_t i = 0; i < files.size(); i++) {
    std::vector<std::optional<std::string>> tuple;
    for (const auto& s : segments[i]) tuple.push_back(s.value);
    auto it = std::find(tuples.begin(), tuples.end(), tuple);
    if (it == tuples.end()) {
      tuples.push_back(tuple);
      group_files.emplace_back();
      it = tuples.end() - 1;
    }
    group_files[it - tuples.begin()].push_back(files[i].path);
  }
  std::vector<HivePartitionGroup> groups;
  for (size_t g = 0; g < tuples.size(); g++) {
    HivePartitionGroup group;
    group.source = make(group_files[g]);
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

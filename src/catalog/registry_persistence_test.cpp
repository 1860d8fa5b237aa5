// Persistence of the table registry under concurrency and crashes, within one process: two
// registries on one data directory stand for two processes (the data directory lock is a flock
// on a fresh descriptor per holder, so it excludes them exactly as it excludes processes).
// The multi-process and SIGKILL tests are in test/api/registry_processes_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cairn/exception.h"
#include "cairn/table_registry.h"
#include "catalog/data_directory_lock.h"
#include "catalog/table_mappings_file.h"
#include "formats/csv_test_fixture.h"
#include "io/file_system.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

using testing_csv::TempDir;

std::vector<std::string> NamesInFile(FileSystem& fs, const std::string& path) {
  std::vector<std::string> names;
  for (const auto& m : ParseTableMappings(fs.ReadFile(path), path)) names.push_back(m.table_name);
  std::sort(names.begin(), names.end());
  return names;
}

void Create(TableRegistry& registry, const std::string& config, const std::string& name) {
  registry.update_table_mappings(config, [&] {
    registry.register_table(name, "t.csv");
    return true;
  });
}

void Drop(TableRegistry& registry, const std::string& config, const std::string& name) {
  registry.update_table_mappings(config, [&] { return registry.unregister_table(name); });
}

using Names = std::vector<std::string>;

TEST(RegistryPersistenceTest, TwoWritersKeepEachOthersChanges) {
  TempDir dir;
  dir.Write("t.csv", "a\n1\n");
  const std::string config = dir.path() + "/table_mappings.json";
  TableRegistry first(dir.path()), second(dir.path());
  first.open_table_mappings(config);
  second.open_table_mappings(config);
  Create(first, config, "a");
  Create(second, config, "b");  // second never read "a", but must keep it
  EXPECT_EQ(NamesInFile(FileSystem::Local(), config), (Names{"a", "b"}));
  EXPECT_EQ(second.list_tables(), (Names{"a", "b"}));
  Drop(first, config, "a");  // first must keep "b"
  EXPECT_EQ(NamesInFile(FileSystem::Local(), config), (Names{"b"}));
  Drop(second, config, "b");  // second must not bring "a" back
  EXPECT_EQ(NamesInFile(FileSystem::Local(), config), (Names{}));
  EXPECT_EQ(second.list_tables(), (Names{}));
  // The last drop leaves an empty list, not a missing file.
  EXPECT_EQ(FileSystem::Local().ReadFile(config), "{\n  \"tables\": []\n}\n");
  Create(first, config, "c");
  EXPECT_EQ(first.list_tables(), (Names{"c"}));
  EXPECT_TRUE(std::filesystem::exists(dir.path() + "/.cairn.lock"));
}

TEST(RegistryPersistenceTest, AChangeThatThrowsWritesNothing) {
  TempDir dir;
  dir.Write("t.csv", "a\n1\n");
  const std::string config = dir.path() + "/table_mappings.json";
  TableRegistry registry(dir.path());
  Create(registry, config, "a");
  std::string before = FileSystem::Local().ReadFile(config);
  EXPECT_THROW(registry.update_table_mappings(config,
                                              [&] {
                                                registry.register_table("b", "missing.csv");
                                                return true;
                                              }),
               Exception);
  EXPECT_EQ(FileSystem::Local().ReadFile(config), before);
}

TEST(RegistryPersistenceTest, AnInvalidFileIsReportedNotOverwritten) {
  TempDir dir;
  dir.Write("t.csv", "a\n1\n");
  const std::string config = dir.Write("table_mappings.json", "{ not json");
  TableRegistry registry(dir.path());
  try {
    Create(registry, config, "a");
    FAIL() << "expected F0000";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError);
  }
  EXPECT_EQ(FileSystem::Local().ReadFile(config), "{ not json");
}

TEST(RegistryPersistenceTest, OpeningRemovesTemporariesOfDeadWriters) {
  TempDir dir;
  dir.Write("t.csv", "a\n1\n");
  const std::string config = dir.path() + "/table_mappings.json";
  {
    TableRegistry registry(dir.path());
    Create(registry, config, "a");
  }
  dir.Write("table_mappings.json.tmp.4242", "{\"tables\": [");  // a writer killed mid-write
  dir.Write("table_mappings.json.tmpx", "unrelated");
  TableRegistry reopened(dir.path());
  reopened.open_table_mappings(config);
  EXPECT_FALSE(std::filesystem::exists(config + ".tmp.4242"));
  EXPECT_TRUE(std::filesystem::exists(config + ".tmpx"));
  EXPECT_EQ(reopened.list_tables(), (Names{"a"}));
}

TEST(RegistryPersistenceTest, OpeningForReadingCreatesNoFile) {
  TempDir dir;
  dir.Write("t.csv", "a\n1\n");
  TableRegistry registry(dir.path());
  registry.open_table_mappings(dir.path() + "/table_mappings.json");
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/.cairn.lock"));
  EXPECT_FALSE(std::filesystem::exists(dir.path() + "/table_mappings.json"));
}

TEST(RegistryPersistenceTest, OpeningLeavesTemporariesWhileTheLockIsHeld) {
  TempDir dir;
  const std::string config = dir.path() + "/table_mappings.json";
  dir.Write("table_mappings.json.tmp.4242", "{");  // maybe a live writer's
  auto held = LockDataDirectory(FileSystem::Local(), config);
  TableRegistry registry(dir.path());
  registry.open_table_mappings(config);  // must not wait for the lock either
  EXPECT_TRUE(std::filesystem::exists(config + ".tmp.4242"));
  held.reset();
  registry.open_table_mappings(config);
  EXPECT_FALSE(std::filesystem::exists(config + ".tmp.4242"));
}

TEST(RegistryPersistenceTest, AnUpdateSurvivesACrashOnceAcknowledged) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/data");
  fs.SyncDirectory("/");
  auto csv = fs.OpenForWrite("/data/t.csv", WriteMode::kTruncate);
  csv->Append("a\n1\n", 4);
  csv->Sync();
  csv->Close();
  fs.SyncDirectory("/data");
  const std::string config = "/data/table_mappings.json";
  {
    TableRegistry registry("/data", fs);
    Create(registry, config, "a");
    Create(registry, config, "b");
    Drop(registry, config, "a");
  }
  fs.SimulateCrash();
  EXPECT_EQ(NamesInFile(fs, config), (Names{"b"}));
  for (const auto& entry : fs.ListDirectory("/data")) EXPECT_FALSE(entry.name.starts_with("table_mappings.json.tmp."));
}

// Loading used to look every name up by a linear scan (quadratic: 40 k entries took 26.8 s).
// Not timed; the figure for 100 k entries is in bench/results/.
TEST(RegistryPersistenceTest, LoadsAHundredThousandEntries) {
  TempDir dir;
  std::vector<TableMapping> mappings(100000);
  for (size_t i = 0; i < mappings.size(); i++) {
    mappings[i].table_name = "t" + std::to_string(i);
    mappings[i].file_path = "f" + std::to_string(i) + ".parquet";
  }
  const std::string config = dir.Write("table_mappings.json", SerializeTableMappings(mappings));
  TableRegistry registry(dir.path());
  auto start = std::chrono::steady_clock::now();
  registry.load_table_mappings(config);
  auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "loaded " << mappings.size() << " mappings in " << elapsed << " s\n";
  EXPECT_EQ(registry.list_tables().size(), 100000u);
  EXPECT_EQ(registry.get_table_mapping("T99999").file_path, "f99999.parquet");
  EXPECT_TRUE(registry.unregister_table("t5"));
  EXPECT_EQ(registry.get_table_mapping("t6").file_path, "f6.parquet");  // positions re-indexed
  EXPECT_FALSE(registry.has_table("t5"));
}

}  // namespace
}  // namespace cairn

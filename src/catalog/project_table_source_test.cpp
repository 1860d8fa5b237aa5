// ProjectTableSource over the built-in otel_logs_and_spans type and Parquet files written by
// DuckDB (test/data/projects/generate_fixtures.js holds the SQL the expected rows follow), laid
// out in an in-memory data directory: rows of every registered project with project_id from
// the directory, columns as the type declares them, pruning by project_id proven by counting
// the files opened, and the errors of files that do not fit the type.
#include "catalog/project_table_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "cairn/exception.h"
#include "catalog/table_type.h"
#include "formats/csv_test_fixture.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

using testing_csv::ReadAll;
using Rows = std::vector<std::vector<std::string>>;
using Op = TableFilter::Op;

/// An in-memory file system that counts OpenForRead calls per path.
class CountingFileSystem final : public FileSystem {
 public:
  std::unique_ptr<FileHandle> OpenForRead(const std::string& path) override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      opened_[path]++;
    }
    return inner_.OpenForRead(path);
  }
  std::unique_ptr<WritableFile> OpenForWrite(const std::string& path, WriteMode mode) override {
    return inner_.OpenForWrite(path, mode);
  }
  bool Exists(const std::string& path) override { return inner_.Exists(path); }
  bool IsDirectory(const std::string& path) override { return inner_.IsDirectory(path); }
  int64_t LastModifiedNanos(const std::string& path) override { return inner_.LastModifiedNanos(path); }
  std::vector<DirectoryEntry> ListDirectory(const std::string& directory) override {
    return inner_.ListDirectory(directory);
  }
  std::string DirectoryIdentity(const std::string& directory) override { return inner_.DirectoryIdentity(directory); }
  void CreateDirectories(const std::string& directory) override { inner_.CreateDirectories(directory); }
  void Rename(const std::string& from, const std::string& to) override { inner_.Rename(from, to); }
  void RemoveFile(const std::string& path) override { inner_.RemoveFile(path); }
  void SyncDirectory(const std::string& directory) override { inner_.SyncDirectory(directory); }
  std::unique_ptr<FileLock> LockFile(const std::string& path, bool wait) override { return inner_.LockFile(path, wait); }

  /// The paths opened since the last call, sorted (each once).
  std::vector<std::string> TakeOpened() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<std::string> paths;
    for (const auto& [path, count] : opened_) paths.push_back(path);
    opened_.clear();
    return paths;
  }

  /// Writes `bytes` at `path`, creating its directory.
  void Put(const std::string& path, const std::string& bytes) {
    inner_.CreateDirectories(ParentDirectory(path));
    auto file = inner_.OpenForWrite(path, WriteMode::kTruncate);
    file->Append(bytes.data(), bytes.size());
    file->Close();
  }
  /// Copies the fixture test/data/projects/`fixture` to `path`.
  void PutFixture(const std::string& path, const std::string& fixture) {
    std::ifstream in("test/data/projects/" + fixture, std::ios::binary);
    EXPECT_TRUE(in.good()) << fixture;
    std::stringstream bytes;
    bytes << in.rdbuf();
    Put(path, bytes.str());
  }

 private:
  InMemoryFileSystem inner_;
  std::mutex mutex_;
  std::map<std::string, int> opened_;
};

const std::string kTable = "otel_logs_and_spans";
const std::string kAcme = "data/projects/acme/otel_logs_and_spans";
const std::string kGlobex = "data/projects/globex/otel_logs_and_spans";

class ProjectTableSourceTest : public testing::Test {
 protected:
  void SetUp() override {
    fs_.PutFixture(kAcme + "/part-0.parquet", "acme_logs.parquet");
    fs_.PutFixture(kAcme + "/2024/05/02/part-1.parquet", "acme_spans.parquet");
    fs_.Put(kAcme + "/_SUCCESS", "");
    fs_.Put(kAcme + "/.part-2.parquet", "an unfinished write, not Parquet");
    fs_.Put(kAcme + "/notes.txt", "not data");
    fs_.PutFixture(kGlobex + "/part-0.parquet", "globex_logs.parquet");
    type_ = BuiltinTableTypes().at(kTable);
  }

  std::shared_ptr<TableSource> Source(std::vector<std::string> projects) {
    return CreateProjectTableSource(fs_, "data", kTable, type_.ColumnDefinitions(), std::move(projects));
  }
  idx_t Column(const std::string& name) const { return *type_.FindColumn(name); }
  std::vector<idx_t> Columns(std::initializer_list<const char*> names) const {
    std::vector<idx_t> ids;
    for (const char* n : names) ids.push_back(Column(n));
    return ids;
  }
  TableFilter ProjectIs(Op op, const std::string& id) const { return TableFilter{Column("project_id"), op, Value::Varchar(id)}; }
  static Rows Sorted(Rows rows) {
    std::sort(rows.begin(), rows.end());
    return rows;
  }
  /// Rows a scan with no column yields (as COUNT(*) reads it).
  static idx_t CountRows(const TableSource& source, std::vector<TableFilter> filters) {
    auto scan = source.Scan(ScanRequest{{}, std::move(filters)});
    idx_t rows = 0;
    while (auto partition = scan->NextPartition()) {
      DataChunk chunk;
      chunk.Initialize({});
      while (partition->Next(chunk)) rows += chunk.size();
    }
    return rows;
  }

  CountingFileSystem fs_;
  TableTypeDefinition type_;
};

TEST_F(ProjectTableSourceTest, ReadsEveryProjectWithColumnsAsTheTypeDeclares) {
  auto source = Source({"acme", "globex", "initech", "acme"});  // initech has no files yet
  EXPECT_EQ(source->Describe(), "PROJECT TABLE otel_logs_and_spans of 3 projects (acme, globex, initech)");
  ASSERT_EQ(source->columns().size(), type_.columns.size());
  EXPECT_EQ(source->columns()[0].name, "project_id");
  EXPECT_FALSE(source->columns()[0].nullable);
  EXPECT_FALSE(source->ExactRowCount());

  Rows rows = ReadAll(*source, Columns({"project_id", "id", "level", "body", "duration", "attributes", "trace_id"}));
  EXPECT_EQ(Sorted(rows), (Rows{
                              {"acme", "a1", "info", "acme log 1", "1000", "{\"n\":1}", "NULL"},
                              {"acme", "a2", "error", "acme log 2", "2000", "{\"n\":2}", "NULL"},
                              {"acme", "a3", "info", "acme log 3", "3000", "{\"n\":3}", "NULL"},
                              {"acme", "a4", "warn", "NULL", "28", "NULL", "NULL"},  // INTEGER duration, no body
                              {"acme", "a5", "warn", "NULL", "35", "NULL", "NULL"},
                              {"globex", "g1", "debug", "globex log 1", "NULL", "NULL", "NULL"},
                              {"globex", "g2", "debug", "globex log 2", "NULL", "NULL", "NULL"},
                          }));
  // Every column of the type, in declaration order, of the declared types.
  Rows all = ReadAll(*source);
  ASSERT_EQ(all.size(), 7u);
  EXPECT_EQ(all[0].size(), type_.columns.size());
  EXPECT_EQ(fs_.TakeOpened(), (std::vector<std::string>{kAcme + "/2024/05/02/part-1.parquet", kAcme + "/part-0.parquet",
                                                        kGlobex + "/part-0.parquet"}));
  EXPECT_EQ(CountRows(*source, {}), 7u);
  EXPECT_EQ(fs_.TakeOpened().size(), 3u);

  auto empty = Source({"initech"});
  EXPECT_TRUE(ReadAll(*empty).empty());
  EXPECT_EQ(CountRows(*empty, {}), 0u);
  EXPECT_TRUE(fs_.TakeOpened().empty());
}

TEST_F(ProjectTableSourceTest, ProjectFilterOpensOnlyThatProjectsFiles) {
  auto source = Source({"acme", "globex"});
  fs_.TakeOpened();
  Rows acme = ReadAll(*source, Columns({"project_id", "id"}), {ProjectIs(Op::EQUAL, "acme")});
  EXPECT_EQ(Sorted(acme), (Rows{{"acme", "a1"}, {"acme", "a2"}, {"acme", "a3"}, {"acme", "a4"}, {"acme", "a5"}}));
  EXPECT_EQ(fs_.TakeOpened(), (std::vector<std::string>{kAcme + "/2024/05/02/part-1.parquet", kAcme + "/part-0.parquet"}));

  EXPECT_EQ(CountRows(*source, {ProjectIs(Op::EQUAL, "globex")}), 2u);
  EXPECT_EQ(fs_.TakeOpened(), (std::vector<std::string>{kGlobex + "/part-0.parquet"}));

  EXPECT_EQ(CountRows(*source, {ProjectIs(Op::NOT_EQUAL, "acme")}), 2u);
  EXPECT_EQ(fs_.TakeOpened(), (std::vector<std::string>{kGlobex + "/part-0.parquet"}));

  EXPECT_EQ(CountRows(*source, {ProjectIs(Op::GREATER, "b")}), 2u);  // 'globex' > 'b' > 'acme'
  EXPECT_EQ(fs_.TakeOpened(), (std::vector<std::string>{kGlobex + "/part-0.parquet"}));

  EXPECT_EQ(CountRows(*source, {ProjectIs(Op::EQUAL, "nobody")}), 0u);
  EXPECT_TRUE(fs_.TakeOpened().empty());

  // project_id is never NULL; IS NOT NULL keeps everything, IS NULL nothing.
  EXPECT_EQ(CountRows(*source, {TableFilter{Column("project_id"), Op::IS_NULL, Value()}}), 0u);
  EXPECT_TRUE(fs_.TakeOpened().empty());
  EXPECT_EQ(CountRows(*source, {TableFilter{Column("project_id"), Op::IS_NOT_NULL, Value()}}), 7u);
  EXPECT_EQ(fs_.TakeOpened().size(), 3u);
}

// Workers pull partitions of one scan concurrently; every row is read exactly once.
TEST_F(ProjectTableSourceTest, ConcurrentWorkersReadEveryRowOnce) {
  auto source = Source({"acme", "globex"});
  auto scan = source->Scan(ScanRequest{Columns({"id"}), {}});
  std::mutex mutex;
  std::vector<std::string> ids;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; w++) {
    workers.emplace_back([&] {
      while (auto partition = scan->NextPartition()) {
        DataChunk chunk;
        chunk.Initialize({LogicalType(TypeId::VARCHAR)});
        while (true) {
          chunk.Reset();
          if (!partition->Next(chunk)) break;
          std::lock_guard<std::mutex> lock(mutex);
          for (idx_t r = 0; r < chunk.size(); r++) ids.push_back(chunk.GetValue(0, r).ToString());
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(ids, (std::vector<std::string>{"a1", "a2", "a3", "a4", "a5", "g1", "g2"}));
}

// Filters on file columns are hints to the Parquet reader: no row that passes them is lost,
// whether the file's column has the declared type (BIGINT) or is cast (INTEGER).
TEST_F(ProjectTableSourceTest, FiltersOnFileColumnsKeepMatchingRows) {
  auto source = Source({"acme", "globex"});
  Rows rows = ReadAll(*source, Columns({"id", "duration"}),
                      {TableFilter{Column("duration"), Op::GREATER, Value::BigInt(20)}, ProjectIs(Op::EQUAL, "acme")});
  Rows passing;
  for (auto& row : rows) {
    if (row[1] != "NULL" && std::stoll(row[1]) > 20) passing.push_back(row);
  }
  EXPECT_EQ(Sorted(passing), (Rows{{"a1", "1000"}, {"a2", "2000"}, {"a3", "3000"}, {"a4", "28"}, {"a5", "35"}}));
}

/// The error a full scan of `project`'s table gives once `fixture` is added to its files.
Exception ScanError(CountingFileSystem& fs, const TableTypeDefinition& type, const std::string& fixture) {
  fs.PutFixture(kAcme + "/bad.parquet", fixture);
  auto source = CreateProjectTableSource(fs, "data", kTable, type.ColumnDefinitions(), {"acme"});
  try {
    ReadAll(*source);
  } catch (const Exception& e) {
    return e;
  }
  ADD_FAILURE() << fixture << " was read without an error";
  return Exception(sqlstate::kInternalError, "no error");
}

TEST_F(ProjectTableSourceTest, FilesThatDoNotFitTheTypeAreErrors) {
  Exception other = ScanError(fs_, type_, "other_project.parquet");
  EXPECT_EQ(other.sqlstate(), sqlstate::kDataCorrupted);
  EXPECT_EQ(std::string(other.what()), "file " + kAcme + "/bad.parquet lies in the directory of project \"acme\" but "
                                        "holds project_id \"globex\"");
  // Also when the scan reads no column at all (COUNT(*)).
  auto source = Source({"acme"});
  EXPECT_THROW(CountRows(*source, {}), Exception);

  Exception text = ScanError(fs_, type_, "text_duration.parquet");
  EXPECT_EQ(text.sqlstate(), sqlstate::kDatatypeMismatch);
  EXPECT_EQ(std::string(text.what()), "table \"otel_logs_and_spans\": column \"duration\" is BIGINT but file " + kAcme +
                                          "/bad.parquet has VARCHAR");

  Exception no_id = ScanError(fs_, type_, "no_id.parquet");
  EXPECT_EQ(no_id.sqlstate(), sqlstate::kNotNullViolation);
  EXPECT_EQ(std::string(no_id.what()), "table \"otel_logs_and_spans\": column \"id\" is NOT NULL but file " + kAcme +
                                           "/bad.parquet lacks it");

  fs_.Put(kAcme + "/bad.parquet", "PAR1 but not really");
  source = Source({"acme"});
  try {
    ReadAll(*source);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_NE(std::string(e.what()).find(kAcme + "/bad.parquet"), std::string::npos) << e.what();
  }
}

TEST_F(ProjectTableSourceTest, RejectsNamesThatAreNotDirectoryNames) {
  for (const char* project : {"", ".", "..", "a/b", "../../etc"}) {
    try {
      Source({"acme", project});
      FAIL() << project;
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidParameterValue);
    }
  }
  try {
    CreateProjectTableSource(fs_, "data", "a/b", type_.ColumnDefinitions(), {"acme"});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidParameterValue);
  }
  try {
    CreateProjectTableSource(fs_, "data", kTable, {ColumnDefinition{"id", LogicalType(TypeId::VARCHAR), true}}, {"acme"});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidParameterValue);
    EXPECT_STREQ(e.what(), "table \"otel_logs_and_spans\": a project table needs a VARCHAR column project_id");
  }
  EXPECT_EQ(ProjectTableDirectory("data", "acme", "events"), "data/projects/acme/events");
  EXPECT_EQ(ProjectTableDirectory("/srv/data/", "acme", "events"), "/srv/data/projects/acme/events");
  EXPECT_EQ(ProjectTableDirectory("", "acme", "events"), "projects/acme/events");
}

}  // namespace
}  // namespace cairn

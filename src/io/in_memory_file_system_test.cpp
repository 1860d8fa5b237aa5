// Tests for InMemoryFileSystem: the FileSystem contract (shared with the local file system) and
// the durability model SimulateCrash enforces.
#include "io/in_memory_file_system.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "cairn/exception.h"

namespace cairn {
namespace {

void WriteFile(FileSystem& fs, const std::string& path, const std::string& data, bool sync) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(data.data(), data.size());
  if (sync) file->Sync();
  file->Close();
}

std::string SqlState(const std::function<void()>& action) {
  try {
    action();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

TEST(InMemoryFileSystemTest, ReadWriteListGlob) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/data/year=2024/month=1");
  fs.CreateDirectories("/data/year=2024/month=2");
  WriteFile(fs, "/data/year=2024/month=1/a.parquet", "one", false);
  WriteFile(fs, "/data/year=2024/month=2/b.parquet", "two", false);
  WriteFile(fs, "/data/notes.txt", "n", false);
  EXPECT_TRUE(fs.IsDirectory("/data/year=2024"));
  EXPECT_TRUE(fs.Exists("/data//notes.txt/"));
  EXPECT_EQ(fs.ReadFile("/data/year=2024/month=2/b.parquet"), "two");
  EXPECT_EQ(fs.Glob("/data/**/*.parquet"),
            (std::vector<std::string>{"/data/year=2024/month=1/a.parquet", "/data/year=2024/month=2/b.parquet"}));
  EXPECT_EQ(fs.Glob("/data/*/month=?/a.*"), (std::vector<std::string>{"/data/year=2024/month=1/a.parquet"}));
  EXPECT_EQ(fs.ListFilesRecursive("/data").size(), 3u);
  auto entries = fs.ListDirectory("/data");
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "notes.txt");
  EXPECT_FALSE(entries[0].is_directory);
  EXPECT_EQ(entries[1].name, "year=2024");
  EXPECT_TRUE(entries[1].is_directory);
  auto handle = fs.OpenForRead("/data/notes.txt");
  char buffer[2];
  EXPECT_EQ(SqlState([&] { handle->Read(buffer, 2, 0); }), sqlstate::kIoError);
  EXPECT_EQ(SqlState([&] { fs.OpenForRead("/data/missing"); }), sqlstate::kUndefinedFile);
  EXPECT_EQ(SqlState([&] { fs.OpenForWrite("/nowhere/x", WriteMode::kTruncate); }), sqlstate::kUndefinedFile);
}

TEST(InMemoryFileSystemTest, RelativePathsLiveInTheCurrentDirectory) {
  InMemoryFileSystem fs;
  WriteFile(fs, "t.csv", "a\n1\n", false);
  EXPECT_TRUE(fs.Exists("./t.csv"));
  EXPECT_EQ(fs.Glob("*.csv"), (std::vector<std::string>{"t.csv"}));
  fs.WriteFileAtomic("mappings.json", "{}");
  EXPECT_EQ(fs.ReadFile("mappings.json"), "{}");
  // No temporary is left behind.
  EXPECT_EQ(fs.ListDirectory("").size(), 2u);
}

TEST(InMemoryFileSystemTest, CrashKeepsOnlySyncedBytes) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/db");
  fs.SyncDirectory("/");
  auto file = fs.OpenForWrite("/db/wal.log", WriteMode::kCreateNew);
  fs.SyncDirectory("/db");
  file->Append("commit-1;", 9);
  file->Sync();
  file->Append("commit-2;", 9);  // never synced
  fs.SimulateCrash();
  EXPECT_EQ(fs.ReadFile("/db/wal.log"), "commit-1;");
}

TEST(InMemoryFileSystemTest, CrashForgetsUnsyncedDirectoryChanges) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/db");
  fs.SyncDirectory("/");
  WriteFile(fs, "/db/synced", "s", true);
  fs.SyncDirectory("/db");
  WriteFile(fs, "/db/created-not-synced", "c", true);  // bytes synced, directory entry not
  fs.Rename("/db/synced", "/db/renamed");              // rename not made durable
  fs.SimulateCrash();
  EXPECT_TRUE(fs.Exists("/db/synced"));
  EXPECT_FALSE(fs.Exists("/db/renamed"));
  EXPECT_FALSE(fs.Exists("/db/created-not-synced"));
  EXPECT_EQ(fs.ReadFile("/db/synced"), "s");
}

TEST(InMemoryFileSystemTest, AtomicWriteIsAllOrNothingAcrossACrash) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/db");
  fs.SyncDirectory("/");
  fs.WriteFileAtomic("/db/catalog.json", "version-1");
  fs.SimulateCrash();
  EXPECT_EQ(fs.ReadFile("/db/catalog.json"), "version-1");
  fs.WriteFileAtomic("/db/catalog.json", "version-2");
  fs.SimulateCrash();
  EXPECT_EQ(fs.ReadFile("/db/catalog.json"), "version-2");
}

TEST(InMemoryFileSystemTest, DirectoryNotSyncedInItsParentVanishesWithItsFiles) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/db/new");
  WriteFile(fs, "/db/new/f", "x", true);
  fs.SyncDirectory("/db/new");
  fs.SyncDirectory("/db");  // "/db" itself was never synced in "/"
  fs.SimulateCrash();
  EXPECT_FALSE(fs.Exists("/db"));
  EXPECT_FALSE(fs.Exists("/db/new/f"));
}

TEST(InMemoryFileSystemTest, FullDiskFailsAppends) {
  InMemoryFileSystem fs;
  fs.SetCapacity(4);
  auto file = fs.OpenForWrite("/out.csv", WriteMode::kTruncate);
  file->Append("1234", 4);
  EXPECT_EQ(SqlState([&] { file->Append("5", 1); }), sqlstate::kIoError);
  EXPECT_EQ(fs.ReadFile("/out.csv"), "1234");
}

TEST(InMemoryFileSystemTest, ModeSemantics) {
  InMemoryFileSystem fs;
  WriteFile(fs, "/f", "abc", false);
  EXPECT_EQ(SqlState([&] { fs.OpenForWrite("/f", WriteMode::kCreateNew); }), sqlstate::kIoError);
  fs.OpenForWrite("/f", WriteMode::kAppend)->Append("d", 1);
  EXPECT_EQ(fs.ReadFile("/f"), "abcd");
  fs.OpenForWrite("/f", WriteMode::kTruncate);
  EXPECT_EQ(fs.ReadFile("/f"), "");
  int64_t before = fs.LastModifiedNanos("/f");
  fs.OpenForWrite("/f", WriteMode::kAppend)->Append("e", 1);
  EXPECT_GT(fs.LastModifiedNanos("/f"), before);
  EXPECT_EQ(fs.DirectoryIdentity("/"), "/");
  EXPECT_EQ(SqlState([&] { fs.DirectoryIdentity("/f"); }), sqlstate::kUndefinedFile);
}

TEST(InMemoryFileSystemTest, LockFileExcludesOtherHoldersUntilReleased) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/d");
  auto held = fs.LockFile("/d/.lock", true);
  ASSERT_NE(held, nullptr);
  EXPECT_TRUE(fs.Exists("/d/.lock"));  // created like a file
  EXPECT_EQ(fs.LockFile("/d/.lock", false), nullptr);
  EXPECT_NE(fs.LockFile("/d/other.lock", false), nullptr);  // locks are per path
  std::atomic<bool> acquired = false;
  std::thread waiter([&] {
    auto lock = fs.LockFile("/d/.lock", true);
    acquired = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(acquired);
  held.reset();
  waiter.join();
  EXPECT_TRUE(acquired);
  EXPECT_NE(fs.LockFile("/d/.lock", false), nullptr);
  EXPECT_EQ(SqlState([&] { fs.LockFile("/missing/.lock", true); }), sqlstate::kUndefinedFile);
}

TEST(InMemoryFileSystemTest, RemoveAtomicWriteTemporariesRemovesOnlyThatFilesTemporaries) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("/d");
  fs.SyncDirectory("/");
  WriteFile(fs, "/d/m.json", "new", true);
  WriteFile(fs, "/d/m.json.tmp.1", "torn", false);
  WriteFile(fs, "/d/m.json.tmp.2", "torn", false);
  WriteFile(fs, "/d/m.jsonx.tmp.3", "other", false);
  WriteFile(fs, "/d/n.json.tmp.4", "other", false);
  fs.SyncDirectory("/d");
  EXPECT_EQ(fs.RemoveAtomicWriteTemporaries("/d/m.json"), 2u);
  fs.SimulateCrash();  // the removal was made durable
  EXPECT_FALSE(fs.Exists("/d/m.json.tmp.1"));
  EXPECT_FALSE(fs.Exists("/d/m.json.tmp.2"));
  EXPECT_TRUE(fs.Exists("/d/m.jsonx.tmp.3"));
  EXPECT_TRUE(fs.Exists("/d/n.json.tmp.4"));
  EXPECT_EQ(fs.ReadFile("/d/m.json"), "new");
  EXPECT_EQ(fs.RemoveAtomicWriteTemporaries("/d/m.json"), 0u);
}

}  // namespace
}  // namespace cairn

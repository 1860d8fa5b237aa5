// Tests for the local file system: globbing, listing, atomic writes, errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cairn/exception.h"
#include "io/file_system.h"

namespace cairn {
namespace {

class LocalFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() / ("cairn_fs_test_" + std::to_string(::getpid()));
    std::filesystem::remove_all(root_);
    std::filesystem::create_directories(root_ / "a=1" / "b=x");
    std::filesystem::create_directories(root_ / "a=2");
    Touch(root_ / "a=1" / "b=x" / "part.parquet");
    Touch(root_ / "a=2" / "part.parquet");
    Touch(root_ / "a=2" / "notes.txt");
    Touch(root_ / "top.parquet");
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  static void Touch(const std::filesystem::path& path) { std::ofstream(path) << "x"; }
  std::string Path(const std::string& relative) { return (root_ / relative).string(); }
  std::filesystem::path root_;
};

TEST_F(LocalFileSystemTest, GlobSingleSegment) {
  auto& fs = FileSystem::Local();
  auto matches = fs.Glob(Path("a=*/part.parquet"));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0], Path("a=2/part.parquet"));
}

TEST_F(LocalFileSystemTest, GlobRecursive) {
  auto matches = FileSystem::Local().Glob(Path("**/*.parquet"));
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0], Path("a=1/b=x/part.parquet"));
  EXPECT_EQ(matches[2], Path("top.parquet"));
}

TEST_F(LocalFileSystemTest, ListAndRead) {
  auto& fs = FileSystem::Local();
  EXPECT_EQ(fs.ListFilesRecursive(root_.string()).size(), 4u);
  fs.WriteFileAtomic(Path("out.json"), "{\"a\": 1}");
  EXPECT_EQ(fs.ReadFile(Path("out.json")), "{\"a\": 1}");
  auto handle = fs.OpenForRead(Path("out.json"));
  EXPECT_EQ(handle->Size(), 8u);
  char buffer[4];
  EXPECT_THROW(handle->Read(buffer, 4, 6), Exception);
}

// Regression: a `**` glob followed directory symlink loops (the same file read 41 times; two
// loops hung). Each directory is now expanded once per pattern position.
TEST_F(LocalFileSystemTest, GlobStarStarVisitsEachDirectoryOnceThroughSymlinkLoops) {
  std::filesystem::create_directory_symlink(root_, root_ / "a=1" / "loop_to_root");
  std::filesystem::create_directory_symlink(root_ / "a=1", root_ / "a=2" / "loop_to_a1");
  auto matches = FileSystem::Local().Glob(Path("**/*.parquet"));
  // Every file once, under the first path that reaches it.
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[0], Path("a=1/b=x/part.parquet"));
  EXPECT_EQ(matches[1], Path("a=2/part.parquet"));
  EXPECT_EQ(matches[2], Path("top.parquet"));
  EXPECT_EQ(FileSystem::Local().ListFilesRecursive(root_.string()).size(), 4u);
}

TEST_F(LocalFileSystemTest, GlobFollowsSymlinkToDirectoryOutsideTree) {
  auto outside = root_.string() + "_outside";
  std::filesystem::create_directories(outside);
  Touch(std::filesystem::path(outside) / "linked.parquet");
  std::filesystem::create_directory_symlink(outside, root_ / "linked");
  auto matches = FileSystem::Local().Glob(Path("**/linked.parquet"));
  std::filesystem::remove_all(outside);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0], Path("linked/linked.parquet"));
}

TEST_F(LocalFileSystemTest, TrailingStarStarMatchesEveryFileBelow) {
  EXPECT_EQ(FileSystem::Local().Glob(Path("a=2/**")).size(), 2u);
}

TEST_F(LocalFileSystemTest, WritableFileAppendSyncRenameRemove) {
  auto& fs = FileSystem::Local();
  fs.CreateDirectories(Path("wal/segments"));
  {
    auto file = fs.OpenForWrite(Path("wal/segments/1.log"), WriteMode::kCreateNew);
    file->Append("abc", 3);
    file->Sync();
    file->Close();
  }
  EXPECT_THROW(fs.OpenForWrite(Path("wal/segments/1.log"), WriteMode::kCreateNew), Exception);
  {
    auto file = fs.OpenForWrite(Path("wal/segments/1.log"), WriteMode::kAppend);
    EXPECT_EQ(file->Size(), 3u);
    file->Append("def", 3);
    EXPECT_EQ(file->Size(), 6u);
    file->Close();
  }
  EXPECT_EQ(fs.ReadFile(Path("wal/segments/1.log")), "abcdef");
  fs.Rename(Path("wal/segments/1.log"), Path("wal/segments/2.log"));
  fs.SyncDirectory(Path("wal/segments"));
  EXPECT_FALSE(fs.Exists(Path("wal/segments/1.log")));
  auto entries = fs.ListDirectory(Path("wal/segments"));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].name, "2.log");
  EXPECT_FALSE(entries[0].is_directory);
  fs.RemoveFile(Path("wal/segments/2.log"));
  EXPECT_TRUE(fs.ListDirectory(Path("wal/segments")).empty());
  try {
    fs.RemoveFile(Path("wal/segments/2.log"));
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kUndefinedFile);
  }
}

TEST_F(LocalFileSystemTest, WriteToFullDeviceFails) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  auto file = FileSystem::Local().OpenForWrite("/dev/full", WriteMode::kAppend);
  try {
    file->Append("x", 1);
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kIoError);
    EXPECT_NE(std::string(e.what()).find("/dev/full"), std::string::npos);
  }
}

TEST_F(LocalFileSystemTest, MissingFileIsUndefinedFile) {
  try {
    FileSystem::Local().OpenForRead(Path("missing.parquet"));
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kUndefinedFile);
    EXPECT_NE(std::string(e.what()).find("missing.parquet"), std::string::npos);
  }
}

TEST_F(LocalFileSystemTest, LockFileExcludesOtherDescriptorsOfThisProcess) {
  FileSystem& fs = FileSystem::Local();
  auto held = fs.LockFile(Path(".lock"), true);
  ASSERT_NE(held, nullptr);
  EXPECT_TRUE(std::filesystem::exists(Path(".lock")));
  EXPECT_EQ(fs.LockFile(Path(".lock"), false), nullptr);  // flock is per open file description
  held.reset();
  EXPECT_NE(fs.LockFile(Path(".lock"), false), nullptr);
  EXPECT_TRUE(std::filesystem::exists(Path(".lock")));  // never removed
  try {
    fs.LockFile(Path("missing/.lock"), true);
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kUndefinedFile);
  }
}

}  // namespace
}  // namespace cairn

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

TEST_F(LocalFileSystemTest, MissingFileIsUndefinedFile) {
  try {
    FileSystem::Local().OpenForRead(Path("missing.parquet"));
    FAIL() << "expected an exception";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kUndefinedFile);
    EXPECT_NE(std::string(e.what()).find("missing.parquet"), std::string::npos);
  }
}

}  // namespace
}  // namespace cairn

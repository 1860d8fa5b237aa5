// Tests for FaultInjectingFileSystem: calls are counted per operation, an armed fault fails
// exactly the chosen call with 58030, short writes leave a prefix, and the path filter and
// FailFrom behave as documented.
#include "io/fault_injecting_file_system.h"

#include <gtest/gtest.h>

#include <functional>

#include "cairn/exception.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

std::string SqlState(const std::function<void()>& action) {
  try {
    action();
  } catch (const Exception& e) {
    return e.sqlstate();
  }
  return "none";
}

void Write(FileSystem& fs, const std::string& path, const std::string& data) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(data.data(), data.size());
  file->Sync();
  file->Close();
}

TEST(FaultInjectingFileSystemTest, ForwardsAndCountsEveryMutatingCall) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  fs.CreateDirectories("/d");
  Write(fs, "/d/a", "hello");
  Write(fs, "/d/b", "world");
  fs.Rename("/d/b", "/d/c");
  fs.RemoveFile("/d/a");
  fs.SyncDirectory("/d");
  EXPECT_EQ(base.ReadFile("/d/c"), "world");
  EXPECT_FALSE(base.Exists("/d/a"));
  EXPECT_EQ(fs.ReadFile("/d/c"), "world");
  EXPECT_EQ(fs.CallCount(FileOperation::kOpenForWrite), 2u);
  EXPECT_EQ(fs.CallCount(FileOperation::kAppend), 2u);
  EXPECT_EQ(fs.CallCount(FileOperation::kSync), 2u);
  EXPECT_EQ(fs.CallCount(FileOperation::kRename), 1u);
  EXPECT_EQ(fs.CallCount(FileOperation::kRemoveFile), 1u);
  EXPECT_EQ(fs.CallCount(FileOperation::kSyncDirectory), 1u);
  EXPECT_EQ(fs.FaultsInjected(), 0u);
  fs.Reset();
  EXPECT_EQ(fs.CallCount(FileOperation::kAppend), 0u);
}

TEST(FaultInjectingFileSystemTest, FailsExactlyTheChosenCall) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  auto file = fs.OpenForWrite("log", WriteMode::kTruncate);
  fs.SyncDirectory("");
  fs.FailAt(FileOperation::kAppend, 2);
  file->Append("a", 1);
  EXPECT_EQ(SqlState([&] { file->Append("b", 1); }), sqlstate::kIoError);
  file->Append("c", 1);  // a fault fires once
  EXPECT_EQ(base.ReadFile("log"), "ac");
  EXPECT_EQ(fs.CallCount(FileOperation::kAppend), 3u);
  EXPECT_EQ(fs.FaultsInjected(), 1u);

  fs.FailAt(FileOperation::kSync, 1);
  EXPECT_EQ(SqlState([&] { file->Sync(); }), sqlstate::kIoError);
  base.SimulateCrash();  // the failed fsync made nothing durable
  EXPECT_EQ(base.ReadFile("log"), "");
}

TEST(FaultInjectingFileSystemTest, EachOperationCanFail) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  Write(fs, "x", "1");
  fs.Reset();
  fs.FailAt(FileOperation::kOpenForWrite, 1);
  EXPECT_EQ(SqlState([&] { fs.OpenForWrite("y", WriteMode::kTruncate); }), sqlstate::kIoError);
  EXPECT_FALSE(base.Exists("y"));
  fs.FailAt(FileOperation::kRename, 1);
  EXPECT_EQ(SqlState([&] { fs.Rename("x", "z"); }), sqlstate::kIoError);
  EXPECT_TRUE(base.Exists("x"));
  EXPECT_FALSE(base.Exists("z"));
  fs.FailAt(FileOperation::kRemoveFile, 1);
  EXPECT_EQ(SqlState([&] { fs.RemoveFile("x"); }), sqlstate::kIoError);
  EXPECT_TRUE(base.Exists("x"));
  fs.FailAt(FileOperation::kSyncDirectory, 1);
  EXPECT_EQ(SqlState([&] { fs.SyncDirectory(""); }), sqlstate::kIoError);
  base.SimulateCrash();  // "x" was never made durable in its directory
  EXPECT_FALSE(base.Exists("x"));
  EXPECT_EQ(fs.FaultsInjected(), 4u);
  try {
    fs.FailAt(FileOperation::kRename, 2);
    fs.Rename("a", "b");  // call 2 is the next one: the fault fires before the missing file is seen
    FAIL() << "no fault";
  } catch (const Exception& e) {
    EXPECT_NE(std::string(e.what()).find("injected fault (rename call #2)"), std::string::npos) << e.what();
  }
}

TEST(FaultInjectingFileSystemTest, ShortWriteAppendsAPrefixThenFails) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  auto file = fs.OpenForWrite("f", WriteMode::kTruncate);
  fs.FailAt(FileOperation::kAppend, 1, FaultKind::kShortWrite, 3);
  EXPECT_EQ(SqlState([&] { file->Append("abcdef", 6); }), sqlstate::kIoError);
  EXPECT_EQ(base.ReadFile("f"), "abc");
  EXPECT_EQ(file->Size(), 3u);
  EXPECT_EQ(SqlState([&] { fs.FailAt(FileOperation::kSync, 1, FaultKind::kShortWrite, 1); }), sqlstate::kInternalError);
  EXPECT_EQ(SqlState([&] { fs.FailAt(FileOperation::kSync, 0); }), sqlstate::kInternalError);
}

TEST(FaultInjectingFileSystemTest, FailFromKeepsFailing) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  auto file = fs.OpenForWrite("f", WriteMode::kTruncate);
  fs.FailFrom(FileOperation::kSync, 2);
  file->Sync();
  for (int i = 0; i < 3; i++) EXPECT_EQ(SqlState([&] { file->Sync(); }), sqlstate::kIoError);
  EXPECT_EQ(fs.FaultsInjected(), 3u);
}

TEST(FaultInjectingFileSystemTest, PathFilterSelectsWhichCallsCount) {
  InMemoryFileSystem base;
  FaultInjectingFileSystem fs(base);
  fs.SetPathFilter("wal");
  fs.FailAt(FileOperation::kAppend, 1);
  Write(fs, "catalog.json", "{}");  // not counted, not failed
  auto wal = fs.OpenForWrite("db.wal", WriteMode::kTruncate);
  EXPECT_EQ(SqlState([&] { wal->Append("x", 1); }), sqlstate::kIoError);
  EXPECT_EQ(fs.CallCount(FileOperation::kAppend), 1u);
  EXPECT_EQ(fs.CallCount(FileOperation::kOpenForWrite), 1u);
  fs.FailAt(FileOperation::kRename, 1);
  EXPECT_EQ(SqlState([&] { fs.Rename("db.wal", "old.wal"); }), sqlstate::kIoError);
  fs.Rename("catalog.json", "catalog2.json");  // filtered out: not counted
  EXPECT_EQ(fs.CallCount(FileOperation::kRename), 1u);
}

}  // namespace
}  // namespace cairn

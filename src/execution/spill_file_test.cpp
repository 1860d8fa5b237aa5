// Tests for SpillFile: chunks of several types (NULLs, inlined and long strings, a sliced
// chunk) read back equal, in any order and from several threads; the file never has a name in
// its directory; a directory that cannot be created is 58030 naming it; a damaged length is
// XX001, not a crash.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/exception.h"
#include "execution/spill_file.h"

namespace cairn {
namespace {

const std::vector<LogicalType> kTypes = {TypeId::BIGINT, TypeId::VARCHAR, TypeId::DOUBLE};

Value Expected(uint64_t g, idx_t column) {
  switch (column) {
    case 0: return g % 11 == 3 ? Value::Null(TypeId::BIGINT) : Value::BigInt(int64_t(g) * 3 - 7);
    case 1:
      if (g % 13 == 5) return Value::Null(TypeId::VARCHAR);
      if (g % 2 == 0) return Value::Varchar("s" + std::to_string(g % 1000));
      return Value::Varchar("a string longer than twelve bytes, row " + std::to_string(g));
    default: return g % 17 == 0 ? Value::Null(TypeId::DOUBLE) : Value::Double(double(g) * 0.5);
  }
}

DataChunk MakeChunk(uint64_t first, idx_t count) {
  DataChunk chunk;
  chunk.Initialize(kTypes);
  for (idx_t i = 0; i < count; i++) {
    for (idx_t c = 0; c < kTypes.size(); c++) chunk.data[c].SetValue(i, Expected(first + i, c));
  }
  chunk.SetCardinality(count);
  return chunk;
}

class SpillFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    directory_ = (std::filesystem::temp_directory_path() /
                  ("cairn_spill_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                     .string();
    std::filesystem::remove_all(directory_);
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }
  std::string directory_;
};

TEST_F(SpillFileTest, ChunksReadBackEqualInAnyOrderAndConcurrently) {
  SpillFile file(directory_);  // created, with its missing directory
  const std::vector<idx_t> sizes = {kStandardVectorSize, 1, 777, kStandardVectorSize, 0, 5};
  std::vector<uint64_t> firsts;
  uint64_t next = 0;
  for (idx_t size : sizes) {
    file.Append(MakeChunk(next, size));
    firsts.push_back(next);
    next += size;
  }
  // A sliced chunk (a selection of rows) is written as its selected rows.
  DataChunk base = MakeChunk(100000, 64);
  SelectionVector sel(kStandardVectorSize);
  for (idx_t i = 0; i < 10; i++) sel.set_index(i, 63 - 6 * i);
  DataChunk sliced;
  sliced.Reference(base);
  sliced.Slice(sel, 10);
  file.Append(sliced);
  // Enough bytes to pass the write buffer at least once.
  for (int k = 0; k < 40; k++) file.Append(MakeChunk(200000 + k * kStandardVectorSize, kStandardVectorSize));
  file.FinishWriting();
  ASSERT_EQ(file.ChunkCount(), sizes.size() + 1 + 40);
  EXPECT_EQ(file.RowCount(), next + 10 + 40 * kStandardVectorSize);
  EXPECT_GT(file.SizeBytes(), SpillFile::kWriteBufferBytes);
  // No file has a name in the directory.
  EXPECT_TRUE(std::filesystem::is_empty(directory_));

  auto check = [&](idx_t i) {
    DataChunk out;
    file.ReadChunk(i, out);
    if (i < sizes.size()) {
      EXPECT_EQ(out.size(), sizes[i]);
      for (idx_t r = 0; r < out.size(); r++) {
        for (idx_t c = 0; c < kTypes.size(); c++) {
          ASSERT_EQ(out.data[c].GetValue(r).ToString(), Expected(firsts[i] + r, c).ToString()) << i << " " << r;
        }
      }
    } else if (i == sizes.size()) {
      ASSERT_EQ(out.size(), 10u);
      for (idx_t r = 0; r < 10; r++) {
        ASSERT_EQ(out.data[1].GetValue(r).ToString(), Expected(100000 + 63 - 6 * r, 1).ToString());
      }
    } else {
      const uint64_t first = 200000 + (i - sizes.size() - 1) * kStandardVectorSize;
      ASSERT_EQ(out.size(), kStandardVectorSize);
      ASSERT_EQ(out.data[0].GetValue(kStandardVectorSize - 1).ToString(),
                Expected(first + kStandardVectorSize - 1, 0).ToString());
    }
  };
  for (idx_t i = file.ChunkCount(); i-- > 0;) check(i);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&, t] {
      for (idx_t i = t; i < file.ChunkCount(); i += 4) check(i);
    });
  }
  for (auto& thread : threads) thread.join();
}

TEST_F(SpillFileTest, AnUncreatableDirectoryIsAnIoErrorNamingIt) {
  std::filesystem::create_directories(directory_);
  std::ofstream(directory_ + "/file") << "x";
  const std::string below_a_file = directory_ + "/file/spill";
  try {
    SpillFile file(below_a_file);
    FAIL() << "created a file below a regular file";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "58030");
    EXPECT_NE(std::string(e.what()).find(below_a_file), std::string::npos) << e.what();
  }
}

TEST_F(SpillFileTest, ReadingAChunkThatWasNotWrittenIsAnError) {
  SpillFile file(directory_);
  file.Append(MakeChunk(0, 3));
  file.FinishWriting();
  DataChunk out;
  EXPECT_THROW(file.ReadChunk(1, out), Exception);
}

}  // namespace
}  // namespace cairn

// Tests for RowCollection on its own: Append of whole chunks and of selections, dense row ids
// over many chunks, Combine (aligned and not), Gather of arbitrary row ids (random order,
// repeats, chunk boundaries) into a column offset of a chunk, long strings that outlive their
// input chunk, NULLs, and the memory charged to the query's MemoryTracker.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/exception.h"
#include "common/memory_tracker.h"
#include "execution/row_collection.h"

namespace cairn {
namespace {

const std::vector<LogicalType> kTypes = {TypeId::BIGINT, TypeId::VARCHAR, TypeId::DOUBLE};

// The value of column `column` of the row numbered `g` (a global row number): NULLs at
// irregular intervals, strings both inlined (<= 12 bytes) and heap-allocated.
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

// A chunk holding rows first..first+count-1.
std::unique_ptr<DataChunk> MakeChunk(uint64_t first, idx_t count) {
  auto chunk = std::make_unique<DataChunk>();
  chunk->Initialize(kTypes);
  for (idx_t i = 0; i < count; i++) {
    for (idx_t c = 0; c < kTypes.size(); c++) chunk->data[c].SetValue(i, Expected(first + i, c));
  }
  chunk->SetCardinality(count);
  return chunk;
}

// Appends rows 0..total-1 in chunks of the given sizes (cycled).
void AppendRows(RowCollection& rows, uint64_t first, uint64_t total, const std::vector<idx_t>& sizes) {
  uint64_t done = 0;
  for (idx_t k = 0; done < total; k++) {
    idx_t n = std::min<uint64_t>(sizes[k % sizes.size()], total - done);
    rows.Append(*MakeChunk(first + done, n));
    done += n;
  }
}

void ExpectRowIdsDense(const RowCollection& rows) {
  idx_t total = 0;
  for (idx_t c = 0; c < rows.ChunkCount(); c++) {
    if (c + 1 < rows.ChunkCount()) {
      EXPECT_EQ(rows.GetChunk(c).size(), kStandardVectorSize) << "chunk " << c;
    }
    total += rows.GetChunk(c).size();
  }
  EXPECT_EQ(total, rows.Count());
}

TEST(RowCollectionTest, EmptyCollection) {
  RowCollection rows(kTypes);
  EXPECT_EQ(rows.Count(), 0u);
  EXPECT_EQ(rows.ChunkCount(), 0u);
  EXPECT_EQ(rows.MemoryBytes(), 0u);
  DataChunk empty;
  empty.Initialize(kTypes);
  rows.Append(empty);
  EXPECT_EQ(rows.Count(), 0u);
}

TEST(RowCollectionTest, DenseRowIdsAcrossManyChunks) {
  const uint64_t total = 10 * kStandardVectorSize + 17;
  RowCollection rows(kTypes);
  // Odd chunk sizes so appends straddle the collection's chunk boundaries.
  AppendRows(rows, 0, total, {1000, 2048, 1, 777, 2047});
  EXPECT_EQ(rows.Count(), total);
  EXPECT_EQ(rows.ChunkCount(), 11u);
  EXPECT_EQ(rows.GetChunk(10).size(), 17u);
  ExpectRowIdsDense(rows);
  for (uint64_t r = 0; r < total; r++) {
    const DataChunk& chunk = rows.GetChunk(r / kStandardVectorSize);
    for (idx_t c = 0; c < kTypes.size(); c++) {
      ASSERT_EQ(chunk.GetValue(c, r % kStandardVectorSize), Expected(r, c)) << "row " << r << " column " << c;
    }
  }
}

TEST(RowCollectionTest, AppendWithSelectionVector) {
  auto input = MakeChunk(0, kStandardVectorSize);
  // Odd rows, in reverse order, then a repeat of row 0.
  std::vector<uint64_t> picked;
  for (idx_t i = kStandardVectorSize; i-- > 0;) {
    if (i % 2 == 1) picked.push_back(i);
  }
  picked.push_back(0);
  picked.push_back(0);
  SelectionVector sel(picked.size());
  for (idx_t i = 0; i < picked.size(); i++) sel.set_index(i, picked[i]);
  RowCollection rows(kTypes);
  rows.Append(*input, sel, picked.size());
  rows.Append(*input, sel, picked.size());  // crosses into a second chunk
  ASSERT_EQ(rows.Count(), 2 * picked.size());
  ExpectRowIdsDense(rows);
  for (uint64_t r = 0; r < rows.Count(); r++) {
    const DataChunk& chunk = rows.GetChunk(r / kStandardVectorSize);
    for (idx_t c = 0; c < kTypes.size(); c++) {
      ASSERT_EQ(chunk.GetValue(c, r % kStandardVectorSize), Expected(picked[r % picked.size()], c)) << r;
    }
  }
}

TEST(RowCollectionTest, GatherArbitraryRowIdsAtColumnOffset) {
  const uint64_t total = 3 * kStandardVectorSize + 100;
  RowCollection rows(kTypes);
  AppendRows(rows, 0, total, {kStandardVectorSize});
  std::mt19937_64 rng(42);
  std::vector<uint64_t> ids;
  // Chunk boundaries, repeats and random ids, in random order.
  for (uint64_t b : {uint64_t(0), kStandardVectorSize - 1, kStandardVectorSize, 2 * kStandardVectorSize - 1,
                     2 * kStandardVectorSize, total - 1}) {
    ids.push_back(b);
    ids.push_back(b);
  }
  while (ids.size() < kStandardVectorSize) ids.push_back(rng() % total);
  std::shuffle(ids.begin(), ids.end(), rng);

  // out = [INTEGER marker, VARCHAR, DOUBLE]: gather columns 1..2 of the collection into
  // columns 1..2; the marker column must stay untouched.
  DataChunk out;
  out.Initialize({TypeId::INTEGER, TypeId::VARCHAR, TypeId::DOUBLE});
  for (idx_t i = 0; i < ids.size(); i++) out.data[0].SetValue(i, Value::Integer(int32_t(i)));
  rows.Gather(ids.data(), ids.size(), 1, 2, out, 1);
  out.SetCardinality(ids.size());
  for (idx_t i = 0; i < ids.size(); i++) {
    ASSERT_EQ(out.GetValue(0, i), Value::Integer(int32_t(i)));
    ASSERT_EQ(out.GetValue(1, i), Expected(ids[i], 1)) << "id " << ids[i];
    ASSERT_EQ(out.GetValue(2, i), Expected(ids[i], 2)) << "id " << ids[i];
  }

  // A second gather into the same chunk: rows that were NULL before must not stay NULL.
  std::vector<uint64_t> valid_ids;
  for (uint64_t g = 0; valid_ids.size() < 300; g++) {
    if (Expected(g, 0).IsNull() || Expected(g, 1).IsNull() || Expected(g, 2).IsNull()) continue;
    valid_ids.push_back(g);
  }
  rows.Gather(valid_ids.data(), valid_ids.size(), 0, 3, out, 0);
  for (idx_t i = 0; i < valid_ids.size(); i++) {
    for (idx_t c = 0; c < 3; c++) ASSERT_EQ(out.GetValue(c, i), Expected(valid_ids[i], c)) << i;
  }
}

TEST(RowCollectionTest, LongStringsOutliveTheInputChunk) {
  RowCollection rows({TypeId::VARCHAR});
  std::vector<std::string> expected;
  for (int round = 0; round < 3; round++) {
    auto input = std::make_unique<DataChunk>();
    input->Initialize({TypeId::VARCHAR});
    for (idx_t i = 0; i < 1500; i++) {
      expected.push_back("round " + std::to_string(round) + " row " + std::to_string(i) + " with a long tail");
      input->data[0].SetValue(i, Value::Varchar(expected.back()));
    }
    input->SetCardinality(1500);
    rows.Append(*input);
    // Overwrite the input's strings (reusing its heap), then destroy it.
    for (idx_t i = 0; i < 1500; i++) input->data[0].SetValue(i, Value::Varchar(std::string(40, 'x')));
    input.reset();
  }
  std::vector<uint64_t> ids(expected.size());
  for (idx_t i = 0; i < ids.size(); i++) ids[i] = ids.size() - 1 - i;
  DataChunk out;
  out.Initialize({TypeId::VARCHAR});
  for (idx_t start = 0; start < ids.size(); start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, ids.size() - start);
    rows.Gather(ids.data() + start, n, 0, 1, out, 0);
    for (idx_t i = 0; i < n; i++) ASSERT_EQ(out.GetValue(0, i).GetString(), expected[ids[start + i]]);
  }
}

TEST(RowCollectionTest, CombineIntoEmptyAndAlignedKeepsRowIds) {
  RowCollection empty;  // default-constructed: takes the types of what it receives
  RowCollection a(kTypes);
  AppendRows(a, 0, 2 * kStandardVectorSize, {999});
  empty.Combine(std::move(a));
  EXPECT_EQ(empty.types(), kTypes);
  EXPECT_EQ(empty.Count(), 2 * kStandardVectorSize);
  EXPECT_EQ(a.Count(), 0u);

  // `empty` is now full-chunk aligned: b's row ids are preserved, shifted by its size.
  RowCollection b(kTypes);
  AppendRows(b, 2 * kStandardVectorSize, kStandardVectorSize + 5, {kStandardVectorSize});
  empty.Combine(std::move(b));
  ASSERT_EQ(empty.Count(), 3 * kStandardVectorSize + 5);
  ExpectRowIdsDense(empty);
  std::vector<uint64_t> ids(empty.Count());
  for (idx_t i = 0; i < ids.size(); i++) ids[i] = i;
  DataChunk out;
  out.Initialize(kTypes);
  for (idx_t start = 0; start < ids.size(); start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, ids.size() - start);
    empty.Gather(ids.data() + start, n, 0, 3, out, 0);
    for (idx_t i = 0; i < n; i++) {
      for (idx_t c = 0; c < 3; c++) ASSERT_EQ(out.GetValue(c, i), Expected(start + i, c)) << start + i;
    }
  }
}

TEST(RowCollectionTest, CombineNotAlignedKeepsEveryRowAndDenseIds) {
  RowCollection a(kTypes);
  AppendRows(a, 0, 100, {100});
  RowCollection b(kTypes);
  AppendRows(b, 100, kStandardVectorSize + 900, {700});
  RowCollection c(kTypes);
  AppendRows(c, 100 + kStandardVectorSize + 900, 3, {3});
  a.Combine(std::move(b));
  a.Combine(std::move(c));
  const uint64_t total = 100 + kStandardVectorSize + 900 + 3;
  ASSERT_EQ(a.Count(), total);
  ExpectRowIdsDense(a);
  // The receiving collection's rows keep their ids; the others may move but every row is
  // there exactly once. Column 0 with the string column identifies a row (they are NULL on
  // different rows).
  DataChunk out;
  out.Initialize(kTypes);
  std::map<std::string, int> seen, expected;
  for (uint64_t g = 0; g < total; g++) expected[Expected(g, 0).ToString() + "|" + Expected(g, 1).ToString()]++;
  std::vector<uint64_t> ids(total);
  for (idx_t i = 0; i < total; i++) ids[i] = i;
  for (idx_t start = 0; start < total; start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, total - start);
    a.Gather(ids.data() + start, n, 0, 3, out, 0);
    for (idx_t i = 0; i < n; i++) {
      if (start + i < 100) {
        for (idx_t col = 0; col < 3; col++) ASSERT_EQ(out.GetValue(col, i), Expected(start + i, col));
      }
      seen[out.GetValue(0, i).ToString() + "|" + out.GetValue(1, i).ToString()]++;
    }
  }
  EXPECT_EQ(seen, expected);
}

TEST(RowCollectionTest, MemoryGrowsAndIsChargedToTheQueryTracker) {
  auto tracker = std::make_shared<MemoryTracker>("query", 0);
  {
    MemoryTracker::Scope scope(tracker);
    auto rows = std::make_unique<RowCollection>(kTypes);
    uint64_t previous = 0;
    for (int k = 0; k < 40; k++) {
      rows->Append(*MakeChunk(uint64_t(k) * 1000, 1000));
      uint64_t now = rows->MemoryBytes();
      EXPECT_GT(now, previous) << "append " << k;  // every append adds at least string bytes
      previous = now;
      EXPECT_GE(tracker->used(), now);
      EXPECT_EQ(tracker->used() % kMemoryChargeBlock, 0u);
    }
    // 40,000 rows of an 8-byte and a 16-byte string slot and an 8-byte double at least.
    EXPECT_GE(rows->MemoryBytes(), 40000u * 32);

    RowCollection other(kTypes);
    AppendRows(other, 0, 5000, {kStandardVectorSize});
    uint64_t before = tracker->used();
    EXPECT_GT(before, rows->MemoryBytes());
    rows->Combine(std::move(other));
    EXPECT_EQ(other.MemoryBytes(), 0u);
    EXPECT_GE(tracker->used(), rows->MemoryBytes());
    rows.reset();
    EXPECT_EQ(tracker->used(), 0u);  // `other` holds nothing any more
  }
  EXPECT_EQ(tracker->used(), 0u);
  EXPECT_GT(tracker->peak(), 0u);
}

TEST(RowCollectionTest, AppendPastTheMemoryLimitThrows53200) {
  auto tracker = std::make_shared<MemoryTracker>("query", 1 << 20);
  MemoryTracker::Scope scope(tracker);
  RowCollection rows(kTypes);
  bool thrown = false;
  try {
    for (int k = 0; k < 1000; k++) rows.Append(*MakeChunk(uint64_t(k) * kStandardVectorSize, kStandardVectorSize));
  } catch (const Exception& e) {
    thrown = true;
    EXPECT_EQ(e.sqlstate(), "53200");
  }
  EXPECT_TRUE(thrown);
  EXPECT_LE(tracker->used(), uint64_t(1) << 20);
}

}  // namespace
}  // namespace cairn

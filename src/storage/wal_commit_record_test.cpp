// Commit records: encode → decode round trips, splitting into parts, and malformed payloads.
#include "storage/wal_commit_record.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

DataChunk Rows(int64_t first, idx_t count) {
  DataChunk chunk;
  chunk.Initialize({LogicalType(TypeId::BIGINT), LogicalType(TypeId::VARCHAR)}, count);
  for (idx_t i = 0; i < count; i++) {
    chunk.data[0].SetValue(i, Value::BigInt(first + static_cast<int64_t>(i)));
    chunk.data[1].SetValue(i, Value::Varchar("row " + std::to_string(first + static_cast<int64_t>(i))));
  }
  chunk.SetCardinality(count);
  return chunk;
}

std::vector<TableChanges> Sample() {
  std::vector<TableChanges> changes(2);
  changes[0].table = TableId{16384};
  changes[0].base_positions = 100;
  changes[0].deleted = {{3, 2}, {50, 50}};
  for (int i = 0; i < 5; i++) changes[0].appended.push_back(Rows(i * 1000, 1000));
  changes[1].table = TableId{16390};
  changes[1].base_positions = 0;
  changes[1].appended.push_back(Rows(-5, 5));
  return changes;
}

void ExpectSame(const std::vector<TableChanges>& a, const std::vector<TableChanges>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t t = 0; t < a.size(); t++) {
    EXPECT_EQ(a[t].table, b[t].table);
    EXPECT_EQ(a[t].base_positions, b[t].base_positions);
    EXPECT_EQ(a[t].deleted, b[t].deleted);
    std::vector<std::string> left, right;
    for (const auto& c : a[t].appended) {
      for (idx_t r = 0; r < c.size(); r++) left.push_back(c.GetValue(0, r).ToString() + c.GetValue(1, r).ToString());
    }
    for (const auto& c : b[t].appended) {
      for (idx_t r = 0; r < c.size(); r++) right.push_back(c.GetValue(0, r).ToString() + c.GetValue(1, r).ToString());
    }
    EXPECT_EQ(left, right);
  }
}

TEST(WalCommitRecordTest, OneRecordRoundTrips) {
  auto records = EncodeCommitRecords(Sample());
  ASSERT_EQ(records.size(), 1u);
  DecodedCommitRecord decoded = DecodeCommitRecord(records[0], "test");
  EXPECT_TRUE(decoded.commit);
  ExpectSame(decoded.changes, Sample());
}

TEST(WalCommitRecordTest, LargeTransactionsSplitIntoPartsThatMergeBack) {
  auto records = EncodeCommitRecords(Sample(), /*part_bytes=*/30000);
  ASSERT_GT(records.size(), 2u);
  std::vector<TableChanges> gathered;
  for (size_t i = 0; i < records.size(); i++) {
    DecodedCommitRecord decoded = DecodeCommitRecord(records[i], "test");
    EXPECT_EQ(decoded.commit, i + 1 == records.size());
    MergeCommitParts(gathered, std::move(decoded.changes));
  }
  ExpectSame(gathered, Sample());
}

TEST(WalCommitRecordTest, MalformedPayloadsAreDataCorrupted) {
  std::string record = EncodeCommitRecords(Sample())[0];
  for (size_t cut = 0; cut < record.size(); cut += 97) {
    try {
      DecodeCommitRecord(std::string_view(record).substr(0, cut), "test");
      ADD_FAILURE() << "a record cut at " << cut << " decoded";
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kDataCorrupted);
    }
  }
  std::string kind = record;
  kind[0] = 9;
  EXPECT_THROW(DecodeCommitRecord(kind, "test"), Exception);
  std::string trailing = record + "x";
  EXPECT_THROW(DecodeCommitRecord(trailing, "test"), Exception);
  // A deleted range beyond the table's base.
  std::vector<TableChanges> bad(1);
  bad[0].table = TableId{1};
  bad[0].base_positions = 10;
  bad[0].deleted = {{8, 5}};
  EXPECT_THROW(DecodeCommitRecord(EncodeCommitRecords(bad)[0], "test"), Exception);
}

}  // namespace
}  // namespace cairn

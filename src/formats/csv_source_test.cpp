// CsvSource's parallel scan of one file in byte ranges: whatever the range size, the rows,
// their values and the errors (with their line numbers) must be those of a whole-file read.
#include "formats/csv_source.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cairn/exception.h"
#include "formats/csv_test_fixture.h"
#include "io/file_system.h"

namespace cairn {
namespace {

using testing_csv::TempDir;
using Rows = std::vector<std::vector<std::string>>;

struct ScanResult {
  Rows rows;
  idx_t partitions = 0;
};

/// Reads every partition in order (so a split read gives the rows in file order).
ScanResult Scan(const std::vector<std::string>& paths, CsvOptions options, idx_t range_bytes) {
  options.scan_range_bytes = range_bytes;
  auto source = CreateCsvSource(FileSystem::Local(), paths, options);
  ScanRequest request;
  std::vector<LogicalType> types;
  for (idx_t i = 0; i < source->columns().size(); i++) {
    request.column_ids.push_back(i);
    types.push_back(source->columns()[i].type);
  }
  auto scan = source->Scan(request);
  ScanResult result;
  while (auto partition = scan->NextPartition()) {
    result.partitions++;
    DataChunk chunk;
    chunk.Initialize(types);
    while (true) {
      chunk.Reset();
      if (!partition->Next(chunk)) break;
      for (idx_t r = 0; r < chunk.size(); r++) {
        std::vector<std::string> row;
        for (idx_t c = 0; c < chunk.ColumnCount(); c++) row.push_back(chunk.GetValue(c, r).ToString());
        result.rows.push_back(std::move(row));
      }
    }
  }
  return result;
}

/// The error message of reading `path` with `range_bytes`, or "" if it reads.
std::string ScanError(const std::string& path, idx_t range_bytes, CsvOptions options = {}) {
  try {
    Scan({path}, options, range_bytes);
  } catch (const Exception& e) {
    return e.sqlstate() + " " + e.what();
  }
  return "";
}

/// A file of `rows` rows with a header, quoted fields holding delimiters, doubled quotes, LF
/// and CRLF newlines, NULLs, and `line_end` between rows.
std::string GeneratedCsv(int rows, const std::string& line_end) {
  std::string text = "id,text,amount,flag" + line_end;
  const char* texts[] = {"plain", "\"with, comma\"", "\"say \"\"hi\"\"\"", "\"multi\nline\"", "\"two\r\nlines\n\"",
                         "", "\"\"", "\"a,\"\"b\"\"\nc,d\n1,2,3,4\""};
  for (int i = 0; i < rows; i++) {
    text += std::to_string(i) + "," + texts[i % std::size(texts)] + "," + (i % 5 ? std::to_string(i * 7 % 1000) + ".25" : "") +
            "," + (i % 3 ? "true" : "false") + line_end;
  }
  return text;
}

TEST(CsvParallelScanTest, RangesReadTheRowsOfAWholeFileRead) {
  TempDir dir;
  for (const std::string& line_end : {std::string("\n"), std::string("\r\n"), std::string("\r")}) {
    std::string text = GeneratedCsv(300, line_end);
    const std::string path = dir.Write("data.csv", text);
    const ScanResult whole = Scan({path}, {}, 0);
    ASSERT_EQ(whole.partitions, 1u);
    ASSERT_EQ(whole.rows.size(), 300u);
    for (idx_t range_bytes : {1, 2, 3, 7, 16, 61, 256, 1000, 4096}) {
      const ScanResult split = Scan({path}, {}, range_bytes);
      EXPECT_EQ(split.rows, whole.rows) << "range " << range_bytes;
      EXPECT_GT(split.partitions, 1u) << "range " << range_bytes;
    }
    EXPECT_EQ(Scan({path}, {}, text.size()).partitions, 1u);  // not larger than one range
  }
}

TEST(CsvParallelScanTest, FileWithoutTrailingNewline) {
  TempDir dir;
  std::string text = GeneratedCsv(50, "\n");
  text.pop_back();
  const std::string path = dir.Write("data.csv", text);
  const ScanResult whole = Scan({path}, {}, 0);
  for (idx_t range_bytes : {1, 5, 64}) EXPECT_EQ(Scan({path}, {}, range_bytes).rows, whole.rows);
}

TEST(CsvParallelScanTest, HeaderSkippedRowsAndByteOrderMarkOnlyInTheFirstRange) {
  TempDir dir;
  // A header whose names would not convert to the column types, after a byte order mark and
  // two skipped lines (one with a lone quote, which is not special in skipped lines).
  std::string text = "\xEF\xBB\xBFskip \"me\nand me\nn,when\n";
  for (int i = 0; i < 40; i++) text += std::to_string(i) + ",2024-01-" + std::to_string(10 + i % 20) + "\n";
  const std::string path = dir.Write("data.csv", text);
  CsvOptions options;
  options.skip_rows = 2;
  const ScanResult whole = Scan({path}, options, 0);
  ASSERT_EQ(whole.rows.size(), 40u);
  EXPECT_EQ(whole.rows[0], (std::vector<std::string>{"0", "2024-01-10"}));
  for (idx_t range_bytes : {1, 9, 30}) {
    const ScanResult split = Scan({path}, options, range_bytes);
    EXPECT_EQ(split.rows, whole.rows) << range_bytes;
    EXPECT_GT(split.partitions, 2u);
  }
}

TEST(CsvParallelScanTest, RowLongerThanSeveralRanges) {
  TempDir dir;
  const std::string text = "a,b\n1,x\n2,\"" + std::string(500, 'y') + "\n" + std::string(500, 'z') + "\"\n3,w\n";
  const std::string path = dir.Write("data.csv", text);
  const ScanResult whole = Scan({path}, {}, 0);
  ASSERT_EQ(whole.rows.size(), 3u);
  const ScanResult split = Scan({path}, {}, 50);  // ~20 boundaries inside one field
  EXPECT_EQ(split.rows, whole.rows);
}

TEST(CsvParallelScanTest, ErrorsInLaterRangesNameTheSameLineAsAWholeFileRead) {
  TempDir dir;
  // Each error comes after quoted fields with newlines, so its line is not its row number.
  const std::string good = GeneratedCsv(200, "\n");
  struct Case {
    std::string name, tail;
    std::string expected;  // part of the message
  };
  const std::vector<Case> cases = {
      {"conversion", "200,x,not a number,true\n", "could not convert \"not a number\" to DOUBLE in column \"amount\""},
      {"field count", "200,x\n", "expected 4 fields but found 2"},
      {"after closing quote", "200,\"x\"y,1,true\n201,a,1,true\n", "unexpected character 'y' after closing quote"},
      {"unterminated", "200,\"x,1,true\n201,a,1,true\n", "unterminated quoted field"},
      {"invalid UTF-8", "200,caf\xC3\x28,1,true\n201,a,1,true\n", "invalid byte sequence for encoding \"UTF8\": 0xc3 0x28"},
  };
  CsvOptions options;
  options.sample_size = 50;  // the bad row is beyond the sample
  for (const Case& c : cases) {
    const std::string path = dir.Write("bad.csv", good + c.tail);
    const std::string whole = ScanError(path, 0, options);
    ASSERT_NE(whole.find(c.expected), std::string::npos) << c.name << ": " << whole;
    ASSERT_NE(whole.find("bad.csv:"), std::string::npos) << whole;
    for (idx_t range_bytes : {3, 100, 1000}) EXPECT_EQ(ScanError(path, range_bytes, options), whole) << c.name << " " << range_bytes;
  }
}

TEST(CsvParallelScanTest, SeveralFilesEachSplit) {
  TempDir dir;
  const std::string a = dir.Write("a.csv", GeneratedCsv(60, "\n"));
  const std::string b = dir.Write("b.csv", GeneratedCsv(90, "\r\n"));
  const ScanResult whole = Scan({a, b}, {}, 0);
  ASSERT_EQ(whole.rows.size(), 150u);
  const ScanResult split = Scan({a, b}, {}, 40);
  EXPECT_EQ(split.rows, whole.rows);
  EXPECT_GT(split.partitions, 4u);
}

TEST(CsvParallelScanTest, ThreadsSharingOneScanReadEveryRowOnce) {
  TempDir dir;
  const std::string path = dir.Write("data.csv", GeneratedCsv(3000, "\n"));
  Rows expected = Scan({path}, {}, 0).rows;
  CsvOptions options;
  options.scan_range_bytes = 512;
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  ScanRequest request;
  std::vector<LogicalType> types;
  for (idx_t i = 0; i < source->columns().size(); i++) {
    request.column_ids.push_back(i);
    types.push_back(source->columns()[i].type);
  }
  auto scan = source->Scan(request);
  std::mutex mutex;
  Rows rows;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; t++) {
    threads.emplace_back([&] {
      Rows mine;
      while (auto partition = scan->NextPartition()) {
        DataChunk chunk;
        chunk.Initialize(types);
        while (true) {
          chunk.Reset();
          if (!partition->Next(chunk)) break;
          for (idx_t r = 0; r < chunk.size(); r++) {
            std::vector<std::string> row;
            for (idx_t c = 0; c < chunk.ColumnCount(); c++) row.push_back(chunk.GetValue(c, r).ToString());
            mine.push_back(std::move(row));
          }
        }
      }
      std::lock_guard<std::mutex> lock(mutex);
      rows.insert(rows.end(), mine.begin(), mine.end());
    });
  }
  for (auto& thread : threads) thread.join();
  std::sort(rows.begin(), rows.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(rows, expected);
}

}  // namespace
}  // namespace cairn

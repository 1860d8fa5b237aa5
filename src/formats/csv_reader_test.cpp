#include "formats/csv_reader.h"

#include <gtest/gtest.h>

#include "io/file_system.h"

#include <filesystem>
#include <random>

#include "cairn/exception.h"
#include "common/utf8_text.h"
#include "formats/csv_source.h"
#include "formats/csv_test_fixture.h"
#include "formats/csv_tokenizer.h"

namespace cairn {
namespace {

using testing_csv::ReadAll;
using testing_csv::TempDir;
using Rows = std::vector<std::vector<std::string>>;

std::vector<std::vector<std::string>> Tokenize(const std::string& text, char delimiter = ',') {
  auto t = CsvTokenizer::FromString("t.csv", text, delimiter, '"', '"');
  std::vector<CsvField> fields;
  uint64_t line;
  Rows rows;
  while (t->NextRow(fields, line)) {
    std::vector<std::string> row;
    for (auto& f : fields) row.emplace_back(f.view());
    rows.push_back(row);
  }
  return rows;
}

TEST(CsvTokenizerTest, QuotesDelimitersAndNewlines) {
  EXPECT_EQ(Tokenize("a,b\n1,2\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Tokenize("\"x,y\",\"he said \"\"hi\"\"\"\n"), (Rows{{"x,y", "he said \"hi\""}}));
  EXPECT_EQ(Tokenize("\"multi\nline\",2\n3,4"), (Rows{{"multi\nline", "2"}, {"3", "4"}}));
  EXPECT_EQ(Tokenize("a,b\r\n1,2\r\n"), (Rows{{"a", "b"}, {"1", "2"}}));
  EXPECT_EQ(Tokenize("a,\n,\n"), (Rows{{"a", ""}, {"", ""}}));
  EXPECT_EQ(Tokenize("a\tb\n", '\t'), (Rows{{"a", "b"}}));
  EXPECT_EQ(Tokenize("\xEF\xBB\xBFx,y\n"), (Rows{{"x", "y"}}));
  EXPECT_EQ(Tokenize("ab\"c,d\n"), (Rows{{"ab\"c", "d"}}));  // a quote inside an unquoted field
}

TEST(CsvTokenizerTest, MalformedQuotesThrowWithLine) {
  try {
    Tokenize("a,b\n1,\"open\n");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidTextRepresentation);
    EXPECT_NE(std::string(e.what()).find("t.csv:2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(Tokenize("\"a\"x,b\n"), Exception);
}

TEST(CsvTokenizerTest, RowsSpanningSmallBlocks) {
  TempDir dir;
  std::string text = "id,text\n";
  Rows expected;
  for (int i = 0; i < 500; i++) {
    std::string value = "value \"" + std::to_string(i) + "\", with\nnewline and some padding text";
    std::string escaped;
    for (char c : value) escaped += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += std::to_string(i) + ",\"" + escaped + "\"\r\n";
    expected.push_back({std::to_string(i), value});
  }
  std::string path = dir.Write("big.csv", text);
  // A tiny block size forces every boundary case (and block growth for long rows).
  CsvTokenizer t(FileSystem::Local(), path, ',', '"', '"', 16);
  std::vector<CsvField> fields;
  uint64_t line;
  ASSERT_TRUE(t.NextRow(fields, line));
  Rows rows;
  uint64_t last_line = 0;
  while (t.NextRow(fields, line)) {
    rows.push_back({std::string(fields[0].view()), std::string(fields[1].view())});
    last_line = line;
  }
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(last_line, 2u + 2 * 499);
}

// Regression: a batch whose last row ended exactly at the end of a block refilled that block in
// place while the batch's earlier fields still pointed into it, so rows read from files of a few
// MiB came back as pieces of later rows ("could not convert \"9,9405\" to BIGINT").
TEST(CsvTokenizerTest, BatchRowsEndingAtABlockBoundaryStayValid) {
  TempDir dir;
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 1000; i++) {
    std::string key = std::to_string(1000000 + i);  // 7 digits + ',' ... rows of exactly 16 bytes
    std::string row = key + ",abcdefg";
    text += row + "\n";
    expected.push_back(row);
  }
  std::string path = dir.Write("fixed.csv", text);
  for (idx_t block_size : {16, 32, 48, 64, 4096}) {
    CsvTokenizer t(FileSystem::Local(), path, ',', '"', '"', block_size);
    CsvBatch batch;
    std::vector<std::string> rows;
    while (t.NextBatch(batch, 100, 2, {0, 1}) > 0) {
      for (idx_t r = 0; r < batch.row_count; r++) {
        rows.push_back(std::string(batch.fields[0][r].view()) + "," + std::string(batch.fields[1][r].view()));
      }
    }
    EXPECT_EQ(rows, expected) << "block size " << block_size;
  }
}

TEST(CsvTokenizerTest, BatchRowsEndingAtABlockBoundaryStayValidWithFullBlocks) {
  // Regression: when a row ended exactly at the end of the block, NextBatch refilled the block in
  // place while the batch still pointed into it, so earlier rows of the batch read later text
  // (a 3-million-row file read "00," as a delay). Rows of 8 bytes fill 16-byte blocks exactly.
  TempDir dir;
  std::string text;
  for (int i = 0; i < 1000; i++) {
    char row[16];
    std::snprintf(row, sizeof(row), "%03d,%03d\n", i % 1000, (i * 7) % 1000);
    text += row;
  }
  std::string path = dir.Write("aligned.csv", text);
  CsvTokenizer t(FileSystem::Local(), path, ',', '"', '"', 16);
  CsvBatch batch;
  int row = 0;
  while (idx_t n = t.NextBatch(batch, 2048, 2, {0, 1})) {
    for (idx_t r = 0; r < n; r++, row++) {
      char a[8], b[8];
      std::snprintf(a, sizeof(a), "%03d", row % 1000);
      std::snprintf(b, sizeof(b), "%03d", (row * 7) % 1000);
      ASSERT_EQ(batch.fields[0][r].view(), a) << "row " << row;
      ASSERT_EQ(batch.fields[1][r].view(), b) << "row " << row;
    }
  }
  EXPECT_EQ(row, 1000);
}

// Found by csv_structure_fuzz: an invalid sequence whose announced bytes ran past the end of
// the tokenizer's block was described with fewer bytes ("0xf3 0xd0 0x0a" instead of
// "0xf3 0xd0 0x0a 0x0a"), so the error text depended on the block size.
TEST(CsvTokenizerTest, InvalidSequenceAtABlockEndIsDescribedWithTheFileBytesAfterIt) {
  TempDir dir;
  const std::string prefix = "2024-01-01 24:00:00,12:30,2147483648,2024-01-01 24:00:00,x\r";
  const std::string text = prefix + "\xf3\xd0\n\n\n1,2\n";
  std::string path = dir.Write("split.csv", text);
  for (idx_t block_size : {idx_t(1) << 20, prefix.size() + 3, prefix.size() + 2, idx_t(16)}) {
    CsvTokenizer t(FileSystem::Local(), path, ',', '"', '"', block_size);
    std::vector<CsvField> fields;
    uint64_t line = 0;
    try {
      while (t.NextRow(fields, line)) {
      }
      FAIL() << "block size " << block_size;
    } catch (const Exception& e) {
      EXPECT_EQ(e.sqlstate(), sqlstate::kCharacterNotInRepertoire);
      EXPECT_NE(std::string(e.what()).find("split.csv:2: invalid byte sequence for encoding \"UTF8\": 0xf3 0xd0 0x0a 0x0a"),
                std::string::npos)
          << "block size " << block_size << ": " << e.what();
    }
  }
}

TEST(CsvReaderTest, TypedColumnsAndNulls) {
  TempDir dir;
  std::string path = dir.Write("t.csv", "b,i,d,dt,ts,s\ntrue,1,1.5,2020-01-01,2020-01-01 10:00:00,x\n,,,,,\nfalse,-7,\"2\",2020-12-31,2020-01-02 10:00:00.5,\"\"\n");
  auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  ASSERT_EQ(source->columns().size(), 6u);
  EXPECT_EQ(source->columns()[0].type, TypeId::BOOLEAN);
  EXPECT_EQ(source->columns()[1].type, TypeId::BIGINT);
  EXPECT_EQ(source->columns()[2].type, TypeId::DOUBLE);
  EXPECT_EQ(source->columns()[3].type, TypeId::DATE);
  EXPECT_EQ(source->columns()[4].type, TypeId::TIMESTAMP);
  EXPECT_EQ(source->columns()[5].type, TypeId::VARCHAR);
  Rows rows = ReadAll(*source);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"true", "1", "1.5", "2020-01-01", "2020-01-01 10:00:00", "x"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"NULL", "NULL", "NULL", "NULL", "NULL", "NULL"}));
  EXPECT_EQ(rows[2][1], "-7");
  EXPECT_EQ(rows[2][2], "2");
  EXPECT_EQ(rows[2][4], "2020-01-02 10:00:00.5");
  EXPECT_EQ(rows[2][5], "");  // a quoted empty field is the empty string, not NULL
}

TEST(CsvReaderTest, SniffedDateFormatsAreUsedWhenReading) {
  TempDir dir;
  struct Case {
    std::string values;  // two values
    std::string type;
    Rows expected;
  };
  const std::vector<Case> cases = {
      {"31/12/2014\n1/2/2020", "DATE", {{"2014-12-31"}, {"NULL"}, {"2020-02-01"}}},
      {"12.31.2014\n1.2.2020", "DATE", {{"2014-12-31"}, {"NULL"}, {"2020-01-02"}}},
      {"2014/12/31\n2020/1/2", "DATE", {{"2014-12-31"}, {"NULL"}, {"2020-01-02"}}},
      {"31 12 14\n01 02 20", "DATE", {{"2031-12-14"}, {"NULL"}, {"2001-02-20"}}},  // %y %m %d preferred
      {"31 12 2014\n01 02 2020", "DATE", {{"2014-12-31"}, {"NULL"}, {"2020-02-01"}}},
      {"31-12-2014 23:59:58\n1-2-2020 1:02:03", "TIMESTAMP", {{"2014-12-31 23:59:58"}, {"NULL"}, {"2020-02-01 01:02:03"}}},
      {"12/31/2014 11:59:58 PM\n1/2/2020 12:00:00 AM",
       "TIMESTAMP",
       {{"2014-12-31 23:59:58"}, {"NULL"}, {"2020-01-02 00:00:00"}}},
      {"2014.12.31 23:59:58.25\n2020.1.2 1:02:03.000001",
       "TIMESTAMP",
       {{"2014-12-31 23:59:58.25"}, {"NULL"}, {"2020-01-02 01:02:03.000001"}}},
  };
  for (const Case& c : cases) {
    std::string values = c.values;
    values.insert(values.find('\n'), "\n");  // an empty (NULL) field in the middle
    std::string path = dir.Write("d.csv", "v\n" + values + "\n");
    auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
    EXPECT_EQ(source->columns()[0].type.ToString(), c.type) << c.values;
    EXPECT_EQ(ReadAll(*source), c.expected) << c.values;
  }
}

TEST(CsvReaderTest, ValueNotMatchingTheSniffedFormatNamesFileLineAndValue) {
  TempDir dir;
  std::string text = "id,day\n";
  for (int i = 0; i < 200; i++) text += std::to_string(i) + "," + std::to_string(i % 28 + 1) + "/12/2014\n";
  text += "200,12/31/2014\n";  // line 202: month-first, beyond the sample
  std::string path = dir.Write("dates.csv", text);
  CsvOptions options;
  options.sample_size = 50;
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  ASSERT_EQ(source->columns()[1].type, TypeId::DATE);
  try {
    ReadAll(*source);
    FAIL() << "expected an error";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidTextRepresentation);
    EXPECT_EQ(std::string(e.what()),
              path + ":202: could not convert \"12/31/2014\" to DATE in column \"day\" using format \"%d/%m/%Y\"");
  }
}

TEST(CsvReaderTest, DateFormatOptionsOverrideSniffing) {
  TempDir dir;
  std::string path = dir.Write("o.csv", "a,b\n01/02/2020,01/02/2020 10:11\n03/04/2021,03/04/2021 23:00\n");
  auto sniffed = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  EXPECT_EQ(ReadAll(*sniffed, {0}), (Rows{{"2020-02-01"}, {"2021-04-03"}}));  // day first, as DuckDB
  EXPECT_EQ(sniffed->columns()[1].type, TypeId::VARCHAR);                  // no candidate without seconds
  CsvOptions options;
  options.date_format = "%m/%d/%Y";
  options.timestamp_format = "%m/%d/%Y %H:%M";
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  EXPECT_EQ(source->columns()[0].type, TypeId::DATE);
  EXPECT_EQ(source->columns()[1].type, TypeId::TIMESTAMP);
  EXPECT_EQ(ReadAll(*source), (Rows{{"2020-01-02", "2020-01-02 10:11:00"}, {"2021-03-04", "2021-03-04 23:00:00"}}));
  // A declared DATE column uses the given format too.
  CsvOptions declared;
  declared.date_format = "%Y%m%d";
  declared.column_types["d"] = TypeId::DATE;
  std::string compact = dir.Write("c.csv", "d\n20200102\n20211231\n");
  EXPECT_EQ(ReadAll(*CreateCsvSource(FileSystem::Local(), {compact}, declared)), (Rows{{"2020-01-02"}, {"2021-12-31"}}));
}

TEST(CsvReaderTest, InteropCustomDatesWhenPresent) {
  // Written by the interop generator: day as %d/%m/%Y, moment as %d/%m/%Y %H:%M:%S.
  const std::string relative = "build/interop-data/csv_custom_dates.csv";
  // Tests run from the repository root (ctest's WORKING_DIRECTORY).
  const std::string path = relative;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "interop data not generated";
  auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  std::string types;
  for (const auto& c : source->columns()) types += c.name + ":" + c.type.ToString() + ",";
  // DuckDB 1.5: DESCRIBE SELECT * FROM read_csv('csv_custom_dates.csv').
  EXPECT_EQ(types, "id:BIGINT,num:BIGINT,amount:DOUBLE,text:VARCHAR,day:DATE,moment:TIMESTAMP,flag:BOOLEAN,code:VARCHAR,");
  Rows rows = ReadAll(*source, {4, 5});
  EXPECT_GT(rows.size(), 1000u);
}

TEST(CsvReaderTest, CustomNullStringsAndProjection) {
  TempDir dir;
  std::string path = dir.Write("t.csv", "a,b,c\n1,NA,a long string that is not inlined\nNA,2,\n");
  CsvOptions options;
  options.null_strings = {"", "NA"};
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  EXPECT_EQ(source->columns()[0].type, TypeId::BIGINT);
  EXPECT_EQ(source->columns()[1].type, TypeId::BIGINT);
  EXPECT_EQ(ReadAll(*source, {2, 0}), (Rows{{"a long string that is not inlined", "1"}, {"NULL", "NULL"}}));
  EXPECT_EQ(ReadAll(*source, {1, 1}), (Rows{{"NULL", "NULL"}, {"2", "2"}}));
}

TEST(CsvReaderTest, ConversionErrorNamesFileLineValueAndColumn) {
  TempDir dir;
  std::string text = "x,y\n";
  for (int i = 0; i < 3000; i++) text += std::to_string(i) + ",a\n";
  text += "abc,b\n";  // line 3002
  std::string path = dir.Write("bad.csv", text);
  CsvOptions options;
  options.sample_size = 100;  // the bad value is beyond the sample
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  ASSERT_EQ(source->columns()[0].type, TypeId::BIGINT);
  try {
    ReadAll(*source);
    FAIL() << "expected an error";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInvalidTextRepresentation);
    EXPECT_EQ(std::string(e.what()), path + ":3002: could not convert \"abc\" to BIGINT in column \"x\"");
  }
}

TEST(CsvReaderTest, DeclaredTypesAreChecked) {
  TempDir dir;
  std::string path = dir.Write("t.csv", "x,y\n1,2\n300,3\n");
  CsvOptions options;
  options.column_types["X"] = TypeId::TINYINT;
  options.column_types["y"] = TypeId::VARCHAR;
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  EXPECT_EQ(source->columns()[1].type, TypeId::VARCHAR);
  try {
    ReadAll(*source);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_NE(std::string(e.what()).find(":3: could not convert \"300\" to TINYINT in column \"x\""), std::string::npos)
        << e.what();
  }
}

TEST(CsvReaderTest, WrongFieldCountNamesLine) {
  TempDir dir;
  std::string path = dir.Write("t.csv", "a,b\n1,2\n3\n");
  auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  try {
    ReadAll(*source);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_NE(std::string(e.what()).find("t.csv:3: expected 2 fields but found 1"), std::string::npos) << e.what();
  }
}

TEST(CsvReaderTest, ManyRowsInSeveralChunksAndCountOnly) {
  TempDir dir;
  std::string text = "n,s\n";
  for (int i = 0; i < 10000; i++) text += std::to_string(i) + ",row number " + std::to_string(i) + " padded\n";
  std::string path = dir.Write("many.csv", text);
  auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  Rows rows = ReadAll(*source);
  ASSERT_EQ(rows.size(), 10000u);
  EXPECT_EQ(rows[9999], (std::vector<std::string>{"9999", "row number 9999 padded"}));
  EXPECT_GT(source->EstimatedRowCount(), 9000u);
  // No columns (COUNT(*)): chunks carry only a row count.
  auto scan = source->Scan(ScanRequest{});
  idx_t count = 0;
  while (auto p = scan->NextPartition()) {
    DataChunk chunk;
    chunk.Initialize({});
    while (p->Next(chunk)) count += chunk.size();
  }
  EXPECT_EQ(count, 10000u);
}

TEST(CsvSourceTest, MultipleFilesShareTheSchema) {
  TempDir dir;
  std::string a = dir.Write("a.csv", "k,v\n1,x\n");
  std::string b = dir.Write("b.csv", "k,v\n2,y\n3,z\n");
  auto source = CreateCsvSource(FileSystem::Local(), {a, b}, CsvOptions{});
  EXPECT_EQ(ReadAll(*source), (Rows{{"1", "x"}, {"2", "y"}, {"3", "z"}}));
  EXPECT_NE(source->Describe().find("2 files"), std::string::npos);
  std::string c = dir.Write("c.csv", "k,other\n2,y\n");
  auto mismatch = CreateCsvSource(FileSystem::Local(), {a, c}, CsvOptions{});
  EXPECT_THROW(ReadAll(*mismatch), Exception);
}

TEST(CsvSourceTest, MissingFileThrowsUndefinedFile) {
  try {
    CreateCsvSource(FileSystem::Local(), {"/nonexistent/x.csv"}, CsvOptions{});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kUndefinedFile);
  }
}

TEST(CsvSourceTest, EmptyFileIsAnError) {
  TempDir dir;
  std::string path = dir.Write("empty.csv", "");
  EXPECT_THROW(CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{}), Exception);
  std::string header_only = dir.Write("h.csv", "a,b\n");
  auto source = CreateCsvSource(FileSystem::Local(), {header_only}, CsvOptions{});
  EXPECT_EQ(source->columns().size(), 2u);
  EXPECT_TRUE(ReadAll(*source).empty());
}

TEST(CsvSourceTest, RandomInputNeverCrashes) {
  // Malformed input must end in a cairn::Exception or rows, never a crash or a hang.
  TempDir dir;
  std::mt19937 rng(42);
  const std::string alphabet = "a1.,;\t|\"\n\r -0eT:";
  for (int iteration = 0; iteration < 300; iteration++) {
    std::string text;
    size_t length = rng() % 200;
    for (size_t i = 0; i < length; i++) text += alphabet[rng() % alphabet.size()];
    std::string path = dir.Write("r.csv", text);
    try {
      auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
      ReadAll(*source);
    } catch (const Exception&) {
    }
  }
}

/// The SQLSTATE and message of the exception reading `path` throws ("" if none).
std::pair<std::string, std::string> ReadError(const std::string& path, CsvOptions options = {},
                                              std::vector<idx_t> ids = {}) {
  try {
    auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
    ReadAll(*source, ids);
  } catch (const Exception& e) {
    return {e.sqlstate(), e.what()};
  }
  return {"", ""};
}

TEST(CsvInvalidUtf8PassedToOutput, EveryKindIsRejectedWithFileLineAndBytes) {
  TempDir dir;
  struct Case {
    std::string text;
    std::string where;  // file:line
    std::string bytes;  // PostgreSQL's rendering (checked with PostgreSQL 15's COPY)
  };
  const std::vector<Case> cases = {
      {"id,name\n1,ok\n2,caf\xC3\x28\n", ":3:", "0xc3 0x28"},              // unquoted field
      {"id,name\n1,\"a\xC3\x28" "b\"\n", ":2:", "0xc3 0x28"},               // quoted field
      {"id,name\n1,\"one\nline \xFF two\"\n", ":3:", "0xff"},               // quoted, second line
      {"id,n\xFF" "ame\n1,x\n", ":1:", "0xff"},                             // header line
      {"id,name\n1,\xE2\x82", ":2:", "0xe2 0x82"},                          // cut off by the end
      {"id,name\n1,a\xC0\x80" "b\n", ":2:", "0xc0 0x80"},                   // overlong
      {"id,name\n1,\xED\xA0\x80\n", ":2:", "0xed 0xa0 0x80"},               // surrogate
      {"id,name\n1,\xF4\x90\x80\x80\n", ":2:", "0xf4 0x90 0x80 0x80"},      // above U+10FFFF
      {std::string("id,name\n1,a\0b\n", 14), ":2:", "0x00"},                // NUL
      {"id,name\r\n1,ok\r\n2,x\xE9y\r\n", ":3:", "0xe9 0x79 0x0d"},         // CRLF lines
  };
  for (const Case& c : cases) {
    std::string path = dir.Write("bad.csv", c.text);
    auto [state, message] = ReadError(path);
    EXPECT_EQ(state, sqlstate::kCharacterNotInRepertoire) << message;
    EXPECT_NE(message.find("bad.csv" + c.where + " invalid byte sequence for encoding \"UTF8\": " + c.bytes),
              std::string::npos)
        << message;
    EXPECT_EQ(message.substr(message.size() - c.bytes.size()), c.bytes) << message;
  }
}

TEST(CsvInvalidUtf8PassedToOutput, UnprojectedColumnsAreCheckedToo) {
  // As PostgreSQL's COPY, the whole row is checked, not only the columns a query reads.
  TempDir dir;
  std::string path = dir.Write("p.csv", "id,name\n1,ok\n2,\xC3\x28\n");
  auto [state, message] = ReadError(path, {}, {0});
  EXPECT_EQ(state, sqlstate::kCharacterNotInRepertoire) << message;
  EXPECT_NE(message.find("p.csv:3:"), std::string::npos) << message;
}

TEST(CsvInvalidUtf8PassedToOutput, InvalidTextAfterTheSniffedSample) {
  // The sniffer samples the first rows; an invalid row further on fails when it is read, with
  // its line, and the rows before it were typed from the sample.
  TempDir dir;
  std::string text = "id,name\n";
  for (int i = 1; i <= 3000; i++) text += std::to_string(i) + ",name " + std::to_string(i) + "\n";
  text += "3001,bad \xF8\x88\x80\x80\x80\n";
  std::string path = dir.Write("late.csv", text);
  CsvOptions options;
  options.sample_size = 100;
  auto source = CreateCsvSource(FileSystem::Local(), {path}, options);
  EXPECT_EQ(source->columns()[0].type, TypeId::BIGINT);
  auto [state, message] = ReadError(path, options);
  EXPECT_EQ(state, sqlstate::kCharacterNotInRepertoire) << message;
  EXPECT_NE(message.find("late.csv:3002: invalid byte sequence for encoding \"UTF8\": 0xf8"), std::string::npos)
      << message;
}

TEST(CsvInvalidUtf8PassedToOutput, DelimiterDetectionIsNotMisledByInvalidText) {
  // The second row is invalid: the error is the encoding error, not a one-column reading.
  TempDir dir;
  std::string path = dir.Write("semi.csv", "a;b;c\n1;x\xFF;2\n3;y;4\n");
  auto [state, message] = ReadError(path);
  EXPECT_EQ(state, sqlstate::kCharacterNotInRepertoire) << message;
  EXPECT_NE(message.find("semi.csv:2:"), std::string::npos) << message;
  EXPECT_EQ(SniffCsvText("semi.csv", "a;b;c\n1;x;2\n3;\xC3\xA9;4\n", CsvOptions{}).delimiter, ';');
}

TEST(CsvInvalidUtf8PassedToOutput, ValidMultiByteTextAcrossBlockBoundaries) {
  // 2-, 3- and 4-byte characters (and a byte order mark) read unchanged with a tiny block size,
  // so characters straddle every block boundary.
  TempDir dir;
  const std::string value = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF \xED\x9F\xBF";
  std::string text = "\xEF\xBB\xBFid,\"t\xC3\xADtulo\"\n";
  for (int i = 0; i < 200; i++) text += std::to_string(i) + ",\"" + value + "\"\n";
  std::string path = dir.Write("ok.csv", text);
  CsvTokenizer t(FileSystem::Local(), path, ',', '"', '"', 16);
  std::vector<CsvField> fields;
  uint64_t line;
  ASSERT_TRUE(t.NextRow(fields, line));
  EXPECT_EQ(fields[1].view(), "t\xC3\xADtulo");
  int rows = 0;
  while (t.NextRow(fields, line)) {
    EXPECT_EQ(fields[1].view(), value);
    rows++;
  }
  EXPECT_EQ(rows, 200);
  auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  EXPECT_EQ(source->columns()[1].name, "t\xC3\xADtulo");
  EXPECT_EQ(ReadAll(*source).size(), 200u);
}

TEST(CsvInvalidUtf8PassedToOutput, RandomBytesNeverReachOutput) {
  // Random bytes (high ones included): reading either fails with an Exception or every value
  // it returns is valid text.
  TempDir dir;
  std::mt19937 rng(7);
  const std::string alphabet = "a1,\"\n\xC3\xA9\x80\xFF\xE2\x82\xAC\xF0\x9F\xED\xA0";
  for (int iteration = 0; iteration < 300; iteration++) {
    std::string text;
    size_t length = rng() % 120;
    for (size_t i = 0; i < length; i++) text += alphabet[rng() % alphabet.size()];
    std::string path = dir.Write("r.csv", text);
    try {
      auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
      for (const auto& c : source->columns()) {
        EXPECT_EQ(utf8::FindInvalidText(c.name.data(), c.name.size()), c.name.size());
      }
      for (const auto& row : ReadAll(*source)) {
        for (const auto& v : row) EXPECT_EQ(utf8::FindInvalidText(v.data(), v.size()), v.size()) << v;
      }
    } catch (const Exception&) {
    }
  }
}

TEST(CsvSourceTest, VegaAirportsWhenPresent) {
  const std::string path = "node_modules/vega-datasets/data/airports.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "vega-datasets not installed";
  auto source = CreateCsvSource(FileSystem::Local(), {path}, CsvOptions{});
  std::vector<std::string> names;
  std::vector<std::string> types;
  for (const auto& c : source->columns()) {
    names.push_back(c.name);
    types.push_back(c.type.ToString());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"iata", "name", "city", "state", "country", "latitude", "longitude"}));
  EXPECT_EQ(types, (std::vector<std::string>{"VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE", "DOUBLE"}));
  Rows rows = ReadAll(*source);
  ASSERT_EQ(rows.size(), 3376u);
  EXPECT_EQ(rows[0][0], "00M");
  EXPECT_EQ(rows[0][1], "Thigpen");
}

}  // namespace
}  // namespace cairn

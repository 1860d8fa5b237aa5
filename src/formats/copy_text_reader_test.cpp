#include "formats/copy_text_reader.h"

#include <gtest/gtest.h>

#include <optional>

#include "cairn/exception.h"
#include "formats/copy_from_source.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

using Row = std::vector<std::optional<std::string>>;

CopyTextReaderOptions Text() {
  CopyTextReaderOptions options;
  options.table_name = "t";
  return options;
}

CopyTextReaderOptions Csv() {
  CopyTextReaderOptions options;
  options.csv = true;
  options.delimiter = ',';
  options.null_string = "";
  options.table_name = "t";
  return options;
}

/// Every line of `data` read with `options` (a tiny block size exercises refills), NULL as nullopt.
std::vector<Row> ReadAll(const std::string& data, const CopyTextReaderOptions& options, idx_t block_size = 3) {
  InMemoryFileSystem file_system;
  file_system.WriteFileAtomic("/in", data);
  CopyTextReader reader(file_system.OpenForRead("/in"), options, block_size);
  std::vector<Row> rows;
  while (reader.NextLine()) {
    Row row;
    for (idx_t i = 0; i < reader.field_count(); i++) {
      row.push_back(reader.field_is_null(i) ? std::nullopt : std::optional<std::string>(reader.field(i)));
    }
    rows.push_back(row);
  }
  return rows;
}

/// The error reading `data` raises: "SQLSTATE message".
std::string ErrorOf(const std::string& data, const CopyTextReaderOptions& options) {
  try {
    ReadAll(data, options);
  } catch (const Exception& error) {
    return error.sqlstate() + " " + error.what();
  }
  return "no error";
}

TEST(CopyTextReaderTest, TextSplitsAtTheDelimiterAndUndoesEscapes) {
  auto rows = ReadAll("1\t\\N\n2\tx\\ty\\101\\x41\\x4g\\q\n3\ta\\\tb\\\\\n", Text());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Row{"1", std::nullopt}));
  EXPECT_EQ(rows[1], (Row{"2", "x\tyAA\x04gq"}));
  EXPECT_EQ(rows[2], (Row{"3", "a\tb\\"}));
}

TEST(CopyTextReaderTest, TextNullIsTheRawText) {
  // `\\N` is the text "\N", not NULL; with NULL '' an empty field is NULL.
  EXPECT_EQ(ReadAll("\\\\N\t\\N\n", Text())[0], (Row{"\\N", std::nullopt}));
  CopyTextReaderOptions options = Text();
  options.null_string = "";
  options.delimiter = '|';
  EXPECT_EQ(ReadAll("|x|\\N\n", options)[0], (Row{std::nullopt, "x", "N"}));
}

TEST(CopyTextReaderTest, TextBackslashNewlineIsDataAndEndMarkerStops) {
  auto rows = ReadAll("1\tx\\\ny\n\\.\n2\tignored\n", Text());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Row{"1", "x\ny"}));
  EXPECT_EQ(ReadAll("1\n\\.", Text()).size(), 1u);
  // After data on a line, `\.` only ends that line (PostgreSQL 15).
  EXPECT_EQ(ReadAll("1\tx\\.\n2\ty\n", Text()), (std::vector<Row>{{"1", "x"}, {"2", "y"}}));
  EXPECT_EQ(ErrorOf("1\n\\.x\n", Text()).substr(0, 30), "22P04 end-of-copy marker corru");
}

TEST(CopyTextReaderTest, LineEndsFollowTheFirstLine) {
  EXPECT_EQ(ReadAll("1\r\n2\r\n", Text()).size(), 2u);
  EXPECT_EQ(ReadAll("1\r2\r", Text()).size(), 2u);
  EXPECT_EQ(ReadAll("1\n2", Text()).size(), 2u);  // no line end after the last line
  EXPECT_EQ(ErrorOf("1\n2\r\n", Text()), "22P04 literal carriage return found in data (COPY t, line 2: \"2\")");
  EXPECT_EQ(ErrorOf("1\r2\n", Csv()), "22P04 unquoted newline found in data (COPY t, line 2: \"2\")");
}

TEST(CopyTextReaderTest, CsvQuotingFollowsPostgres) {
  auto rows = ReadAll("1,\"a,b\",\"\"\n2,\"q\"\"q\",\n3,ab\"c,d\"e,\"multi\nline\"\n", Csv());
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Row{"1", "a,b", ""}));  // a quoted empty string is not NULL
  EXPECT_EQ(rows[1], (Row{"2", "q\"q", std::nullopt}));
  EXPECT_EQ(rows[2], (Row{"3", "abc,de", "multi\nline"}));
}

TEST(CopyTextReaderTest, CsvEscapeQuoteAndDelimiterOptions) {
  CopyTextReaderOptions options = Csv();
  options.delimiter = ';';
  options.quote = '\'';
  options.escape = '\\';
  options.null_string = "NULL";
  auto rows = ReadAll("'it\\'s';NULL;'NULL';'a\\\\b';'x''y'\n", options);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Row{"it's", std::nullopt, "NULL", "a\\b", "xy"}));
}

TEST(CopyTextReaderTest, CsvEndMarkerOnlyAloneOnALine) {
  EXPECT_EQ(ReadAll("1,x\n\\.\n2,y\n", Csv()).size(), 1u);
  auto rows = ReadAll("\\.x,1\n", Csv());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Row{"\\.x", "1"}));
}

TEST(CopyTextReaderTest, ErrorsNameTheLine) {
  EXPECT_EQ(ErrorOf("1,x\n2,\"open\n", Csv()), "22P04 unterminated CSV quoted field (COPY t, line 3: \"2,\"open\n\")");
  EXPECT_EQ(ErrorOf("1\t\\xff\n", Text()), "22021 invalid byte sequence for encoding \"UTF8\": 0xff (COPY t, line 1: \"1\t\\xff\")");
  EXPECT_NE(ErrorOf("a\\000b\n", Text()).find("22021 invalid byte sequence for encoding \"UTF8\": 0x00"), std::string::npos);
}

TEST(CopyTextReaderTest, LongLinesAcrossBlocks) {
  std::string data;
  for (int i = 0; i < 500; i++) data += std::to_string(i) + "\t" + std::string(static_cast<size_t>(i), 'x') + "\n";
  auto rows = ReadAll(data, Text(), 64);
  ASSERT_EQ(rows.size(), 500u);
  EXPECT_EQ(rows[499], (Row{"499", std::string(499, 'x')}));
}

/// The rows a CopyFromSource yields for `data` as (a INTEGER, b VARCHAR), as text.
std::vector<std::string> SourceRows(const std::string& data, CopyFromTextOptions options) {
  InMemoryFileSystem file_system;
  file_system.WriteFileAtomic("/in", data);
  options.reader.table_name = "t";
  std::vector<ColumnDefinition> columns = {{"a", LogicalType(TypeId::INTEGER), true}, {"b", LogicalType(TypeId::VARCHAR), true}};
  auto source = CreateCopyFromSource(file_system, "/in", std::move(options), columns);
  ScanRequest request;
  request.column_ids = {0, 1};
  auto scan = source->Scan(request);
  std::vector<std::string> rows;
  while (auto partition = scan->NextPartition()) {
    DataChunk chunk;
    chunk.Initialize({LogicalType(TypeId::INTEGER), LogicalType(TypeId::VARCHAR)});
    while (partition->Next(chunk)) {
      for (idx_t r = 0; r < chunk.size(); r++) rows.push_back(chunk.GetValue(0, r).ToString() + "|" + chunk.GetValue(1, r).ToString());
      chunk.Reset();
    }
  }
  return rows;
}

std::string SourceError(const std::string& data, CopyFromTextOptions options) {
  try {
    SourceRows(data, std::move(options));
  } catch (const Exception& error) {
    return error.sqlstate() + " " + error.what();
  }
  return "no error";
}

TEST(CopyFromSourceTest, FieldsAreCastToTheColumnTypes) {
  CopyFromTextOptions options;
  options.reader = Csv();
  EXPECT_EQ(SourceRows("1,007\n2,\n", options), (std::vector<std::string>{"1|007", "2|NULL"}));
  options.force_not_null = {false, true};
  EXPECT_EQ(SourceRows("2,\n", options), (std::vector<std::string>{"2|"}));
  options.force_not_null.clear();
  options.force_null = {false, true};
  EXPECT_EQ(SourceRows("2,\"\"\n", options), (std::vector<std::string>{"2|NULL"}));
}

TEST(CopyFromSourceTest, HeaderSkipAndMatch) {
  CopyFromTextOptions options;
  options.reader = Csv();
  options.header = CopyHeader::kSkip;
  EXPECT_EQ(SourceRows("x,y\n1,a\n", options), (std::vector<std::string>{"1|a"}));
  options.header = CopyHeader::kMatch;
  EXPECT_EQ(SourceRows("a,b\n1,a\n", options), (std::vector<std::string>{"1|a"}));
  EXPECT_EQ(SourceError("b,a\n", options),
            "22P04 column name mismatch in header line field 1: got \"b\", expected \"a\" (COPY t, line 1: \"b,a\")");
  EXPECT_EQ(SourceError("a\n", options), "22P04 wrong number of fields in header line: got 1, expected 2 (COPY t, line 1: \"a\")");
}

TEST(CopyFromSourceTest, ErrorsArePostgresOnes) {
  CopyFromTextOptions options;
  options.reader = Text();
  EXPECT_EQ(SourceError("1\tx\n2\n", options), "22P04 missing data for column \"b\" (COPY t, line 2: \"2\")");
  EXPECT_EQ(SourceError("1\tx\ty\n", options), "22P04 extra data after last expected column (COPY t, line 1: \"1\tx\ty\")");
  const std::string bad = SourceError("1\tx\nabc\ty\n", options);
  EXPECT_EQ(bad.substr(0, 6), "22P02 ");
  EXPECT_NE(bad.find("(COPY t, line 2, column a: \"abc\")"), std::string::npos) << bad;
}

}  // namespace
}  // namespace cairn

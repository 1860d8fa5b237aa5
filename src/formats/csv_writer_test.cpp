#include "formats/csv_writer.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "cairn/value.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

/// Writes `rows` (Values per column of `types`) with `options`, returns the file's bytes.
std::string Write(const std::vector<std::string>& names, const std::vector<LogicalType>& types,
                  const std::vector<std::vector<Value>>& rows, const CsvWriterOptions& options,
                  idx_t rows_per_chunk = 2) {
  InMemoryFileSystem file_system;
  {
    auto file = file_system.OpenForWrite("/out.csv", WriteMode::kTruncate);
    CsvWriter writer(*file, names, types, options);
    for (idx_t start = 0; start < rows.size(); start += rows_per_chunk) {
      DataChunk chunk;
      chunk.Initialize(types);
      idx_t count = std::min<idx_t>(rows_per_chunk, rows.size() - start);
      for (idx_t row = 0; row < count; row++) {
        for (idx_t column = 0; column < types.size(); column++) chunk.data[column].SetValue(row, rows[start + row][column]);
      }
      chunk.SetCardinality(count);
      writer.Append(chunk);
    }
    writer.Finish();
    EXPECT_EQ(writer.rows_written(), rows.size());
    file->Close();
  }
  return file_system.ReadFile("/out.csv");
}

CsvWriterOptions Csv() { return CsvWriterOptions::Defaults(CsvWriterFormat::kCsv); }
CsvWriterOptions Text() { return CsvWriterOptions::Defaults(CsvWriterFormat::kText); }

const std::vector<LogicalType> kTextAndInt = {LogicalType(TypeId::VARCHAR), LogicalType(TypeId::INTEGER)};

TEST(CsvWriterTest, CsvQuotesOnlyWhatPostgresQuotes) {
  std::vector<std::vector<Value>> rows = {
      {Value::Varchar("plain"), Value::Integer(1)},
      {Value::Varchar("a,b"), Value::Integer(2)},
      {Value::Varchar("say \"hi\""), Value::Integer(3)},
      {Value::Varchar("line\nbreak"), Value::Integer(4)},
      {Value::Varchar("cr\rhere"), Value::Integer(5)},
      {Value::Varchar(""), Value::Null(LogicalType(TypeId::INTEGER))},          // empty string quoted, NULL bare
      {Value::Null(LogicalType(TypeId::VARCHAR)), Value::Integer(-7)},  // NULL string
      {Value::Varchar(" spaced "), Value::Integer(8)},
      {Value::Varchar("tab\there"), Value::Integer(9)},
      {Value::Varchar("back\\slash"), Value::Integer(10)},
  };
  EXPECT_EQ(Write({"s", "i"}, kTextAndInt, rows, Csv()),
            "plain,1\n"
            "\"a,b\",2\n"
            "\"say \"\"hi\"\"\",3\n"
            "\"line\nbreak\",4\n"
            "\"cr\rhere\",5\n"
            "\"\",\n"
            ",-7\n"
            " spaced ,8\n"
            "tab\there,9\n"
            "back\\slash,10\n");
}

TEST(CsvWriterTest, CsvHeaderDelimiterQuoteEscapeAndNullString) {
  CsvWriterOptions options = Csv();
  options.header = true;
  options.delimiter = ';';
  options.quote = '\'';
  options.escape = '\\';
  options.null_string = "NULL";
  std::vector<std::vector<Value>> rows = {
      {Value::Varchar("it's"), Value::Integer(1)},
      {Value::Varchar("a;b"), Value::Integer(2)},
      {Value::Varchar("NULL"), Value::Null(LogicalType(TypeId::INTEGER))},  // the NULL string as a value is quoted
      {Value::Varchar("back\\slash,\"x\""), Value::Integer(3)},       // escape char alone does not force quotes
      {Value::Varchar("q'\\"), Value::Integer(4)},                    // inside quotes: quote and escape escaped
      {Value::Varchar(""), Value::Integer(5)},                        // empty no longer equals the NULL string
  };
  EXPECT_EQ(Write({"na;me", "i"}, kTextAndInt, rows, options),
            "'na;me';i\n"
            "'it\\'s';1\n"
            "'a;b';2\n"
            "'NULL';NULL\n"
            "back\\slash,\"x\";3\n"
            "'q\\'\\\\';4\n"
            ";5\n");
}

TEST(CsvWriterTest, CsvForceQuoteAppliesToValuesNotNullsOrHeader) {
  CsvWriterOptions options = Csv();
  options.header = true;
  options.force_quote = {false, true};
  std::vector<std::vector<Value>> rows = {{Value::Varchar("x"), Value::Integer(1)}, {Value::Varchar("y"), Value::Null(LogicalType(TypeId::INTEGER))}};
  EXPECT_EQ(Write({"s", "i"}, kTextAndInt, rows, options), "s,i\nx,\"1\"\ny,\n");
}

TEST(CsvWriterTest, CsvEndOfDataMarkerQuotedOnlyAsTheOnlyColumn) {
  std::vector<std::vector<Value>> one = {{Value::Varchar("\\.")}, {Value::Varchar("a")}};
  EXPECT_EQ(Write({"s"}, {LogicalType(TypeId::VARCHAR)}, one, Csv()), "\"\\.\"\na\n");
  std::vector<std::vector<Value>> two = {{Value::Varchar("\\."), Value::Integer(1)}};
  EXPECT_EQ(Write({"s", "i"}, kTextAndInt, two, Csv()), "\\.,1\n");
}

TEST(CsvWriterTest, TextEscapesBackslashDelimiterAndControlCharacters) {
  CsvWriterOptions options = Text();
  options.header = true;
  std::vector<std::vector<Value>> rows = {
      {Value::Varchar("a\tb\nc\rd\\e"), Value::Integer(1)},
      {Value::Varchar(std::string("\b\f\v\x01 \"q\",")), Value::Integer(2)},
      {Value::Varchar(""), Value::Null(LogicalType(TypeId::INTEGER))},
      {Value::Null(LogicalType(TypeId::VARCHAR)), Value::Integer(3)},
      {Value::Varchar("\\N"), Value::Integer(4)},
  };
  EXPECT_EQ(Write({"col\tone", "i"}, kTextAndInt, rows, options),
            "col\\tone\ti\n"
            "a\\tb\\nc\\rd\\\\e\t1\n"
            "\\b\\f\\v\x01 \"q\",\t2\n"
            "\t\\N\n"
            "\\N\t3\n"
            "\\\\N\t4\n");
}

TEST(CsvWriterTest, TextWithOtherDelimiterAndNullString) {
  CsvWriterOptions options = Text();
  options.delimiter = '|';
  options.null_string = "";
  std::vector<std::vector<Value>> rows = {{Value::Varchar("a|b\tc"), Value::Null(LogicalType(TypeId::INTEGER))}};
  EXPECT_EQ(Write({"s", "i"}, kTextAndInt, rows, options), "a\\|b\\tc|\n");
  // A control character as the delimiter is backslash-escaped as itself.
  options.delimiter = '\x01';
  std::vector<std::vector<Value>> control = {{Value::Varchar(std::string("x\x01y")), Value::Integer(1)}};
  EXPECT_EQ(Write({"s", "i"}, kTextAndInt, control, options), "x\\\x01y\x01" "1\n");
}

TEST(CsvWriterTest, ValuesUsePostgresOutputText) {
  std::vector<LogicalType> types = {LogicalType(TypeId::BOOLEAN), LogicalType(TypeId::DOUBLE), LogicalType::Decimal(5, 2),
                                    LogicalType(TypeId::DATE), LogicalType::Array(LogicalType(TypeId::INTEGER))};
  std::vector<std::vector<Value>> rows = {
      {Value::Boolean(true), Value::Double(1000.0), Value::Decimal(1230, 5, 2), Value::Date(0),
       Value::Array(LogicalType(TypeId::INTEGER), {Value::Integer(1), Value::Null(LogicalType(TypeId::INTEGER))})},
      {Value::Boolean(false), Value::Double(0.1), Value::Null(LogicalType::Decimal(5, 2)), Value::Null(LogicalType(TypeId::DATE)),
       Value::Null(LogicalType::Array(LogicalType(TypeId::INTEGER)))},
  };
  EXPECT_EQ(Write({"b", "d", "n", "dt", "a"}, types, rows, Csv()),
            "t,1000,12.30,1970-01-01,\"{1,NULL}\"\n"
            "f,0.1,,,\n");
  EXPECT_EQ(Write({"b", "d", "n", "dt", "a"}, types, rows, Text()),
            "t\t1000\t12.30\t1970-01-01\t{1,NULL}\n"
            "f\t0.1\t\\N\t\\N\t\\N\n");
}

TEST(CsvWriterTest, HeaderOnlyWhenNoRows) {
  CsvWriterOptions options = Csv();
  options.header = true;
  EXPECT_EQ(Write({"a", "b"}, kTextAndInt, {}, options), "a,b\n");
  EXPECT_EQ(Write({"a", "b"}, kTextAndInt, {}, Csv()), "");
}

TEST(CsvWriterTest, LargeOutputIsFlushedInPieces) {
  std::vector<std::vector<Value>> rows;
  std::string expected;
  const std::string long_text(1000, 'x');
  for (int i = 0; i < 3000; i++) {
    rows.push_back({Value::Varchar(long_text), Value::Integer(i)});
    expected += long_text + "," + std::to_string(i) + "\n";
  }
  EXPECT_EQ(Write({"s", "i"}, kTextAndInt, rows, Csv(), 2048), expected);
}

TEST(CsvWriterTest, MisuseIsAnInternalError) {
  InMemoryFileSystem file_system;
  auto file = file_system.OpenForWrite("/out.csv", WriteMode::kTruncate);
  CsvWriter writer(*file, {"s", "i"}, kTextAndInt, Csv());
  DataChunk wrong;
  wrong.Initialize({LogicalType(TypeId::VARCHAR)});
  try {
    writer.Append(wrong);
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kInternalError);
  }
  writer.Finish();
  DataChunk right;
  right.Initialize(kTextAndInt);
  EXPECT_THROW(writer.Append(right), Exception);
}

}  // namespace
}  // namespace cairn

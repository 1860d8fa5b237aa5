// Response body encoding of POST /query: JSON values by type, CSV quoting as PostgreSQL's COPY
// CSV writes it, and the shape of each format with and without an error.
#include "http/result_format.h"

#include <gtest/gtest.h>

#include "http/pg_type_name.h"

namespace cairn::http {
namespace {

std::string Json(const Value& value) {
  std::string out;
  AppendJsonValue(out, value);
  return out;
}

std::string Csv(const std::optional<std::string>& text) {
  std::string out;
  AppendCsvField(out, text);
  return out;
}

TEST(ResultFormat, JsonValues) {
  EXPECT_EQ(Json(Value::Null(TypeId::INTEGER)), "null");
  EXPECT_EQ(Json(Value::Boolean(true)), "true");
  EXPECT_EQ(Json(Value::Boolean(false)), "false");
  EXPECT_EQ(Json(Value::Integer(-42)), "-42");
  EXPECT_EQ(Json(Value::BigInt(9007199254740992LL)), "9007199254740992");      // 2^53: exact
  EXPECT_EQ(Json(Value::BigInt(-9007199254740992LL)), "-9007199254740992");
  EXPECT_EQ(Json(Value::BigInt(9007199254740993LL)), "\"9007199254740993\"");  // beyond: a string
  EXPECT_EQ(Json(Value::BigInt(INT64_MIN)), "\"-9223372036854775808\"");
  EXPECT_EQ(Json(Value::UBigInt(UINT64_MAX)), "\"18446744073709551615\"");
  EXPECT_EQ(Json(Value::Double(0.1)), "0.1");
  EXPECT_EQ(Json(Value::Double(1e300)), "1e+300");
  EXPECT_EQ(Json(Value::Double(std::numeric_limits<double>::quiet_NaN())), "\"NaN\"");
  EXPECT_EQ(Json(Value::Double(-std::numeric_limits<double>::infinity())), "\"-Infinity\"");
  EXPECT_EQ(Json(Value::Decimal(12345, 10, 2)), "\"123.45\"");
  EXPECT_EQ(Json(Value::Varchar("a\"b\\c\nd")), "\"a\\\"b\\\\c\\nd\"");
  EXPECT_EQ(Json(Value::Varchar("\xff")), "\"\xEF\xBF\xBD\"");  // invalid UTF-8 replaced
  EXPECT_EQ(Json(Value::Date(0)), "\"1970-01-01\"");
  EXPECT_EQ(Json(Value::Blob("\x01\xab")), "\"\\\\x01ab\"");
  EXPECT_EQ(Json(Value::Array(TypeId::BOOLEAN, {Value::Boolean(true), Value::Boolean(false)})), "\"{t,f}\"");
}

TEST(ResultFormat, CsvFieldsQuoteLikePostgresCopy) {
  EXPECT_EQ(Csv(std::nullopt), "");
  EXPECT_EQ(Csv(std::string()), "\"\"");
  EXPECT_EQ(Csv("plain"), "plain");
  EXPECT_EQ(Csv("a,b"), "\"a,b\"");
  EXPECT_EQ(Csv("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(Csv("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(Csv("\\."), "\"\\.\"");
}

TEST(ResultFormat, TypeNamesAreFormatTypes) {
  EXPECT_EQ(PgTypeName(TypeId::INTEGER), "integer");
  EXPECT_EQ(PgTypeName(TypeId::UINTEGER), "bigint");
  EXPECT_EQ(PgTypeName(LogicalType::Decimal(10, 2)), "numeric(10,2)");
  EXPECT_EQ(PgTypeName(TypeId::TIMESTAMP_TZ), "timestamp with time zone");
  EXPECT_EQ(PgTypeName(LogicalType::Array(TypeId::VARCHAR)), "text[]");
  EXPECT_EQ(PgTypeName(TypeId::DOUBLE), "double precision");
}

DataChunk TwoRows() {
  DataChunk chunk;
  chunk.Initialize({TypeId::INTEGER, TypeId::VARCHAR});
  chunk.data[0].SetValue(0, Value::Integer(1));
  chunk.data[1].SetValue(0, Value::Varchar("x,y"));
  chunk.data[0].SetValue(1, Value::Null(TypeId::INTEGER));
  chunk.data[1].SetValue(1, Value::Varchar(""));
  chunk.SetCardinality(2);
  return chunk;
}

std::string Write(ResultFormat format, const std::optional<Exception>& error) {
  ResultWriter writer(format, {"n", "s"}, {TypeId::INTEGER, TypeId::VARCHAR}, "SELECT");
  std::string out;
  writer.Begin(out);
  writer.Rows(out, TwoRows());
  writer.Rows(out, TwoRows());
  EXPECT_EQ(writer.row_count(), 4u);
  if (error) {
    if (!writer.Fail(out, *error)) out += "<aborted>";
  } else {
    writer.End(out);
  }
  return out;
}

TEST(ResultFormat, Documents) {
  const std::string json_rows = R"([1,"x,y"],[null,""],[1,"x,y"],[null,""])";
  const std::string columns = R"({"columns":[{"name":"n","type":"integer"},{"name":"s","type":"text"}])";
  EXPECT_EQ(Write(ResultFormat::kJson, std::nullopt),
            columns + ",\"rows\":[" + json_rows + "],\"row_count\":4,\"command\":\"SELECT\"}\n");
  const Exception error("22012", "division by zero");
  EXPECT_EQ(Write(ResultFormat::kJson, error),
            columns + ",\"rows\":[" + json_rows +
                R"(],"error":{"sqlstate":"22012","message":"division by zero","position":null}})" + "\n");
  EXPECT_EQ(Write(ResultFormat::kNdjson, std::nullopt),
            columns + "}\n[1,\"x,y\"]\n[null,\"\"]\n[1,\"x,y\"]\n[null,\"\"]\n{\"row_count\":4,\"command\":\"SELECT\"}\n");
  EXPECT_EQ(Write(ResultFormat::kCsv, std::nullopt), "n,s\n1,\"x,y\"\n,\"\"\n1,\"x,y\"\n,\"\"\n");
  EXPECT_EQ(Write(ResultFormat::kCsv, error), "n,s\n1,\"x,y\"\n,\"\"\n1,\"x,y\"\n,\"\"\n<aborted>");
  EXPECT_EQ(ParseResultFormat(""), ResultFormat::kJson);
  EXPECT_EQ(ParseResultFormat("csv"), ResultFormat::kCsv);
  EXPECT_EQ(ParseResultFormat("xml"), std::nullopt);
}

}  // namespace
}  // namespace cairn::http

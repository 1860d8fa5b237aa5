// Unit tests of cairn_sqllogictest's engine-independent parts: the script parser and the
// result/error comparison.
#include <gtest/gtest.h>

#include "result_comparison.h"
#include "slt_parser.h"

namespace cairn::slt {
namespace {

TEST(SltParserTest, ParsesStatementsQueriesAndHalt) {
  SltScript script = ParseSltScript(
      "# a comment\n"
      "hash-threshold 8\n"
      "\n"
      "statement ok\n"
      "CREATE TABLE t AS\n"
      "SELECT 1\n"
      "\n"
      "statement error 42P01\n"
      "SELECT * FROM nope\n"
      "\n"
      "statement error\n"
      "SELECT 1 +\n"
      "----\n"
      "syntax error\n"
      "\n"
      "query IT rowsort my_label\n"
      "SELECT 1, 'a'\n"
      "----\n"
      "1\ta\n"
      "\n"
      "halt\n");
  ASSERT_FALSE(script.skip_reason);
  ASSERT_EQ(script.records.size(), 5u);
  const SltRecord& create = script.records[0];
  EXPECT_EQ(create.kind, SltRecord::Kind::kStatementOk);
  EXPECT_EQ(create.line, 4);
  EXPECT_EQ(create.sql, "CREATE TABLE t AS\nSELECT 1");
  EXPECT_EQ(script.records[1].kind, SltRecord::Kind::kStatementError);
  EXPECT_EQ(script.records[1].message, "42P01");
  EXPECT_EQ(script.records[1].sql, "SELECT * FROM nope");
  EXPECT_EQ(script.records[2].message, "syntax error");
  EXPECT_EQ(script.records[2].sql, "SELECT 1 +");
  const SltRecord& query = script.records[3];
  EXPECT_EQ(query.kind, SltRecord::Kind::kQuery);
  EXPECT_EQ(query.line, 16);
  EXPECT_EQ(query.types, "IT");
  EXPECT_EQ(query.sort, SortMode::kRowSort);
  EXPECT_EQ(query.label, "my_label");
  EXPECT_EQ(query.expected, (std::vector<std::string>{"1\ta"}));
  EXPECT_EQ(script.records[4].kind, SltRecord::Kind::kHalt);
}

TEST(SltParserTest, ConditionsAndModeSkip) {
  SltScript script = ParseSltScript(
      "skipif cairn\n"
      "statement ok\n"
      "SELECT 1\n"
      "\n"
      "onlyif cairn\n"
      "statement ok\n"
      "SELECT 2\n"
      "\n"
      "onlyif duckdb\n"
      "statement ok\n"
      "SELECT 3\n"
      "\n"
      "skipif duckdb\n"
      "statement ok\n"
      "SELECT 4\n"
      "\n"
      "mode skip\n"
      "\n"
      "statement ok\n"
      "SELECT 5\n"
      "\n"
      "mode unskip\n"
      "\n"
      "onlyif sqlite\n"
      "halt\n"
      "\n"
      "statement ok\n"
      "SELECT 6\n");
  ASSERT_EQ(script.records.size(), 6u);
  std::vector<bool> skipped;
  for (const SltRecord& record : script.records) skipped.push_back(record.skip);
  EXPECT_EQ(skipped, (std::vector<bool>{true, false, true, false, true, false}));
  EXPECT_EQ(script.records[5].sql, "SELECT 6");  // the skipped halt left no record
}

TEST(SltParserTest, RequireUnknownFeatureSkipsTheFile) {
  EXPECT_TRUE(ParseSltScript("require tpch\n\nstatement ok\nSELECT 1\n").skip_reason);
  EXPECT_FALSE(ParseSltScript("require parquet\n\nstatement ok\nSELECT 1\n").skip_reason);
}

TEST(SltParserTest, LoopsAreExpanded) {
  SltScript script = ParseSltScript(
      "loop i 0 3\n"
      "\n"
      "query I\n"
      "SELECT ${i}\n"
      "----\n"
      "${i}\n"
      "\n"
      "endloop\n");
  ASSERT_EQ(script.records.size(), 3u);
  EXPECT_EQ(script.records[2].sql, "SELECT 2");
  EXPECT_EQ(script.records[2].expected, (std::vector<std::string>{"2"}));
  EXPECT_EQ(script.records[2].line, 3);
}

TEST(SltParserTest, MalformedRecordsBecomeInvalidRecords) {
  SltScript script = ParseSltScript(
      "statement maybe\nSELECT 1\n\n"
      "query\nSELECT 1\n----\n1\n\n"
      "query I\nSELECT 1\n\n"
      "frobnicate\nxyz\n\n"
      "loop i 0\nendloop\n\n"
      "loop i 0 2\n"
      "statement ok\nSELECT 9\n");
  ASSERT_GE(script.records.size(), 5u);
  for (const SltRecord& record : script.records) {
    EXPECT_EQ(record.kind, SltRecord::Kind::kInvalid) << record.line << " " << record.sql;
    EXPECT_FALSE(record.message.empty());
  }
}

TEST(SltParserTest, HandlesCrlfAndMissingFinalNewline) {
  SltScript script = ParseSltScript("query I\r\nSELECT 1\r\n----\r\n1");
  ASSERT_EQ(script.records.size(), 1u);
  EXPECT_EQ(script.records[0].sql, "SELECT 1");
  EXPECT_EQ(script.records[0].expected, (std::vector<std::string>{"1"}));
}

SltRecord Query(std::string types, SortMode sort, std::vector<std::string> expected) {
  SltRecord record;
  record.kind = SltRecord::Kind::kQuery;
  record.types = std::move(types);
  record.sort = sort;
  record.expected = std::move(expected);
  return record;
}

TEST(ResultComparisonTest, RowWiseAndValuePerLineLayouts) {
  TextRows actual = {{"1", "a"}, {"2", "NULL"}};
  EXPECT_FALSE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1\ta", "2\tNULL"}), 2, actual));
  EXPECT_FALSE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1", "a", "2", "NULL"}), 2, actual));
  EXPECT_FALSE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1 a", "2 NULL"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"2\tNULL", "1\ta"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1\ta"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1\ta", "2\tb"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("ITT", SortMode::kNoSort, {"1\ta", "2\tNULL"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1\ta\tx", "2\tNULL"}), 2, actual));
  EXPECT_FALSE(CompareQueryResult(Query("I", SortMode::kNoSort, {}), 1, {}));
}

TEST(ResultComparisonTest, SortModes) {
  TextRows actual = {{"2", "b"}, {"1", "a"}};
  EXPECT_FALSE(CompareQueryResult(Query("IT", SortMode::kRowSort, {"1\ta", "2\tb"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("IT", SortMode::kNoSort, {"1\ta", "2\tb"}), 2, actual));
  EXPECT_FALSE(CompareQueryResult(Query("IT", SortMode::kValueSort, {"1", "2", "a", "b"}), 2, actual));
  EXPECT_TRUE(CompareQueryResult(Query("IT", SortMode::kRowSort, {"1\tb", "2\ta"}), 2, actual));
}

TEST(ResultComparisonTest, RealColumnsTolerateRounding) {
  EXPECT_FALSE(CompareQueryResult(Query("R", SortMode::kNoSort, {"0.1"}), 1, {{"0.10000000000000002"}}));
  EXPECT_TRUE(CompareQueryResult(Query("I", SortMode::kNoSort, {"0.1"}), 1, {{"0.10000000000000002"}}));
  EXPECT_TRUE(CompareQueryResult(Query("R", SortMode::kNoSort, {"0.1"}), 1, {{"0.1001"}}));
  EXPECT_FALSE(CompareQueryResult(Query("R", SortMode::kNoSort, {"nan"}), 1, {{"nan"}}));
  EXPECT_TRUE(CompareQueryResult(Query("R", SortMode::kNoSort, {"NULL"}), 1, {{"0"}}));
}

TEST(ResultComparisonTest, MismatchMessageNamesRowAndColumn) {
  auto mismatch = CompareQueryResult(Query("II", SortMode::kNoSort, {"1\t2", "3\t4"}), 2, {{"1", "2"}, {"3", "5"}});
  ASSERT_TRUE(mismatch);
  EXPECT_EQ(*mismatch, "row 2, column 2: expected '4' but got '5'");
  EXPECT_EQ(FormatRows({{"1", "2"}, {"3", "5"}}), "1\t2\n3\t5\n");
}

TEST(ResultComparisonTest, HashedResultsAreReportedUnsupported) {
  auto mismatch = CompareQueryResult(Query("I", SortMode::kNoSort, {"30 values hashing to 3c13dee48d9356ae19af2515e05e6b54"}), 1, {{"1"}});
  ASSERT_TRUE(mismatch);
  EXPECT_NE(mismatch->find("hashing"), std::string::npos);
}

TEST(ErrorMatchesTest, SqlstateSubstringAndRegex) {
  EXPECT_TRUE(ErrorMatches("", "42P01", "anything"));
  EXPECT_TRUE(ErrorMatches("42P01", "42P01", "table \"x\" does not exist"));
  EXPECT_FALSE(ErrorMatches("42601", "42P01", "table \"x\" does not exist"));
  EXPECT_TRUE(ErrorMatches("does not exist", "42P01", "table \"x\" does not exist"));
  EXPECT_TRUE(ErrorMatches("table \"[a-z]+\"", "42P01", "table \"x\" does not exist"));
  EXPECT_TRUE(ErrorMatches("<REGEX>:^table .* exist$", "42P01", "table \"x\" does not exist"));
  EXPECT_FALSE(ErrorMatches("<REGEX>:^column", "42P01", "table \"x\" does not exist"));
  EXPECT_FALSE(ErrorMatches("([", "42P01", "table"));  // invalid regex, not a substring
  EXPECT_TRUE(ErrorMatches("([", "42P01", "bad ([ input"));
}

}  // namespace
}  // namespace cairn::slt

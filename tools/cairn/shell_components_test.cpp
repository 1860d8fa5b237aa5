// Unit tests of the `cairn` shell's engine-independent parts: argument parsing, error reports
// and every output format. (The statement splitter it uses is the engine's, tested in
// src/sql/statement_splitter_test.cpp.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "csv_renderer.h"
#include "error_report.h"
#include "json_renderer.h"
#include "markdown_renderer.h"
#include "output_format.h"
#include "shell_options.h"
#include "table_renderer.h"

namespace cairn::shell {
namespace {

ParsedArguments Parse(std::vector<const char*> arguments) {
  arguments.insert(arguments.begin(), "cairn");
  return ParseShellArguments(static_cast<int>(arguments.size()), arguments.data());
}

TEST(ShellOptionsTest, ParsesEveryOption) {
  ParsedArguments parsed = Parse({"data", "-c", "SELECT 1", "-f", "x.sql", "-c", ".tables", "--format", "json", "--threads=3"});
  ASSERT_FALSE(parsed.error) << *parsed.error;
  EXPECT_EQ(parsed.options.data_dir, "data");
  ASSERT_EQ(parsed.options.actions.size(), 3u);
  EXPECT_EQ(parsed.options.actions[0].kind, ShellAction::Kind::kCommand);
  EXPECT_EQ(parsed.options.actions[0].text, "SELECT 1");
  EXPECT_EQ(parsed.options.actions[1].kind, ShellAction::Kind::kFile);
  EXPECT_EQ(parsed.options.actions[1].text, "x.sql");
  EXPECT_EQ(parsed.options.actions[2].text, ".tables");
  EXPECT_EQ(parsed.options.format, OutputFormat::kJson);
  EXPECT_EQ(parsed.options.threads, 3u);
  EXPECT_TRUE(Parse({"--help"}).options.help);
  EXPECT_TRUE(Parse({"--version"}).options.version);
  EXPECT_EQ(Parse({"--", "-odd-dir"}).options.data_dir, "-odd-dir");
  EXPECT_EQ(Parse({}).options.data_dir, "");
}

TEST(ShellOptionsTest, RejectsBadCommandLines) {
  EXPECT_TRUE(Parse({"-c"}).error);
  EXPECT_TRUE(Parse({"--format", "xml"}).error);
  EXPECT_TRUE(Parse({"--threads", "many"}).error);
  EXPECT_TRUE(Parse({"--threads", "-1"}).error);
  EXPECT_TRUE(Parse({"--bogus"}).error);
  EXPECT_TRUE(Parse({"dir1", "dir2"}).error);
  EXPECT_EQ(*Parse({"--bogus"}).error, "unknown option '--bogus'");
  EXPECT_EQ(*Parse({"dir1", "dir2"}).error, "unexpected argument 'dir2' (the data directory is already 'dir1')");
  EXPECT_EQ(*Parse({"--", "-x", "-c"}).error, "unexpected argument '-c' (the data directory is already '-x')");
}

TEST(ShellOptionsTest, AttachedValuesAndRepeatedOptionsKeepTheirOrder) {
  ParsedArguments parsed = Parse({"-cSELECT 1", "--file=a.sql", "--command", "SELECT 2", "-f", "b.sql", "dir"});
  ASSERT_FALSE(parsed.error) << *parsed.error;
  ASSERT_EQ(parsed.options.actions.size(), 4u);
  EXPECT_EQ(parsed.options.actions[0].text, "SELECT 1");
  EXPECT_EQ(parsed.options.actions[1].text, "a.sql");
  EXPECT_EQ(parsed.options.actions[1].kind, ShellAction::Kind::kFile);
  EXPECT_EQ(parsed.options.actions[2].text, "SELECT 2");
  EXPECT_EQ(parsed.options.actions[3].text, "b.sql");
  EXPECT_EQ(parsed.options.data_dir, "dir");
}

TEST(ErrorReportTest, PlainAndWithCaret) {
  EXPECT_EQ(FormatErrorReport(Exception("42P01", "table \"x\" does not exist"), "SELECT * FROM x"),
            "Error: table \"x\" does not exist (SQLSTATE 42P01)\n");
  EXPECT_EQ(FormatErrorReport(Exception("42601", "syntax error at or near \"WHERE\"", 17), "SELECT * FROM x WHERE"),
            "Error: syntax error at or near \"WHERE\" (SQLSTATE 42601)\n"
            "LINE 1: SELECT * FROM x WHERE\n"
            "                        ^\n");
}

TEST(ErrorReportTest, CaretOnLaterLineAndAfterMultibyteText) {
  std::string sql = "SELECT 1,\n  'é', oops";
  int position = static_cast<int>(sql.find("oops")) + 1;
  EXPECT_EQ(FormatErrorReport(Exception("42703", "column \"oops\" does not exist", position), sql),
            "Error: column \"oops\" does not exist (SQLSTATE 42703)\n"
            "LINE 2:   'é', oops\n"
            "               ^\n");
  // A position past the end points just after the text.
  EXPECT_EQ(FormatErrorReport(Exception("42601", "syntax error at end of input", 9), "SELECT 1"),
            "Error: syntax error at end of input (SQLSTATE 42601)\n"
            "LINE 1: SELECT 1\n"
            "                ^\n");
}

// A batch built from rows of optional text (nullopt = NULL).
TextBatch Batch(const std::vector<std::vector<std::optional<std::string>>>& rows, size_t columns) {
  TextBatch batch;
  batch.Resize(columns, rows.size());
  for (size_t r = 0; r < rows.size(); ++r) {
    for (size_t c = 0; c < columns; ++c) {
      batch.columns[c].nulls[r] = !rows[r][c].has_value();
      batch.columns[c].cells[r] = rows[r][c].value_or("");
    }
  }
  return batch;
}

std::vector<ColumnInfo> Columns() {
  return {{"id", "BIGINT", CellKind::kNumber}, {"name", "VARCHAR", CellKind::kText}, {"ok", "BOOLEAN", CellKind::kBoolean}};
}

std::string Render(OutputFormat format, const std::vector<TextBatch>& batches) {
  std::ostringstream out;
  std::unique_ptr<ResultRenderer> renderer;
  switch (format) {
    case OutputFormat::kCsv: renderer = std::make_unique<CsvRenderer>(out); break;
    case OutputFormat::kJson: renderer = std::make_unique<JsonRenderer>(out); break;
    case OutputFormat::kMarkdown: renderer = std::make_unique<MarkdownRenderer>(out); break;
    case OutputFormat::kTable: renderer = std::make_unique<TableRenderer>(out); break;
  }
  renderer->Begin(Columns());
  for (const TextBatch& batch : batches) renderer->Rows(batch);
  renderer->End();
  return out.str();
}

std::vector<TextBatch> SampleBatches() {
  return {Batch({{"1", "plain", "true"}, {"-20", "with,comma", "false"}}, 3),
          Batch({{std::nullopt, "say \"hi\"\nbye", std::nullopt}, {"3", "", "true"}}, 3)};
}

TEST(CsvRendererTest, QuotesPerRfc4180) {
  EXPECT_EQ(Render(OutputFormat::kCsv, SampleBatches()),
            "id,name,ok\n"
            "1,plain,true\n"
            "-20,\"with,comma\",false\n"
            ",\"say \"\"hi\"\"\nbye\",\n"
            "3,\"\",true\n");
}

TEST(JsonRendererTest, TypesNullsAndEscapes) {
  EXPECT_EQ(Render(OutputFormat::kJson, SampleBatches()),
            "[{\"id\":1,\"name\":\"plain\",\"ok\":true},\n"
            "{\"id\":-20,\"name\":\"with,comma\",\"ok\":false},\n"
            "{\"id\":null,\"name\":\"say \\\"hi\\\"\\nbye\",\"ok\":null},\n"
            "{\"id\":3,\"name\":\"\",\"ok\":true}]\n");
  EXPECT_EQ(Render(OutputFormat::kJson, {}), "[]\n");
}

TEST(JsonRendererTest, NumbersThatAreNotJsonBecomeStrings) {
  EXPECT_TRUE(JsonRenderer::IsJsonNumber("0"));
  EXPECT_TRUE(JsonRenderer::IsJsonNumber("-1.5e+10"));
  EXPECT_TRUE(JsonRenderer::IsJsonNumber("123.450"));
  EXPECT_FALSE(JsonRenderer::IsJsonNumber("nan"));
  EXPECT_FALSE(JsonRenderer::IsJsonNumber("-inf"));
  EXPECT_FALSE(JsonRenderer::IsJsonNumber("1."));
  EXPECT_FALSE(JsonRenderer::IsJsonNumber("01"));
  EXPECT_FALSE(JsonRenderer::IsJsonNumber(""));
  std::ostringstream out;
  JsonRenderer renderer(out);
  renderer.Begin({{"d", "DOUBLE", CellKind::kNumber}});
  renderer.Rows(Batch({{"nan"}, {"2.5"}, {"-inf"}}, 1));
  renderer.End();
  EXPECT_EQ(out.str(), "[{\"d\":\"nan\"},\n{\"d\":2.5},\n{\"d\":\"-inf\"}]\n");
}

TEST(JsonRendererTest, EscapesControlCharactersAndInvalidUtf8) {
  std::string out;
  JsonRenderer::AppendString(out, std::string("a\x01\tb\\\xC3\xA9\xFF", 8));
  // The invalid byte 0xFF becomes U+FFFD (UTF-8 EF BF BD); valid UTF-8 (é) is kept.
  EXPECT_EQ(out, "\"a\\u0001\\tb\\\\\xC3\xA9\xEF\xBF\xBD\"");
}

TEST(JsonRendererTest, EveryControlCharacterAndUnicodeRoundTripsThroughAJsonParser) {
  std::string text;
  for (int c = 0; c < 0x20; ++c) text.push_back(static_cast<char>(c));
  text += "\"\\/\x7F plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xE2\x80\xA8";  // é € 😀 U+2028
  std::string out;
  JsonRenderer::AppendString(out, text);
  for (char c : out) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << "raw control character in " << out;
  EXPECT_NE(out.find("\\u0000"), std::string::npos) << out;
  EXPECT_NE(out.find("\\u001f"), std::string::npos) << out;
  EXPECT_NE(out.find("\\n"), std::string::npos) << out;
  nlohmann::json parsed = nlohmann::json::parse(out);
  EXPECT_EQ(parsed.get<std::string>(), text);
  // Truncated and overlong sequences are replaced, and the result still parses.
  std::string bad_out;
  JsonRenderer::AppendString(bad_out, std::string("x\xC3 \xC0\xAF \xED\xA0\x80 y"));
  EXPECT_NO_THROW(nlohmann::json::parse(bad_out)) << bad_out;
  EXPECT_EQ(nlohmann::json::parse(bad_out).get<std::string>().find('x'), 0u);
}

TEST(MarkdownRendererTest, RendersGithubTable) {
  EXPECT_EQ(Render(OutputFormat::kMarkdown, SampleBatches()),
            "| id | name | ok |\n"
            "|---:|---|---|\n"
            "| 1 | plain | true |\n"
            "| -20 | with,comma | false |\n"
            "| NULL | say \"hi\"<br>bye | NULL |\n"
            "| 3 |  | true |\n");
  std::string cell;
  MarkdownRenderer::AppendCell(cell, "a|b");
  EXPECT_EQ(cell, "a\\|b");
}

TEST(TableRendererTest, AlignsBoxAndCountsRows) {
  EXPECT_EQ(Render(OutputFormat::kTable, SampleBatches()),
            "┌────────┬───────────────┬─────────┐\n"
            "│   id   │     name      │   ok    │\n"
            "│ bigint │    varchar    │ boolean │\n"
            "├────────┼───────────────┼─────────┤\n"
            "│      1 │ plain         │ true    │\n"
            "│    -20 │ with,comma    │ false   │\n"
            "│   NULL │ say \"hi\"\\nbye │ NULL    │\n"
            "│      3 │               │ true    │\n"
            "└────────┴───────────────┴─────────┘\n"
            "(4 rows)\n");
}

TEST(TableRendererTest, EmptyResultAndCommandTag) {
  std::ostringstream out;
  TableRenderer renderer(out);
  renderer.Begin({{"x", "INTEGER", CellKind::kNumber}});
  renderer.End();
  EXPECT_EQ(out.str(),
            "┌─────────┐\n"
            "│    x    │\n"
            "│ integer │\n"
            "├─────────┤\n"
            "└─────────┘\n"
            "(0 rows)\n");
  std::ostringstream tag;
  TableRenderer(tag).Command("CREATE TABLE");
  EXPECT_EQ(tag.str(), "CREATE TABLE\n");
}

TEST(TableRendererTest, LongCellsAreCutAndWidthIsInCodePoints) {
  EXPECT_EQ(TableRenderer::DisplayWidth("h\xC3\xA9llo"), 5u);
  std::ostringstream out;
  TableRenderer renderer(out);
  renderer.Begin({{"s", "VARCHAR", CellKind::kText}});
  renderer.Rows(Batch({{std::string(200, 'x')}}, 1));
  renderer.End();
  std::string expected_cell = std::string(TableRenderer::kMaxColumnWidth - 1, 'x') + "…";
  EXPECT_NE(out.str().find("│ " + expected_cell + " │"), std::string::npos) << out.str();
}

TEST(TableRendererTest, RowsAfterTheBufferKeepTheirWidths) {
  std::ostringstream out;
  TableRenderer renderer(out);
  renderer.Begin({{"n", "BIGINT", CellKind::kNumber}});
  TextBatch small = Batch({{"1"}}, 1);
  for (size_t i = 0; i < TableRenderer::kMaxBufferedRows; ++i) renderer.Rows(small);
  renderer.Rows(Batch({{"123456789"}}, 1));  // wider than the computed width: cut
  renderer.End();
  std::string text = out.str();
  EXPECT_NE(text.find("│ 12345… │\n└"), std::string::npos) << text.substr(text.size() - 200);
  EXPECT_NE(text.find("(10001 rows)"), std::string::npos);
}

TEST(OutputFormatTest, NamesRoundTrip) {
  for (OutputFormat format : {OutputFormat::kTable, OutputFormat::kCsv, OutputFormat::kJson, OutputFormat::kMarkdown}) {
    EXPECT_EQ(ParseOutputFormat(OutputFormatName(format)), format);
  }
  EXPECT_FALSE(ParseOutputFormat("xml"));
}

}  // namespace
}  // namespace cairn::shell

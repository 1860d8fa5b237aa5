// The statement splitter shared by the engine (multi-statement Connection::query) and the
// shell: `;` inside quotes, E'' strings, dollar quotes and (nested) comments does not split.
#include "cairn/statement_splitter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sql/planner.h"

namespace cairn {
namespace {

std::vector<std::string> Texts(std::string_view sql) {
  std::vector<std::string> texts;
  for (const SqlStatement& statement : SplitSqlStatements(sql).statements) texts.push_back(statement.text);
  return texts;
}

TEST(StatementSplitterTest, SplitsAtTopLevelSemicolons) {
  EXPECT_EQ(Texts("SELECT 1; SELECT 2;"), (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
  SplitResult split = SplitSqlStatements("SELECT 1;\n  SELECT 2");
  ASSERT_EQ(split.statements.size(), 1u);
  EXPECT_EQ(split.statements[0].offset, 0u);
  EXPECT_EQ(split.remainder, "\n  SELECT 2");
  EXPECT_FALSE(split.remainder_blank);
}

TEST(StatementSplitterTest, IgnoresSemicolonsInLiteralsAndComments) {
  EXPECT_EQ(Texts("SELECT 'a;b', \"c;d\" FROM t;"),
            (std::vector<std::string>{"SELECT 'a;b', \"c;d\" FROM t"}));
  EXPECT_EQ(Texts("SELECT 'it''s;'; SELECT 2;"), (std::vector<std::string>{"SELECT 'it''s;'", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT \"a\"\";b\"; SELECT 2;"),
            (std::vector<std::string>{"SELECT \"a\"\";b\"", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT 1 -- no; split\n, 2;"), (std::vector<std::string>{"SELECT 1 -- no; split\n, 2"}));
  EXPECT_EQ(Texts("SELECT /* a; /* nested; */ b; */ 1;"),
            (std::vector<std::string>{"SELECT /* a; /* nested; */ b; */ 1"}));
  EXPECT_EQ(Texts("SELECT $$a;b$$, $tag$ $$; $tag$;"),
            (std::vector<std::string>{"SELECT $$a;b$$, $tag$ $$; $tag$"}));
  EXPECT_EQ(Texts("SELECT E'\\';'; SELECT 2;"), (std::vector<std::string>{"SELECT E'\\';'", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT e'\\\\'; SELECT 2;"), (std::vector<std::string>{"SELECT e'\\\\'", "SELECT 2"}));
  // `$1` is a parameter, not a dollar quote.
  EXPECT_EQ(Texts("SELECT $1; SELECT 2;"), (std::vector<std::string>{"SELECT $1", "SELECT 2"}));
}

TEST(StatementSplitterTest, QuotesInsideCommentsAndCommentsInsideQuotesAreInert) {
  // A quote in a comment opens nothing; comment markers in literals start nothing.
  EXPECT_EQ(Texts("SELECT 1 -- it's\n; SELECT 2;"),
            (std::vector<std::string>{"SELECT 1 -- it's", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT /* \"; $$ */ 1; SELECT 2;"),
            (std::vector<std::string>{"SELECT /* \"; $$ */ 1", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT '--;', '/*;'; SELECT 2;"),
            (std::vector<std::string>{"SELECT '--;', '/*;'", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT $q$ '; $q$; SELECT 2;"),
            (std::vector<std::string>{"SELECT $q$ '; $q$", "SELECT 2"}));
  // An operator ending right before a comment: 2*/*c*/3.
  EXPECT_EQ(Texts("SELECT 2*/*;*/3; SELECT 2;"), (std::vector<std::string>{"SELECT 2*/*;*/3", "SELECT 2"}));
}

TEST(StatementSplitterTest, EscapeStringsOnlyAfterAStandaloneE) {
  // `name'...'` is not an escape string: the backslash is an ordinary character, so the
  // literal ends at the second quote.
  EXPECT_EQ(Texts("SELECT some'\\'; SELECT 2;"), (std::vector<std::string>{"SELECT some'\\'", "SELECT 2"}));
  // A standard string: backslash is ordinary (standard_conforming_strings = on).
  EXPECT_EQ(Texts("SELECT '\\'; SELECT 2;"), (std::vector<std::string>{"SELECT '\\'", "SELECT 2"}));
  // An escape string: \' does not end it.
  EXPECT_EQ(Texts("SELECT E'\\'; SELECT 2;"), std::vector<std::string>{});
}

TEST(StatementSplitterTest, DollarQuoteTags) {
  // Tags follow identifier rules; the closing tag must match exactly.
  EXPECT_EQ(Texts("SELECT $a_1$ $a$; $a_1$; SELECT 2;"),
            (std::vector<std::string>{"SELECT $a_1$ $a$; $a_1$", "SELECT 2"}));
  EXPECT_EQ(Texts("SELECT $\xC3\xA9$;$\xC3\xA9$; SELECT 2;"),
            (std::vector<std::string>{"SELECT $\xC3\xA9$;$\xC3\xA9$", "SELECT 2"}));
  // A `$` inside an identifier does not start a dollar quote.
  EXPECT_EQ(Texts("SELECT a$b$; SELECT 2;"), (std::vector<std::string>{"SELECT a$b$", "SELECT 2"}));
}

TEST(StatementSplitterTest, OffsetsPointAtTheStatement) {
  SplitResult split = SplitSqlStatements("  SELECT 1;\n\nSELECT 2;");
  ASSERT_EQ(split.statements.size(), 2u);
  EXPECT_EQ(split.statements[0].offset, 2u);
  EXPECT_EQ(split.statements[1].offset, 13u);
}

TEST(StatementSplitterTest, DropsEmptyStatementsAndDetectsOpenInput) {
  EXPECT_TRUE(Texts(";; -- just a comment;\n;").empty());
  EXPECT_TRUE(IsBlankSql("  -- comment\n /* block */ "));
  EXPECT_TRUE(IsBlankSql(""));
  EXPECT_FALSE(IsBlankSql("SELECT"));
  EXPECT_FALSE(IsBlankSql("/* unterminated"));
  EXPECT_FALSE(IsBlankSql("/* nested /* */ still open"));
  SplitResult open_quote = SplitSqlStatements("SELECT 'abc;");
  EXPECT_TRUE(open_quote.statements.empty());
  EXPECT_FALSE(open_quote.remainder_blank);
  SplitResult open_dollar = SplitSqlStatements("SELECT $$ ;");
  EXPECT_TRUE(open_dollar.statements.empty());
  EXPECT_FALSE(open_dollar.remainder_blank);
}

TEST(StatementSplitterTest, PlannerDropsLeadingCommentsAndKeepsTheLastUnterminatedStatement) {
  auto statements = Planner::SplitStatements("/* c */ DESCRIBE t; -- note\n SELECT 'x' ");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0].first, "DESCRIBE t");
  EXPECT_EQ(statements[0].second, 8);
  EXPECT_EQ(statements[1].first, "SELECT 'x'");
  EXPECT_EQ(statements[1].second, 29);
  // An unterminated comment is kept for the parser to report, as PostgreSQL does.
  statements = Planner::SplitStatements("SELECT 1; /* open");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[1].first, "/* open");
}

}  // namespace
}  // namespace cairn

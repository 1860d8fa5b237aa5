// End-to-end tests of the built `cairn` shell binary: runs it with -c/-f/stdin and checks
// stdout, stderr and the exit status. The binary is $CAIRN_BIN, else `cairn` next to this
// test executable, else build/cairn relative to the working directory; the tests are
// skipped when none exists.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::ScratchDirectory;
namespace fs = std::filesystem;

std::string FindCairnBinary() {
  if (const char* env = std::getenv("CAIRN_BIN"); env && *env) return fs::exists(env) ? env : "";
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  if (!error) {
    fs::path sibling = self.parent_path() / "cairn";
    if (fs::exists(sibling)) return sibling.string();
  }
  if (fs::exists("build/cairn")) return fs::absolute("build/cairn").string();
  return "";
}

// `text` quoted for /bin/sh.
std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted.push_back(c);
    }
  }
  return quoted + "'";
}

struct RunOutput {
  std::string out;
  std::string err;
  int status = -1;  // exit status
};

class CliBinaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    binary_ = FindCairnBinary();
    if (binary_.empty()) GTEST_SKIP() << "cairn binary not found (set CAIRN_BIN)";
    scratch_.Write("people.csv", "id,name\n1,alice\n2,bob\n");
    Database database(scratch_.path());
    database.register_table("people", "people.csv");
    database.save_table_mappings(scratch_.Join("table_mappings.json"));
  }

  // Runs `cairn <arguments>` (already shell-quoted) with optional stdin text.
  RunOutput Run(const std::string& arguments, const std::string* stdin_text = nullptr) {
    std::string err_path = scratch_.Join("stderr.txt");
    std::string command = ShellQuote(binary_) + " " + arguments + " 2>" + ShellQuote(err_path);
    if (stdin_text) {
      command += " <" + ShellQuote(scratch_.Write("stdin.txt", *stdin_text));
    } else {
      command += " </dev/null";
    }
    RunOutput output;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) return output;
    char buffer[4096];
    size_t n;
    while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.out.append(buffer, n);
    int status = pclose(pipe);
    output.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream err(err_path);
    std::stringstream text;
    text << err.rdbuf();
    output.err = text.str();
    return output;
  }

  std::string Dir() const { return ShellQuote(scratch_.path()); }

  std::string binary_;
  ScratchDirectory scratch_;
};

TEST_F(CliBinaryTest, CommandWithCsvFormat) {
  RunOutput run = Run(Dir() + " -c " + ShellQuote("SELECT id, name FROM people ORDER BY id") + " --format csv");
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "id,name\n1,alice\n2,bob\n");
  EXPECT_EQ(run.err, "");
}

TEST_F(CliBinaryTest, RepeatedCommandsRunInOrder) {
  RunOutput run = Run(Dir() + " --format csv -c " + ShellQuote("SELECT 1 AS a") + " -c " +
                      ShellQuote("SELECT 2 AS b; SELECT 3 AS c"));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "a\n1\nb\n2\nc\n3\n");
}

TEST_F(CliBinaryTest, JsonFormat) {
  RunOutput run = Run(Dir() + " --format json -c " + ShellQuote("SELECT id, name FROM people ORDER BY id"));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "[{\"id\":1,\"name\":\"alice\"},\n{\"id\":2,\"name\":\"bob\"}]\n");
}

TEST_F(CliBinaryTest, MarkdownFormat) {
  RunOutput run = Run(Dir() + " --format=markdown -c " + ShellQuote("SELECT id, name FROM people WHERE id = 1"));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "| id | name |\n|---:|---|\n| 1 | alice |\n");
}

TEST_F(CliBinaryTest, TableFormatShowsNamesAndRows) {
  RunOutput run = Run(Dir() + " -c " + ShellQuote("SELECT id, name FROM people ORDER BY id"));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_NE(run.out.find("alice"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("name"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("(2 rows)"), std::string::npos) << run.out;
}

TEST_F(CliBinaryTest, FailingStatementExitsWithOneAndReportsSqlstate) {
  RunOutput run = Run(Dir() + " --format csv -c " + ShellQuote("SELECT * FROM no_such_table") + " -c " +
                      ShellQuote("SELECT 1 AS after"));
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("Error: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("(SQLSTATE 42P01)"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "after\n1\n");  // later commands still run
}

TEST_F(CliBinaryTest, SyntaxErrorShowsCaret) {
  RunOutput run = Run(Dir() + " -c " + ShellQuote("SELEC 1"));
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("(SQLSTATE 42601)"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("LINE 1: SELEC 1\n        ^\n"), std::string::npos) << run.err;
}

TEST_F(CliBinaryTest, ScriptFileSplitsStatements) {
  std::string script = scratch_.Write("script.sql",
                                      "-- a comment; with a semicolon\n"
                                      "SELECT 'a;b' AS s;\n"
                                      "/* block; comment */ SELECT count(*) AS n\n"
                                      "  FROM people;\n"
                                      "SELECT 3 AS last");
  RunOutput run = Run(Dir() + " --format csv -f " + ShellQuote(script));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "s\na;b\nn\n2\nlast\n3\n");
}

TEST_F(CliBinaryTest, MissingScriptFails) {
  RunOutput run = Run(Dir() + " -f " + ShellQuote(scratch_.Join("nope.sql")));
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("nope.sql"), std::string::npos) << run.err;
}

TEST_F(CliBinaryTest, ReadsPipedStdin) {
  std::string input = ".mode csv\nSELECT name\nFROM people\nWHERE id = 2;\nSELECT 1 AS one;\n";
  RunOutput run = Run(Dir(), &input);
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "name\nbob\none\n1\n");
}

TEST_F(CliBinaryTest, PipedStdinErrorGivesExitStatusOne) {
  std::string input = "SELECT * FROM no_such_table;\n";
  RunOutput run = Run(Dir(), &input);
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("42P01"), std::string::npos);
}

TEST_F(CliBinaryTest, DotModeInCommand) {
  RunOutput run = Run(Dir() + " -c " + ShellQuote(".mode csv") + " -c " + ShellQuote("SELECT 5 AS five"));
  EXPECT_EQ(run.status, 0) << run.err;
  EXPECT_EQ(run.out, "five\n5\n");
}

TEST_F(CliBinaryTest, HelpVersionAndBadOptions) {
  RunOutput help = Run("--help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.out.find("Usage: cairn"), std::string::npos);
  RunOutput version = Run("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_EQ(version.out.rfind("cairn ", 0), 0u) << version.out;
  RunOutput bad = Run("--no-such-option");
  EXPECT_EQ(bad.status, 1);
  EXPECT_NE(bad.err.find("no-such-option"), std::string::npos);
  RunOutput bad_format = Run(Dir() + " --format xml -c " + ShellQuote("SELECT 1"));
  EXPECT_EQ(bad_format.status, 1);
}

TEST_F(CliBinaryTest, MissingDataDirectoryFails) {
  RunOutput run = Run(ShellQuote(scratch_.Join("no_such_dir")) + " -c " + ShellQuote("SELECT 1"));
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.err.find("no_such_dir"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace cairn

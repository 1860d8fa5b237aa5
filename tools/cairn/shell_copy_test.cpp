// COPY ... TO STDOUT in the shell prints the rows (text, csv with a header) and no command tag,
// as psql does; COPY ... FROM STDIN is refused with 0A000 and a hint.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "cairn/database.h"
#include "shell.h"

namespace cairn::shell {
namespace {

TEST(ShellCopy, CopyToStdoutPrintsTheRowsOnly) {
  Database database("");
  std::ostringstream out, err;
  Shell shell(database, OutputFormat::kTable, out, err);
  EXPECT_TRUE(shell.RunStatement("COPY (SELECT x, 'a,b' AS t FROM generate_series(1, 2) AS g(x)) TO STDOUT (FORMAT csv, HEADER)"));
  EXPECT_EQ(out.str(), "x,t\n1,\"a,b\"\n2,\"a,b\"\n");
  out.str("");
  EXPECT_TRUE(shell.RunStatement("COPY (SELECT NULL::int AS n, 'tab\there' AS s) TO STDOUT"));
  EXPECT_EQ(out.str(), "\\N\ttab\\there\n");
  EXPECT_EQ(err.str(), "");
}

TEST(ShellCopy, CopyFromStdinAndParquetToStdoutAreRefused) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("cairn-shell-copy-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  {
    DatabaseOptions options;
    options.writable = true;
    Database database(dir.string(), options);
    std::ostringstream out, err;
    Shell shell(database, OutputFormat::kTable, out, err);
    ASSERT_TRUE(shell.RunStatement("CREATE TABLE t (a int)"));
    EXPECT_FALSE(shell.RunStatement("COPY t FROM STDIN"));
    EXPECT_NE(err.str().find("COPY FROM STDIN is not supported in the cairn shell (SQLSTATE 0A000)"), std::string::npos)
        << err.str();
    err.str("");
    EXPECT_FALSE(shell.RunStatement("COPY (SELECT 1) TO STDOUT (FORMAT parquet)"));
    EXPECT_NE(err.str().find("0A000"), std::string::npos) << err.str();
    database.close();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cairn::shell

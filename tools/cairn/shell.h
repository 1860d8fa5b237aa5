// Shell: one `cairn` session — a Connection on an open Database, the current output format and
// timer setting, and the loop that turns input lines into statements and dot commands.
//
// Input handling (shared by the terminal, piped stdin, -f FILE and .read FILE): lines are
// collected until a `;` outside literals and comments ends a statement (statement_splitter.h);
// each statement runs on its own and its result is printed before the next one runs. A line
// starting with `.` where a new statement would start is a dot command (dot_commands.cpp). At
// end of input an unterminated statement still runs (except on a terminal, where it is
// dropped, like psql). A failed statement prints its error to the error stream and the session
// goes on; the Run* methods report whether everything succeeded (the exit status for -c/-f).
//
// Thread-safety: a Shell is used by one thread.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include "cairn/connection.h"
#include "cairn/database.h"
#include "line_reader.h"
#include "output_format.h"

namespace cairn::shell {

class Shell {
 public:
  /// Depth limit for nested .read (a script reading itself must not recurse forever).
  static constexpr int kMaxReadDepth = 16;

  Shell(Database& database, OutputFormat format, std::ostream& out, std::ostream& err);

  /// Runs `text`: a dot command if it starts with `.`, otherwise every statement in it (the
  /// last one need not end with `;`). Returns false if any failed.
  bool RunText(std::string_view text);
  /// Runs one SQL statement and prints its result or error. Returns false on error.
  bool RunStatement(std::string_view statement);
  /// Runs the script at `path`. Returns false if it cannot be read or any statement failed.
  bool RunFile(const std::string& path);
  /// Reads and runs lines until end of input or .quit. Returns false if anything failed.
  bool RunInput(LineReader& reader);
  /// Runs a dot command line (leading `.` included). Returns false on error.
  bool RunDotCommand(std::string_view line);

  bool quit_requested() const { return quit_requested_; }
  OutputFormat format() const { return format_; }
  bool timer() const { return timer_; }

  static constexpr const char* kPrompt = "cairn> ";
  static constexpr const char* kContinuationPrompt = "   ...> ";

 private:
  void PrintError(std::string_view message);
  void PrintHelp();

  Database& database_;
  Connection connection_;
  OutputFormat format_;
  bool timer_ = false;
  bool quit_requested_ = false;
  int read_depth_ = 0;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace cairn::shell

// Shell: one `cairn` session — a Connection on an open Database, the current output format and
// timer setting, and the loop that turns input lines into statements and dot commands.
//
// Input handling (shared by the terminal, piped stdin, -f FILE and .read FILE): lines are
// collected until a `;` outside literals and comments ends a statement (cairn/statement_splitter.h);
// each statement runs on its own and its result is printed before the next one runs. A line
// starting with `.` where a new statement would start is a dot command (dot_commands.cpp). At
// end of input an unterminated statement still runs (except on a terminal, where it is
// dropped, like psql). A failed statement prints its error to the error stream and the session
// goes on; the Run* methods report whether everything succeeded (the exit status for -c/-f).
//
// Interrupts (with a SignalWatcher attached): Ctrl-C while a statement runs cancels it (it fails
// with SQLSTATE 57014). On a terminal the rest of that input is dropped and the prompt returns;
// Ctrl-C while typing drops the partial statement. Elsewhere (-c, -f, piped input, .read) the
// run stops after the cancelled statement. SIGTERM/SIGHUP stop every loop.
//
// COPY ... TO STDOUT prints its rows (text or csv) to the output; COPY ... FROM STDIN is 0A000.
//
// Output errors: when writing to the output stream fails (a full disk, a closed pipe), the
// shell stops running statements and output_failed() turns true; the caller reports it and
// exits non-zero.
//
// Thread-safety: a Shell is used by one thread.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

#include "cairn/connection.h"
#include "cairn/copy_handler.h"
#include "cairn/database.h"
#include "line_reader.h"
#include "output_format.h"
#include "signal_watcher.h"

namespace cairn::shell {

class Shell : private CopyHandler {
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

  /// Attaches the signal watcher (may be null: no interrupt handling). The watcher must
  /// outlive the shell's use of it.
  void set_signal_watcher(SignalWatcher* signals) { signals_ = signals; }
  /// The connection statements run on (for SignalWatcher's interrupt()).
  Connection& connection() { return connection_; }

  bool quit_requested() const { return quit_requested_; }
  /// True once a write to the output stream failed; output_errno() is errno at that moment.
  bool output_failed() const { return output_failed_; }
  int output_errno() const { return output_errno_; }
  OutputFormat format() const { return format_; }
  bool timer() const { return timer_; }

  static constexpr const char* kPrompt = "cairn> ";
  static constexpr const char* kContinuationPrompt = "   ...> ";

 private:
  void PrintError(std::string_view message);
  void PrintHelp();
  // COPY ... TO STDOUT writes its rows to the output stream; COPY ... FROM STDIN is refused (the
  // shell's own input holds statements): 0A000 with a hint to load a file instead.
  std::string ReceiveCopyData(size_t columns) override;
  void BeginCopyOut(size_t columns) override { copied_out_ = true; }
  void SendCopyData(std::string_view data) override { out_ << data; }
  /// Interrupt count now (0 without a watcher).
  uint64_t Interrupts() const;
  /// True when the current loop must stop: quit, a failed output, SIGTERM/SIGHUP, or (when
  /// `stop_on_interrupt`) a Ctrl-C since `interrupts_at_start`.
  bool ShouldStop(uint64_t interrupts_at_start, bool stop_on_interrupt) const;

  Database& database_;
  Connection connection_;
  OutputFormat format_;
  bool timer_ = false;
  bool quit_requested_ = false;
  bool output_failed_ = false;
  int output_errno_ = 0;
  int read_depth_ = 0;
  bool copied_out_ = false;  // the running statement wrote COPY ... TO STDOUT rows (no tag is printed)
  SignalWatcher* signals_ = nullptr;
  std::ostream& out_;
  std::ostream& err_;
};

}  // namespace cairn::shell

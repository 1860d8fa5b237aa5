#include "shell.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "cairn/query_result.h"
#include "error_report.h"
#include "result_renderer.h"
#include "cairn/statement_splitter.h"

namespace cairn::shell {

Shell::Shell(Database& database, OutputFormat format, std::ostream& out, std::ostream& err)
    : database_(database), connection_(database), format_(format), out_(out), err_(err) {
  connection_.set_copy_handler(this);
}

std::string Shell::ReceiveCopyData(size_t) {
  throw Exception(sqlstate::kFeatureNotSupported, "COPY FROM STDIN is not supported in the cairn shell", std::nullopt,
                  "Load a file with COPY table FROM 'file', or send the data through cairn serve (psql's \\copy).");
}

void Shell::PrintError(std::string_view message) {
  out_.flush();
  err_ << message;
  if (message.empty() || message.back() != '\n') err_ << '\n';
  err_.flush();
}

uint64_t Shell::Interrupts() const { return signals_ != nullptr ? signals_->interrupts() : 0; }

bool Shell::ShouldStop(uint64_t interrupts_at_start, bool stop_on_interrupt) const {
  if (quit_requested_ || output_failed_) return true;
  if (signals_ == nullptr) return false;
  return signals_->terminate_requested() || (stop_on_interrupt && signals_->interrupts() != interrupts_at_start);
}

bool Shell::RunStatement(std::string_view statement) {
  if (output_failed_) return false;
  auto start = std::chrono::steady_clock::now();
  bool ok = true;
  /// Marks the statement as running for the signal watcher (Ctrl-C then cancels it).
  struct RunningMark {
    SignalWatcher* signals;
    explicit RunningMark(SignalWatcher* s) : signals(s) {
      if (signals) signals->set_statement_running(true);
    }
    ~RunningMark() {
      if (signals) signals->set_statement_running(false);
    }
  } running(signals_);
  try {
    copied_out_ = false;
    std::unique_ptr<QueryResult> result = connection_.query(statement);
    if (result == nullptr) {
      PrintError("Error: the engine returned no result (SQLSTATE XX000)");
      return false;
    }
    // Notices go to stderr, as psql prints them ("NOTICE:  ...").
    for (const Notice& notice : result->notices()) PrintError(notice.severity + ":  " + notice.message);
    std::unique_ptr<ResultRenderer> renderer = MakeResultRenderer(format_, out_);
    if (copied_out_ && !result->has_error()) {
      // The rows are the output, as psql prints them: no "COPY n" after them.
    } else if (!RenderQueryResult(*result, *renderer, &out_)) {
      ok = false;
      PrintError(FormatErrorReport(result->error(), statement));
    }
  } catch (const Exception& error) {
    ok = false;
    PrintError(FormatErrorReport(error, statement));
  } catch (const std::exception& error) {
    ok = false;
    PrintError(std::string("Error: ") + error.what() + " (SQLSTATE XX000)");
  }
  if (timer_) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char text[64];
    std::snprintf(text, sizeof(text), "Run Time: %.3f s\n", seconds);
    out_ << text;
  }
  errno = 0;
  out_.flush();
  if (!out_ && !output_failed_) {
    output_failed_ = true;
    output_errno_ = errno;
    ok = false;
  }
  return ok;
}

bool Shell::RunText(std::string_view text) {
  std::string_view trimmed = TrimSqlWhitespace(text);
  if (trimmed.starts_with('.')) return RunDotCommand(trimmed);
  SplitResult split = SplitSqlStatements(text);
  const uint64_t interrupts = Interrupts();
  bool ok = true;
  for (const SqlStatement& statement : split.statements) {
    if (ShouldStop(interrupts, true)) return false;
    ok &= RunStatement(statement.text);
  }
  if (ShouldStop(interrupts, true)) return false;
  if (!split.remainder_blank) ok &= RunStatement(TrimSqlWhitespace(split.remainder));
  return ok;
}

bool Shell::RunFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PrintError("Error: cannot open file '" + path + "' (SQLSTATE 58P01)");
    return false;
  }
  if (read_depth_ >= kMaxReadDepth) {
    PrintError("Error: .read nested too deeply reading '" + path + "' (SQLSTATE 54001)");
    return false;
  }
  ++read_depth_;
  StreamLineReader reader(in);
  bool ok = RunInput(reader);
  --read_depth_;
  return ok;
}

bool Shell::RunInput(LineReader& reader) {
  // A terminal survives Ctrl-C (it drops the current input); scripts and pipes stop.
  const bool stop_on_interrupt = !reader.interactive();
  const uint64_t interrupts_at_start = Interrupts();
  bool ok = true;
  std::string buffer;
  while (!ShouldStop(interrupts_at_start, stop_on_interrupt)) {
    bool at_statement_start = IsBlankSql(buffer);
    InputLine line = reader.ReadLine(at_statement_start ? kPrompt : kContinuationPrompt);
    if (line.kind == InputLine::Kind::kEnd) break;
    if (line.kind == InputLine::Kind::kInterrupted) {
      buffer.clear();  // Ctrl-C while typing: drop the partial statement
      continue;
    }
    std::string_view trimmed = TrimSqlWhitespace(line.text);
    if (at_statement_start && trimmed.starts_with('.')) {
      buffer.clear();
      ok &= RunDotCommand(trimmed);
      continue;
    }
    buffer.append(line.text);
    buffer.push_back('\n');
    SplitResult split = SplitSqlStatements(buffer);
    const uint64_t interrupts_before = Interrupts();
    bool interrupted = false;
    for (const SqlStatement& statement : split.statements) {
      ok &= RunStatement(statement.text);
      if (ShouldStop(interrupts_at_start, stop_on_interrupt)) break;
      if (Interrupts() != interrupts_before) {
        interrupted = true;  // Ctrl-C during a statement: drop the rest of this input
        break;
      }
    }
    buffer = interrupted || split.remainder_blank ? std::string() : std::string(split.remainder);
  }
  if (!reader.interactive() && !ShouldStop(interrupts_at_start, stop_on_interrupt) && !IsBlankSql(buffer)) {
    ok &= RunStatement(TrimSqlWhitespace(buffer));
  }
  if (ShouldStop(interrupts_at_start, stop_on_interrupt) && !quit_requested_) ok = false;
  return ok;
}

}  // namespace cairn::shell

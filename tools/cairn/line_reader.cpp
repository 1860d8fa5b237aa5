#include "line_reader.h"

#include <sys/select.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
// readline.h needs stdio.h first.
#include <readline/history.h>
#include <readline/readline.h>

#include "signal_watcher.h"

namespace cairn::shell {
namespace {

// The line handed over by readline's callback (readline's callback interface has no user
// pointer; only one ReadlineLineReader exists at a time).
struct PendingLine {
  bool done = false;
  bool eof = false;
  std::string text;
};
PendingLine* pending_line = nullptr;

}  // namespace

InputLine StreamLineReader::ReadLine(const char* prompt) {
  InputLine line;
  if (!std::getline(in_, line.text)) return line;
  if (!line.text.empty() && line.text.back() == '\r') line.text.pop_back();
  line.kind = InputLine::Kind::kLine;
  return line;
}

ReadlineLineReader::ReadlineLineReader(std::string history_path, SignalWatcher* signals)
    : history_path_(std::move(history_path)), signals_(signals) {
  rl_readline_name = "cairn";
  // The shell handles SIGINT/SIGTERM itself (signal_watcher.h); readline must not re-raise them.
  rl_catch_signals = 0;
  // Keep prompts out of redirected output (`cairn > result.txt` on a terminal).
  if (!isatty(STDOUT_FILENO)) rl_outstream = stderr;
  using_history();
  stifle_history(kHistoryLimit);
  if (!history_path_.empty()) read_history(history_path_.c_str());
}

ReadlineLineReader::~ReadlineLineReader() {
  if (!history_path_.empty()) write_history(history_path_.c_str());
}

void ReadlineLineReader::OnLine(char* line) {
  if (pending_line != nullptr) {
    pending_line->done = true;
    pending_line->eof = line == nullptr;
    if (line != nullptr) pending_line->text = line;
  }
  std::free(line);
  // Restore the terminal while the statement runs (Ctrl-C then raises SIGINT as usual).
  rl_callback_handler_remove();
}

InputLine ReadlineLineReader::ReadLine(const char* prompt) {
  InputLine result;
  uint64_t interrupts_seen = 0;
  if (signals_ != nullptr) {
    signals_->DrainWake();  // signals handled before this prompt (e.g. a cancelled query)
    interrupts_seen = signals_->interrupts();
    if (signals_->terminate_requested()) return result;
  }
  PendingLine line;
  pending_line = &line;
  rl_callback_handler_install(prompt, &ReadlineLineReader::OnLine);
  const int input_fd = fileno(rl_instream != nullptr ? rl_instream : stdin);
  while (!line.done) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(input_fd, &readable);
    int max_fd = input_fd;
    if (signals_ != nullptr) {
      FD_SET(signals_->wake_fd(), &readable);
      max_fd = std::max(max_fd, signals_->wake_fd());
    }
    if (select(max_fd + 1, &readable, nullptr, nullptr, nullptr) < 0) {
      if (errno == EINTR) continue;
      rl_callback_handler_remove();
      pending_line = nullptr;
      return result;  // kEnd
    }
    if (signals_ != nullptr && FD_ISSET(signals_->wake_fd(), &readable)) {
      signals_->DrainWake();
      if (signals_->terminate_requested()) {
        rl_callback_handler_remove();
        rl_crlf();
        pending_line = nullptr;
        return result;  // kEnd
      }
      if (signals_->interrupts() != interrupts_seen) {
        // Ctrl-C at the prompt: abandon the line being typed and start over on a new line.
        rl_replace_line("", 0);
        rl_crlf();
        rl_callback_handler_remove();
        pending_line = nullptr;
        result.kind = InputLine::Kind::kInterrupted;
        return result;
      }
    }
    if (FD_ISSET(input_fd, &readable)) rl_callback_read_char();
  }
  pending_line = nullptr;
  if (line.eof) return result;  // kEnd (Ctrl-D)
  if (line.text.find_first_not_of(" \t") != std::string::npos) {
    const HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
    if (last == nullptr || line.text != last->line) add_history(line.text.c_str());
  }
  result.kind = InputLine::Kind::kLine;
  result.text = std::move(line.text);
  return result;
}

std::string ReadlineLineReader::DefaultHistoryPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.cairn_history";
}

}  // namespace cairn::shell

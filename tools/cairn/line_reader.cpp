#include "line_reader.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
// readline.h needs stdio.h first.
#include <readline/history.h>
#include <readline/readline.h>

namespace cairn::shell {

std::optional<std::string> StreamLineReader::ReadLine(const char* prompt) {
  std::string line;
  if (!std::getline(in_, line)) return std::nullopt;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

ReadlineLineReader::ReadlineLineReader(std::string history_path) : history_path_(std::move(history_path)) {
  rl_readline_name = "cairn";
  // Keep prompts out of redirected output (`cairn > result.txt` on a terminal).
  if (!isatty(STDOUT_FILENO)) rl_outstream = stderr;
  using_history();
  stifle_history(kHistoryLimit);
  if (!history_path_.empty()) read_history(history_path_.c_str());
}

ReadlineLineReader::~ReadlineLineReader() {
  if (!history_path_.empty()) write_history(history_path_.c_str());
}

std::optional<std::string> ReadlineLineReader::ReadLine(const char* prompt) {
  char* raw = readline(prompt);
  if (raw == nullptr) return std::nullopt;
  std::string line(raw);
  std::free(raw);
  if (line.find_first_not_of(" \t") != std::string::npos) {
    const HIST_ENTRY* last = history_length > 0 ? history_get(history_base + history_length - 1) : nullptr;
    if (last == nullptr || line != last->line) add_history(line.c_str());
  }
  return line;
}

std::string ReadlineLineReader::DefaultHistoryPath() {
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.cairn_history";
}

}  // namespace cairn::shell

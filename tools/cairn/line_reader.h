// LineReader: where the shell's input lines come from — GNU readline with a persistent history
// (~/.cairn_history) on a terminal, or a plain stream (piped stdin, `-f FILE`, `.read FILE`)
// without prompts.
//
// On a terminal, readline runs through its callback interface in a select() loop that also
// watches the SignalWatcher's wake-up pipe, so Ctrl-C at the prompt clears the line being typed
// (the reader reports kInterrupted and the shell drops a partial statement, like psql) and
// SIGTERM/SIGHUP end the input (kEnd) so the history is still saved.
//
// Thread-safety: used by one thread; only one ReadlineLineReader may exist at a time (GNU
// readline keeps global state).
#pragma once

#include <istream>
#include <optional>
#include <string>

namespace cairn::shell {

class SignalWatcher;  // signal_watcher.h

/// What ReadLine produced.
struct InputLine {
  enum class Kind {
    kLine,         // `text` holds the line, without its terminator
    kEnd,          // end of input (EOF, Ctrl-D, or SIGTERM/SIGHUP on a terminal)
    kInterrupted,  // Ctrl-C while the line was being typed: discard any partial statement
  };
  Kind kind = Kind::kEnd;
  std::string text;
};

class LineReader {
 public:
  virtual ~LineReader() = default;
  /// The next line. `prompt` is shown only by interactive readers.
  virtual InputLine ReadLine(const char* prompt) = 0;
  /// Whether prompts are shown (and errors should not end the input).
  virtual bool interactive() const = 0;
};

/// Lines of a stream; a trailing "\r" is dropped (CRLF files).
class StreamLineReader final : public LineReader {
 public:
  explicit StreamLineReader(std::istream& in) : in_(in) {}
  InputLine ReadLine(const char* prompt) override;
  bool interactive() const override { return false; }

 private:
  std::istream& in_;
};

/// GNU readline on the terminal. Loads the history file on construction and saves it (last
/// kHistoryLimit lines) on destruction; a missing or unwritable history file is ignored.
class ReadlineLineReader final : public LineReader {
 public:
  static constexpr int kHistoryLimit = 1000;
  /// `history_path`: "" = no persistent history. `signals` (may be null) is watched while
  /// waiting for input.
  ReadlineLineReader(std::string history_path, SignalWatcher* signals);
  ~ReadlineLineReader() override;
  InputLine ReadLine(const char* prompt) override;
  bool interactive() const override { return true; }

  /// `$HOME/.cairn_history`, or "" when HOME is unset.
  static std::string DefaultHistoryPath();

 private:
  static void OnLine(char* line);

  std::string history_path_;
  SignalWatcher* signals_;
};

}  // namespace cairn::shell

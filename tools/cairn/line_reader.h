// LineReader: where the shell's input lines come from — GNU readline with a persistent history
// (~/.cairn_history) on a terminal, or a plain stream (piped stdin, `-f FILE`, `.read FILE`)
// without prompts.
//
// Thread-safety: used by one thread; only one ReadlineLineReader may exist at a time (GNU
// readline keeps global state).
#pragma once

#include <istream>
#include <optional>
#include <string>

namespace cairn::shell {

class LineReader {
 public:
  virtual ~LineReader() = default;
  /// The next line without its line terminator, or nullopt at end of input. `prompt` is shown
  /// only by interactive readers.
  virtual std::optional<std::string> ReadLine(const char* prompt) = 0;
  /// Whether prompts are shown (and errors should not end the input).
  virtual bool interactive() const = 0;
};

/// Lines of a stream; a trailing "\r" is dropped (CRLF files).
class StreamLineReader final : public LineReader {
 public:
  explicit StreamLineReader(std::istream& in) : in_(in) {}
  std::optional<std::string> ReadLine(const char* prompt) override;
  bool interactive() const override { return false; }

 private:
  std::istream& in_;
};

/// GNU readline on the terminal. Loads the history file on construction and saves it (last
/// kHistoryLimit lines) on destruction; a missing or unwritable history file is ignored.
class ReadlineLineReader final : public LineReader {
 public:
  static constexpr int kHistoryLimit = 1000;
  /// `history_path`: "" = no persistent history.
  explicit ReadlineLineReader(std::string history_path);
  ~ReadlineLineReader() override;
  std::optional<std::string> ReadLine(const char* prompt) override;
  bool interactive() const override { return true; }

  /// `$HOME/.cairn_history`, or "" when HOME is unset.
  static std::string DefaultHistoryPath();

 private:
  std::string history_path_;
};

}  // namespace cairn::shell

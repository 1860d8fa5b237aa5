#include "cairn/statement_splitter.h"

namespace cairn {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '$'; }

// Scans `text` from the start of a statement. Calls on_end(pos) for each `;` at top level.
// Returns false if the scan ended inside a literal or comment. `has_content` reports whether
// anything other than whitespace and comments was seen since the last `;`.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  /// Advances to the next top-level `;` (returns its index) or to the end (returns npos).
  size_t Next() {
    has_content_ = false;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (IsSpace(c)) {
        ++pos_;
      } else if (c == ';') {
        return pos_++;
      } else if (c == '-' && Peek(1) == '-') {
        SkipLineComment();
      } else if (c == '/' && Peek(1) == '*') {
        SkipBlockComment();
      } else if (c == '\'') {
        has_content_ = true;
        bool backslash = pos_ > 0 && (text_[pos_ - 1] == 'E' || text_[pos_ - 1] == 'e') &&
                         (pos_ < 2 || !IsIdentChar(text_[pos_ - 2]));
        SkipQuoted('\'', backslash);
      } else if (c == '"') {
        has_content_ = true;
        SkipQuoted('"', false);
      } else if (c == '$' && (pos_ == 0 || !IsIdentChar(text_[pos_ - 1])) && TrySkipDollarQuoted()) {
        has_content_ = true;
      } else {
        has_content_ = true;
        ++pos_;
      }
    }
    return std::string_view::npos;
  }

  bool has_content() const { return has_content_; }
  bool open() const { return open_; }

 private:
  char Peek(size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

  void SkipLineComment() {
    size_t end = text_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
  }

  void SkipBlockComment() {
    int depth = 0;
    while (pos_ < text_.size()) {
      if (text_[pos_] == '/' && Peek(1) == '*') {
        ++depth;
        pos_ += 2;
      } else if (text_[pos_] == '*' && Peek(1) == '/') {
        pos_ += 2;
        if (--depth == 0) return;
      } else {
        ++pos_;
      }
    }
    open_ = true;
  }

  void SkipQuoted(char quote, bool backslash_escapes) {
    ++pos_;
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (backslash_escapes && c == '\\') {
        pos_ += 2;
      } else if (c == quote) {
        if (Peek(1) == quote) {
          pos_ += 2;
        } else {
          ++pos_;
          return;
        }
      } else {
        ++pos_;
      }
    }
    pos_ = text_.size();
    open_ = true;
  }

  // At a `$`: if a dollar-quote opener `$tag$` starts here, skips the whole string and returns
  // true; otherwise leaves pos_ unchanged and returns false.
  bool TrySkipDollarQuoted() {
    size_t end = pos_ + 1;
    if (end < text_.size() && IsIdentStart(text_[end])) {
      while (end < text_.size() && IsIdentChar(text_[end]) && text_[end] != '$') ++end;
    }
    if (end >= text_.size() || text_[end] != '$') return false;
    std::string_view delimiter = text_.substr(pos_, end - pos_ + 1);
    size_t close = text_.find(delimiter, end + 1);
    if (close == std::string_view::npos) {
      pos_ = text_.size();
      open_ = true;
    } else {
      pos_ = close + delimiter.size();
    }
    return true;
  }

  std::string_view text_;
  size_t pos_ = 0;
  bool has_content_ = false;
  bool open_ = false;
};

}  // namespace

std::string_view TrimSqlWhitespace(std::string_view text) {
  size_t begin = 0;
  while (begin < text.size() && IsSpace(text[begin])) ++begin;
  size_t end = text.size();
  while (end > begin && IsSpace(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

SplitResult SplitSqlStatements(std::string_view text) {
  SplitResult result;
  Scanner scanner(text);
  size_t start = 0;
  while (true) {
    size_t semicolon = scanner.Next();
    if (semicolon == std::string_view::npos) {
      result.remainder = text.substr(start);
      result.remainder_blank = !scanner.has_content() && !scanner.open();
      return result;
    }
    if (scanner.has_content()) {
      std::string_view piece = text.substr(start, semicolon - start);
      std::string_view trimmed = TrimSqlWhitespace(piece);
      result.statements.push_back({std::string(trimmed), start + static_cast<size_t>(trimmed.data() - piece.data())});
    }
    start = semicolon + 1;
  }
}

bool IsBlankSql(std::string_view text) {
  SplitResult split = SplitSqlStatements(text);
  return split.statements.empty() && split.remainder_blank;
}

}  // namespace cairn

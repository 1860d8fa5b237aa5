#include "slt_parser.h"

#include <charconv>
#include <string>
#include <vector>

namespace cairn::slt {
namespace {

struct Line {
  std::string text;
  int number;  // 1-based
};

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::vector<std::string_view> Tokens(std::string_view text) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
    if (i > start) tokens.push_back(text.substr(start, i - start));
  }
  return tokens;
}

// The raw text after the first `count` tokens of `text`, trimmed.
std::string_view AfterTokens(std::string_view text, size_t count) {
  size_t i = 0;
  for (size_t k = 0; k < count; ++k) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    while (i < text.size() && text[i] != ' ' && text[i] != '\t') ++i;
  }
  return Trim(text.substr(i));
}

bool IsBlank(const Line& line) { return Trim(line.text).empty(); }

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

bool ParseInt(std::string_view text, long long& out) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

class Parser {
 public:
  explicit Parser(SltScript& script) : script_(script) {}

  void Parse(const std::vector<Line>& lines, int depth) {
    size_t i = 0;
    while (i < lines.size() && !script_.skip_reason) {
      const Line& line = lines[i];
      std::string_view trimmed = Trim(line.text);
      if (trimmed.empty() || trimmed[0] == '#') {
        ++i;
        continue;
      }
      std::vector<std::string_view> tokens = Tokens(trimmed);
      std::string_view keyword = tokens[0];
      if (keyword == "skipif" || keyword == "onlyif") {
        if (tokens.size() < 2) {
          Invalid(line.number, std::string(keyword) + " needs an engine name");
        } else if ((keyword == "skipif") == (tokens[1] == kEngineName)) {
          skip_next_ = true;
        }
        ++i;
      } else if (keyword == "hash-threshold") {
        ++i;
      } else if (keyword == "mode") {
        if (tokens.size() >= 2 && tokens[1] == "skip") mode_skip_ = true;
        if (tokens.size() >= 2 && tokens[1] == "unskip") mode_skip_ = false;
        ++i;
      } else if (keyword == "require") {
        std::string_view feature = tokens.size() >= 2 ? tokens[1] : std::string_view();
        bool known = false;
        for (std::string_view f : kKnownFeatures) known |= f == feature;
        if (!known) script_.skip_reason = "require " + std::string(feature);
        ++i;
      } else if (keyword == "halt") {
        SltRecord record;
        record.kind = SltRecord::Kind::kHalt;
        record.line = line.number;
        Add(std::move(record));
        ++i;
      } else if (keyword == "load" || keyword == "restart" || keyword == "connection") {
        SltRecord record;
        record.line = line.number;
        if (keyword == "restart") {
          record.kind = SltRecord::Kind::kRestart;
        } else if (tokens.size() < 2) {
          record.kind = SltRecord::Kind::kInvalid;
          record.message = std::string(keyword) + " needs an argument";
        } else {
          record.kind = keyword == "load" ? SltRecord::Kind::kLoad : SltRecord::Kind::kConnection;
          record.sql = std::string(tokens[1]);
          if (tokens.size() >= 3) record.label = std::string(tokens[2]);
        }
        Add(std::move(record));
        ++i;
      } else if (keyword == "loop") {
        i = ParseLoop(lines, i, depth);
      } else if (keyword == "endloop") {
        Invalid(line.number, "endloop without loop");
        ++i;
      } else if (keyword == "statement") {
        i = ParseStatement(lines, i, tokens);
      } else if (keyword == "query") {
        i = ParseQuery(lines, i, tokens);
      } else {
        Invalid(line.number, "unknown record type '" + std::string(keyword) + "'");
        // Skip the rest of this unknown record.
        while (i < lines.size() && !IsBlank(lines[i])) ++i;
      }
    }
  }

 private:
  void Add(SltRecord record) {
    record.skip = record.kind != SltRecord::Kind::kInvalid && (skip_next_ || mode_skip_);
    if (record.kind == SltRecord::Kind::kHalt && record.skip) {
      skip_next_ = false;
      return;  // a skipped halt does nothing
    }
    skip_next_ = false;
    script_.records.push_back(std::move(record));
  }

  void Invalid(int line, std::string message) {
    SltRecord record;
    record.kind = SltRecord::Kind::kInvalid;
    record.line = line;
    record.message = std::move(message);
    script_.records.push_back(std::move(record));
  }

  // Collects SQL lines from lines[i] until a blank line or `----`. Returns the index after them.
  size_t CollectSql(const std::vector<Line>& lines, size_t i, std::string& sql) {
    bool first = true;
    while (i < lines.size() && !IsBlank(lines[i]) && Trim(lines[i].text) != "----") {
      if (!first) sql.push_back('\n');
      std::string_view text = lines[i].text;
      if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
      sql.append(text);
      first = false;
      ++i;
    }
    return i;
  }

  // Collects lines after `----` (at lines[i]) until a blank line. Returns the index after them.
  size_t CollectBlock(const std::vector<Line>& lines, size_t i, std::vector<std::string>& out) {
    ++i;  // the ---- line
    while (i < lines.size() && !IsBlank(lines[i])) {
      std::string text = lines[i].text;
      if (!text.empty() && text.back() == '\r') text.pop_back();
      out.push_back(std::move(text));
      ++i;
    }
    return i;
  }

  size_t ParseStatement(const std::vector<Line>& lines, size_t i, const std::vector<std::string_view>& tokens) {
    SltRecord record;
    record.line = lines[i].number;
    std::string_view header = Trim(lines[i].text);
    if (tokens.size() >= 2 && tokens[1] == "ok") {
      record.kind = SltRecord::Kind::kStatementOk;
    } else if (tokens.size() >= 2 && tokens[1] == "error") {
      record.kind = SltRecord::Kind::kStatementError;
      record.message = std::string(AfterTokens(header, 2));
    } else {
      Invalid(record.line, "expected 'statement ok' or 'statement error'");
      while (i < lines.size() && !IsBlank(lines[i])) ++i;
      return i;
    }
    i = CollectSql(lines, i + 1, record.sql);
    if (i < lines.size() && Trim(lines[i].text) == "----") {
      std::vector<std::string> block;
      i = CollectBlock(lines, i, block);
      if (record.kind == SltRecord::Kind::kStatementError) {
        record.message.clear();
        for (size_t k = 0; k < block.size(); ++k) {
          if (k) record.message.push_back('\n');
          record.message.append(block[k]);
        }
      }
    }
    if (record.sql.empty()) {
      Invalid(record.line, "statement without SQL");
      return i;
    }
    Add(std::move(record));
    return i;
  }

  size_t ParseQuery(const std::vector<Line>& lines, size_t i, const std::vector<std::string_view>& tokens) {
    SltRecord record;
    record.kind = SltRecord::Kind::kQuery;
    record.line = lines[i].number;
    if (tokens.size() < 2) {
      Invalid(record.line, "query needs a typestring (e.g. 'query IT')");
      while (i < lines.size() && !IsBlank(lines[i])) ++i;
      return i;
    }
    record.types = std::string(tokens[1]);
    size_t next = 2;
    if (tokens.size() > next) {
      if (tokens[next] == "nosort") {
        record.sort = SortMode::kNoSort;
        ++next;
      } else if (tokens[next] == "rowsort") {
        record.sort = SortMode::kRowSort;
        ++next;
      } else if (tokens[next] == "valuesort") {
        record.sort = SortMode::kValueSort;
        ++next;
      }
    }
    if (tokens.size() > next) record.label = std::string(tokens[next]);
    i = CollectSql(lines, i + 1, record.sql);
    if (i >= lines.size() || Trim(lines[i].text) != "----") {
      // SQLite allows a query without results only with hashing; we require `----`.
      Invalid(record.line, "query without '----' and expected results");
      return i;
    }
    i = CollectBlock(lines, i, record.expected);
    if (record.sql.empty()) {
      Invalid(record.line, "query without SQL");
      return i;
    }
    Add(std::move(record));
    return i;
  }

  size_t ParseLoop(const std::vector<Line>& lines, size_t i, int depth) {
    const Line& header = lines[i];
    std::vector<std::string_view> tokens = Tokens(Trim(header.text));
    long long start = 0, end = 0;
    if (tokens.size() != 4 || !ParseInt(tokens[2], start) || !ParseInt(tokens[3], end)) {
      Invalid(header.number, "expected 'loop VAR START END'");
    }
    // Find the matching endloop.
    size_t j = i + 1;
    int nesting = 1;
    for (; j < lines.size(); ++j) {
      std::vector<std::string_view> t = Tokens(Trim(lines[j].text));
      if (t.empty()) continue;
      if (t[0] == "loop" || t[0] == "foreach") ++nesting;
      if (t[0] == "endloop" && --nesting == 0) break;
    }
    if (j >= lines.size()) {
      Invalid(header.number, "loop without endloop");
      return lines.size();
    }
    constexpr long long kMaxIterations = 100000;
    if (tokens.size() == 4 && end - start <= kMaxIterations && depth < 8) {
      std::string placeholder = "${" + std::string(tokens[1]) + "}";
      std::vector<Line> body(lines.begin() + i + 1, lines.begin() + j);
      for (long long value = start; value < end && !script_.skip_reason; ++value) {
        std::vector<Line> copy = body;
        for (Line& line : copy) line.text = ReplaceAll(std::move(line.text), placeholder, std::to_string(value));
        Parse(copy, depth + 1);
      }
    } else if (tokens.size() == 4) {
      Invalid(header.number, "loop too large or nested too deeply");
    }
    return j + 1;
  }

  SltScript& script_;
  bool skip_next_ = false;
  bool mode_skip_ = false;
};

}  // namespace

SltScript ParseSltScript(std::string_view text) {
  std::vector<Line> lines;
  int number = 1;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line(text.substr(start, end - start));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back({std::move(line), number++});
    if (end == text.size()) break;
    start = end + 1;
  }
  SltScript script;
  Parser parser(script);
  parser.Parse(lines, 0);
  return script;
}

}  // namespace cairn::slt

#include "common/ascii.h"
#include "sql/statement_preprocessor.h"

#include "catalog/file_table_functions.h"

#include <algorithm>
#include <cctype>
#include <regex>

namespace cairn {

namespace {

bool IsIdentifierChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

/// Reads the word starting at `position` (letters, digits, '_'), lowercased.
std::string WordAt(const std::string& sql, size_t position) {
  size_t end = position;
  while (end < sql.size() && IsIdentifierChar(sql[end])) end++;
  return Lower(sql.substr(position, end - position));
}

/// Rewrites FROM 'path' and JOIN 'path' (in a SELECT's FROM clause) into function calls.
void RewriteFileReferences(PreprocessedStatement& statement) {
  const std::string& in = statement.sql;
  std::string out;
  out.reserve(in.size() + 32);
  std::vector<bool> select_at_depth = {false};
  std::string previous_word;  // last keyword/identifier token, lowercased ("" after other tokens)
  std::string word_before;    // the word token before previous_word ("" if another token came between)
  size_t i = 0;
  while (i < in.size()) {
    char c = in[i];
    if (c == '-' && i + 1 < in.size() && in[i + 1] == '-') {
      size_t end = in.find('\n', i);
      end = end == std::string::npos ? in.size() : end;
      out.append(in, i, end - i);
      i = end;
      continue;
    }
    if (c == '/' && i + 1 < in.size() && in[i + 1] == '*') {
      size_t end = SkipSpaceAndComments(in, i);
      out.append(in, i, end - i);
      i = end;
      continue;
    }
    if (c == '\'') {
      size_t end = i + 1;
      while (end < in.size()) {
        if (in[end] == '\'') {
          if (end + 1 < in.size() && in[end + 1] == '\'') {
            end += 2;
            continue;
          }
          break;
        }
        end++;
      }
      if (end >= in.size()) {  // unterminated: leave it for the parser to report
        out.append(in, i, std::string::npos);
        break;
      }
      // `IS [NOT] DISTINCT FROM 'x'` compares with a literal; it names no file.
      bool rewrite = (previous_word == "from" || previous_word == "join") && word_before != "distinct" &&
                     select_at_depth.back();
      if (rewrite) {
        std::string prefix = std::string(kFileScanFunction) + "(";
        statement.edits.emplace_back(static_cast<int>(out.size()), static_cast<int>(prefix.size()));
        out += prefix;
      }
      out.append(in, i, end + 1 - i);
      if (rewrite) {
        statement.edits.emplace_back(static_cast<int>(out.size()), 1);
        out += ")";
      }
      i = end + 1;
      previous_word.clear();
      word_before.clear();
      continue;
    }
    if (c == '"') {
      size_t end = in.find('"', i + 1);
      while (end != std::string::npos && end + 1 < in.size() && in[end + 1] == '"') end = in.find('"', end + 2);
      end = end == std::string::npos ? in.size() - 1 : end;
      out.append(in, i, end + 1 - i);
      i = end + 1;
      previous_word.clear();
      word_before.clear();
      continue;
    }
    if (IsIdentifierChar(c)) {
      std::string word = WordAt(in, i);
      out.append(in, i, word.size());
      i += word.size();
      if (word == "select") select_at_depth.back() = true;
      word_before = previous_word;
      previous_word = word;
      continue;
    }
    if (c == '(') select_at_depth.push_back(false);
    if (c == ')' && select_at_depth.size() > 1) select_at_depth.pop_back();
    if (!std::isspace(static_cast<unsigned char>(c))) {
      previous_word.clear();
      word_before.clear();
    }
    out += c;
    i++;
  }
  statement.sql = std::move(out);
}

}  // namespace

size_t SkipSpaceAndComments(const std::string& sql, size_t position) {
  size_t i = position;
  while (i < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[i]))) {
      i++;
    } else if (sql[i] == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') i++;
    } else if (sql[i] == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      int depth = 0;
      while (i < sql.size()) {
        if (sql[i] == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
          depth++;
          i += 2;
        } else if (sql[i] == '*' && i + 1 < sql.size() && sql[i + 1] == '/') {
          depth--;
          i += 2;
          if (depth == 0) break;
        } else {
          i++;
        }
      }
    } else {
      break;
    }
  }
  return std::min(i, sql.size());
}

int PreprocessedStatement::MapPosition(int rewritten_position) const {
  int zero_based = rewritten_position - 1;
  int shift = 0;
  for (const auto& [at, delta] : edits) {
    if (zero_based >= at + std::max(delta, 0)) {
      shift += delta;
    } else if (zero_based >= at) {
      shift += zero_based - at;  // inside inserted text: point at the insertion point
    }
  }
  int original = zero_based - shift;
  return (original < 0 ? 0 : original) + 1;
}

PreprocessedStatement PreprocessStatement(const std::string& sql) {
  PreprocessedStatement statement;
  statement.sql = sql;
  size_t start = SkipSpaceAndComments(sql, 0);
  std::string first = start < sql.size() ? WordAt(sql, start) : "";
  size_t after_first = start < sql.size() ? SkipSpaceAndComments(sql, start + first.size()) : sql.size();
  std::string second = after_first < sql.size() ? WordAt(sql, after_first) : "";
  if (first == "show" && (second == "all" || second == "columns")) {
    size_t after_second = SkipSpaceAndComments(sql, after_first + second.size());
    std::string third = after_second < sql.size() ? WordAt(sql, after_second) : "";
    if (second == "all" && third == "tables") {
      size_t end = SkipSpaceAndComments(sql, after_second + third.size());
      while (end < sql.size() && sql[end] == ';') end = SkipSpaceAndComments(sql, end + 1);
      if (end == sql.size()) {
        statement.kind = PreprocessedStatement::Kind::SHOW_ALL_TABLES;
        return statement;
      }
    }
    if (second == "columns" && (third == "from" || third == "in")) {
      // SHOW COLUMNS FROM t: DESCRIBE t.
      size_t rest = SkipSpaceAndComments(sql, after_second + third.size());
      statement.kind = PreprocessedStatement::Kind::DESCRIBE;
      std::string prefix = "SELECT * FROM ";
      statement.sql = prefix + sql.substr(rest);
      statement.edits.emplace_back(0, static_cast<int>(prefix.size()) - static_cast<int>(rest));
      return statement;
    }
  }
  if (first == "create") {
    // CREATE TABLE name OF type FOR PROJECT 'id' → ... WITH (project = 'id'), the form
    // PostgreSQL's grammar parses (docs/design/projects.md).
    static const std::regex kForProject(R"(\s+for\s+project\s+('(?:[^']|'')*')\s*;?\s*$)", std::regex::icase);
    std::smatch match;
    if (std::regex_search(sql, match, kForProject)) {
      std::string replacement = " WITH (project = " + match[1].str() + ")";
      int at = static_cast<int>(match.position(0));
      statement.sql = sql.substr(0, static_cast<size_t>(at)) + replacement;
      statement.edits.emplace_back(at, static_cast<int>(replacement.size()) - static_cast<int>(match.length(0)));
      return statement;
    }
  }
  if (first == "describe" || first == "desc") {
    statement.kind = PreprocessedStatement::Kind::DESCRIBE;
    size_t rest = after_first;
    std::string next = rest < sql.size() ? WordAt(sql, rest) : "";
    bool is_query = next == "select" || next == "with" || next == "values" || next == "from" || next == "insert" ||
                    next == "update" || next == "delete" || (rest < sql.size() && sql[rest] == '(');
    std::string prefix = is_query ? "" : "SELECT * FROM ";
    statement.sql = prefix + sql.substr(rest);
    // One edit at 0: the shift between "prefix + rest-of-text" and the original.
    statement.edits.emplace_back(0, static_cast<int>(prefix.size()) - static_cast<int>(rest));
  } else if (first == "use") {
    statement.kind = PreprocessedStatement::Kind::USE;
    size_t rest = SkipSpaceAndComments(sql, start + first.size());
    std::string target = sql.substr(rest);
    while (!target.empty() && (std::isspace(static_cast<unsigned char>(target.back())) || target.back() == ';')) {
      target.pop_back();
    }
    if (target.size() >= 2 && target.front() == '"' && target.back() == '"') {
      target = target.substr(1, target.size() - 2);
    } else {
      target = Lower(target);
    }
    statement.use_target = target;
    return statement;
  }
  RewriteFileReferences(statement);
  return statement;
}

}  // namespace cairn

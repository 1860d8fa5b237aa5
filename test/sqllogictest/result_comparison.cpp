#include "result_comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <regex>

namespace cairn::slt {
namespace {

std::vector<std::string> SplitOn(std::string_view line, char separator) {
  std::vector<std::string> values;
  size_t start = 0;
  while (true) {
    size_t end = line.find(separator, start);
    if (end == std::string_view::npos) {
      values.emplace_back(line.substr(start));
      return values;
    }
    values.emplace_back(line.substr(start, end - start));
    start = end + 1;
  }
}

std::vector<std::string> SplitOnSpaces(std::string_view line) {
  std::vector<std::string> values;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) values.emplace_back(line.substr(start, i - start));
  }
  return values;
}

bool ParseNumber(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

bool ValuesMatch(const std::string& expected, const std::string& actual, bool real) {
  if (expected == actual) return true;
  if (!real) return false;
  double e, a;
  if (!ParseNumber(expected, e) || !ParseNumber(actual, a)) return false;
  if (std::isnan(e) || std::isnan(a)) return std::isnan(e) && std::isnan(a);
  if (std::isinf(e) || std::isinf(a)) return e == a;
  return std::fabs(e - a) <= kRealTolerance * std::max({1.0, std::fabs(e), std::fabs(a)});
}

}  // namespace

std::optional<TextRows> ParseExpectedRows(const std::vector<std::string>& expected, size_t column_count,
                                          std::string& error) {
  TextRows rows;
  bool row_wise = true;
  for (const std::string& line : expected) {
    std::vector<std::string> values = SplitOn(line, '\t');
    if (values.size() != column_count && values.size() == 1 && column_count > 1) {
      std::vector<std::string> spaced = SplitOnSpaces(line);
      if (spaced.size() == column_count) values = std::move(spaced);
    }
    if (values.size() != column_count) {
      row_wise = false;
      break;
    }
    rows.push_back(std::move(values));
  }
  if (row_wise) return rows;

  // SQLite's value-per-line layout.
  if (column_count > 0 && expected.size() % column_count == 0) {
    rows.clear();
    for (size_t i = 0; i < expected.size(); i += column_count) {
      rows.emplace_back(expected.begin() + static_cast<std::ptrdiff_t>(i),
                        expected.begin() + static_cast<std::ptrdiff_t>(i + column_count));
    }
    return rows;
  }
  error = "expected results do not split into " + std::to_string(column_count) + " column(s)";
  return std::nullopt;
}

std::optional<std::string> CompareQueryResult(const SltRecord& record, size_t column_count, TextRows actual) {
  if (!record.types.empty() && record.types.size() != column_count) {
    return "the typestring '" + record.types + "' declares " + std::to_string(record.types.size()) +
           " column(s) but the query returned " + std::to_string(column_count);
  }
  if (!record.expected.empty() && record.expected[0].find(" values hashing to ") != std::string::npos) {
    return "hashed results ('N values hashing to ...') are not supported; list the values";
  }
  std::string error;
  std::optional<TextRows> expected = ParseExpectedRows(record.expected, column_count, error);
  if (!expected) return error;

  if (record.sort == SortMode::kRowSort) {
    std::sort(expected->begin(), expected->end());
    std::sort(actual.begin(), actual.end());
  } else if (record.sort == SortMode::kValueSort) {
    auto flatten = [](TextRows& rows) {
      std::vector<std::string> values;
      for (auto& row : rows) {
        for (auto& value : row) values.push_back(std::move(value));
      }
      std::sort(values.begin(), values.end());
      rows.clear();
      for (auto& value : values) rows.push_back({std::move(value)});
    };
    flatten(*expected);
    flatten(actual);
  }

  if (expected->size() != actual.size()) {
    return "expected " + std::to_string(expected->size()) + " row(s) but got " + std::to_string(actual.size());
  }
  for (size_t row = 0; row < actual.size(); ++row) {
    for (size_t column = 0; column < actual[row].size() && column < (*expected)[row].size(); ++column) {
      bool real = record.sort != SortMode::kValueSort && column < record.types.size() && record.types[column] == 'R';
      if (!ValuesMatch((*expected)[row][column], actual[row][column], real)) {
        return "row " + std::to_string(row + 1) + ", column " + std::to_string(column + 1) + ": expected '" +
               (*expected)[row][column] + "' but got '" + actual[row][column] + "'";
      }
    }
  }
  return std::nullopt;
}

bool ErrorMatches(std::string_view expected, std::string_view sqlstate, std::string_view message) {
  if (expected.empty()) return true;
  constexpr std::string_view kRegexPrefix = "<REGEX>:";
  if (expected.starts_with(kRegexPrefix)) {
    std::string pattern(expected.substr(kRegexPrefix.size()));
    try {
      return std::regex_search(std::string(message), std::regex(pattern));
    } catch (const std::regex_error&) {
      return false;
    }
  }
  if (expected == sqlstate) return true;
  if (message.find(expected) != std::string_view::npos) return true;
  try {
    return std::regex_search(std::string(message), std::regex(std::string(expected)));
  } catch (const std::regex_error&) {
    return false;
  }
}

std::string FormatRows(const TextRows& rows) {
  std::string text;
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) {
      if (i) text.push_back('\t');
      text.append(row[i]);
    }
    text.push_back('\n');
  }
  return text;
}

}  // namespace cairn::slt

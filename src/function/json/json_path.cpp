// DuckDB-style JSONPath parsing and evaluation (see json_path.h).
#include "function/json/json_path.h"

#include "cairn/exception.h"
#include "function/json/json_navigation.h"

namespace cairn::json {
namespace {

[[noreturn]] void BadPath(std::string_view path, size_t position) {
  throw Exception(sqlstate::kInvalidParameterValue,
                  "JSON path error near position " + std::to_string(position + 1) + " in \"" + std::string(path) + "\"");
}

}  // namespace

std::vector<JsonPathStep> ParseJsonPath(std::string_view path) {
  std::vector<JsonPathStep> steps;
  if (path.empty() || path[0] != '$') BadPath(path, 0);
  size_t pos = 1;
  while (pos < path.size()) {
    JsonPathStep step;
    if (path[pos] == '.') {
      pos++;
      if (pos < path.size() && path[pos] == '"') {
        size_t end = path.find('"', pos + 1);
        if (end == std::string_view::npos) BadPath(path, pos);
        step.key = std::string(path.substr(pos + 1, end - pos - 1));
        pos = end + 1;
      } else {
        size_t end = pos;
        while (end < path.size() && path[end] != '.' && path[end] != '[') end++;
        if (end == pos) BadPath(path, pos);
        step.key = std::string(path.substr(pos, end - pos));
        pos = end;
      }
    } else if (path[pos] == '[') {
      size_t end = path.find(']', pos);
      if (end == std::string_view::npos) BadPath(path, pos);
      std::string_view inner = path.substr(pos + 1, end - pos - 1);
      bool from_end = false;
      if (!inner.empty() && inner[0] == '#') {
        from_end = true;
        inner.remove_prefix(1);
        if (inner.empty()) BadPath(path, pos);  // [#]: one past the end, never an element
        if (inner[0] != '-') BadPath(path, pos);
        inner.remove_prefix(1);
      }
      if (inner.empty() || inner.size() > 18) BadPath(path, pos);
      int64_t value = 0;
      for (char c : inner) {
        if (c < '0' || c > '9') BadPath(path, pos);
        value = value * 10 + (c - '0');
      }
      step.is_index = true;
      step.index = from_end ? -value : value;
      if (from_end && value == 0) BadPath(path, pos);
      pos = end + 1;
    } else {
      BadPath(path, pos);
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

std::optional<std::string_view> FollowJsonPath(std::string_view text, const std::vector<JsonPathStep>& steps) {
  std::optional<std::string_view> current = TrimJsonSpace(text);
  for (const auto& step : steps) {
    current = step.is_index ? FindElement(*current, step.index) : FindMember(*current, step.key);
    if (!current) return std::nullopt;
  }
  return current;
}

}  // namespace cairn::json

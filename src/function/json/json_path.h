// The JSONPath subset DuckDB's json_extract / json_extract_string accept: `$` (the root),
// `.key`, `."quoted key"`, `[n]` (element n from 0) and `[#-n]` (n-th from the end), e.g.
// '$.a.b[0]'.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::json {

struct JsonPathStep {
  bool is_index = false;
  std::string key;     // member name, when !is_index
  int64_t index = 0;   // element index; negative counts from the end ([#-1] is -1)
};

/// Parses `path`. Throws cairn::Exception 22023 naming the path and the offending position.
std::vector<JsonPathStep> ParseJsonPath(std::string_view path);

/// Follows `steps` from the valid JSON text `text`; nullopt where a step finds nothing.
std::optional<std::string_view> FollowJsonPath(std::string_view text, const std::vector<JsonPathStep>& steps);

}  // namespace cairn::json

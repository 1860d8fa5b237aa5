// OutputFormat: the shell's result formats (`--format`, `.mode`) and their names.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string_view>

namespace cairn::shell {

enum class OutputFormat {
  kTable,     // aligned box with names and types (DuckDB/psql-like)
  kCsv,       // RFC 4180
  kJson,      // one JSON array of objects
  kMarkdown,  // GitHub-flavoured Markdown table
};

/// "table", "csv", "json" or "markdown" (case-sensitive); nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(std::string_view name);
/// The name ParseOutputFormat accepts for `format`.
std::string_view OutputFormatName(OutputFormat format);

}  // namespace cairn::shell

#include "main/datasources_file.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <filesystem>

#include "cairn/exception.h"
#include "io/file_system.h"

namespace cairn {

namespace {

constexpr const char* kFileName = "datasources.json";

[[noreturn]] void Fail(const std::string& where, const std::string& message) {
  throw Exception(sqlstate::kConfigFileError, where + ": " + message);
}

std::string Normalized(const std::string& path) {
  std::error_code ignored;
  std::filesystem::path absolute = std::filesystem::absolute(path.empty() ? "." : path, ignored);
  std::string text = absolute.lexically_normal().string();
  while (text.size() > 1 && text.back() == '/') text.pop_back();
  return text;
}

std::string LastSegment(const std::string& normalized) {
  size_t slash = normalized.find_last_of('/');
  return slash == std::string::npos ? normalized : normalized.substr(slash + 1);
}

}  // namespace

std::optional<std::chrono::milliseconds> ParseFlushInterval(const std::string& text) {
  if (text.empty()) return std::nullopt;
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) i++;
    if (i == start) return std::nullopt;
    double number = 0;
    try {
      number = std::stod(text.substr(start, i - start));
    } catch (...) {
      return std::nullopt;
    }
    size_t unit_start = i;
    while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) i++;
    std::string unit = text.substr(unit_start, i - unit_start);
    double scale = 0;
    if (unit == "ms") scale = 1;
    else if (unit == "s") scale = 1000;
    else if (unit == "m") scale = 60 * 1000;
    else if (unit == "h") scale = 3600 * 1000;
    else return std::nullopt;
    total_ms += number * scale;
  }
  if (total_ms > 1e12) return std::nullopt;
  return std::chrono::milliseconds(static_cast<int64_t>(total_ms));
}

std::optional<DatasourceSettings> ReadDatasourcesFile(FileSystem& file_system, const std::string& data_dir) {
  const std::string path = data_dir.empty() ? kFileName : data_dir + "/" + kFileName;
  if (!file_system.Exists(path)) return std::nullopt;
  const std::string text = file_system.ReadFile(path);
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    Fail(path, fmt::format("invalid JSON at byte {}", e.byte));
  }
  if (!document.is_object() || !document.contains("datasources") || !document["datasources"].is_array()) {
    Fail(path, "expected an object with a \"datasources\" array");
  }
  const std::string directory = Normalized(data_dir);
  std::optional<DatasourceSettings> found;
  const auto& entries = document["datasources"];
  for (size_t i = 0; i < entries.size(); i++) {
    const auto& entry = entries[i];
    std::string where = fmt::format("{}: datasources[{}]", path, i);
    if (!entry.is_object()) Fail(where, "must be an object");
    if (!entry.contains("name") || !entry["name"].is_string()) Fail(where, "needs a string \"name\"");
    const std::string name = entry["name"].get<std::string>();
    where += fmt::format(" (\"{}\")", name);
    if (!entry.contains("type") || !entry["type"].is_string()) Fail(where, "needs a string \"type\"");
    const std::string type = entry["type"].get<std::string>();
    DatasourceSettings settings;
    if (entry.contains("writable")) {
      if (!entry["writable"].is_boolean()) Fail(where, "\"writable\" must be true or false");
      settings.writable = entry["writable"].get<bool>();
    }
    if (entry.contains("options")) {
      const auto& options = entry["options"];
      if (!options.is_object()) Fail(where, "\"options\" must be an object");
      for (const auto& [key, value] : options.items()) {
        if (key == "writable") {
          if (!value.is_boolean()) Fail(where, "\"options.writable\" must be true or false");
          settings.writable = settings.writable.value_or(false) || value.get<bool>();
        } else if (key == "compression") {
          static const char* kKnown[] = {"snappy", "gzip", "zstd", "lz4", "none"};
          if (!value.is_string()) Fail(where, "\"options.compression\" must be a string");
          std::string codec = value.get<std::string>();
          bool known = false;
          for (const char* k : kKnown) known = known || codec == k;
          if (!known) Fail(where, fmt::format("unknown compression \"{}\" (use snappy, gzip, zstd, lz4 or none)", codec));
          settings.compression = codec;
        } else if (key == "flush_interval") {
          if (!value.is_string()) Fail(where, "\"options.flush_interval\" must be a string such as \"10s\" or \"1m\"");
          auto interval = ParseFlushInterval(value.get<std::string>());
          if (!interval) {
            Fail(where, fmt::format("\"options.flush_interval\" \"{}\" is not a duration such as \"10s\" or \"1m\"",
                                    value.get<std::string>()));
          }
          settings.flush_interval = *interval;
        }
        // Other options belong to other data sources of the seed; they are not Cairn's.
      }
    }
    if (type != "parquet") continue;
    const bool names_directory = name == "." || Normalized(name) == directory || name == LastSegment(directory);
    if (!names_directory) continue;
    if (found) Fail(where, "a second entry names this data directory");
    found = settings;
  }
  return found;
}

}  // namespace cairn

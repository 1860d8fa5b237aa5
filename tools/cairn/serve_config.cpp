#include "serve_config.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cairn/exception.h"

namespace cairn::shell {

namespace {

/// A number and a unit suffix ("1.5", "min"); false when the number is not a plain decimal.
bool SplitNumber(const std::string& text, double& number, std::string& unit) {
  size_t end = 0;
  while (end < text.size() && (std::isdigit(static_cast<unsigned char>(text[end])) || text[end] == '.')) end++;
  if (end == 0) return false;
  auto [ptr, error] = std::from_chars(text.data(), text.data() + end, number);
  if (error != std::errc() || ptr != text.data() + end) return false;
  size_t unit_start = end;
  while (unit_start < text.size() && text[unit_start] == ' ') unit_start++;
  unit = text.substr(unit_start);
  return true;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

/// Reads one config file's nodes, naming the file, line and key path in every error.
class ConfigReader {
 public:
  explicit ConfigReader(std::string file_name) : file_name_(std::move(file_name)) {}

  [[noreturn]] void Fail(const YAML::Node& node, const std::string& key, const std::string& problem) const {
    const YAML::Mark mark = node.Mark();
    const std::string line = mark.line >= 0 ? fmt::format("line {}: ", mark.line + 1) : "";
    throw Exception(sqlstate::kConfigFileError, fmt::format("{}: {}{}: {}", file_name_, line, key, problem));
  }

  /// The mapping `node`'s keys, checked against `allowed`.
  void CheckKeys(const YAML::Node& node, const std::string& where, const std::set<std::string>& allowed) const {
    if (!node.IsMap()) Fail(node, where.empty() ? "(top level)" : where, "expected a mapping of keys to values");
    for (const auto& item : node) {
      const std::string key = item.first.Scalar();
      if (!allowed.count(key)) {
        std::string known;
        for (const std::string& name : allowed) known += (known.empty() ? "" : ", ") + name;
        Fail(item.first, where.empty() ? key : where + "." + key, "unknown key (expected one of: " + known + ")");
      }
    }
  }

  std::string String(const YAML::Node& node, const std::string& key) const {
    if (!node.IsScalar()) Fail(node, key, "expected a string");
    return node.Scalar();
  }

  uint64_t Unsigned(const YAML::Node& node, const std::string& key, uint64_t min, uint64_t max) const {
    const std::string text = node.IsScalar() ? node.Scalar() : "";
    uint64_t value = 0;
    auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (!node.IsScalar() || text.empty() || error != std::errc() || ptr != text.data() + text.size() || value < min ||
        value > max) {
      Fail(node, key, fmt::format("expected a whole number from {} to {}", min, max));
    }
    return value;
  }

  bool Bool(const YAML::Node& node, const std::string& key) const {
    const std::string text = node.IsScalar() ? Lower(node.Scalar()) : "";
    if (text == "true" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "no" || text == "off") return false;
    Fail(node, key, "expected true or false");
  }

 private:
  std::string file_name_;
};

}  // namespace

std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  double number = 0;
  std::string unit;
  if (!SplitNumber(text, number, unit)) return std::nullopt;
  double factor = 0;  // to milliseconds
  if (unit.empty() || unit == "ms") factor = 1;
  else if (unit == "us") factor = 0.001;
  else if (unit == "s") factor = 1000;
  else if (unit == "min") factor = 60'000;
  else if (unit == "h") factor = 3'600'000;
  else if (unit == "d") factor = 86'400'000;
  else return std::nullopt;
  const double milliseconds = number * factor;
  if (milliseconds > 1e15) return std::nullopt;
  return std::chrono::milliseconds(static_cast<int64_t>(milliseconds + 0.5));
}

std::optional<uint64_t> ParseMemorySize(const std::string& text) {
  double number = 0;
  std::string unit;
  if (!SplitNumber(text, number, unit)) return std::nullopt;
  unit = Lower(unit);
  double factor = 0;
  if (unit.empty() || unit == "b") factor = 1;
  else if (unit == "kb" || unit == "kib") factor = 1024.0;
  else if (unit == "mb" || unit == "mib") factor = 1024.0 * 1024;
  else if (unit == "gb" || unit == "gib") factor = 1024.0 * 1024 * 1024;
  else if (unit == "tb" || unit == "tib") factor = 1024.0 * 1024 * 1024 * 1024;
  else return std::nullopt;
  const double bytes = number * factor;
  if (bytes >= 9.2e18) return std::nullopt;
  return static_cast<uint64_t>(bytes);
}

ServeOptions ParseServeConfig(const std::string& text, const std::string& file_name, ServeOptions base) {
  ConfigReader reader(file_name);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    throw Exception(sqlstate::kConfigFileError,
                    fmt::format("{}: line {}: invalid YAML: {}", file_name, error.mark.line + 1, error.msg));
  }
  if (root.IsNull()) return base;  // an empty file
  reader.CheckKeys(root, "",
                   {"data_dir", "host", "port", "http_port", "writable", "threads", "http_token", "users", "tls",
                    "limits"});
  const std::filesystem::path directory = std::filesystem::path(file_name).parent_path();
  auto relative_to_file = [&](const std::string& path) {
    return std::filesystem::path(path).is_absolute() || directory.empty() ? path : (directory / path).string();
  };
  for (const auto& item : root) {
    const std::string key = item.first.Scalar();
    const YAML::Node& value = item.second;
    if (key == "data_dir") {
      base.data_dir = relative_to_file(reader.String(value, key));
    } else if (key == "host") {
      base.host = reader.String(value, key);
    } else if (key == "port") {
      base.port = static_cast<uint16_t>(reader.Unsigned(value, key, 0, 65535));
    } else if (key == "http_port") {
      base.http_port = static_cast<uint16_t>(reader.Unsigned(value, key, 0, 65535));
    } else if (key == "writable") {
      base.writable = reader.Bool(value, key);
    } else if (key == "threads") {
      base.threads = static_cast<unsigned>(reader.Unsigned(value, key, 1, 1024));
    } else if (key == "http_token") {
      base.http_token = reader.String(value, key);
      if (base.http_token.empty()) reader.Fail(value, key, "must not be empty");
    } else if (key == "users") {
      if (!value.IsSequence()) reader.Fail(value, key, "expected a list of {name, password}");
      base.users.clear();
      for (size_t i = 0; i < value.size(); i++) {
        const YAML::Node user = value[i];
        const std::string where = fmt::format("users[{}]", i);
        reader.CheckKeys(user, where, {"name", "password"});
        if (!user["name"]) reader.Fail(user, where, "missing \"name\"");
        if (!user["password"]) reader.Fail(user, where, "missing \"password\"");
        ServeUser entry{reader.String(user["name"], where + ".name"), reader.String(user["password"], where + ".password")};
        if (entry.name.empty()) reader.Fail(user["name"], where + ".name", "must not be empty");
        for (const ServeUser& other : base.users) {
          if (other.name == entry.name) reader.Fail(user["name"], where + ".name", "user \"" + entry.name + "\" given twice");
        }
        base.users.push_back(std::move(entry));
      }
    } else if (key == "tls") {
      reader.CheckKeys(value, key, {"certificate", "key"});
      if (!value["certificate"] || !value["key"]) reader.Fail(value, key, "needs both \"certificate\" and \"key\"");
      base.tls_certificate = relative_to_file(reader.String(value["certificate"], "tls.certificate"));
      base.tls_key = relative_to_file(reader.String(value["key"], "tls.key"));
    } else if (key == "limits") {
      reader.CheckKeys(value, key, {"max_connections", "statement_timeout", "memory_per_query", "http_max_body"});
      for (const auto& limit : value) {
        const std::string name = "limits." + limit.first.Scalar();
        const YAML::Node& setting = limit.second;
        if (name == "limits.max_connections") {
          base.max_connections = static_cast<unsigned>(reader.Unsigned(setting, name, 1, 100000));
        } else if (name == "limits.statement_timeout") {
          auto duration = setting.IsScalar() ? ParseDuration(setting.Scalar()) : std::nullopt;
          if (!duration) reader.Fail(setting, name, "expected a duration such as 30s, 500ms or 2min (0 = none)");
          base.statement_timeout = *duration;
        } else {
          auto size = setting.IsScalar() ? ParseMemorySize(setting.Scalar()) : std::nullopt;
          if (!size || *size == 0) reader.Fail(setting, name, "expected a size such as 512MB or 1GB");
          (name == "limits.memory_per_query" ? base.memory_per_query : base.http_max_body) = *size;
        }
      }
    }
  }
  return base;
}

ServeOptions LoadServeConfig(const std::string& path, ServeOptions base) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw Exception(sqlstate::kConfigFileError, fmt::format("{}: cannot read the config file: {}", path, std::strerror(errno)));
  }
  std::stringstream text;
  text << file.rdbuf();
  return ParseServeConfig(text.str(), path, std::move(base));
}

}  // namespace cairn::shell

#include "sql/postgres_settings.h"

#include <algorithm>

#include "cairn/exception.h"
#include "common/ascii.h"

namespace cairn {

namespace {

constexpr const char* kCantChangeRuntimeParam = "55P02";

struct SettingInfo {
  const char* name;
  const char* default_value;
  bool read_only;
};

// PostgreSQL 15's defaults (for a UTF8 database served in UTC, as Cairn's server reports them).
const SettingInfo kSettings[] = {
    {"DateStyle", "ISO, MDY", false},
    {"IntervalStyle", "postgres", false},
    {"TimeZone", "UTC", false},
    {"application_name", "", false},
    {"client_encoding", "UTF8", false},
    {"client_min_messages", "notice", false},
    {"default_transaction_isolation", "read committed", false},
    {"extra_float_digits", "1", false},
    {"idle_in_transaction_session_timeout", "0", false},
    {"integer_datetimes", "on", true},
    {"lc_messages", "C.UTF-8", false},
    {"lock_timeout", "0", false},
    {"max_identifier_length", "63", true},
    {"server_encoding", "UTF8", true},
    {"server_version", "15.0 (Cairn)", true},
    {"server_version_num", "150000", true},
    {"standard_conforming_strings", "on", false},
    {"statement_timeout", "0", false},
    {"transaction_isolation", "read committed", false},
};

const SettingInfo* Find(const std::string& canonical_name) {
  for (const SettingInfo& setting : kSettings) {
    if (canonical_name == setting.name) return &setting;
  }
  return nullptr;
}

std::string Trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\n") - begin + 1);
}

[[noreturn]] void Invalid(const std::string& name, const std::string& value) {
  throw Exception(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + name + "\": \"" + value + "\"");
}

[[noreturn]] void Unsupported(const std::string& name, const std::string& value, const std::string& why) {
  throw Exception(sqlstate::kFeatureNotSupported,
                  "parameter \"" + name + "\" cannot be \"" + value + "\" in Cairn: " + why);
}

/// Whether `text` is a whole number; stores it in `out`.
bool ParseInteger(const std::string& text, long long& out) {
  if (text.empty()) return false;
  size_t used = 0;
  try {
    out = std::stoll(text, &used);
  } catch (const std::exception&) {
    return false;
  }
  return used == text.size();
}

/// A duration setting that Cairn accepts only as zero (disabled): "0", "0ms", "0s", ...
std::string ZeroDuration(const std::string& name, const std::string& value) {
  const std::string lower = Lower(value);
  const size_t digits = lower.find_first_not_of("0123456789");
  const std::string number = lower.substr(0, digits);
  const std::string unit = digits == std::string::npos ? "" : Trimmed(lower.substr(digits));
  static const char* const kUnits[] = {"", "us", "ms", "s", "min", "h", "d"};
  if (number.empty() || std::find(std::begin(kUnits), std::end(kUnits), unit) == std::end(kUnits)) Invalid(name, value);
  if (number.find_first_not_of('0') != std::string::npos) {
    Unsupported(name, value, "only 0 (no limit) is supported per session; cairn serve's statement_timeout option limits statements");
  }
  return "0";
}

}  // namespace

std::optional<std::string> PostgresSettingName(const std::string& name) {
  const std::string lower = Lower(name);
  for (const SettingInfo& setting : kSettings) {
    if (Lower(setting.name) == lower) return std::string(setting.name);
  }
  return std::nullopt;
}

std::string NormalizePostgresSetting(const std::string& canonical_name, const std::string& raw_value) {
  const SettingInfo* setting = Find(canonical_name);
  if (!setting) throw Exception("42704", "unrecognized configuration parameter \"" + canonical_name + "\"");
  const std::string value = Trimmed(raw_value);
  const std::string lower = Lower(value);
  if (setting->read_only) {
    if (value == setting->default_value) return value;
    throw Exception(kCantChangeRuntimeParam, "parameter \"" + canonical_name + "\" cannot be changed");
  }
  if (canonical_name == "application_name") return value;
  if (canonical_name == "client_encoding") {
    std::string compact;
    for (char c : lower) {
      if (c != '-' && c != '_') compact.push_back(c);
    }
    if (compact == "utf8" || compact == "unicode") return "UTF8";
    Unsupported(canonical_name, value, "the server speaks UTF8 only");
  }
  if (canonical_name == "DateStyle") {
    // A comma list of an output style and an input field order; Cairn prints ISO and reads MDY.
    bool ok = !lower.empty();
    size_t start = 0;
    while (start <= lower.size()) {
      const size_t comma = lower.find(',', start);
      const std::string part = Trimmed(lower.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
      if (part != "iso" && part != "mdy" && part != "us" && part != "noneuropean") ok = false;
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    if (!ok) Unsupported(canonical_name, value, "dates are printed in ISO style and read month-first (\"ISO, MDY\")");
    return "ISO, MDY";
  }
  if (canonical_name == "TimeZone") {
    if (lower == "utc" || lower == "etc/utc" || lower == "gmt" || lower == "etc/gmt" || lower == "z" || lower == "zulu" ||
        lower == "0" || lower == "+00" || lower == "+00:00" || lower == "universal") {
      return "UTC";
    }
    Unsupported(canonical_name, value, "the session time zone is UTC");
  }
  if (canonical_name == "IntervalStyle") {
    if (lower == "postgres") return "postgres";
    Unsupported(canonical_name, value, "intervals are printed in the postgres style");
  }
  if (canonical_name == "standard_conforming_strings") {
    if (lower == "on" || lower == "true" || lower == "1" || lower == "yes") return "on";
    Unsupported(canonical_name, value, "backslashes in '...' strings are always literal");
  }
  if (canonical_name == "extra_float_digits") {
    long long digits = 0;
    if (!ParseInteger(value, digits)) Invalid(canonical_name, value);
    if (digits < -15 || digits > 3) {
      throw Exception(sqlstate::kInvalidParameterValue,
                      value + " is outside the valid range for parameter \"extra_float_digits\" (-15 .. 3)");
    }
    // Cairn always prints the shortest text that reads back exactly (PostgreSQL's output for
    // values >= 1); fewer digits (<= 0) would be rounded output Cairn does not produce.
    if (digits <= 0) Unsupported(canonical_name, value, "floats are always printed in their shortest exact form");
    return std::to_string(digits);
  }
  if (canonical_name == "client_min_messages") {
    static const char* const kLevels[] = {"debug5", "debug4", "debug3", "debug2", "debug1", "log", "notice", "warning", "error"};
    if (std::find(std::begin(kLevels), std::end(kLevels), lower) == std::end(kLevels)) Invalid(canonical_name, value);
    return lower;
  }
  if (canonical_name == "default_transaction_isolation" || canonical_name == "transaction_isolation") {
    if (lower == "read committed") return lower;
    Unsupported(canonical_name, value, "transactions run at READ COMMITTED");
  }
  if (canonical_name == "lc_messages") {
    if (lower == "c" || lower == "c.utf-8" || lower == "c.utf8" || lower == "posix" || lower.rfind("en_", 0) == 0) return value;
    Unsupported(canonical_name, value, "messages are in English");
  }
  return ZeroDuration(canonical_name, value);  // statement_timeout, lock_timeout, idle_in_transaction_session_timeout
}

std::string PostgresSettingValue(const std::string& canonical_name, const ClientSettings& settings) {
  const auto set = settings.postgres_settings.find(canonical_name);
  if (set != settings.postgres_settings.end()) return set->second;
  const SettingInfo* setting = Find(canonical_name);
  return setting ? setting->default_value : "";
}

const std::vector<std::string>& PostgresSettingNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const SettingInfo& setting : kSettings) out.emplace_back(setting.name);
    std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return Lower(a) < Lower(b); });
    return out;
  }();
  return names;
}

}  // namespace cairn

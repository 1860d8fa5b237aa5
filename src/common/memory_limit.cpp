#include "common/memory_limit.h"

#include <fast_float/fast_float.h>

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <sstream>
#include <vector>

#include "cairn/exception.h"

namespace cairn {

namespace {

/// The first line of `path` parsed as a byte count; nullopt for "max", a missing file or junk.
std::optional<uint64_t> ReadLimitFile(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  if (!file || !std::getline(file, line)) return std::nullopt;
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  if (line.empty() || line == "max") return std::nullopt;
  uint64_t value = 0;
  for (char c : line) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    if (value > (UINT64_MAX - 9) / 10) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  // cgroup v1 reports "no limit" as a huge page-aligned number (LONG_MAX rounded down).
  if (value >= (uint64_t(1) << 62)) return std::nullopt;
  return value;
}

void TakeMin(std::optional<uint64_t>& best, std::optional<uint64_t> value) {
  if (value && (!best || *value < *best)) best = value;
}

std::string Join(const std::string& root, const std::string& path) {
  if (path.empty() || path == "/") return root;
  return root + (path.front() == '/' ? "" : "/") + path;
}

}  // namespace

std::optional<uint64_t> CgroupMemoryLimit(const std::string& proc_self_cgroup, const std::string& cgroup_root) {
  std::ifstream file(proc_self_cgroup);
  if (!file) return std::nullopt;
  std::optional<uint64_t> limit;
  std::string line;
  while (std::getline(file, line)) {
    // hierarchy-ID:controller-list:cgroup-path
    size_t first = line.find(':');
    size_t second = first == std::string::npos ? std::string::npos : line.find(':', first + 1);
    if (second == std::string::npos) continue;
    std::string hierarchy = line.substr(0, first);
    std::string controllers = line.substr(first + 1, second - first - 1);
    std::string path = line.substr(second + 1);
    if (hierarchy == "0" && controllers.empty()) {
      // cgroup v2: every ancestor's memory.max applies.
      std::string current = path;
      for (;;) {
        TakeMin(limit, ReadLimitFile(Join(cgroup_root, current) + "/memory.max"));
        if (current.empty() || current == "/") break;
        size_t slash = current.find_last_of('/');
        current = slash == std::string::npos || slash == 0 ? "/" : current.substr(0, slash);
      }
      continue;
    }
    std::stringstream list(controllers);
    std::string controller;
    bool memory = false;
    while (std::getline(list, controller, ',')) memory = memory || controller == "memory";
    if (!memory) continue;
    // cgroup v1: the memory hierarchy is mounted at <root>/memory (or at <root> itself).
    for (const std::string& mount : {cgroup_root + "/memory", cgroup_root}) {
      std::optional<uint64_t> value = ReadLimitFile(Join(mount, path) + "/memory.limit_in_bytes");
      if (!value) value = ReadLimitFile(mount + "/memory.limit_in_bytes");
      if (value) {
        TakeMin(limit, value);
        break;
      }
    }
  }
  return limit;
}

uint64_t PhysicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES);
  long page_size = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page_size);
}

uint64_t DefaultMemoryLimit() {
  static const uint64_t limit = [] {
    uint64_t available = PhysicalMemoryBytes();
    std::optional<uint64_t> cgroup = CgroupMemoryLimit();
    if (cgroup && (available == 0 || *cgroup < available)) available = *cgroup;
    if (available == 0) available = uint64_t(4) << 30;  // unknown: assume a small machine
    // Whole MiB, so SHOW memory_limit reads as PostgreSQL prints memory settings ("19284MB").
    return available / 10 * 8 / (uint64_t(1) << 20) * (uint64_t(1) << 20);
  }();
  return limit;
}

uint64_t ParseMemorySize(const std::string& text, const std::string& setting) {
  auto invalid = [&](const std::string& why) {
    return Exception(sqlstate::kInvalidParameterValue,
                     "invalid value for parameter \"" + setting + "\": \"" + text + "\"" + (why.empty() ? "" : ": " + why),
                     std::nullopt, "Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", \"TB\" and "
                                   "\"KiB\", \"MiB\", \"GiB\", \"TiB\".");
  };
  size_t pos = 0;
  while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
  size_t number_start = pos;
  while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) || text[pos] == '.')) pos++;
  std::string number = text.substr(number_start, pos - number_start);
  while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) pos++;
  std::string unit = text.substr(pos);
  while (!unit.empty() && std::isspace(static_cast<unsigned char>(unit.back()))) unit.pop_back();
  if (number.empty() || std::count(number.begin(), number.end(), '.') > 1 || number == ".") throw invalid("");
  std::string lower;
  for (char c : unit) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  double multiplier;
  if (lower.empty() || lower == "b") {
    multiplier = 1;
  } else if (lower == "kb" || lower == "kib") {
    multiplier = 1024.0;
  } else if (lower == "mb" || lower == "mib") {
    multiplier = 1024.0 * 1024;
  } else if (lower == "gb" || lower == "gib") {
    multiplier = 1024.0 * 1024 * 1024;
  } else if (lower == "tb" || lower == "tib") {
    multiplier = 1024.0 * 1024 * 1024 * 1024;
  } else {
    throw invalid("unknown unit \"" + unit + "\"");
  }
  double parsed = 0;
  auto [end, error] = fast_float::from_chars(number.data(), number.data() + number.size(), parsed);
  if (error != std::errc() || end != number.data() + number.size()) throw invalid("");
  double value = parsed * multiplier;
  if (!(value >= 1)) throw invalid("the limit must be at least 1 byte");
  if (value >= 9.2e18) throw invalid("the limit is too large");
  return static_cast<uint64_t>(std::llround(value));
}

std::string FormatMemorySize(uint64_t bytes) {
  static const std::pair<const char*, uint64_t> kUnits[] = {
      {"TB", uint64_t(1) << 40}, {"GB", uint64_t(1) << 30}, {"MB", uint64_t(1) << 20}, {"kB", uint64_t(1) << 10}};
  for (const auto& [unit, size] : kUnits) {
    if (bytes >= size && bytes % size == 0) return std::to_string(bytes / size) + unit;
  }
  return std::to_string(bytes) + "B";
}

}  // namespace cairn

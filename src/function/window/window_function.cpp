#include "function/window/window_function.h"

namespace cairn {

namespace {

struct Entry {
  const char* name;
  WindowFunctionKind kind;
};

constexpr Entry kFunctions[] = {
    {"row_number", WindowFunctionKind::ROW_NUMBER}, {"rank", WindowFunctionKind::RANK},
    {"dense_rank", WindowFunctionKind::DENSE_RANK}, {"percent_rank", WindowFunctionKind::PERCENT_RANK},
    {"cume_dist", WindowFunctionKind::CUME_DIST},   {"ntile", WindowFunctionKind::NTILE},
    {"lag", WindowFunctionKind::LAG},               {"lead", WindowFunctionKind::LEAD},
    {"first_value", WindowFunctionKind::FIRST_VALUE}, {"last_value", WindowFunctionKind::LAST_VALUE},
    {"nth_value", WindowFunctionKind::NTH_VALUE},
};

}  // namespace

std::optional<WindowFunctionKind> LookupWindowFunction(const std::string& name) {
  for (const Entry& entry : kFunctions) {
    if (name == entry.name) return entry.kind;
  }
  return std::nullopt;
}

const char* WindowFunctionName(WindowFunctionKind kind) {
  for (const Entry& entry : kFunctions) {
    if (entry.kind == kind) return entry.name;
  }
  return "aggregate";
}

bool UsesFrame(WindowFunctionKind kind) {
  return kind == WindowFunctionKind::AGGREGATE || kind == WindowFunctionKind::FIRST_VALUE ||
         kind == WindowFunctionKind::LAST_VALUE || kind == WindowFunctionKind::NTH_VALUE;
}

}  // namespace cairn

// TableFunctionRegistry (see src/function/table/table_function.h).
#include "function/table/table_function.h"

#include "common/ascii.h"

namespace cairn {

void TableFunctionRegistry::Register(std::string name, TableFunctionBind bind) {
  functions_[Lower(name)] = std::move(bind);
}

const TableFunctionBind* TableFunctionRegistry::Find(std::string_view name) const {
  auto it = functions_.find(Lower(std::string(name)));
  return it == functions_.end() ? nullptr : &it->second;
}

std::vector<std::string> TableFunctionRegistry::Names() const {
  std::vector<std::string> names;
  for (const auto& [name, bind] : functions_) names.push_back(name);
  return names;
}

}  // namespace cairn

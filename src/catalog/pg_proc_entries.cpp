#include "catalog/pg_proc_entries.h"

#include <cctype>

#include "catalog/pg_builtin_types.h"
#include "function/function_registry.h"

namespace cairn {

namespace {

constexpr int64_t kFirstProcOid = 1'000'000'000;

bool IsListedName(const std::string& name) {
  if (name.empty() || name.rfind("__", 0) == 0) return false;
  if (!std::isalpha(static_cast<unsigned char>(name[0])) && name[0] != '_') return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::vector<PgProcEntry> BuildEntries() {
  std::vector<PgProcEntry> entries;
  const auto& registry = function::FunctionRegistry::Get();
  for (const auto& name : registry.Names()) {
    if (!IsListedName(name)) continue;
    for (const auto& overload : *registry.Lookup(name)) {
      const ScalarFunction& function = overload.function;
      PgProcEntry entry;
      entry.name = name;
      for (const auto& argument : function.arguments) entry.argument_types.push_back(PgColumnTypeOf(argument).oid);
      if (function.varargs.id() != TypeId::INVALID) entry.variadic_type = PgColumnTypeOf(function.varargs).oid;
      entry.return_type = PgColumnTypeOf(function.return_type).oid;
      entry.returns_set = static_cast<bool>(function.set_function);
      entry.is_volatile = function.is_volatile;
      // Cairn types PostgreSQL lacks map onto one PostgreSQL type (tinyint and smallint are
      // both int2): an overload whose PostgreSQL signature is already listed is left out, as
      // pg_proc has one row per signature.
      bool duplicate = false;
      for (size_t i = entries.size(); i-- > 0 && entries[i].name == name;) {
        duplicate = duplicate || (entries[i].argument_types == entry.argument_types && entries[i].variadic_type == entry.variadic_type);
      }
      if (duplicate) continue;
      entry.oid = kFirstProcOid + static_cast<int64_t>(entries.size());
      entries.push_back(std::move(entry));
    }
  }
  return entries;
}

}  // namespace

const std::vector<PgProcEntry>& PgProcEntries() {
  static const std::vector<PgProcEntry> entries = BuildEntries();
  return entries;
}

const PgProcEntry* FindPgProcEntry(int64_t oid) {
  const auto& entries = PgProcEntries();
  if (oid < kFirstProcOid || oid >= kFirstProcOid + static_cast<int64_t>(entries.size())) return nullptr;
  return &entries[static_cast<size_t>(oid - kFirstProcOid)];
}

std::string PgFunctionResult(const PgProcEntry& entry) {
  return (entry.returns_set ? "SETOF " : "") + FormatPgType(entry.return_type, -1);
}

std::string PgFunctionArguments(const PgProcEntry& entry) {
  std::string text;
  for (size_t i = 0; i < entry.argument_types.size(); i++) {
    text += (i ? ", " : "") + FormatPgType(entry.argument_types[i], -1);
  }
  if (entry.variadic_type != 0) {
    const PgBuiltinType* element = FindPgBuiltinType(entry.variadic_type);
    std::string array = element && element->array ? FormatPgType(element->array, -1) : "\"any\"";
    text += (text.empty() ? "" : ", ") + std::string("VARIADIC ") + array;
  }
  return text;
}

}  // namespace cairn

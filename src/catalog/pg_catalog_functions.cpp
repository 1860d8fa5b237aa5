#include "catalog/pg_catalog_functions.h"

#include <cstdlib>
#include <memory>

#include "cairn/exception.h"
#include "cairn/table_registry.h"
#include "catalog/pg_builtin_types.h"
#include "catalog/pg_catalog_snapshot.h"
#include "catalog/pg_catalog_tables.h"
#include "catalog/pg_proc_entries.h"
#include "common/ascii.h"
#include "function/cast.h"
#include "io/file_system.h"

namespace cairn {

namespace {

constexpr const char* kVersion = "PostgreSQL 15.0 (Cairn)";

const LogicalType kOid = TypeId::BIGINT;
const LogicalType kText = TypeId::VARCHAR;
const LogicalType kInt = TypeId::INTEGER;
const LogicalType kBool = TypeId::BOOLEAN;

using RowFunction = std::function<Value(const std::vector<Value>& arguments)>;

/// A function evaluating `row` once per row over the argument values (NULL arguments are
/// passed on: each row function decides).
ScalarFunction RowWise(const std::string& name, std::vector<LogicalType> arguments, LogicalType return_type,
                       RowFunction row, bool is_volatile = false) {
  ScalarFunction function;
  function.name = name;
  function.arguments = std::move(arguments);
  function.return_type = return_type;
  function.is_volatile = is_volatile;
  function.kernel = [row = std::move(row), return_type](DataChunk& args, Vector& result) {
    if (args.data.empty()) {
      Value value = row({});
      result.SetConstant(value.IsNull() ? Value::Null(return_type) : value);
      return;
    }
    std::vector<Value> values(args.data.size());
    for (idx_t r = 0; r < args.size(); r++) {
      for (size_t c = 0; c < args.data.size(); c++) values[c] = args.data[c].GetValue(r);
      Value value = row(values);
      result.SetValue(r, value.IsNull() ? Value::Null(return_type) : value);
    }
  };
  return function;
}

/// As RowWise, NULL when any argument is NULL (PostgreSQL's strict functions).
ScalarFunction Strict(const std::string& name, std::vector<LogicalType> arguments, LogicalType return_type, RowFunction row) {
  return RowWise(name, std::move(arguments), return_type, [row = std::move(row)](const std::vector<Value>& values) {
    for (const auto& v : values) {
      if (v.IsNull()) return Value();
    }
    return row(values);
  });
}

using SnapshotRowFunction = std::function<Value(const PgCatalogSnapshot& snapshot, const std::vector<Value>& arguments)>;

/// As Strict, over a snapshot of `catalog` taken each time a chunk is evaluated, so that a
/// prepared plan sees the catalog as it is when it runs. Volatile: never constant-folded.
ScalarFunction StrictOverCatalog(const std::string& name, std::vector<LogicalType> arguments, LogicalType return_type,
                                 Catalog& catalog, SnapshotRowFunction row) {
  ScalarFunction function;
  function.name = name;
  function.arguments = std::move(arguments);
  function.return_type = return_type;
  function.is_volatile = true;
  Catalog* source = &catalog;
  function.kernel = [row = std::move(row), return_type, source](DataChunk& args, Vector& result) {
    std::shared_ptr<const PgCatalogSnapshot> snapshot = PgCatalogSnapshot::Take(*source);
    std::vector<Value> values(args.data.size());
    for (idx_t r = 0; r < args.size(); r++) {
      bool null = false;
      for (size_t c = 0; c < args.data.size(); c++) {
        values[c] = args.data[c].GetValue(r);
        null = null || values[c].IsNull();
      }
      Value value = null ? Value() : row(*snapshot, values);
      result.SetValue(r, value.IsNull() ? Value::Null(return_type) : value);
    }
  };
  return function;
}

Value OptionalText(const std::optional<std::string>& text) { return text ? Value::Varchar(*text) : Value(); }

std::vector<std::string> EffectivePath(const std::vector<std::string>& search_path) {
  std::vector<std::string> path = {"pg_catalog"};
  for (const auto& name : search_path) {
    if (name == "$user") continue;
    path.push_back(name == Catalog::kDefaultNamespaceAlias ? Catalog::kDefaultNamespace : name);
  }
  return path;
}

/// pg_table_is_visible: the relation's namespace is on the path and no relation of the same
/// name comes earlier.
Value TableIsVisible(const PgCatalogSnapshot& snapshot, const std::vector<std::string>& path, int64_t oid) {
  std::string name, namespace_name;
  if (const PgRelationInfo* relation = snapshot.FindRelation(oid)) {
    name = relation->name;
    namespace_name = relation->namespace_name;
  } else if (auto [table, index] = snapshot.FindIndex(oid); index) {
    name = index->name;
    namespace_name = table->namespace_name;
  } else {
    return Value();
  }
  for (const auto& space : path) {
    if (space == namespace_name) return Value::Boolean(true);
    if (snapshot.FindClassOid(space, name)) return Value::Boolean(false);
  }
  return Value::Boolean(false);
}

int64_t FileSize(FileSystem& fs, const std::string& path) {
  try {
    return static_cast<int64_t>(fs.OpenForRead(path)->Size());
  } catch (const Exception&) {
    return 0;  // a vanished file holds no bytes
  }
}

/// The bytes of a table's data files (managed and file tables); 0 for views, system tables,
/// indexes and unknown oids.
Value RelationSize(Catalog& catalog, const PgCatalogSnapshot& snapshot, int64_t oid) {
  const PgRelationInfo* relation = snapshot.FindRelation(oid);
  if (!relation) return snapshot.FindIndex(oid).second ? Value::BigInt(0) : Value();
  int64_t total = 0;
  if (relation->type == TableType::kManaged || relation->type == TableType::kFile) {
    for (const auto& entry : catalog.tables(false)) {
      if (entry.id != relation->id) continue;
      if (entry.type == TableType::kManaged) {
        const std::string& data_dir = catalog.registry().data_dir();
        for (const auto& file : entry.data_files) {
          total += FileSize(catalog.file_system(), data_dir.empty() ? file.path : data_dir + "/" + file.path);
        }
      } else {
        try {
          for (const auto& path : catalog.registry().get_all_partitions(Catalog::RegistryName(entry.namespace_name, entry.name))) {
            total += FileSize(catalog.file_system(), path);
          }
        } catch (const Exception&) {
          // A broken file table: its size is what could be read.
        }
      }
    }
  }
  return Value::BigInt(total);
}

/// PostgreSQL 15's pg_size_pretty(bigint): bytes below 10 kB, then kB, MB, GB, TB, PB, each
/// rounded half away from zero.
std::string SizePretty(int64_t size) {
  constexpr int64_t kLimit = 10 * 1024;
  constexpr int64_t kLimit2 = kLimit * 2 - 1;
  auto half_rounded = [](int64_t x) { return (x + (x < 0 ? -1 : 1)) / 2; };
  if (std::llabs(size) < kLimit) return std::to_string(size) + " bytes";
  size >>= 9;  // one extra bit for rounding
  for (const char* unit : {"kB", "MB", "GB", "TB"}) {
    if (std::llabs(size) < kLimit2) return std::to_string(half_rounded(size)) + " " + unit;
    size >>= 10;
  }
  return std::to_string(half_rounded(size)) + " PB";
}

std::string EncodingName(int64_t encoding) {
  switch (encoding) {
    case 0: return "SQL_ASCII";
    case 6: return "UTF8";
    case 8: return "LATIN1";
    default: return "";
  }
}

[[noreturn]] void NoOverload(const std::string& name, const std::vector<LogicalType>& types) {
  std::string list;
  for (size_t i = 0; i < types.size(); i++) list += (i ? ", " : "") + PostgresTypeName(types[i]);
  throw Exception(sqlstate::kUndefinedFunction, "function " + name + "(" + list + ") does not exist");
}

bool IsIntegerType(const LogicalType& type) {
  switch (type.id()) {
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::BIGINT:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::UINTEGER:
    case TypeId::SQLNULL:
      return true;
    default:
      return false;
  }
}

/// Splits "ns.name" (unquoted, lower-cased unless double-quoted) into its parts.
std::vector<std::string> SplitQualifiedName(const std::string& text) {
  std::vector<std::string> parts(1);
  bool quoted = false;
  for (size_t i = 0; i < text.size(); i++) {
    char c = text[i];
    if (c == '"') {
      if (quoted && i + 1 < text.size() && text[i + 1] == '"') {
        parts.back() += '"';
        i++;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.emplace_back();
    } else {
      parts.back() += quoted ? c : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return parts;
}

}  // namespace

std::optional<ScalarFunction> BindPgCatalogFunction(Catalog& catalog, const std::vector<std::string>& search_path,
                                                    const std::string& name,
                                                    const std::vector<LogicalType>& types) {
  const size_t n = types.size();
  // Functions that need no catalog.
  if (name == "format_type") {
    if (n != 2) NoOverload(name, types);
    return RowWise(name, {kOid, kInt}, kText, [](const std::vector<Value>& v) {
      if (v[0].IsNull()) return Value();
      return Value::Varchar(FormatPgType(v[0].GetInt64(), v[1].IsNull() ? -1 : static_cast<int32_t>(v[1].GetInt64())));
    });
  }
  if (name == "pg_get_userbyid") {
    if (n != 1) NoOverload(name, types);
    return Strict(name, {kOid}, kText, [](const std::vector<Value>& v) {
      int64_t oid = v[0].GetInt64();
      return Value::Varchar(oid == kOwnerRoleOid ? std::string(kPgOwnerName) : "unknown (OID=" + std::to_string(oid) + ")");
    });
  }
  if (name == "pg_encoding_to_char") {
    if (n != 1) NoOverload(name, types);
    return Strict(name, {kInt}, kText, [](const std::vector<Value>& v) { return Value::Varchar(EncodingName(v[0].GetInt64())); });
  }
  if (name == "pg_size_pretty") {
    if (n != 1) NoOverload(name, types);
    return Strict(name, {kOid}, kText, [](const std::vector<Value>& v) { return Value::Varchar(SizePretty(v[0].GetInt64())); });
  }
  if (name == "pg_tablespace_location") {
    // The built-in tablespaces live in the data directory: PostgreSQL answers ''.
    if (n != 1) NoOverload(name, types);
    return Strict(name, {kOid}, kText, [](const std::vector<Value>&) { return Value::Varchar(""); });
  }
  if (name == "current_setting") {
    // The parameters pg_settings lists (their startup values) and the session's search_path.
    if (n != 1 && n != 2) NoOverload(name, types);
    std::vector<LogicalType> arguments = {kText};
    if (n == 2) arguments.push_back(kBool);
    std::string path_text;
    for (const auto& space : search_path) {
      bool plain = !space.empty() && space != "$user";
      for (char c : space) plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
      path_text += (path_text.empty() ? "" : ", ") + (plain ? space : "\"" + space + "\"");
    }
    return RowWise(name, arguments, kText, [path_text](const std::vector<Value>& v) {
      if (v[0].IsNull()) return Value();
      std::string setting = Lower(v[0].GetString());
      if (setting == "search_path") return Value::Varchar(path_text);
      if (auto value = PgStartupSetting(setting)) return Value::Varchar(*value);
      if (v.size() == 2 && !v[1].IsNull() && v[1].GetBool()) return Value();
      throw Exception("42704", "unrecognized configuration parameter \"" + v[0].GetString() + "\"");
    });
  }
  if (name == "current_database" || name == "version") {
    if (n != 0) NoOverload(name, types);
    const char* value = name == "version" ? kVersion : kPgDatabaseName;
    return RowWise(name, {}, kText, [value](const std::vector<Value>&) { return Value::Varchar(value); });
  }
  if (name == "shobj_description" || name == "obj_description" || name == "pg_get_statisticsobjdef_columns" ||
      name == "pg_get_partkeydef") {
    // Cairn has no comments on tables, databases or roles, no extended statistics and no
    // partitioned tables.
    bool two = name == "shobj_description";
    bool one_or_two = name == "obj_description";
    if (!(two ? n == 2 : one_or_two ? (n == 1 || n == 2) : n == 1)) NoOverload(name, types);
    std::vector<LogicalType> arguments = {kOid};
    if (n == 2) arguments.push_back(kText);
    return RowWise(name, arguments, kText, [](const std::vector<Value>&) { return Value(); });
  }
  if (name == "has_table_privilege" || name == "has_schema_privilege" || name == "has_database_privilege" ||
      name == "has_column_privilege" || name == "has_function_privilege") {
    // One role owns everything: every privilege is granted.
    if (n < 2 || n > 4) NoOverload(name, types);
    std::vector<LogicalType> arguments;
    for (const auto& t : types) arguments.push_back(IsIntegerType(t) ? kOid : kText);
    return Strict(name, arguments, kBool, [](const std::vector<Value>&) { return Value::Boolean(true); });
  }
  if (name == "pg_get_expr") {
    // pg_attrdef.adbin, pg_constraint.conbin hold the expression's text already.
    if (n != 2 && n != 3) NoOverload(name, types);
    std::vector<LogicalType> arguments = {kText, kOid};
    if (n == 3) arguments.push_back(kBool);
    return Strict(name, arguments, kText, [](const std::vector<Value>& v) { return v[0]; });
  }
  if (name == "pg_type_is_visible") {
    if (n != 1) NoOverload(name, types);
    return Strict(name, {kOid}, kBool, [](const std::vector<Value>& v) {
      return FindPgBuiltinType(v[0].GetInt64()) ? Value::Boolean(true) : Value();
    });
  }
  if (name == "pg_function_is_visible" || name == "pg_get_function_result" || name == "pg_get_function_arguments" ||
      name == "pg_get_function_identity_arguments") {
    if (n != 1) NoOverload(name, types);
    bool visible = name == "pg_function_is_visible";
    bool result = name == "pg_get_function_result";
    return Strict(name, {kOid}, visible ? kBool : kText, [visible, result](const std::vector<Value>& v) {
      const PgProcEntry* entry = FindPgProcEntry(v[0].GetInt64());
      if (!entry) return Value();
      if (visible) return Value::Boolean(true);
      return Value::Varchar(result ? PgFunctionResult(*entry) : PgFunctionArguments(*entry));
    });
  }
  if (name == "current_schema" || name == "current_schemas") {
    if (name == "current_schema" ? n != 0 : n != 1) NoOverload(name, types);
    // The namespaces of the path that exist when the statement runs.
    Catalog* source = &catalog;
    std::vector<std::string> path = EffectivePath(search_path);
    auto existing_namespaces = [source, path]() {
      std::vector<std::string> existing;
      for (const auto& space : path) {
        if (space != "pg_catalog" && source->has_namespace(space)) existing.push_back(space);
      }
      return existing;
    };
    if (name == "current_schema") {
      return RowWise(
          name, {}, kText,
          [existing_namespaces](const std::vector<Value>&) {
            std::vector<std::string> existing = existing_namespaces();
            return existing.empty() ? Value() : Value::Varchar(existing.front());
          },
          /*is_volatile=*/true);
    }
    return Strict(name, {kBool}, LogicalType::Array(kText), [existing_namespaces](const std::vector<Value>& v) {
      std::vector<std::string> existing = existing_namespaces();
      std::vector<Value> names;
      if (v[0].GetBool()) names.push_back(Value::Varchar("pg_catalog"));
      for (const auto& space : existing) names.push_back(Value::Varchar(space));
      return Value::Array(TypeId::VARCHAR, names);
    });
  }
  // Functions answering from the catalog.
  if (name == "pg_database_size") {
    // The one database holds every table: the sum of their files' bytes.
    if (n != 1) NoOverload(name, types);
    Catalog* catalog_pointer = &catalog;
    bool by_oid = IsIntegerType(types[0]);
    return StrictOverCatalog(name, {by_oid ? kOid : kText}, kOid, catalog,
                             [catalog_pointer, by_oid](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
                               bool ours = by_oid ? v[0].GetInt64() == kDatabaseOid : v[0].GetString() == kPgDatabaseName;
                               if (!ours) {
                                 throw Exception("3D000", by_oid ? "database with OID " + std::to_string(v[0].GetInt64()) + " does not exist"
                                                                 : "database \"" + v[0].GetString() + "\" does not exist");
                               }
                               int64_t total = 0;
                               for (const auto& relation : snapshot.relations()) {
                                 Value size = RelationSize(*catalog_pointer, snapshot, relation.oid);
                                 if (!size.IsNull()) total += size.GetInt64();
                               }
                               return Value::BigInt(total);
                             });
  }
  bool known = name == "pg_table_is_visible" || name == "pg_get_indexdef" || name == "pg_get_constraintdef" ||
               name == "pg_get_viewdef" || name == "col_description" || name == "pg_relation_size" ||
               name == "pg_table_size" || name == "pg_total_relation_size" || name == "pg_indexes_size" ||
               name == "pg_relation_is_publishable";
  if (!known) return std::nullopt;
  if (name == "pg_table_is_visible") {
    if (n != 1) NoOverload(name, types);
    std::vector<std::string> path = EffectivePath(search_path);
    return StrictOverCatalog(name, {kOid}, kBool, catalog, [path](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      return TableIsVisible(snapshot, path, v[0].GetInt64());
    });
  }
  if (name == "pg_get_indexdef") {
    if (n != 1 && n != 3) NoOverload(name, types);
    std::vector<LogicalType> arguments = {kOid};
    if (n == 3) arguments.insert(arguments.end(), {kInt, kBool});
    std::vector<std::string> path = EffectivePath(search_path);
    return StrictOverCatalog(name, arguments, kText, catalog, [path](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      int64_t column = v.size() == 3 ? v[1].GetInt64() : 0;
      if (column == 0) {
        // Pretty-printed, the table is qualified only when the search path does not show it.
        auto [table, index] = snapshot.FindIndex(v[0].GetInt64());
        bool pretty = v.size() == 3 && v[2].GetBool();
        bool qualify = !pretty || !table || TableIsVisible(snapshot, path, table->oid) != Value::Boolean(true);
        return OptionalText(snapshot.IndexDefinition(v[0].GetInt64(), qualify));
      }
      auto [table, index] = snapshot.FindIndex(v[0].GetInt64());
      if (!index || column < 0 || column > static_cast<int64_t>(index->key_names.size())) return Value();
      return Value::Varchar(PgQuoteIdentifier(index->key_names[static_cast<size_t>(column - 1)]));
    });
  }
  if (name == "pg_get_constraintdef") {
    if (n != 1 && n != 2) NoOverload(name, types);
    std::vector<LogicalType> arguments = {kOid};
    if (n == 2) arguments.push_back(kBool);
    return StrictOverCatalog(name, arguments, kText, catalog, [](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      return OptionalText(snapshot.ConstraintDefinition(v[0].GetInt64()));
    });
  }
  if (name == "pg_get_viewdef") {
    if (n != 1 && n != 2) NoOverload(name, types);
    std::vector<LogicalType> arguments = {kOid};
    if (n == 2) arguments.push_back(kBool);
    return StrictOverCatalog(name, arguments, kText, catalog, [](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      const PgRelationInfo* relation = snapshot.FindRelation(v[0].GetInt64());
      if (!relation || relation->kind != 'v') return Value();
      return Value::Varchar(relation->view_definition);
    });
  }
  if (name == "col_description") {
    if (n != 2) NoOverload(name, types);
    return StrictOverCatalog(name, {kOid, kInt}, kText, catalog, [](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      const PgRelationInfo* relation = snapshot.FindRelation(v[0].GetInt64());
      int64_t column = v[1].GetInt64();
      if (!relation || column < 1 || column > static_cast<int64_t>(relation->columns.size())) return Value();
      return OptionalText(relation->columns[static_cast<size_t>(column - 1)].comment);
    });
  }
  if (name == "pg_relation_is_publishable") {
    if (n != 1) NoOverload(name, types);
    return StrictOverCatalog(name, {kOid}, kBool, catalog, [](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      const PgRelationInfo* relation = snapshot.FindRelation(v[0].GetInt64());
      if (!relation) return Value::Boolean(false);
      return Value::Boolean(relation->kind == 'r' && relation->type != TableType::kSystem);
    });
  }
  // Sizes: pg_indexes_size is 0 (Cairn's unique indexes live in memory); the others are the
  // bytes of the table's files.
  if (n != 1 && !(name == "pg_relation_size" && n == 2)) NoOverload(name, types);
  std::vector<LogicalType> arguments = {kOid};
  if (n == 2) arguments.push_back(kText);
  bool indexes = name == "pg_indexes_size";
  Catalog* catalog_pointer = &catalog;
  return StrictOverCatalog(name, arguments, kOid, catalog,
                           [catalog_pointer, indexes](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
                             if (v.size() == 2 && v[1].GetString() != "main") return Value::BigInt(0);  // fsm, vm, init forks
                             if (indexes) return snapshot.FindRelation(v[0].GetInt64()) ? Value::BigInt(0) : Value();
                             return RelationSize(*catalog_pointer, snapshot, v[0].GetInt64());
                           });
}

bool IsPgRegType(const std::string& type_name) {
  return type_name == "regclass" || type_name == "regtype" || type_name == "regnamespace" || type_name == "regproc" ||
         type_name == "regprocedure" || type_name == "regrole";
}

ScalarFunction BindPgCatalogCast(Catalog& catalog, const std::vector<std::string>& search_path,
                                 const std::string& type_name, const LogicalType& source) {
  const std::string function_name = "::" + type_name;
  if (type_name == "regtype" || type_name == "regproc" || type_name == "regprocedure" || type_name == "regrole") {
    if (IsIntegerType(source)) {
      return Strict(function_name, {kOid}, kText, [type_name](const std::vector<Value>& v) {
        int64_t oid = v[0].GetInt64();
        if (type_name == "regtype") {
          if (FindPgBuiltinType(oid)) return Value::Varchar(FormatPgType(oid, -1));
        } else if (type_name == "regrole") {
          if (oid == kOwnerRoleOid) return Value::Varchar(kPgOwnerName);
        } else if (const PgProcEntry* entry = FindPgProcEntry(oid)) {
          return Value::Varchar(type_name == "regproc" ? entry->name : entry->name + "(" + PgFunctionArguments(*entry) + ")");
        }
        return Value::Varchar(oid == 0 ? "-" : std::to_string(oid));
      });
    }
    if (source.id() != TypeId::VARCHAR) {
      throw Exception("42846", "cannot cast type " + PostgresTypeName(source) + " to " + type_name);
    }
    return Strict(function_name, {kText}, kOid, [type_name](const std::vector<Value>& v) {
      std::string text = v[0].GetString();
      if (type_name == "regtype") {
        PgColumnType type;
        try {
          type = PgColumnTypeOf(ParseTypeName(text));
        } catch (const Exception&) {
          throw Exception("42704", "type \"" + text + "\" does not exist");
        }
        return Value::BigInt(type.oid);
      }
      if (type_name == "regrole") {
        if (text == kPgOwnerName) return Value::BigInt(kOwnerRoleOid);
        throw Exception("42704", "role \"" + text + "\" does not exist");
      }
      std::string lowered = Lower(text);
      for (const auto& entry : PgProcEntries()) {
        if (entry.name == lowered) return Value::BigInt(entry.oid);
      }
      throw Exception(sqlstate::kUndefinedFunction, "function \"" + text + "\" does not exist");
    });
  }
  // regclass and regnamespace read the catalog.
  bool is_class = type_name == "regclass";
  if (IsIntegerType(source)) {
    return StrictOverCatalog(function_name, {kOid}, kText, catalog, [is_class](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
      int64_t oid = v[0].GetInt64();
      if (is_class) {
        if (auto name = snapshot.RelationDisplayName(oid)) return Value::Varchar(*name);
      } else if (const PgNamespaceInfo* space = snapshot.FindNamespace(oid)) {
        return Value::Varchar(PgQuoteIdentifier(space->name));
      }
      return Value::Varchar(oid == 0 ? "-" : std::to_string(oid));
    });
  }
  if (source.id() != TypeId::VARCHAR) {
    throw Exception("42846", "cannot cast type " + PostgresTypeName(source) + " to " + type_name);
  }
  std::vector<std::string> path = EffectivePath(search_path);
  return StrictOverCatalog(function_name, {kText}, kOid, catalog, [is_class, path](const PgCatalogSnapshot& snapshot, const std::vector<Value>& v) {
    std::string text = v[0].GetString();
    std::vector<std::string> parts = SplitQualifiedName(text);
    if (!is_class) {
      if (const PgNamespaceInfo* space = snapshot.FindNamespace(parts.back()); space && parts.size() == 1) {
        return Value::BigInt(space->oid);
      }
      throw Exception("3F000", "schema \"" + text + "\" does not exist");
    }
    if (parts.size() == 2) {
      std::string space = parts[0] == Catalog::kDefaultNamespaceAlias ? Catalog::kDefaultNamespace : parts[0];
      if (auto oid = snapshot.FindClassOid(space, parts[1])) return Value::BigInt(*oid);
    } else if (parts.size() == 1) {
      for (const auto& space : path) {
        if (auto oid = snapshot.FindClassOid(space, parts[0])) return Value::BigInt(*oid);
      }
    }
    throw Exception(sqlstate::kUndefinedTable, "relation \"" + text + "\" does not exist");
  });
}

}  // namespace cairn

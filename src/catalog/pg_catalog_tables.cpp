#include "catalog/pg_catalog_tables.h"

#include <sstream>

#include "cairn/exception.h"
#include "common/ascii.h"
#include "catalog/pg_builtin_types.h"
#include "catalog/pg_catalog_snapshot.h"
#include "catalog/pg_proc_entries.h"

namespace cairn {

namespace {

/// Cairn's type for a pg_catalog column of PostgreSQL type `pg_type` (oid is bigint, name text, ...).
LogicalType ColumnType(const std::string& pg_type) {
  if (pg_type == "oid" || pg_type == "int8" || pg_type == "regproc" || pg_type == "xid") return TypeId::BIGINT;
  if (pg_type == "name" || pg_type == "text" || pg_type == "char") return TypeId::VARCHAR;
  if (pg_type == "int2") return TypeId::SMALLINT;
  if (pg_type == "int4") return TypeId::INTEGER;
  if (pg_type == "float4") return TypeId::FLOAT;
  if (pg_type == "bool") return TypeId::BOOLEAN;
  if (pg_type == "text[]") return LogicalType::Array(TypeId::VARCHAR);
  if (pg_type == "oid[]") return LogicalType::Array(TypeId::BIGINT);
  if (pg_type == "int2[]") return LogicalType::Array(TypeId::SMALLINT);
  throw Exception(sqlstate::kInternalError, "pg_catalog column type " + pg_type);
}

/// A table from "name type, name type, ..." (PostgreSQL's column types, mapped by ColumnType).
SystemTableInfo Table(const char* name, const std::string& spec) {
  SystemTableInfo table{"pg_catalog", name, {}, {}};
  std::stringstream stream(spec);
  std::string item;
  while (std::getline(stream, item, ',')) {
    std::stringstream words(item);
    std::string column, type;
    words >> column >> type;
    table.columns.push_back(ColumnDefinition{column, ColumnType(type), true});
  }
  return table;
}

/// One row of a table, set column by column (unset columns are NULL).
class Row {
 public:
  explicit Row(const SystemTableInfo& table) : table_(table), values_(table.columns.size()) {}
  Row& Set(const char* column, Value value) {
    for (size_t i = 0; i < table_.columns.size(); i++) {
      if (table_.columns[i].name == column) {
        values_[i] = std::move(value);
        return *this;
      }
    }
    throw Exception(sqlstate::kInternalError, std::string("pg_catalog column ") + column);
  }
  Row& Oid(const char* column, int64_t oid) { return Set(column, Value::BigInt(oid)); }
  Row& Text(const char* column, const std::string& text) { return Set(column, Value::Varchar(text)); }
  Row& Bool(const char* column, bool value) { return Set(column, Value::Boolean(value)); }
  Row& Int2(const char* column, int64_t value) { return Set(column, Value::SmallInt(static_cast<int16_t>(value))); }
  Row& Int4(const char* column, int64_t value) { return Set(column, Value::Integer(static_cast<int32_t>(value))); }
  Row& Char(const char* column, char c) { return Set(column, Value::Varchar(c ? std::string(1, c) : std::string())); }
  const std::vector<Value>& values() const { return values_; }

 private:
  const SystemTableInfo& table_;
  std::vector<Value> values_;
};

Value Int2Array(const std::vector<int16_t>& values) {
  std::vector<Value> elements;
  for (int16_t v : values) elements.push_back(Value::SmallInt(v));
  return Value::Array(TypeId::SMALLINT, elements);
}

Value OidArray(const std::vector<int64_t>& values) {
  std::vector<Value> elements;
  for (int64_t v : values) elements.push_back(Value::BigInt(v));
  return Value::Array(TypeId::BIGINT, elements);
}

char TypeStorage(int64_t type_oid) {
  const PgBuiltinType* type = FindPgBuiltinType(type_oid);
  return type ? type->storage : 'x';
}

int64_t TypeCollation(int64_t type_oid) {
  const PgBuiltinType* type = FindPgBuiltinType(type_oid);
  return type ? type->collation : 0;
}

void FillNamespaces(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& n : snapshot.namespaces()) {
    out.Add(Row(table).Oid("oid", n.oid).Text("nspname", n.name).Oid("nspowner", kOwnerRoleOid).values());
  }
}

void FillClass(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  auto common = [&](Row& row) {
    row.Oid("reltype", 0).Oid("reloftype", 0).Oid("relowner", kOwnerRoleOid).Oid("reltablespace", 0)
        .Int4("relpages", 0).Set("reltuples", Value::Float(-1)).Int4("relallvisible", 0).Oid("reltoastrelid", 0)
        .Bool("relisshared", false).Char("relpersistence", 'p').Bool("relhasrules", false)
        .Bool("relhastriggers", false).Bool("relhassubclass", false).Bool("relrowsecurity", false)
        .Bool("relforcerowsecurity", false).Bool("relispopulated", true).Bool("relispartition", false)
        .Oid("relrewrite", 0);
  };
  for (const auto& relation : snapshot.relations()) {
    Row row(table);
    common(row);
    row.Oid("oid", relation.oid).Text("relname", relation.name).Oid("relnamespace", relation.namespace_oid)
        .Oid("relam", relation.kind == 'r' ? kHeapAmOid : 0).Oid("relfilenode", relation.kind == 'r' ? relation.oid : 0)
        .Bool("relhasindex", !relation.indexes.empty()).Char("relkind", relation.kind)
        .Int2("relnatts", static_cast<int64_t>(relation.columns.size()))
        .Int2("relchecks", static_cast<int64_t>(relation.checks.size()))
        .Char("relreplident", relation.kind == 'r' ? 'd' : 'n');
    out.Add(row.values());
    for (const auto& index : relation.indexes) {
      Row index_row(table);
      common(index_row);
      index_row.Oid("oid", index.index_oid).Text("relname", index.name).Oid("relnamespace", relation.namespace_oid)
          .Oid("relam", kBtreeAmOid).Oid("relfilenode", index.index_oid).Bool("relhasindex", false).Char("relkind", 'i')
          .Int2("relnatts", static_cast<int64_t>(index.keys.size())).Int2("relchecks", 0).Char("relreplident", 'n');
      out.Add(index_row.values());
    }
  }
}

void FillAttributes(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& relation : snapshot.relations()) {
    for (size_t i = 0; i < relation.columns.size(); i++) {
      const PgAttributeInfo& c = relation.columns[i];
      const PgBuiltinType* type = FindPgBuiltinType(c.type_oid);
      out.Add(Row(table)
                  .Oid("attrelid", relation.oid).Text("attname", c.name).Oid("atttypid", c.type_oid)
                  .Int4("attstattarget", -1).Int2("attlen", c.length).Int2("attnum", static_cast<int64_t>(i + 1))
                  .Int4("attndims", type && type->category == 'A' ? 1 : 0).Int4("attcacheoff", -1)
                  .Int4("atttypmod", c.type_modifier).Bool("attbyval", type ? type->by_value : false)
                  .Char("attalign", type ? type->align : 'i').Char("attstorage", TypeStorage(c.type_oid))
                  .Char("attcompression", 0).Bool("attnotnull", c.not_null)
                  .Bool("atthasdef", c.default_expression.has_value()).Bool("atthasmissing", false)
                  .Char("attidentity", 0).Char("attgenerated", 0).Bool("attisdropped", false).Bool("attislocal", true)
                  .Int4("attinhcount", 0).Oid("attcollation", TypeCollation(c.type_oid))
                  .values());
    }
    // An index's columns: its key columns, numbered from 1 (as \d index_name reads them).
    for (const auto& index : relation.indexes) {
      for (size_t k = 0; k < index.keys.size(); k++) {
        if (index.keys[k] < 1 || static_cast<size_t>(index.keys[k]) > relation.columns.size()) continue;
        const PgAttributeInfo& c = relation.columns[static_cast<size_t>(index.keys[k] - 1)];
        const PgBuiltinType* type = FindPgBuiltinType(c.type_oid);
        out.Add(Row(table)
                    .Oid("attrelid", index.index_oid).Text("attname", c.name).Oid("atttypid", c.type_oid)
                    .Int4("attstattarget", -1).Int2("attlen", c.length).Int2("attnum", static_cast<int64_t>(k + 1))
                    .Int4("attndims", 0).Int4("attcacheoff", -1).Int4("atttypmod", c.type_modifier)
                    .Bool("attbyval", type ? type->by_value : false).Char("attalign", type ? type->align : 'i')
                    .Char("attstorage", TypeStorage(c.type_oid)).Char("attcompression", 0).Bool("attnotnull", false)
                    .Bool("atthasdef", false).Bool("atthasmissing", false).Char("attidentity", 0)
                    .Char("attgenerated", 0).Bool("attisdropped", false).Bool("attislocal", true)
                    .Int4("attinhcount", 0).Oid("attcollation", TypeCollation(c.type_oid))
                    .values());
      }
    }
  }
}

void FillTypes(const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& t : PgBuiltinTypes()) {
    out.Add(Row(table)
                .Oid("oid", t.oid).Text("typname", t.name).Oid("typnamespace", kPgCatalogNamespaceOid)
                .Oid("typowner", kOwnerRoleOid).Int2("typlen", t.length).Bool("typbyval", t.by_value)
                .Char("typtype", t.type_type).Char("typcategory", t.category).Bool("typispreferred", t.preferred)
                .Bool("typisdefined", true).Char("typdelim", ',').Oid("typrelid", 0).Oid("typelem", t.element)
                .Oid("typarray", t.array).Char("typalign", t.align).Char("typstorage", t.storage)
                .Bool("typnotnull", false).Oid("typbasetype", 0).Int4("typtypmod", -1).Int4("typndims", 0)
                .Oid("typcollation", t.collation)
                .values());
  }
}

void FillProc(const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& p : PgProcEntries()) {
    std::vector<int64_t> arguments = p.argument_types;
    if (p.variadic_type != 0) {
      const PgBuiltinType* element = FindPgBuiltinType(p.variadic_type);
      arguments.push_back(element && element->array ? element->array : 2276);
    }
    out.Add(Row(table)
                .Oid("oid", p.oid).Text("proname", p.name).Oid("pronamespace", kPgCatalogNamespaceOid)
                .Oid("proowner", kOwnerRoleOid).Oid("prolang", 12).Set("procost", Value::Float(1))
                .Set("prorows", Value::Float(p.returns_set ? 1000 : 0)).Oid("provariadic", p.variadic_type)
                .Char("prokind", 'f').Bool("prosecdef", false).Bool("proleakproof", false).Bool("proisstrict", false)
                .Bool("proretset", p.returns_set).Char("provolatile", p.is_volatile ? 'v' : 'i')
                .Char("proparallel", 's').Int2("pronargs", static_cast<int64_t>(arguments.size()))
                .Int2("pronargdefaults", 0).Oid("prorettype", p.return_type).Set("proargtypes", OidArray(arguments))
                .Text("prosrc", p.name)
                .values());
  }
}

void FillIndexes(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& relation : snapshot.relations()) {
    for (const auto& index : relation.indexes) {
      auto n = static_cast<int64_t>(index.keys.size());
      out.Add(Row(table)
                  .Oid("indexrelid", index.index_oid).Oid("indrelid", relation.oid).Int2("indnatts", n)
                  .Int2("indnkeyatts", n).Bool("indisunique", true).Bool("indnullsnotdistinct", false)
                  .Bool("indisprimary", index.primary).Bool("indisexclusion", false).Bool("indimmediate", true)
                  .Bool("indisclustered", false).Bool("indisvalid", true).Bool("indcheckxmin", false)
                  .Bool("indisready", true).Bool("indislive", true).Bool("indisreplident", false)
                  .Set("indkey", Int2Array(index.keys))
                  .values());
    }
  }
}

void FillConstraints(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  auto common = [&](Row& row, const PgRelationInfo& relation) {
    row.Oid("connamespace", relation.namespace_oid).Bool("condeferrable", false).Bool("condeferred", false)
        .Bool("convalidated", true).Oid("conrelid", relation.oid).Oid("contypid", 0).Oid("conparentid", 0)
        .Oid("confrelid", 0).Char("confupdtype", ' ').Char("confdeltype", ' ').Char("confmatchtype", ' ')
        .Bool("conislocal", true).Int4("coninhcount", 0).Bool("connoinherit", false);
  };
  for (const auto& relation : snapshot.relations()) {
    for (const auto& index : relation.indexes) {
      Row row(table);
      common(row, relation);
      row.Oid("oid", index.constraint_oid).Text("conname", index.name).Char("contype", index.primary ? 'p' : 'u')
          .Oid("conindid", index.index_oid).Set("conkey", Int2Array(index.keys));
      out.Add(row.values());
    }
    for (const auto& check : relation.checks) {
      Row row(table);
      common(row, relation);
      row.Oid("oid", check.oid).Text("conname", check.name).Char("contype", 'c').Oid("conindid", 0)
          .Set("conkey", Int2Array(check.keys)).Text("conbin", check.expression);
      out.Add(row.values());
    }
  }
}

void FillDefaults(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& relation : snapshot.relations()) {
    for (size_t i = 0; i < relation.columns.size(); i++) {
      if (!relation.columns[i].default_expression) continue;
      // After the table's constraints: 512 + 256 + attnum stays below the next table's oid.
      out.Add(Row(table)
                  .Oid("oid", relation.oid + 768 + static_cast<int64_t>(i))
                  .Oid("adrelid", relation.oid).Int2("adnum", static_cast<int64_t>(i + 1))
                  .Text("adbin", *relation.columns[i].default_expression)
                  .values());
    }
  }
}

void FillDescriptions(const PgCatalogSnapshot& snapshot, const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& relation : snapshot.relations()) {
    for (size_t i = 0; i < relation.columns.size(); i++) {
      if (!relation.columns[i].comment) continue;
      out.Add(Row(table)
                  .Oid("objoid", relation.oid).Oid("classoid", kPgClassRelationOid)
                  .Int4("objsubid", static_cast<int64_t>(i + 1)).Text("description", *relation.columns[i].comment)
                  .values());
    }
  }
}

struct Setting {
  const char* name;
  const char* value;
  const char* category;
  const char* description;
};

// The values every session starts with, as the server reports them at startup.
const Setting kSettings[] = {
      {"DateStyle", "ISO, MDY", "Client Connection Defaults / Locale and Formatting", "Sets the display format for date and time values."},
      {"IntervalStyle", "postgres", "Client Connection Defaults / Locale and Formatting", "Sets the display format for interval values."},
      {"TimeZone", "UTC", "Client Connection Defaults / Locale and Formatting", "Sets the time zone for displaying and interpreting time stamps."},
      {"client_encoding", "UTF8", "Client Connection Defaults / Locale and Formatting", "Sets the client's character set encoding."},
      {"integer_datetimes", "on", "Preset Options", "Shows whether datetimes are integer based."},
      {"max_identifier_length", "63", "Preset Options", "Shows the maximum identifier length."},
      {"search_path", "\"$user\", public", "Client Connection Defaults / Statement Behavior", "Sets the schema search order for names that are not schema-qualified."},
      {"server_encoding", "UTF8", "Preset Options", "Shows the server (database) character set encoding."},
      {"server_version", "15.0 (Cairn)", "Preset Options", "Shows the server version."},
      {"server_version_num", "150000", "Preset Options", "Shows the server version as an integer."},
      {"standard_conforming_strings", "on", "Version and Platform Compatibility / Previous PostgreSQL Versions", "Causes '...' strings to treat backslashes literally."},
};

void FillSettings(const SystemTableInfo& table, SystemTableRows& out) {
  for (const auto& s : kSettings) {
    out.Add(Row(table)
                .Text("name", s.name).Text("setting", s.value).Text("category", s.category)
                .Text("short_desc", s.description).Text("context", "user").Text("vartype", "string")
                .Text("source", "default").Text("boot_val", s.value).Text("reset_val", s.value)
                .Bool("pending_restart", false)
                .values());
  }
}

}  // namespace

std::optional<std::string> PgStartupSetting(const std::string& name) {
  for (const auto& s : kSettings) {
    if (Lower(s.name) == name) return std::string(s.value);
  }
  return std::nullopt;
}

std::vector<SystemTableInfo> PgCatalogTables() {
  return {
      Table("pg_am", "oid oid, amname name, amhandler regproc, amtype char"),
      Table("pg_auth_members", "oid oid, roleid oid, member oid, grantor oid, admin_option bool"),
      Table("pg_attrdef", "oid oid, adrelid oid, adnum int2, adbin text"),
      Table("pg_attribute",
            "attrelid oid, attname name, atttypid oid, attstattarget int4, attlen int2, attnum int2, attndims int4, "
            "attcacheoff int4, atttypmod int4, attbyval bool, attalign char, attstorage char, attcompression char, "
            "attnotnull bool, atthasdef bool, atthasmissing bool, attidentity char, attgenerated char, "
            "attisdropped bool, attislocal bool, attinhcount int4, attcollation oid, attacl text[], "
            "attoptions text[], attfdwoptions text[]"),
      Table("pg_class",
            "oid oid, relname name, relnamespace oid, reltype oid, reloftype oid, relowner oid, relam oid, "
            "relfilenode oid, reltablespace oid, relpages int4, reltuples float4, relallvisible int4, "
            "reltoastrelid oid, relhasindex bool, relisshared bool, relpersistence char, relkind char, "
            "relnatts int2, relchecks int2, relhasrules bool, relhastriggers bool, relhassubclass bool, "
            "relrowsecurity bool, relforcerowsecurity bool, relispopulated bool, relreplident char, "
            "relispartition bool, relrewrite oid, relacl text[], reloptions text[], relpartbound text"),
      Table("pg_collation",
            "oid oid, collname name, collnamespace oid, collowner oid, collprovider char, "
            "collisdeterministic bool, collencoding int4, collcollate text, collctype text, colliculocale text, "
            "collversion text"),
      Table("pg_constraint",
            "oid oid, conname name, connamespace oid, contype char, condeferrable bool, condeferred bool, "
            "convalidated bool, conrelid oid, contypid oid, conindid oid, conparentid oid, confrelid oid, "
            "confupdtype char, confdeltype char, confmatchtype char, conislocal bool, coninhcount int4, "
            "connoinherit bool, conkey int2[], confkey int2[], conbin text"),
      Table("pg_database",
            "oid oid, datname name, datdba oid, encoding int4, datlocprovider char, datistemplate bool, "
            "datallowconn bool, datconnlimit int4, dattablespace oid, datcollate text, datctype text, "
            "daticulocale text, datcollversion text, datacl text[]"),
      Table("pg_description", "objoid oid, classoid oid, objsubid int4, description text"),
      Table("pg_extension",
            "oid oid, extname name, extowner oid, extnamespace oid, extrelocatable bool, extversion text, "
            "extconfig oid[], extcondition text[]"),
      Table("pg_indexes", "schemaname name, tablename name, indexname name, tablespace name, indexdef text"),
      Table("pg_index",
            "indexrelid oid, indrelid oid, indnatts int2, indnkeyatts int2, indisunique bool, "
            "indnullsnotdistinct bool, indisprimary bool, indisexclusion bool, indimmediate bool, "
            "indisclustered bool, indisvalid bool, indcheckxmin bool, indisready bool, indislive bool, "
            "indisreplident bool, indkey int2[], indexprs text, indpred text"),
      Table("pg_inherits", "inhrelid oid, inhparent oid, inhseqno int4, inhdetachpending bool"),
      Table("pg_namespace", "oid oid, nspname name, nspowner oid, nspacl text[]"),
      Table("pg_policy",
            "oid oid, polname name, polrelid oid, polcmd char, polpermissive bool, polroles oid[], polqual text, "
            "polwithcheck text"),
      Table("pg_proc",
            "oid oid, proname name, pronamespace oid, proowner oid, prolang oid, procost float4, prorows float4, "
            "provariadic oid, prokind char, prosecdef bool, proleakproof bool, proisstrict bool, proretset bool, "
            "provolatile char, proparallel char, pronargs int2, pronargdefaults int2, prorettype oid, "
            "proargtypes oid[], proallargtypes oid[], proargmodes text[], proargnames text[], prosrc text, "
            "proacl text[]"),
      Table("pg_publication",
            "oid oid, pubname name, pubowner oid, puballtables bool, pubinsert bool, pubupdate bool, "
            "pubdelete bool, pubtruncate bool, pubviaroot bool"),
      Table("pg_publication_namespace", "oid oid, pnpubid oid, pnnspid oid"),
      Table("pg_publication_rel", "oid oid, prpubid oid, prrelid oid, prqual text, prattrs int2[]"),
      Table("pg_roles",
            "rolname name, rolsuper bool, rolinherit bool, rolcreaterole bool, rolcreatedb bool, "
            "rolcanlogin bool, rolreplication bool, rolconnlimit int4, rolpassword text, rolvaliduntil text, "
            "rolbypassrls bool, rolconfig text[], oid oid"),
      Table("pg_settings",
            "name text, setting text, unit text, category text, short_desc text, extra_desc text, context text, "
            "vartype text, source text, min_val text, max_val text, enumvals text[], boot_val text, "
            "reset_val text, sourcefile text, sourceline int4, pending_restart bool"),
      Table("pg_shdescription", "objoid oid, classoid oid, description text"),
      Table("pg_statistic_ext",
            "oid oid, stxrelid oid, stxname name, stxnamespace oid, stxowner oid, stxstattarget int4, "
            "stxkeys int2[], stxkind text[]"),
      Table("pg_tablespace", "oid oid, spcname name, spcowner oid, spcacl text[], spcoptions text[]"),
      Table("pg_trigger",
            "oid oid, tgrelid oid, tgparentid oid, tgname name, tgfoid oid, tgtype int2, tgenabled char, "
            "tgisinternal bool, tgconstrrelid oid, tgconstrindid oid, tgconstraint oid, tgdeferrable bool, "
            "tginitdeferred bool, tgnargs int2, tgattr int2[], tgqual text, tgoldtable name, tgnewtable name"),
      Table("pg_tables",
            "schemaname name, tablename name, tableowner name, tablespace name, hasindexes bool, hasrules bool, "
            "hastriggers bool, rowsecurity bool"),
      Table("pg_type",
            "oid oid, typname name, typnamespace oid, typowner oid, typlen int2, typbyval bool, typtype char, "
            "typcategory char, typispreferred bool, typisdefined bool, typdelim char, typrelid oid, "
            "typelem oid, typarray oid, typalign char, typstorage char, typnotnull bool, typbasetype oid, "
            "typtypmod int4, typndims int4, typcollation oid, typdefault text, typacl text[]"),
      Table("pg_user",
            "usename name, usesysid oid, usecreatedb bool, usesuper bool, userepl bool, usebypassrls bool, "
            "passwd text, valuntil text, useconfig text[]"),
      Table("pg_views", "schemaname name, viewname name, viewowner name, definition text"),
  };
}

/// A role's oid: a hash of its name (FNV-1a) in [2^30, 2^31), away from the table oids.
static int64_t RoleOid(const std::string& name) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : name) hash = (hash ^ c) * 16777619u;
  return (int64_t{1} << 30) + (hash & ((1u << 30) - 1));
}

void FillPgCatalogRows(Catalog& catalog, const SystemTableInfo& table, SystemTableRows& out) {
  const std::string& name = table.name;
  if (name == "pg_type") return FillTypes(table, out);
  if (name == "pg_proc") return FillProc(table, out);
  if (name == "pg_settings") return FillSettings(table, out);
  if (name == "pg_am") {
    out.Add(Row(table).Oid("oid", kHeapAmOid).Text("amname", "heap").Oid("amhandler", 3).Char("amtype", 't').values());
    out.Add(Row(table).Oid("oid", kBtreeAmOid).Text("amname", "btree").Oid("amhandler", 330).Char("amtype", 'i').values());
    return;
  }
  if (name == "pg_database") {
    out.Add(Row(table)
                .Oid("oid", kDatabaseOid).Text("datname", kPgDatabaseName).Oid("datdba", kOwnerRoleOid)
                .Int4("encoding", 6).Char("datlocprovider", 'c').Bool("datistemplate", false)
                .Bool("datallowconn", true).Int4("datconnlimit", -1).Oid("dattablespace", kDefaultTablespaceOid)
                .Text("datcollate", "C.UTF-8").Text("datctype", "C.UTF-8")
                .values());
    return;
  }
  if (name == "pg_roles") {
    out.Add(Row(table)
                .Text("rolname", kPgOwnerName).Bool("rolsuper", true).Bool("rolinherit", true).Bool("rolcreaterole", true)
                .Bool("rolcreatedb", true).Bool("rolcanlogin", true).Bool("rolreplication", false)
                .Int4("rolconnlimit", -1).Text("rolpassword", "********").Bool("rolbypassrls", true)
                .Oid("oid", kOwnerRoleOid)
                .values());
    // The roles of CREATE ROLE (catalog.json), with oids derived from their names.
    for (const RoleEntry& role : catalog.roles()) {
      if (role.name == kPgOwnerName) continue;
      out.Add(Row(table)
                  .Text("rolname", role.name).Bool("rolsuper", false).Bool("rolinherit", true).Bool("rolcreaterole", false)
                  .Bool("rolcreatedb", false).Bool("rolcanlogin", role.can_login).Bool("rolreplication", false)
                  .Int4("rolconnlimit", -1).Text("rolpassword", "********").Bool("rolbypassrls", false)
                  .Oid("oid", RoleOid(role.name))
                  .values());
    }
    return;
  }
  if (name == "pg_user") {
    out.Add(Row(table)
                .Text("usename", kPgOwnerName).Oid("usesysid", kOwnerRoleOid).Bool("usecreatedb", true)
                .Bool("usesuper", true).Bool("userepl", false).Bool("usebypassrls", true).Text("passwd", "********")
                .values());
    for (const RoleEntry& role : catalog.roles()) {
      if (role.name == kPgOwnerName || !role.can_login) continue;  // pg_user lists the roles that log in
      out.Add(Row(table)
                  .Text("usename", role.name).Oid("usesysid", RoleOid(role.name)).Bool("usecreatedb", false)
                  .Bool("usesuper", false).Bool("userepl", false).Bool("usebypassrls", false).Text("passwd", "********")
                  .values());
    }
    return;
  }
  if (name == "pg_collation") {
    struct Collation { int64_t oid; const char* name; char provider; int encoding; const char* collate; };
    for (const Collation& c : {Collation{kDefaultCollationOid, "default", 'd', -1, nullptr}, Collation{950, "C", 'c', -1, "C"},
                               Collation{951, "POSIX", 'c', -1, "POSIX"}}) {
      Row row(table);
      row.Oid("oid", c.oid).Text("collname", c.name).Oid("collnamespace", kPgCatalogNamespaceOid)
          .Oid("collowner", kOwnerRoleOid).Char("collprovider", c.provider).Bool("collisdeterministic", true)
          .Int4("collencoding", c.encoding);
      if (c.collate) row.Text("collcollate", c.collate).Text("collctype", c.collate);
      out.Add(row.values());
    }
    return;
  }
  if (name == "pg_tablespace") {
    out.Add(Row(table).Oid("oid", kDefaultTablespaceOid).Text("spcname", "pg_default").Oid("spcowner", kOwnerRoleOid).values());
    out.Add(Row(table).Oid("oid", 1664).Text("spcname", "pg_global").Oid("spcowner", kOwnerRoleOid).values());
    return;
  }
  bool from_catalog = name == "pg_namespace" || name == "pg_class" || name == "pg_attribute" || name == "pg_index" ||
                      name == "pg_constraint" || name == "pg_attrdef" || name == "pg_description" ||
                      name == "pg_tables" || name == "pg_views" || name == "pg_indexes";
  if (!from_catalog) return;  // no such objects in Cairn: policies, triggers, publications, ...
  auto snapshot = PgCatalogSnapshot::Take(catalog);
  if (name == "pg_namespace") return FillNamespaces(*snapshot, table, out);
  if (name == "pg_class") return FillClass(*snapshot, table, out);
  if (name == "pg_attribute") return FillAttributes(*snapshot, table, out);
  if (name == "pg_index") return FillIndexes(*snapshot, table, out);
  if (name == "pg_constraint") return FillConstraints(*snapshot, table, out);
  if (name == "pg_attrdef") return FillDefaults(*snapshot, table, out);
  if (name == "pg_description") return FillDescriptions(*snapshot, table, out);
  // The views over pg_class (PostgreSQL's system_views.sql).
  for (const auto& relation : snapshot->relations()) {
    if (name == "pg_tables" && relation.kind == 'r') {
      out.Add(Row(table)
                  .Text("schemaname", relation.namespace_name).Text("tablename", relation.name)
                  .Text("tableowner", kPgOwnerName).Bool("hasindexes", !relation.indexes.empty())
                  .Bool("hasrules", false).Bool("hastriggers", false).Bool("rowsecurity", false)
                  .values());
    } else if (name == "pg_views" && relation.kind == 'v') {
      out.Add(Row(table)
                  .Text("schemaname", relation.namespace_name).Text("viewname", relation.name)
                  .Text("viewowner", kPgOwnerName).Text("definition", relation.view_definition)
                  .values());
    } else if (name == "pg_indexes") {
      for (const auto& index : relation.indexes) {
        out.Add(Row(table)
                    .Text("schemaname", relation.namespace_name).Text("tablename", relation.name)
                    .Text("indexname", index.name).Set("indexdef", Value::Varchar(*snapshot->IndexDefinition(index.index_oid)))
                    .values());
      }
    }
  }
}

}  // namespace cairn

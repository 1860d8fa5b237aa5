#include "catalog/pg_catalog_snapshot.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "catalog/pg_builtin_types.h"

namespace cairn {

namespace {

constexpr int64_t kFirstUserOid = 16384;
constexpr int64_t kOidsPerTable = 1024;
constexpr int64_t kFirstConstraintOffset = 512;

/// FNV-1a of `name` into [16384, 2^31).
int64_t NamespaceHash(const std::string& name) {
  uint32_t hash = 2166136261u;
  for (unsigned char c : name) {
    hash ^= c;
    hash *= 16777619u;
  }
  return kFirstUserOid + static_cast<int64_t>(hash) % ((int64_t{1} << 31) - kFirstUserOid);
}

int64_t FixedNamespaceOid(const std::string& name) {
  if (name == "pg_catalog") return kPgCatalogNamespaceOid;
  if (name == Catalog::kDefaultNamespace) return kPublicNamespaceOid;
  if (name == "information_schema") return 13000;
  if (name == "system") return 13001;
  return 0;
}

std::string JoinNames(const std::vector<std::string>& names, const char* separator) {
  std::string out;
  for (size_t i = 0; i < names.size(); i++) out += (i ? separator : "") + names[i];
  return out;
}

std::string QuotedList(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  for (const auto& n : names) quoted.push_back(PgQuoteIdentifier(n));
  return JoinNames(quoted, ", ");
}

/// The identifiers of a SQL expression's text (unquoted ones lower-cased), string literals
/// skipped: the candidates for the columns a CHECK constraint references.
std::vector<std::string> ExpressionIdentifiers(const std::string& text) {
  std::vector<std::string> words;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '\'') {
      for (i++; i < text.size(); i++) {
        if (text[i] == '\'' && !(i + 1 < text.size() && text[i + 1] == '\'')) break;
        if (text[i] == '\'') i++;
      }
      i++;
    } else if (c == '"') {
      std::string word;
      for (i++; i < text.size(); i++) {
        if (text[i] == '"' && !(i + 1 < text.size() && text[i + 1] == '"')) break;
        if (text[i] == '"') i++;
        word += text[i];
      }
      i++;
      words.push_back(word);
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::string word;
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' || text[i] == '$')) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++])));
      }
      words.push_back(word);
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '.')) i++;
    } else {
      i++;
    }
  }
  return words;
}

}  // namespace

int64_t PgRelationOid(TableId id) {
  auto value = static_cast<int64_t>(id.value);
  if (value < kFirstUserOid) return value;
  return kFirstUserOid + (value - kFirstUserOid) * kOidsPerTable;
}

std::string PgQuoteIdentifier(const std::string& name) {
  bool plain = !name.empty() && (std::islower(static_cast<unsigned char>(name[0])) || name[0] == '_');
  for (char c : name) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_')) plain = false;
  }
  if (plain) return name;
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::shared_ptr<const PgCatalogSnapshot> PgCatalogSnapshot::Take(Catalog& catalog) {
  auto snapshot = std::make_shared<PgCatalogSnapshot>();
  // Namespaces: the fixed ones, then user namespaces by name with probed hashes.
  std::set<std::string> names = {"pg_catalog", Catalog::kDefaultNamespace, "information_schema", "system"};
  for (const auto& n : catalog.namespaces()) names.insert(n.name);
  std::set<int64_t> used;
  for (const auto& name : names) {
    int64_t oid = FixedNamespaceOid(name);
    if (oid == 0) {
      oid = NamespaceHash(name);
      while (used.count(oid)) oid = oid + 1 >= (int64_t{1} << 31) ? kFirstUserOid : oid + 1;
    }
    used.insert(oid);
    bool system = name == "pg_catalog" || name == "information_schema" || name == "system";
    snapshot->namespaces_.push_back(PgNamespaceInfo{oid, name, system});
  }
  for (const auto& entry : catalog.tables(true)) {
    const PgNamespaceInfo* space = snapshot->FindNamespace(entry.namespace_name);
    if (!space) continue;
    PgRelationInfo relation;
    relation.oid = PgRelationOid(entry.id);
    relation.id = entry.id;
    relation.name = entry.name;
    relation.namespace_oid = space->oid;
    relation.namespace_name = entry.namespace_name;
    relation.type = entry.type;
    relation.kind = entry.type == TableType::kView ||
                            (entry.type == TableType::kSystem && entry.namespace_name == "information_schema")
                        ? 'v'
                        : 'r';
    relation.view_definition = entry.view_sql;
    const TableDefinition& definition = entry.definition();
    for (const auto& c : definition.columns) {
      PgColumnType type = PgColumnTypeOf(c.type);
      relation.columns.push_back(
          PgAttributeInfo{c.name, type.oid, type.modifier, type.length, !c.nullable, c.default_value, c.comment});
    }
    auto attnum = [&](const std::string& column) -> int16_t {
      for (size_t i = 0; i < definition.columns.size(); i++) {
        if (definition.columns[i].name == column) return static_cast<int16_t>(i + 1);
      }
      return 0;
    };
    int64_t next_index = relation.oid + 1;
    int64_t next_constraint = relation.oid + kFirstConstraintOffset;
    auto add_index = [&](const std::vector<std::string>& columns, bool primary) {
      PgIndexInfo index;
      index.index_oid = next_index++;
      index.constraint_oid = next_constraint++;
      index.primary = primary;
      index.name = primary ? entry.name + "_pkey" : entry.name + "_" + JoinNames(columns, "_") + "_key";
      for (const auto& c : columns) {
        index.keys.push_back(attnum(c));
        index.key_names.push_back(c);
      }
      relation.indexes.push_back(std::move(index));
    };
    if (entry.type != TableType::kView && entry.type != TableType::kSystem) {
      if (!definition.primary_key.empty()) add_index(definition.primary_key, true);
      for (const auto& unique : definition.unique_keys) add_index(unique, false);
      for (const auto& check : definition.checks) {
        PgCheckInfo info{next_constraint++, check.name, check.expression, {}};
        for (const auto& word : ExpressionIdentifiers(check.expression)) {
          int16_t number = attnum(word);
          if (number > 0 && std::find(info.keys.begin(), info.keys.end(), number) == info.keys.end()) info.keys.push_back(number);
        }
        std::sort(info.keys.begin(), info.keys.end());
        relation.checks.push_back(std::move(info));
      }
    }
    snapshot->relations_.push_back(std::move(relation));
  }
  for (size_t r = 0; r < snapshot->relations_.size(); r++) {
    const PgRelationInfo& relation = snapshot->relations_[r];
    snapshot->relation_by_oid_[relation.oid] = r;
    for (size_t i = 0; i < relation.indexes.size(); i++) {
      snapshot->index_by_oid_[relation.indexes[i].index_oid] = {r, i};
      snapshot->unique_by_constraint_oid_[relation.indexes[i].constraint_oid] = {r, i};
    }
    for (size_t i = 0; i < relation.checks.size(); i++) snapshot->check_by_oid_[relation.checks[i].oid] = {r, i};
  }
  return snapshot;
}

const PgRelationInfo* PgCatalogSnapshot::FindRelation(int64_t oid) const {
  auto it = relation_by_oid_.find(oid);
  return it == relation_by_oid_.end() ? nullptr : &relations_[it->second];
}

const PgRelationInfo* PgCatalogSnapshot::FindRelation(const std::string& namespace_name, const std::string& name) const {
  for (const auto& relation : relations_) {
    if (relation.namespace_name == namespace_name && relation.name == name) return &relation;
  }
  return nullptr;
}

std::optional<int64_t> PgCatalogSnapshot::FindClassOid(const std::string& namespace_name, const std::string& name) const {
  for (const auto& relation : relations_) {
    if (relation.namespace_name != namespace_name) continue;
    if (relation.name == name) return relation.oid;
    for (const auto& index : relation.indexes) {
      if (index.name == name) return index.index_oid;
    }
  }
  return std::nullopt;
}

std::pair<const PgRelationInfo*, const PgIndexInfo*> PgCatalogSnapshot::FindIndex(int64_t oid) const {
  auto it = index_by_oid_.find(oid);
  if (it == index_by_oid_.end()) return {nullptr, nullptr};
  const PgRelationInfo& relation = relations_[it->second.first];
  return {&relation, &relation.indexes[it->second.second]};
}

const PgNamespaceInfo* PgCatalogSnapshot::FindNamespace(int64_t oid) const {
  for (const auto& n : namespaces_) {
    if (n.oid == oid) return &n;
  }
  return nullptr;
}

const PgNamespaceInfo* PgCatalogSnapshot::FindNamespace(const std::string& name) const {
  for (const auto& n : namespaces_) {
    if (n.name == name) return &n;
  }
  return nullptr;
}

std::optional<std::string> PgCatalogSnapshot::ConstraintDefinition(int64_t oid) const {
  if (auto it = unique_by_constraint_oid_.find(oid); it != unique_by_constraint_oid_.end()) {
    const PgIndexInfo& index = relations_[it->second.first].indexes[it->second.second];
    return std::string(index.primary ? "PRIMARY KEY (" : "UNIQUE (") + QuotedList(index.key_names) + ")";
  }
  if (auto it = check_by_oid_.find(oid); it != check_by_oid_.end()) {
    return "CHECK (" + relations_[it->second.first].checks[it->second.second].expression + ")";
  }
  return std::nullopt;
}

std::optional<std::string> PgCatalogSnapshot::IndexDefinition(int64_t oid, bool qualify_table) const {
  auto [relation, index] = FindIndex(oid);
  if (!index) return std::nullopt;
  std::string table = (qualify_table ? PgQuoteIdentifier(relation->namespace_name) + "." : "") + PgQuoteIdentifier(relation->name);
  return "CREATE UNIQUE INDEX " + PgQuoteIdentifier(index->name) + " ON " + table + " USING btree (" +
         QuotedList(index->key_names) + ")";
}

std::optional<std::string> PgCatalogSnapshot::RelationDisplayName(int64_t oid) const {
  const PgRelationInfo* relation = FindRelation(oid);
  std::string name;
  std::string namespace_name;
  if (relation) {
    name = relation->name;
    namespace_name = relation->namespace_name;
  } else if (auto [table, index] = FindIndex(oid); index) {
    name = index->name;
    namespace_name = table->namespace_name;
  } else {
    return std::nullopt;
  }
  if (namespace_name == Catalog::kDefaultNamespace || namespace_name == "pg_catalog") return PgQuoteIdentifier(name);
  return PgQuoteIdentifier(namespace_name) + "." + PgQuoteIdentifier(name);
}

}  // namespace cairn

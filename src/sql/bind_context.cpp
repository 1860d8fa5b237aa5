#include "sql/bind_context.h"

#include <cctype>
#include <string>
#include <unordered_set>

#include "cairn/exception.h"

namespace cairn {

namespace {

constexpr const char* kDuplicateAlias = "42712";

}  // namespace

bool IdentifierEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); i++) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

void BindContext::AddTable(const std::string& alias, std::vector<std::string> names, std::vector<LogicalType> types,
                           std::vector<ColumnBinding> bindings, int position) {
  for (const auto& table : tables_) {
    if (!alias.empty() && table.alias == alias) {
      throw Exception(kDuplicateAlias, "table name \"" + alias + "\" specified more than once", position);
    }
  }
  TableBinding binding;
  binding.alias = alias;
  binding.bindings = std::move(bindings);
  binding.merged.assign(names.size(), false);
  column_count_ += names.size();
  binding.names = std::move(names);
  binding.types = std::move(types);
  tables_.push_back(std::move(binding));
}

void BindContext::Append(BindContext&& right, int position) {
  // A set of the aliases so far keeps a FROM list of n tables linear per step (a nested scan
  // made a 5,000-way join cubic).
  std::unordered_set<std::string> aliases;
  if (!right.tables_.empty()) {
    for (const auto& existing : tables_) aliases.insert(existing.alias);
  }
  for (auto& table : right.tables_) {
    if (!table.alias.empty() && aliases.count(table.alias)) {
      throw Exception(kDuplicateAlias, "table name \"" + table.alias + "\" specified more than once", position);
    }
    tables_.push_back(std::move(table));
    if (!tables_.back().alias.empty()) aliases.insert(tables_.back().alias);
  }
  for (auto& using_column : right.using_columns_) {
    using_columns_.push_back(std::move(using_column));
  }
  column_count_ += right.column_count_;
}

void BindContext::AddUsingColumn(const std::string& name, ExpressionPtr expression,
                                 std::optional<ColumnBinding> left_column, std::optional<ColumnBinding> right_column) {
  // A USING column of an inner join that is merged again is superseded by the new one.
  for (size_t i = 0; i < using_columns_.size(); i++) {
    if (IdentifierEquals(using_columns_[i].name, name)) {
      using_columns_.erase(using_columns_.begin() + static_cast<std::ptrdiff_t>(i));
      i--;
    }
  }
  for (auto column : {left_column, right_column}) {
    if (!column) continue;
    for (auto& table : tables_) {
      for (idx_t i = 0; i < table.bindings.size(); i++) {
        if (table.bindings[i] == *column) table.merged[i] = true;
      }
    }
  }
  using_columns_.push_back(UsingColumn{name, std::move(expression)});
}

ExpressionPtr BindContext::Resolve(const std::string& table, const std::string& column, int position) const {
  if (!table.empty()) {
    const TableBinding* binding = nullptr;
    for (const auto& candidate : tables_) {
      if (candidate.alias == table) binding = &candidate;
    }
    if (!binding) {
      for (const auto& candidate : tables_) {
        if (IdentifierEquals(candidate.alias, table)) binding = &candidate;
      }
    }
    if (!binding) {
      throw Exception(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + table + "\"", position);
    }
    std::optional<idx_t> found;
    for (idx_t i = 0; i < binding->names.size(); i++) {
      if (binding->names[i] == column) found = i;
    }
    if (!found) {
      for (idx_t i = 0; i < binding->names.size() && !found; i++) {
        if (IdentifierEquals(binding->names[i], column)) found = i;
      }
    }
    if (!found) {
      throw Exception(sqlstate::kUndefinedColumn, "column " + table + "." + column + " does not exist", position);
    }
    return std::make_unique<BoundColumnRef>(binding->bindings[*found], binding->types[*found], binding->names[*found]);
  }
  for (const auto& using_column : using_columns_) {
    if (IdentifierEquals(using_column.name, column)) {
      auto copy = using_column.expression->Copy();
      if (copy->expression_class == ExpressionClass::COLUMN_REF) {
        static_cast<BoundColumnRef&>(*copy).name = using_column.name;
      }
      return copy;
    }
  }
  // Exact-case matches first; fall back to case-insensitive ones.
  for (int pass = 0; pass < 2; pass++) {
    const TableBinding* match_table = nullptr;
    idx_t match_index = 0;
    int matches = 0;
    for (const auto& binding : tables_) {
      for (idx_t i = 0; i < binding.names.size(); i++) {
        if (binding.merged[i]) continue;
        bool equal = pass == 0 ? binding.names[i] == column : IdentifierEquals(binding.names[i], column);
        if (equal) {
          matches++;
          match_table = &binding;
          match_index = i;
        }
      }
    }
    if (matches > 1) {
      throw Exception(sqlstate::kAmbiguousColumn, "column reference \"" + column + "\" is ambiguous", position);
    }
    if (matches == 1) {
      return std::make_unique<BoundColumnRef>(match_table->bindings[match_index], match_table->types[match_index],
                                              match_table->names[match_index]);
    }
  }
  throw Exception(sqlstate::kUndefinedColumn, "column \"" + column + "\" does not exist", position);
}

bool BindContext::CanResolve(const std::string& column) const {
  try {
    Resolve("", column, 0);
    return true;
  } catch (const Exception&) {
    return false;
  }
}

bool BindContext::CanResolveReference(const std::string& table, const std::string& column) const {
  try {
    Resolve(table, column, 0);
    return true;
  } catch (const Exception& error) {
    return error.sqlstate() != std::string(sqlstate::kUndefinedColumn) &&
           error.sqlstate() != std::string(sqlstate::kUndefinedTable);
  }
}

std::vector<ExpressionPtr> BindContext::ExpandStar(const std::string& table, int position,
                                                   std::vector<std::string>& names) const {
  std::vector<ExpressionPtr> result;
  if (!table.empty()) {
    const TableBinding* binding = nullptr;
    for (const auto& candidate : tables_) {
      if (candidate.alias == table || (!binding && IdentifierEquals(candidate.alias, table))) binding = &candidate;
    }
    if (!binding) {
      throw Exception(sqlstate::kUndefinedTable, "missing FROM-clause entry for table \"" + table + "\"", position);
    }
    for (idx_t i = 0; i < binding->names.size(); i++) {
      result.push_back(std::make_unique<BoundColumnRef>(binding->bindings[i], binding->types[i], binding->names[i]));
      names.push_back(binding->names[i]);
    }
    return result;
  }
  for (const auto& using_column : using_columns_) {
    result.push_back(Resolve("", using_column.name, position));
    names.push_back(using_column.name);
  }
  for (const auto& binding : tables_) {
    for (idx_t i = 0; i < binding.names.size(); i++) {
      if (binding.merged[i]) continue;
      result.push_back(std::make_unique<BoundColumnRef>(binding.bindings[i], binding.types[i], binding.names[i]));
      names.push_back(binding.names[i]);
    }
  }
  if (result.empty() && tables_.empty()) {
    throw Exception(sqlstate::kSyntaxError, "SELECT * with no tables specified is not valid", position);
  }
  return result;
}

}  // namespace cairn


// BindContext: the names visible while binding a query's expressions — the FROM clause's
// table bindings (alias → columns, each column with its ColumnBinding) left to right, plus
// USING columns merged by joins. Resolves column references (qualified and unqualified, PostgreSQL's
// ambiguity rules, case-insensitive with exact match preferred) and expands * / t.*.
//
// Thread-safety: used by one binder at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cairn/types.h"
#include "sql/expression.h"

namespace cairn {

struct TableBinding {
  std::string alias;
  std::vector<std::string> names;
  std::vector<LogicalType> types;
  std::vector<ColumnBinding> bindings;  // of each column, in the plan the FROM item produced
  std::vector<bool> merged;             // column folded into a USING column (hidden from *)
};

struct UsingColumn {
  std::string name;
  ExpressionPtr expression;  // over the context's columns
};

class BindContext {
 public:
  /// Appends a table binding (columns `names`/`types` with `bindings`). Throws 42712 for a
  /// duplicate alias.
  void AddTable(const std::string& alias, std::vector<std::string> names, std::vector<LogicalType> types,
                std::vector<ColumnBinding> bindings, int position);
  /// Appends every table binding of `right`. Throws 42712 on a duplicate alias.
  void Append(BindContext&& right, int position);
  /// Merges column `name` of a join's two sides (USING / NATURAL): `expression` (over this
  /// context's columns) replaces both for unqualified references and *.
  void AddUsingColumn(const std::string& name, ExpressionPtr expression, std::optional<ColumnBinding> left_column,
                      std::optional<ColumnBinding> right_column);

  /// Resolves `table` (may be empty) . `column`. Throws 42703 (unknown column), 42702
  /// (ambiguous) or 42P01 (unknown table alias), each with `position` (1-based).
  ExpressionPtr Resolve(const std::string& table, const std::string& column, int position) const;
  /// True if an unqualified `column` resolves (without throwing).
  bool CanResolve(const std::string& column) const;
  /// True unless `table`.`column` names no column here (42703 / 42P01): an ambiguous reference
  /// counts as found, so that resolving it reports the ambiguity.
  bool CanResolveReference(const std::string& table, const std::string& column) const;
  /// Expands * (table empty) or table.*; names go to `names`. Throws 42P01 for an unknown alias.
  std::vector<ExpressionPtr> ExpandStar(const std::string& table, int position, std::vector<std::string>& names) const;
  idx_t column_count() const { return column_count_; }
  const std::vector<TableBinding>& tables() const { return tables_; }

 private:
  std::vector<TableBinding> tables_;
  std::vector<UsingColumn> using_columns_;
  idx_t column_count_ = 0;
};

/// Case-insensitive ASCII comparison (SQL identifiers).
bool IdentifierEquals(const std::string& a, const std::string& b);

}  // namespace cairn

// BindContext: the names visible while binding a query's expressions — the FROM clause's
// table bindings (alias → columns) laid out left to right in one positional row, plus USING
// columns merged by joins. Resolves column references (qualified and unqualified, PostgreSQL's
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
  idx_t offset = 0;                // position of the first column in the context's row
  std::vector<bool> merged;        // column folded into a USING column (hidden from *)
};

struct UsingColumn {
  std::string name;
  ExpressionPtr expression;  // over the context's row
};

class BindContext {
 public:
  /// Appends a table binding at the end of the row. Throws 42712 for a duplicate alias.
  void AddTable(const std::string& alias, std::vector<std::string> names, std::vector<LogicalType> types,
                int position);
  /// Appends every binding of `right` (shifted by this context's width). Throws 42712 on a
  /// duplicate alias.
  void Append(BindContext&& right, int position);
  /// Merges column `name` of a join's two sides (USING / NATURAL): `expression` (over this
  /// context's row) replaces both for unqualified references and *.
  void AddUsingColumn(const std::string& name, ExpressionPtr expression, std::optional<idx_t> left_column,
                      std::optional<idx_t> right_column);

  /// Resolves `table` (may be empty) . `column`. Throws 42703 (unknown column), 42702
  /// (ambiguous) or 42P01 (unknown table alias), each with `position` (1-based).
  ExpressionPtr Resolve(const std::string& table, const std::string& column, int position) const;
  /// True if an unqualified `column` resolves (without throwing).
  bool CanResolve(const std::string& column) const;
  /// Expands * (table empty) or table.*; names go to `names`. Throws 42P01 for an unknown alias.
  std::vector<ExpressionPtr> ExpandStar(const std::string& table, int position, std::vector<std::string>& names) const;
  /// Finds the binding and column index of an unqualified/qualified column ref expression index.
  const TableBinding* BindingOfColumn(idx_t column, idx_t* index_in_binding) const;

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

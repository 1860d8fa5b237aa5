// Binder: WITH RECURSIVE (PostgreSQL manual 7.8.2). A CTE of a WITH RECURSIVE clause whose query
// is `non-recursive term UNION [ALL] recursive term` and whose recursive term refers to the CTE
// becomes a LogicalRecursiveCte; the reference binds to a WorkingTable (the previous
// iteration's rows). The column types are the non-recursive term's: a recursive term whose
// column needs a wider type is PostgreSQL's 42804.
#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/cast.h"
#include "sql/binder.h"

namespace cairn {

namespace {

bool ScansSource(const LogicalOperator& plan, const TableSource* source) {
  if (plan.type == LogicalOperatorType::GET && static_cast<const LogicalGet&>(plan).source.get() == source) return true;
  for (const auto& child : plan.children) {
    if (ScansSource(*child, source)) return true;
  }
  return false;
}

}  // namespace

LogicalOperatorPtr Binder::BindRecursiveCte(const PgQuery__CommonTableExpr& definition, const std::string& name) {
  if (!definition.ctequery || definition.ctequery->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return nullptr;
  const PgQuery__SelectStmt& query = *definition.ctequery->select_stmt;
  if (query.op != PG_QUERY__SET_OPERATION__SETOP_UNION || !query.larg || !query.rarg) return nullptr;
  auto position = Position(definition.location);

  Binder anchor_binder = MakeChild();
  anchor_binder.ctes_.erase(name);
  anchor_binder.recursive_ctes_.erase(name);
  LogicalOperatorPtr anchor = anchor_binder.BindQuery(*query.larg);
  std::vector<std::string> names = anchor->names;
  if (definition.n_aliascolnames > names.size()) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "WITH query \"" + name + "\" has " + std::to_string(names.size()) + " columns available but " +
                        std::to_string(definition.n_aliascolnames) + " columns specified",
                    position);
  }
  for (size_t i = 0; i < definition.n_aliascolnames; i++) names[i] = NodeString(definition.aliascolnames[i]);
  std::vector<LogicalType> types = anchor->types;
  for (auto& type : types) {
    if (type.id() == TypeId::SQLNULL) type = LogicalType(TypeId::VARCHAR);  // unknown → text, as PostgreSQL
    // PostgreSQL's numeric column has no fixed precision: give the recursion room to grow.
    if (type.id() == TypeId::DECIMAL) type = LogicalType::Decimal(decimal::kMaxWidth, type.scale());
  }
  if (types != anchor->types) {
    std::vector<ExpressionPtr> casts;
    std::vector<ColumnBinding> bindings = anchor->GetColumnBindings();
    for (idx_t i = 0; i < types.size(); i++) {
      casts.push_back(AddCast(std::make_unique<BoundColumnRef>(bindings[i], anchor->types[i], anchor->names[i]), types[i]));
    }
    anchor = MakeProjection(std::move(anchor), std::move(casts), names);
  }

  std::shared_ptr<WorkingTable> working_table;
  LogicalOperatorPtr recursive;
  auto bind_recursive_term = [&] {
    std::vector<ColumnDefinition> columns;
    for (size_t i = 0; i < types.size(); i++) columns.push_back(ColumnDefinition{names[i], types[i], true});
    working_table = std::make_shared<WorkingTable>(name, std::move(columns));
    Binder recursive_binder = MakeChild();
    recursive_binder.ctes_.erase(name);
    recursive_binder.recursive_ctes_.erase(name);
    recursive_binder.working_tables_[name] = working_table;
    recursive = recursive_binder.BindQuery(*query.rarg);
  };
  bind_recursive_term();
  if (!ScansSource(*recursive, working_table.get())) return nullptr;  // not self-referencing
  // A numeric column whose recursive term has more fractional digits: give the column that
  // scale and bind the term again (PostgreSQL keeps a scale per value).
  bool rescaled = false;
  for (size_t i = 0; i < types.size() && i < recursive->types.size(); i++) {
    const LogicalType& other = recursive->types[i];
    if (types[i].id() == TypeId::DECIMAL && other.id() == TypeId::DECIMAL && other.scale() > types[i].scale()) {
      types[i] = LogicalType::Decimal(decimal::kMaxWidth, other.scale());
      rescaled = true;
    }
  }
  if (rescaled) {
    bind_recursive_term();
    for (size_t i = 0; i < types.size() && i < recursive->types.size(); i++) {
      const LogicalType& other = recursive->types[i];
      if (types[i].id() == TypeId::DECIMAL && other.id() == TypeId::DECIMAL && other.scale() > types[i].scale()) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "recursive query \"" + name + "\" column " + std::to_string(i + 1) +
                            ": a numeric whose scale grows with every iteration is not supported",
                        position, "Round the recursive term's result to a fixed scale.");
      }
    }
  }

  if (query.n_sort_clause > 0 || query.limit_count || query.limit_offset) {
    throw Exception(sqlstate::kFeatureNotSupported, "ORDER BY/LIMIT/OFFSET in a recursive query is not implemented",
                    position);
  }
  if (recursive->types.size() != types.size()) {
    throw Exception(sqlstate::kSyntaxError, "each UNION query must have the same number of columns", position);
  }
  bool cast = false;
  for (size_t i = 0; i < types.size(); i++) {
    const LogicalType& other = recursive->types[i];
    if (other == types[i]) continue;
    if (other.id() == TypeId::DECIMAL && types[i].id() == TypeId::DECIMAL) {
      cast = true;  // numeric into numeric: the column's scale is at least the term's
      continue;
    }
    LogicalType overall = types[i];
    try {
      overall = other.id() == TypeId::SQLNULL ? types[i] : MaxLogicalType(types[i], other);
    } catch (const Exception&) {
      overall = other;
    }
    if (overall != types[i]) {
      throw Exception(sqlstate::kDatatypeMismatch,
                      "recursive query \"" + name + "\" column " + std::to_string(i + 1) + " has type " +
                          PostgresTypeName(types[i]) + " in non-recursive term but type " + PostgresTypeName(overall) +
                          " overall",
                      position, "Cast the output of the non-recursive term to the correct type.");
    }
    cast = true;
  }
  if (cast) {
    std::vector<ExpressionPtr> casts;
    std::vector<ColumnBinding> bindings = recursive->GetColumnBindings();
    for (idx_t i = 0; i < types.size(); i++) {
      casts.push_back(AddCast(std::make_unique<BoundColumnRef>(bindings[i], recursive->types[i], recursive->names[i]), types[i]));
    }
    recursive = MakeProjection(std::move(recursive), std::move(casts), names);
  }

  auto cte = std::make_unique<LogicalRecursiveCte>();
  cte->cte_name = name;
  cte->union_all = query.all;
  cte->working_table = working_table;
  cte->max_iterations = shared_->max_recursive_iterations;
  cte->table_index = NewTableIndex();
  cte->types = types;
  cte->names = names;
  cte->children.push_back(std::move(anchor));
  cte->children.push_back(std::move(recursive));
  return cte;
}

}  // namespace cairn

// Binder: WITH RECURSIVE (PostgreSQL manual 7.8.2). A CTE of a WITH RECURSIVE clause whose query
// is `non-recursive term UNION [ALL] recursive term` and whose recursive term refers to the CTE
// becomes a LogicalRecursiveCte; the reference binds to a WorkingTable (the previous
// iteration's rows). The column types are the non-recursive term's: a recursive term whose
// column needs a wider type is PostgreSQL's 42804.
//
// SEARCH DEPTH FIRST BY c SET seq and CYCLE c SET mark [TO v DEFAULT d] USING path (PostgreSQL
// 14+, manual 7.8.2.1/7.8.2.2) are rewritten as PostgreSQL's rewriteSearchAndCycle does: extra
// columns computed by both terms, the recursive term reading the working table's. PostgreSQL's
// sequence and path are arrays of records; Cairn has no row type, so they are supported over one
// column, as an array of that column's type (same order; the cycle test treats NULLs as equal,
// as PostgreSQL's record equality does); more columns and
// BREADTH FIRST (a record (depth, columns)) are 0A000.
#include <functional>
#include <optional>

#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/array_functions.h"
#include "function/cast.h"
#include "sql/binder.h"

namespace cairn {

namespace {

/// The index of CTE column `column` in `names`; 42601 (PostgreSQL's wording) when absent.
size_t ClauseColumn(const std::vector<std::string>& names, const std::string& column, const char* what,
                    std::optional<uint64_t> position) {
  for (size_t i = 0; i < names.size(); i++) {
    if (names[i] == column) return i;
  }
  throw Exception(sqlstate::kSyntaxError, std::string(what) + " column \"" + column + "\" not in WITH query column list",
                  position);
}

/// Gives the recursive term's reference to the working table (a GET reachable from `op` through
/// FILTERs and joins) the columns `extended` adds, with the same table index; refreshes the
/// output types of the operators on the way. False if no such reference was found.
bool ExtendWorkingTableScan(LogicalOperator& op, const WorkingTable* original, const std::shared_ptr<WorkingTable>& extended) {
  if (op.type == LogicalOperatorType::GET) {
    auto& get = static_cast<LogicalGet&>(op);
    if (get.source.get() != original) return false;
    const auto& columns = extended->columns();
    for (idx_t i = original->columns().size(); i < columns.size(); i++) {
      get.column_ids.push_back(i);
      get.types.push_back(columns[i].type);
      get.names.push_back(columns[i].name);
    }
    get.source = extended;
    return true;
  }
  if (op.type == LogicalOperatorType::FILTER) {
    if (!ExtendWorkingTableScan(*op.children[0], original, extended)) return false;
    op.types = op.children[0]->types;
    op.names = op.children[0]->names;
    return true;
  }
  if (op.type == LogicalOperatorType::JOIN) {
    bool found = false;
    for (auto& child : op.children) found = ExtendWorkingTableScan(*child, original, extended) || found;
    if (!found) return false;
    auto& join = static_cast<LogicalJoin&>(op);
    op.types = op.children[0]->types;
    op.names = op.children[0]->names;
    if (join.join_type != JoinType::SEMI && join.join_type != JoinType::ANTI && join.join_type != JoinType::MARK) {
      op.types.insert(op.types.end(), op.children[1]->types.begin(), op.children[1]->types.end());
      op.names.insert(op.names.end(), op.children[1]->names.begin(), op.children[1]->names.end());
    }
    return true;
  }
  return false;
}

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
  if (query.op != PG_QUERY__SET_OPERATION__SETOP_UNION || !query.larg || !query.rarg) {
    if (definition.search_clause || definition.cycle_clause) {
      throw Exception(sqlstate::kSyntaxError, "WITH query is not recursive", Position(definition.location));
    }
    return nullptr;
  }
  auto position = Position(definition.location);

  Binder anchor_binder = MakeChild();
  anchor_binder.materialize_ctes_ = false;  // the terms are plans of their own
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
    recursive_binder.materialize_ctes_ = false;
    recursive_binder.ctes_.erase(name);
    recursive_binder.recursive_ctes_.erase(name);
    recursive_binder.working_tables_[name] = working_table;
    recursive = recursive_binder.BindQuery(*query.rarg);
  };
  bind_recursive_term();
  const PgQuery__CTESearchClause* search = definition.search_clause;
  const PgQuery__CTECycleClause* cycle = definition.cycle_clause;
  if (!ScansSource(*recursive, working_table.get())) {
    if (search || cycle) throw Exception(sqlstate::kSyntaxError, "WITH query is not recursive", position);
    return nullptr;  // not self-referencing
  }
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
  if (search || cycle) {
    // SEARCH / CYCLE: extra columns, as PostgreSQL's rewriteSearchAndCycle adds them.
    for (const auto& [term, side] : {std::pair<const PgQuery__SelectStmt*, const char*>{query.larg, "left"},
                                     std::pair<const PgQuery__SelectStmt*, const char*>{query.rarg, "right"}}) {
      if (term->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
        throw Exception(sqlstate::kSyntaxError,
                        std::string("with a SEARCH or CYCLE clause, the ") + side + " side of the UNION must be a SELECT",
                        position);
      }
    }
    std::optional<size_t> search_column, cycle_column;
    if (search) {
      auto clause_position = Position(search->location);
      if (search->search_breadth_first) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "SEARCH BREADTH FIRST is not supported: its sequence column is a record (depth, columns) and "
                        "Cairn has no row type",
                        clause_position, "Compute the depth in a column of the query and order by it.");
      }
      if (search->n_search_col_list != 1) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "SEARCH DEPTH FIRST BY more than one column is not supported: the sequence column would be an "
                        "array of records, and Cairn has no row type",
                        clause_position);
      }
      search_column = ClauseColumn(names, NodeString(search->search_col_list[0]), "search", clause_position);
    }
    ExpressionPtr mark_value, mark_default;
    if (cycle) {
      auto clause_position = Position(cycle->location);
      if (cycle->n_cycle_col_list > 1) {
        for (size_t i = 0; i < cycle->n_cycle_col_list; i++) {
          for (size_t j = 0; j < i; j++) {
            if (NodeString(cycle->cycle_col_list[i]) == NodeString(cycle->cycle_col_list[j])) {
              throw Exception(sqlstate::kDuplicateColumn,
                              "cycle column \"" + NodeString(cycle->cycle_col_list[i]) + "\" specified more than once",
                              clause_position);
            }
          }
        }
        throw Exception(sqlstate::kFeatureNotSupported,
                        "CYCLE over more than one column is not supported: the path column would be an array of "
                        "records, and Cairn has no row type",
                        clause_position);
      }
      cycle_column = ClauseColumn(names, NodeString(cycle->cycle_col_list[0]), "cycle", clause_position);
      if (std::string(cycle->cycle_mark_column) == cycle->cycle_path_column) {
        throw Exception(sqlstate::kSyntaxError, "cycle mark column name and cycle path column name are the same",
                        clause_position);
      }
      if (search && std::string(search->search_seq_column) == cycle->cycle_mark_column) {
        throw Exception(sqlstate::kSyntaxError, "search sequence column name and cycle mark column name are the same",
                        clause_position);
      }
      if (search && std::string(search->search_seq_column) == cycle->cycle_path_column) {
        throw Exception(sqlstate::kSyntaxError, "search sequence column name and cycle path column name are the same",
                        clause_position);
      }
      Scope scope;
      scope.clause = "CYCLE";
      std::vector<Argument> marks;
      marks.push_back(BindArgument(cycle->cycle_mark_value, scope));
      marks.push_back(BindArgument(cycle->cycle_mark_default, scope));
      LogicalType mark_type = UnifyTypes(marks);
      if (mark_type.id() == TypeId::SQLNULL) mark_type = LogicalType(TypeId::VARCHAR);  // unknown → text
      mark_value = AddCast(std::move(marks[0].expression), mark_type);
      mark_default = AddCast(std::move(marks[1].expression), mark_type);
    }
    // The recursive term's SELECT list, over a FROM whose working-table scan gains the columns.
    if (recursive->type != LogicalOperatorType::PROJECTION) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "SEARCH and CYCLE need a recursive term that is a plain SELECT (no DISTINCT, GROUP BY or set "
                      "operation)",
                      position);
    }
    auto& select = static_cast<LogicalProjection&>(*recursive);
    std::vector<ColumnDefinition> columns = working_table->columns();
    const size_t first_extra = columns.size();
    std::vector<LogicalType> extra_types;
    std::vector<std::string> extra_names;
    if (search) {
      extra_types.push_back(LogicalType::Array(types[*search_column]));
      extra_names.emplace_back(search->search_seq_column);
    }
    if (cycle) {
      extra_types.push_back(mark_value->return_type);
      extra_names.emplace_back(cycle->cycle_mark_column);
      extra_types.push_back(LogicalType::Array(types[*cycle_column]));
      extra_names.emplace_back(cycle->cycle_path_column);
    }
    for (size_t i = 0; i < extra_types.size(); i++) columns.push_back(ColumnDefinition{extra_names[i], extra_types[i], true});
    auto extended = std::make_shared<WorkingTable>(name, std::move(columns));
    if (!ExtendWorkingTableScan(*select.children[0], working_table.get(), extended)) {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "SEARCH and CYCLE need the recursive reference to \"" + name +
                          "\" directly in the recursive term's FROM clause",
                      position);
    }
    // The working table's extra columns, as the scan outputs them.
    std::function<const LogicalGet*(const LogicalOperator&)> find_scan = [&](const LogicalOperator& op) -> const LogicalGet* {
      if (op.type == LogicalOperatorType::GET && static_cast<const LogicalGet&>(op).source == extended) {
        return &static_cast<const LogicalGet&>(op);
      }
      for (const auto& child : op.children) {
        if (const LogicalGet* found = find_scan(*child)) return found;
      }
      return nullptr;
    };
    const LogicalGet* scan = find_scan(*select.children[0]);
    auto previous = [&](size_t extra) {
      return std::make_unique<BoundColumnRef>(ColumnBinding{scan->table_index, first_extra + extra}, extra_types[extra],
                                              extra_names[extra]);
    };
    // The new row's value of column i, in the CTE's type.
    auto current = [&](size_t i) { return AddCast(select.expressions[i]->Copy(), types[i]); };
    auto append = [&](ExpressionPtr array, ExpressionPtr element) {
      std::vector<Argument> arguments;
      arguments.push_back(Argument{std::move(array), false});
      arguments.push_back(Argument{std::move(element), false});
      return BindOperator("||", std::move(arguments));
    };
    auto singleton = [&](ExpressionPtr element) -> ExpressionPtr {
      const LogicalType type = element->return_type;
      std::vector<ExpressionPtr> children;
      children.push_back(std::move(element));
      return std::make_unique<BoundFunction>(function::ArrayConstructor(type, 1), std::move(children));
    };
    size_t extra = 0;
    std::vector<ExpressionPtr> recursive_extras;
    if (search) recursive_extras.push_back(append(previous(extra++), current(*search_column)));
    if (cycle) {
      const size_t mark = extra++;
      const size_t path = extra++;
      // PostgreSQL tests ROW(cols) = ANY(path) with the record equality, under which NULL fields
      // are equal: the value is in the path when array_position (IS NOT DISTINCT FROM) finds it.
      std::vector<Argument> search_path;
      search_path.push_back(Argument{previous(path), false});
      search_path.push_back(Argument{current(*cycle_column), false});
      std::vector<ExpressionPtr> found;
      found.push_back(BindOperator("array_position", std::move(search_path)));
      std::vector<BoundCase::Check> checks;
      checks.push_back(BoundCase::Check{
          std::make_unique<BoundOperator>(OperatorType::IS_NOT_NULL, TypeId::BOOLEAN, std::move(found)), mark_value->Copy()});
      recursive_extras.push_back(std::make_unique<BoundCase>(mark_value->return_type, std::move(checks), mark_default->Copy()));
      recursive_extras.push_back(append(previous(path), current(*cycle_column)));
      // Rows marked as a cycle are not followed: WHERE mark <> value on the working table's row.
      std::vector<Argument> arguments;
      arguments.push_back(Argument{previous(mark), false});
      arguments.push_back(Argument{mark_value->Copy(), false});
      auto filter = std::make_unique<LogicalFilter>();
      filter->expressions.push_back(BindOperator("<>", std::move(arguments)));
      filter->types = select.children[0]->types;
      filter->names = select.children[0]->names;
      filter->children.push_back(std::move(select.children[0]));
      select.children[0] = std::move(filter);
    }
    for (size_t i = 0; i < recursive_extras.size(); i++) {
      select.types.push_back(recursive_extras[i]->return_type);
      select.names.push_back(extra_names[i]);
      select.expressions.push_back(std::move(recursive_extras[i]));
    }
    // The non-recursive term starts the sequence and path with its own row's value.
    std::vector<ExpressionPtr> anchor_columns;
    std::vector<ColumnBinding> anchor_bindings = anchor->GetColumnBindings();
    for (size_t i = 0; i < types.size(); i++) {
      anchor_columns.push_back(std::make_unique<BoundColumnRef>(anchor_bindings[i], anchor->types[i], anchor->names[i]));
    }
    auto anchor_value = [&](size_t i) { return AddCast(anchor_columns[i]->Copy(), types[i]); };
    if (search) anchor_columns.push_back(singleton(anchor_value(*search_column)));
    if (cycle) {
      anchor_columns.push_back(mark_default->Copy());
      anchor_columns.push_back(singleton(anchor_value(*cycle_column)));
    }
    std::vector<std::string> anchor_names = names;
    anchor_names.insert(anchor_names.end(), extra_names.begin(), extra_names.end());
    anchor = MakeProjection(std::move(anchor), std::move(anchor_columns), anchor_names);
    working_table = extended;
    types.insert(types.end(), extra_types.begin(), extra_types.end());
    names = std::move(anchor_names);
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

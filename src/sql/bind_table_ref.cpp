// FROM clause binding: tables (registry, CTEs, file paths), subqueries and joins.
#include "cairn/exception.h"
#include "catalog/file_table_functions.h"
#include "sql/binder.h"
#include "catalog/project_table_source.h"
#include "catalog/system_tables.h"
#include "function/cast.h"
#include "sql/join_condition.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

bool LooksLikePath(const std::string& name) {
  return name.find('/') != std::string::npos || name.find('.') != std::string::npos;
}

}  // namespace

LogicalOperatorPtr Binder::MakeGet(std::shared_ptr<TableSource> source, const std::string& table_name) {
  auto get = std::make_unique<LogicalGet>();
  get->table_index = NewTableIndex();
  const auto& columns = source->columns();
  for (idx_t i = 0; i < columns.size(); i++) {
    get->column_ids.push_back(i);
    get->types.push_back(columns[i].type);
    get->names.push_back(columns[i].name);
  }
  get->source = std::move(source);
  get->table_name = table_name;
  return get;
}

void Binder::AddAliasedTable(BindContext& context, const LogicalOperator& plan, const std::string& default_alias,
                             const PgQuery__Alias* alias, int position) {
  std::string name = alias ? std::string(alias->aliasname) : default_alias;
  std::vector<std::string> names = plan.names;
  if (alias && alias->n_colnames > names.size()) {
    throw Exception(sqlstate::kInvalidColumnReference,
                    "table \"" + name + "\" has " + std::to_string(names.size()) + " columns available but " +
                        std::to_string(alias->n_colnames) + " columns specified",
                    position);
  }
  for (size_t i = 0; alias && i < alias->n_colnames; i++) names[i] = NodeString(alias->colnames[i]);
  context.AddTable(name, std::move(names), plan.types, plan.GetColumnBindings(), position);
}

LogicalOperatorPtr Binder::BindFrom(PgQuery__Node** items, size_t count, BindContext& context) {
  if (count == 0) return std::make_unique<LogicalDummyScan>();
  LogicalOperatorPtr plan;
  for (size_t i = 0; i < count; i++) {
    BindContext item_context;
    // A LATERAL item sees the items to its left.
    lateral_contexts_.push_back(&context);
    LogicalOperatorPtr item;
    try {
      item = BindTableRef(*items[i], item_context);
    } catch (...) {
      lateral_contexts_.pop_back();
      throw;
    }
    lateral_contexts_.pop_back();
    context.Append(std::move(item_context), 0);
    if (!plan) {
      plan = std::move(item);
      continue;
    }
    plan = MakeCrossJoin(std::move(plan), std::move(item));
  }
  return plan;
}

LogicalOperatorPtr Binder::BindTableRef(const PgQuery__Node& node, BindContext& context) {
  CheckStackDepth();
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_RANGE_VAR:
      return BindRangeVar(*node.range_var, context);
    case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
      return BindSubquery(*node.range_subselect, context);
    case PG_QUERY__NODE__NODE_JOIN_EXPR:
      return BindJoin(*node.join_expr, context);
    case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
      return BindRangeFunction(*node.range_function, context);
    default:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported,
                  "FROM item of kind " + std::to_string(static_cast<int>(node.node_case)) + " is not supported yet");
}

LogicalOperatorPtr Binder::BindRangeVar(const PgQuery__RangeVar& range_var, BindContext& context) {
  auto position = Position(range_var.location);
  std::string name = range_var.relname;
  std::string schema = range_var.schemaname;
  if (schema.empty()) {
    auto working = working_tables_.find(name);
    if (working != working_tables_.end()) {
      // The recursive term's reference to its own CTE: the previous iteration's rows.
      LogicalOperatorPtr plan = MakeGet(working->second, name);
      AddAliasedTable(context, *plan, name, range_var.alias, position.value_or(0));
      return plan;
    }
    auto cte = ctes_.find(name);
    if (cte != ctes_.end() && recursive_ctes_.count(name)) {
      if (LogicalOperatorPtr plan = BindRecursiveCte(*cte->second, name)) {
        AddAliasedTable(context, *plan, name, range_var.alias, position.value_or(0));
        return plan;
      }
    }
    if (cte != ctes_.end()) {
      LogicalOperatorPtr plan = BindCteReference(*cte->second, name);
      AddAliasedTable(context, *plan, name, range_var.alias, position.value_or(0));
      return plan;
    }
  }
  std::optional<CatalogEntry> entry = schema.empty() ? catalog_.lookup(search_path_, name) : catalog_.find(schema, name);
  std::shared_ptr<TableSource> source;
  if (entry && entry->type == TableType::kView) {
    LogicalOperatorPtr plan = BindView(*entry, position);
    AddAliasedTable(context, *plan, range_var.relname, range_var.alias, position.value_or(0));
    return plan;
  }
  try {
    if (!entry) {
      // Not in the catalog: an unqualified name may still be a `<name>.parquet` / `.csv` file
      // of the data directory (the registry's fallback).
      if (schema.empty() || Catalog::CanonicalNamespace(schema) == Catalog::kDefaultNamespace) {
        source = catalog_.registry().resolve(name);
      }
    } else if (entry->type == TableType::kManaged) {
      source = catalog_.managed_source(*entry);
    } else if (entry->type == TableType::kSystem) {
      source = CreateSystemTableSource(catalog_, *FindSystemTable(entry->namespace_name, entry->name));
    } else if (entry->type == TableType::kProject) {
      std::vector<ColumnDefinition> columns;
      for (const auto& c : entry->definition().columns) columns.push_back(ColumnDefinition{c.name, ParseTypeName(c.type), c.nullable});
      source = CreateProjectTableSource(catalog_.file_system(), catalog_.registry().data_dir(),
                                        Catalog::ProjectDirectoryName(entry->namespace_name, entry->name),
                                        std::move(columns), entry->projects);
    } else {
      try {
        source = catalog_.registry().resolve(Catalog::RegistryName(entry->namespace_name, entry->name));
      } catch (const Exception& error) {
        catalog_.observe_source(entry->namespace_name, entry->name, nullptr, error);
        throw;
      }
      catalog_.observe_source(entry->namespace_name, entry->name, source, std::nullopt);
    }
  } catch (const Exception& error) {
    throw Exception(error.sqlstate(), error.what(), error.position() ? error.position() : position, error.hint());
  }
  if (!source) {
    if (schema.empty() && LooksLikePath(name)) {
      // A quoted path used as a table name: scan the file(s) directly, if there are any.
      TableFunctionInput input;
      input.name = kFileScanFunction;
      input.positional.push_back(TableFunctionArgument{{Value::Varchar(name)}, false, position});
      input.position = position;
      try {
        return BindTableFunctionCall(std::move(input), range_var.alias, context);
      } catch (const Exception& error) {
        if (error.sqlstate() != sqlstate::kUndefinedFile) throw;
      }
    }
    std::string shown = schema.empty() ? name : schema + "." + name;
    throw Exception(sqlstate::kUndefinedTable, "relation \"" + shown + "\" does not exist", position);
  }
  LogicalOperatorPtr plan = MakeGet(std::move(source), schema.empty() ? name : schema + "." + name);
  AddAliasedTable(context, *plan, range_var.relname, range_var.alias, position.value_or(0));
  return plan;
}

LogicalOperatorPtr Binder::BindView(const CatalogEntry& view, std::optional<int> position) {
  const std::string qualified = view.namespace_name + "." + view.name;
  auto& expanding = shared_->expanding_views;
  if (std::find(expanding.begin(), expanding.end(), qualified) != expanding.end()) {
    throw Exception(sqlstate::kInvalidRecursion, "infinite recursion detected in rules for relation \"" + view.name + "\"",
                    position);
  }
  // The view's query is bound on its own: no CTEs or outer columns of the referencing query,
  // names resolved along the search path the view was created under.
  Binder child = MakeChild();
  child.ctes_.clear();
  child.recursive_ctes_.clear();
  child.working_tables_.clear();
  child.outer_contexts_.clear();
  child.search_path_ = view.view_search_path.empty() ? search_path_ : view.view_search_path;
  child.map_position_ = [](int) { return -1; };
  expanding.push_back(qualified);
  LogicalOperatorPtr plan;
  try {
    ParsedSql parsed(view.view_sql);
    if (parsed.size() != 1 || parsed.statement(0).stmt->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      throw Exception(sqlstate::kDataCorrupted, "the stored definition is not one query");
    }
    plan = ResolveUnknownOutput(child.BindQuery(*parsed.statement(0).stmt->select_stmt), NewTableIndex());
  } catch (const Exception& error) {
    expanding.pop_back();
    if (error.sqlstate() == sqlstate::kInvalidRecursion) throw Exception(error.sqlstate(), error.what(), position);
    throw Exception(error.sqlstate(), "view \"" + view.name + "\" cannot be read: " + error.what(), position, error.hint());
  }
  expanding.pop_back();
  // The view's columns are the ones it was created with: taken from the query by the names the
  // query gave them then (a `SELECT *` over a table that gained or reordered columns keeps the
  // view's columns, as PostgreSQL fixes them at CREATE VIEW), with the view's names and types.
  const auto& columns = view.definition().columns;
  auto cannot_read = [&](const std::string& why) {
    return Exception(sqlstate::kDatatypeMismatch, "view \"" + view.name + "\" cannot be read: " + why, position);
  };
  std::vector<size_t> picked;
  for (size_t i = 0; i < columns.size(); i++) {
    size_t index = i;
    if (!view.view_query_columns.empty()) {
      if (i >= view.view_query_columns.size()) throw cannot_read("its stored columns are inconsistent");
      auto found = std::find(plan->names.begin(), plan->names.end(), view.view_query_columns[i]);
      if (found == plan->names.end()) {
        throw cannot_read("its query no longer returns column \"" + view.view_query_columns[i] + "\"");
      }
      index = static_cast<size_t>(found - plan->names.begin());
    } else if (i >= plan->names.size()) {
      throw cannot_read("its query now returns " + std::to_string(plan->names.size()) + " columns, the view has " +
                        std::to_string(columns.size()));
    }
    picked.push_back(index);
  }
  // A column whose type changed (files that widened, a CSV sniffed anew) is cast back to the
  // view's type, as PostgreSQL keeps a view's column types: a value that does not fit is an
  // error (22003, 22P02), never a silently different type.
  std::vector<std::optional<LogicalType>> casts(columns.size());
  for (size_t i = 0; i < columns.size(); i++) {
    if (plan->types[picked[i]].ToString() == columns[i].type) continue;
    try {
      casts[i] = ParseTypeName(columns[i].type);
    } catch (const Exception&) {
      throw cannot_read("column \"" + columns[i].name + "\" is now " + plan->types[picked[i]].ToString() +
                        ", the view has " + columns[i].type);
    }
  }
  bool identity = picked.size() == plan->names.size();
  for (size_t i = 0; identity && i < picked.size(); i++) identity = picked[i] == i && !casts[i];
  if (identity) {
    for (size_t i = 0; i < columns.size(); i++) plan->names[i] = columns[i].name;
  } else {
    std::vector<ColumnBinding> bindings = plan->GetColumnBindings();
    std::vector<ExpressionPtr> kept;
    std::vector<std::string> names;
    for (size_t i = 0; i < picked.size(); i++) {
      ExpressionPtr column = std::make_unique<BoundColumnRef>(bindings[picked[i]], plan->types[picked[i]], columns[i].name);
      if (casts[i]) column = AddCast(std::move(column), *casts[i]);
      kept.push_back(std::move(column));
      names.push_back(columns[i].name);
    }
    plan = MakeProjection(std::move(plan), std::move(kept), std::move(names));
  }
  return plan;
}

LogicalOperatorPtr Binder::BindSubquery(const PgQuery__RangeSubselect& subselect, BindContext& context) {
  Binder child = MakeChild();
  // LATERAL: the FROM items to the left are visible as an enclosing query's columns; the
  // subquery planner decorrelates the join.
  if (subselect.lateral) {
    for (const BindContext* visible : lateral_contexts_) child.outer_contexts_.push_back(visible);
  }
  LogicalOperatorPtr plan = child.BindQueryNode(subselect.subquery);
  AddAliasedTable(context, *plan, "", subselect.alias, 0);
  return plan;
}

LogicalOperatorPtr Binder::BindJoin(const PgQuery__JoinExpr& join_expr, BindContext& context) {
  CheckStackDepth();
  if (join_expr.alias) {
    throw Exception(sqlstate::kFeatureNotSupported, "aliases on joined tables are not supported yet",
                    Position(-1));
  }
  BindContext left_context;
  BindContext right_context;
  LogicalOperatorPtr left = BindTableRef(*join_expr.larg, left_context);
  lateral_contexts_.push_back(&left_context);
  LogicalOperatorPtr right;
  try {
    right = BindTableRef(*join_expr.rarg, right_context);
  } catch (...) {
    lateral_contexts_.pop_back();
    throw;
  }
  lateral_contexts_.pop_back();

  auto join = std::make_unique<LogicalJoin>();
  switch (join_expr.jointype) {
    case PG_QUERY__JOIN_TYPE__JOIN_INNER: join->join_type = JoinType::INNER; break;
    case PG_QUERY__JOIN_TYPE__JOIN_LEFT: join->join_type = JoinType::LEFT; break;
    case PG_QUERY__JOIN_TYPE__JOIN_RIGHT: join->join_type = JoinType::RIGHT; break;
    case PG_QUERY__JOIN_TYPE__JOIN_FULL: join->join_type = JoinType::FULL; break;
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "this join type is not supported yet");
  }

  std::vector<std::string> using_names;
  if (join_expr.is_natural) {
    std::vector<std::string> left_names;
    std::vector<std::string> right_names;
    left_context.ExpandStar("", 0, left_names);
    right_context.ExpandStar("", 0, right_names);
    for (const auto& name : left_names) {
      for (const auto& other : right_names) {
        if (IdentifierEquals(name, other)) using_names.push_back(name);
      }
    }
  }
  for (size_t i = 0; i < join_expr.n_using_clause; i++) using_names.push_back(NodeString(join_expr.using_clause[i]));

  BindContext merged = std::move(left_context);
  std::vector<ExpressionPtr> conditions;
  std::vector<std::pair<std::string, std::pair<ExpressionPtr, ExpressionPtr>>> using_pairs;
  for (const auto& name : using_names) {
    ExpressionPtr l;
    ExpressionPtr r;
    try {
      l = merged.Resolve("", name, 0);
    } catch (const Exception&) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" specified in USING clause does not exist in left table");
    }
    try {
      r = right_context.Resolve("", name, 0);
    } catch (const Exception&) {
      throw Exception(sqlstate::kUndefinedColumn,
                      "column \"" + name + "\" specified in USING clause does not exist in right table");
    }
    using_pairs.emplace_back(name, std::make_pair(std::move(l), std::move(r)));
  }
  merged.Append(std::move(right_context), 0);
  for (auto& [name, pair] : using_pairs) {
    std::vector<Argument> comparison;
    comparison.push_back(Argument{pair.first->Copy(), false});
    comparison.push_back(Argument{pair.second->Copy(), false});
    conditions.push_back(BindOperator("=", std::move(comparison)));
    std::optional<ColumnBinding> left_column;
    std::optional<ColumnBinding> right_column;
    if (pair.first->expression_class == ExpressionClass::COLUMN_REF) {
      left_column = static_cast<BoundColumnRef&>(*pair.first).binding;
    }
    if (pair.second->expression_class == ExpressionClass::COLUMN_REF) {
      right_column = static_cast<BoundColumnRef&>(*pair.second).binding;
    }
    ExpressionPtr merged_expression;
    if (join->join_type == JoinType::RIGHT) {
      merged_expression = std::move(pair.second);
    } else if (join->join_type == JoinType::FULL) {
      std::vector<Argument> both;
      both.push_back(Argument{std::move(pair.first), false});
      both.push_back(Argument{std::move(pair.second), false});
      LogicalType type = UnifyTypes(both);
      std::vector<ExpressionPtr> children;
      for (auto& argument : both) children.push_back(std::move(argument.expression));
      merged_expression = std::make_unique<BoundOperator>(OperatorType::COALESCE, type, std::move(children));
    } else {
      merged_expression = std::move(pair.first);
    }
    merged.AddUsingColumn(name, std::move(merged_expression), left_column, right_column);
  }
  if (join_expr.quals) {
    Scope scope;
    scope.context = &merged;
    scope.clause = "JOIN conditions";
    conditions.push_back(BindCondition(join_expr.quals, scope, "JOIN/ON"));
  }
  if (conditions.empty() && join->join_type == JoinType::INNER) join->join_type = JoinType::CROSS;
  join->types = left->types;
  join->names = left->names;
  join->types.insert(join->types.end(), right->types.begin(), right->types.end());
  join->names.insert(join->names.end(), right->names.begin(), right->names.end());
  join->children.push_back(std::move(left));
  join->children.push_back(std::move(right));
  AddJoinConditions(*join, std::move(conditions));
  context.Append(std::move(merged), 0);
  return join;
}

}  // namespace cairn

#include "sql/planner.h"

#include <cctype>

#include "cairn/exception.h"
#include "common/large_stack_thread.h"
#include "cairn/statement_splitter.h"
#include "sql/binder.h"
#include "sql/copy_from_plan.h"
#include "sql/optimizer/cardinality_estimate.h"
#include "sql/optimizer/optimizer.h"
#include "sql/parser.h"
#include "sql/statement_preprocessor.h"
#include "sql/subquery_planner.h"
#include "sql/utility_statements.h"

namespace cairn {

namespace {

/// A boolean EXPLAIN option's value as PostgreSQL's defGetBoolean reads it: no argument = true;
/// true/false/on/off/1/0.
bool ExplainBoolean(const PgQuery__DefElem& option) {
  const PgQuery__Node* arg = option.arg;
  if (!arg) return true;
  std::string text;
  if (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN) return arg->boolean->boolval;
  if (arg->node_case == PG_QUERY__NODE__NODE_INTEGER && (arg->integer->ival == 0 || arg->integer->ival == 1)) {
    return arg->integer->ival == 1;
  }
  if (arg->node_case == PG_QUERY__NODE__NODE_STRING) {
    text = arg->string->sval;
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (text == "true" || text == "on") return true;
    if (text == "false" || text == "off") return false;
  }
  throw Exception(sqlstate::kSyntaxError, std::string(option.defname) + " requires a Boolean value");
}

struct ExplainOptions {
  bool analyze = false;
  bool costs = true;
  bool timing = true;
};

/// EXPLAIN's options (PostgreSQL's EXPLAIN (option, ...)): ANALYZE, COSTS (estimates, default
/// on), TIMING (with ANALYZE, default on). VERBOSE and SUMMARY are accepted and change nothing;
/// FORMAT TEXT is the only format; BUFFERS, SETTINGS and WAL are 0A000; an unknown option is 42601.
ExplainOptions ParseExplainOptions(const PgQuery__ExplainStmt& explain) {
  ExplainOptions result;
  bool timing_given = false;
  for (size_t i = 0; i < explain.n_options; i++) {
    const PgQuery__Node* node = explain.options[i];
    if (node->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& option = *node->def_elem;
    const std::string name = option.defname;
    if (name == "costs") {
      result.costs = ExplainBoolean(option);
    } else if (name == "verbose" || name == "summary") {
      ExplainBoolean(option);
    } else if (name == "analyze") {
      result.analyze = ExplainBoolean(option);
    } else if (name == "timing") {
      result.timing = ExplainBoolean(option);
      timing_given = true;
    } else if (name == "format") {
      std::string format = option.arg && option.arg->node_case == PG_QUERY__NODE__NODE_STRING ? option.arg->string->sval : "";
      for (char& c : format) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (format != "text") throw Exception(sqlstate::kFeatureNotSupported, "EXPLAIN (FORMAT " + format + ") is not supported; only TEXT is");
    } else if (name == "buffers" || name == "settings" || name == "wal") {
      throw Exception(sqlstate::kFeatureNotSupported, "EXPLAIN option " + name + " is not supported yet");
    } else {
      throw Exception(sqlstate::kSyntaxError, "unrecognized EXPLAIN option \"" + name + "\"");
    }
  }
  if (timing_given && !result.analyze) {
    throw Exception(sqlstate::kInvalidParameterValue, "EXPLAIN option TIMING requires ANALYZE");
  }
  return result;
}

/// "insert_stmt" → "INSERT" for error messages.
std::string StatementKindName(const PgQuery__Node& node) {
  const ProtobufCFieldDescriptor* field =
      protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, static_cast<unsigned>(node.node_case));
  std::string name = field ? field->name : "unknown";
  if (name.size() > 5 && name.substr(name.size() - 5) == "_stmt") name = name.substr(0, name.size() - 5);
  for (char& c : name) c = c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

PlannedStatement FromPlan(LogicalOperatorPtr plan, std::string tag) {
  PlannedStatement prepared;
  prepared.names = plan->names;
  prepared.plan = std::move(plan);
  prepared.command_tag = std::move(tag);
  return prepared;
}

}  // namespace

std::vector<std::pair<std::string, int>> Planner::SplitStatements(const std::string& sql) {
  std::vector<std::pair<std::string, int>> statements;
  auto add = [&statements](const std::string& text, size_t offset) {
    // Leading comments are dropped so that Cairn's extensions (DESCRIBE, USE) are recognized.
    size_t start = SkipSpaceAndComments(text, 0);
    if (start == text.size()) return;  // only whitespace and comments
    statements.emplace_back(text.substr(start), static_cast<int>(offset + start));
  };
  SplitResult split = SplitSqlStatements(sql);
  for (const SqlStatement& statement : split.statements) add(statement.text, statement.offset);
  // The last statement need not end with `;` (an unterminated literal or comment is kept, for
  // the parser to report).
  if (!split.remainder_blank) {
    std::string_view remainder = TrimSqlWhitespace(split.remainder);
    const size_t offset = static_cast<size_t>(remainder.data() - sql.data());
    if (SkipSpaceAndComments(std::string(remainder), 0) == remainder.size()) {
      statements.emplace_back(std::string(remainder), static_cast<int>(offset));  // an open comment
    } else {
      add(std::string(remainder), offset);
    }
  }
  return statements;
}

PlannedStatement Planner::Plan(const std::string& statement_sql, bool allow_parameters,
                                std::vector<LogicalType> declared_parameters) {
  // Parse, bind and optimize recurse over the statement's tree: run them on a thread with a
  // large stack so deep but reasonable statements succeed; CheckStackDepth() in every recursive
  // step turns the rest into 54001.
  PlannedStatement prepared;
  RunOnLargeStack([&] { prepared = PlanOnThisThread(statement_sql, allow_parameters, std::move(declared_parameters)); });
  return prepared;
}

PlannedStatement Planner::PlanOnThisThread(const std::string& statement_sql, bool allow_parameters,
                                            std::vector<LogicalType> declared_parameters) {
  PreprocessedStatement preprocessed = PreprocessStatement(statement_sql);
  if (allow_parameters && preprocessed.kind != PreprocessedStatement::Kind::QUERY) {
    throw Exception(sqlstate::kFeatureNotSupported, "only queries can be prepared");
  }
  if (preprocessed.kind == PreprocessedStatement::Kind::USE) {
    // USE ns: the search path becomes that namespace (DuckDB's USE; `USE memory` and the
    // database name `cairn` stay accepted for the default namespace).
    std::string target = preprocessed.use_target;
    if (target == "memory" || target == "cairn") target = Catalog::kDefaultNamespace;
    if (target.rfind("cairn.", 0) == 0) target = target.substr(6);
    if (!catalog_.has_namespace(target)) {
      throw Exception(sqlstate::kInvalidSchemaName, "schema \"" + preprocessed.use_target + "\" does not exist");
    }
    settings_.search_path = {Catalog::CanonicalNamespace(target)};
    PlannedStatement prepared;
    prepared.command_tag = "USE";
    return prepared;
  }
  if (preprocessed.kind == PreprocessedStatement::Kind::SHOW_ALL_TABLES) {
    // Every table of every namespace, from the system tables (so the two always agree).
    PlannedStatement prepared = PlanOnThisThread(
        "SELECT 'cairn' AS database, t.namespace AS schema, t.table_name AS name, t.table_type AS type, "
        "(SELECT array_agg(c.column_name ORDER BY c.ordinal_position) FROM system.columns c "
        "WHERE c.table_id = t.table_id) AS column_names, "
        "(SELECT array_agg(c.data_type ORDER BY c.ordinal_position) FROM system.columns c "
        "WHERE c.table_id = t.table_id) AS column_types "
        "FROM system.tables t WHERE t.table_type <> 'SYSTEM' ORDER BY 2, 3",
        false);
    prepared.command_tag = "SHOW";
    return prepared;
  }
  auto map_position = [&preprocessed](int position) { return preprocessed.MapPosition(position); };

  std::unique_ptr<ParsedSql> parsed;
  try {
    parsed = std::make_unique<ParsedSql>(preprocessed.sql);
  } catch (const Exception& error) {
    std::optional<int> position;
    if (error.position()) position = map_position(*error.position());
    throw Exception(error.sqlstate(), error.what(), position, error.hint());
  }
  if (parsed->size() == 0) throw Exception(sqlstate::kSyntaxError, "empty statement");
  if (parsed->size() > 1) {
    throw Exception(sqlstate::kSyntaxError, "Planner::Plan expects one statement; split scripts with SplitStatements");
  }
  const PgQuery__Node& node = *parsed->statement(0).stmt;
  Binder binder(catalog_, settings_.search_path, map_position);
  binder.SetMaxRecursiveIterations(settings_.max_recursive_iterations);
  Optimizer optimizer(settings_);

  if (preprocessed.kind == PreprocessedStatement::Kind::DESCRIBE) {
    if (node.node_case == PG_QUERY__NODE__NODE_INSERT_STMT || node.node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ||
        node.node_case == PG_QUERY__NODE__NODE_DELETE_STMT) {
      // The columns of the statement's RETURNING list (none without one), as psql's \gdesc
      // describes them; nothing is executed.
      DmlPlan dml = node.node_case == PG_QUERY__NODE__NODE_INSERT_STMT   ? binder.BindInsert(*node.insert_stmt)
                    : node.node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ? binder.BindUpdate(*node.update_stmt)
                                                                         : binder.BindDelete(*node.delete_stmt);
      auto values = std::make_unique<LogicalValues>();
      values->types = dml.returning_types;
      values->names = dml.returning_names;
      return PlanDescribe(*values);
    }
    if (node.node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
      throw Exception(sqlstate::kFeatureNotSupported, "DESCRIBE expects a table name or a query");
    }
    LogicalOperatorPtr plan = ResolveUnknownOutput(binder.BindQuery(*node.select_stmt), binder.NewTableIndex());
    return PlanDescribe(*plan);
  }

  // A query with parameters: bound, parameter types fixed, then optimized.
  auto plan_query = [&](const PgQuery__SelectStmt& select, std::vector<LogicalType> declared, bool parameters) {
    if (parameters) binder.AllowParameters(std::move(declared));
    LogicalOperatorPtr plan = SubqueryPlanner([&binder] { return binder.NewTableIndex(); })
                                  .Plan(ResolveUnknownOutput(binder.BindQuery(select), binder.NewTableIndex()));
    std::vector<LogicalType> parameter_types;
    if (parameters) parameter_types = binder.FinalizeParameters(*plan);
    PlannedStatement planned = FromPlan(optimizer.Optimize(std::move(plan)), "SELECT");
    planned.parameter_types = std::move(parameter_types);
    return planned;
  };
  // INSERT / UPDATE / DELETE, bound into a WriteStatement (with parameters when prepared).
  auto plan_dml = [&](const PgQuery__Node& statement, std::vector<LogicalType> declared, bool parameters) {
    if (parameters) binder.AllowParameters(std::move(declared));
    auto write = std::make_shared<WriteStatement>();
    write->kind = WriteStatement::Kind::DML;
    std::string tag;
    if (statement.node_case == PG_QUERY__NODE__NODE_INSERT_STMT) {
      write->dml = std::make_unique<DmlPlan>(binder.BindInsert(*statement.insert_stmt));
      tag = "INSERT";
    } else if (statement.node_case == PG_QUERY__NODE__NODE_UPDATE_STMT) {
      write->dml = std::make_unique<DmlPlan>(binder.BindUpdate(*statement.update_stmt));
      tag = "UPDATE";
    } else {
      write->dml = std::make_unique<DmlPlan>(binder.BindDelete(*statement.delete_stmt));
      tag = "DELETE";
    }
    PlannedStatement prepared;
    auto finish = [&](DmlPlan& dml) {
      dml.plan = SubqueryPlanner([&binder] { return binder.NewTableIndex(); }).Plan(std::move(dml.plan));
      if (parameters) prepared.parameter_types = binder.FinalizeParameters(*dml.plan);
      dml.plan = optimizer.Optimize(std::move(dml.plan));
    };
    finish(*write->dml);
    if (write->dml->on_conflict_update) finish(*write->dml->on_conflict_update);
    prepared.action = PlannedStatement::Action::WRITE;
    prepared.names = write->dml->returning_names;
    prepared.write = std::move(write);
    prepared.command_tag = tag;
    return prepared;
  };
  const bool is_dml = node.node_case == PG_QUERY__NODE__NODE_INSERT_STMT ||
                      node.node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ||
                      node.node_case == PG_QUERY__NODE__NODE_DELETE_STMT;
  if (allow_parameters && node.node_case != PG_QUERY__NODE__NODE_SELECT_STMT && !is_dml) {
    throw Exception(sqlstate::kFeatureNotSupported, "only queries, INSERT, UPDATE and DELETE can be prepared");
  }

  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT:
      return plan_query(*node.select_stmt, std::move(declared_parameters), allow_parameters);
    case PG_QUERY__NODE__NODE_PREPARE_STMT: {
      const PgQuery__PrepareStmt& prepare = *node.prepare_stmt;
      const bool dml = prepare.query && (prepare.query->node_case == PG_QUERY__NODE__NODE_INSERT_STMT ||
                                         prepare.query->node_case == PG_QUERY__NODE__NODE_UPDATE_STMT ||
                                         prepare.query->node_case == PG_QUERY__NODE__NODE_DELETE_STMT);
      if (!prepare.query || (prepare.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT && !dml)) {
        throw Exception(sqlstate::kFeatureNotSupported, "only queries, INSERT, UPDATE and DELETE can be prepared");
      }
      std::vector<LogicalType> declared;
      for (size_t i = 0; i < prepare.n_argtypes; i++) declared.push_back(binder.BindTypeName(*prepare.argtypes[i]->type_name));
      PlannedStatement planned = dml ? plan_dml(*prepare.query, std::move(declared), true)
                                     : plan_query(*prepare.query->select_stmt, std::move(declared), true);
      planned.action = PlannedStatement::Action::PREPARE;
      planned.statement_name = prepare.name;
      planned.command_tag = "PREPARE";
      return planned;
    }
    case PG_QUERY__NODE__NODE_EXECUTE_STMT: {
      const PgQuery__ExecuteStmt& execute = *node.execute_stmt;
      PlannedStatement planned;
      planned.action = PlannedStatement::Action::EXECUTE;
      planned.statement_name = execute.name;
      for (size_t i = 0; i < execute.n_params; i++) {
        planned.arguments.push_back(binder.BindStandaloneExpression(execute.params[i], "EXECUTE parameter"));
        planned.argument_positions.push_back(binder.Position(NodeLocation(*execute.params[i])));
      }
      return planned;
    }
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT: {
      PlannedStatement planned;
      planned.action = PlannedStatement::Action::DEALLOCATE;
      planned.statement_name = node.deallocate_stmt->name ? node.deallocate_stmt->name : "";
      planned.command_tag = planned.statement_name.empty() ? "DEALLOCATE ALL" : "DEALLOCATE";
      return planned;
    }
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT: {
      const PgQuery__ExplainStmt& explain = *node.explain_stmt;
      const ExplainOptions options = ParseExplainOptions(explain);
      const bool costs = options.costs;
      if (!explain.query || explain.query->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        throw Exception(sqlstate::kFeatureNotSupported, "EXPLAIN is only supported for queries");
      }
      LogicalOperatorPtr plan = optimizer.Optimize(
          SubqueryPlanner([&binder] { return binder.NewTableIndex(); }).Plan(binder.BindQuery(*explain.query->select_stmt)));
      if (options.analyze) {
        PlannedStatement prepared;
        prepared.plan = std::move(plan);
        prepared.names = {"explain"};
        prepared.command_tag = "EXPLAIN";
        prepared.is_explain = true;
        prepared.explain_analyze = true;
        prepared.explain_costs = options.costs;
        prepared.explain_timing = options.timing;
        return prepared;
      }
      // Estimated rows per operator, as the join planner estimates them (PostgreSQL's rows=).
      const std::function<std::string(const LogicalOperator&)> estimate = EstimatedRowsLabel;
      std::string text = plan->ToString(0, costs ? &estimate : nullptr);
      std::vector<std::vector<std::optional<std::string>>> rows;
      size_t start = 0;
      while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        rows.push_back({text.substr(start, end - start)});
        start = end + 1;
      }
      PlannedStatement prepared = FromPlan(MakeVarcharValues({"explain"}, rows), "EXPLAIN");
      prepared.is_explain = true;
      return prepared;
    }
    case PG_QUERY__NODE__NODE_INSERT_STMT:
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return plan_dml(node, std::move(declared_parameters), allow_parameters);
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
      PlannedStatement prepared = PlanCreateTableAs(*node.create_table_as_stmt, catalog_, binder, settings_.search_path);
      auto& dml = *prepared.write->dml;
      dml.plan = optimizer.Optimize(SubqueryPlanner([&binder] { return binder.NewTableIndex(); }).Plan(std::move(dml.plan)));
      return prepared;
    }
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return PlanTruncate(*node.truncate_stmt, binder);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return PlanAlterTable(*node.alter_table_stmt, catalog_, binder, settings_.search_path);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return PlanRename(*node.rename_stmt, catalog_, binder, settings_.search_path);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return PlanTransaction(*node.transaction_stmt);
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT: {
      PlannedStatement prepared;
      prepared.action = PlannedStatement::Action::WRITE;
      prepared.write = std::make_shared<WriteStatement>();
      prepared.write->kind = WriteStatement::Kind::CHECKPOINT;
      prepared.command_tag = "CHECKPOINT";
      return prepared;
    }
    case PG_QUERY__NODE__NODE_COPY_STMT:
      if (node.copy_stmt->is_from) {
        PlannedStatement prepared = PlanCopyFrom(*node.copy_stmt, binder, catalog_.file_system(), copy_handler_);
        auto& dml = *prepared.write->dml;
        dml.plan = optimizer.Optimize(SubqueryPlanner([&binder] { return binder.NewTableIndex(); }).Plan(std::move(dml.plan)));
        return prepared;
      }
      return PlanCopyTo(*node.copy_stmt, binder, [&](const PgQuery__SelectStmt& select) { return plan_query(select, {}, false).plan; });
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
      return PlanCreateForeignTable(*node.create_foreign_table_stmt, catalog_, binder, settings_.search_path, notices_);
    case PG_QUERY__NODE__NODE_CREATE_STMT:
      return PlanCreateTable(*node.create_stmt, catalog_, binder, settings_.search_path);
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return PlanCreateRole(*node.create_role_stmt, catalog_);
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      return PlanAlterRole(*node.alter_role_stmt, catalog_);
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return PlanDropRole(*node.drop_role_stmt, catalog_, notices_);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return PlanCreateSchema(*node.create_schema_stmt, catalog_, notices_);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return PlanCreateView(*node.view_stmt, catalog_, binder, settings_.search_path);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return PlanDrop(*node.drop_stmt, catalog_, settings_.search_path, notices_);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return PlanSet(*node.variable_set_stmt, settings_);
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT: {
      std::string name = node.variable_show_stmt->name ? node.variable_show_stmt->name : "";
      if (name == "tables") {
        // The tables and views of the current namespace (the first existing one of the search
        // path), from system.tables.
        std::string current = Catalog::kDefaultNamespace;
        for (const auto& candidate : settings_.search_path) {
          if (candidate != "$user" && catalog_.has_namespace(candidate)) {
            current = Catalog::CanonicalNamespace(candidate);
            break;
          }
        }
        std::string quoted;
        for (char c : current) quoted += c == '\'' ? std::string("''") : std::string(1, c);
        PlannedStatement prepared = PlanOnThisThread(
            "SELECT table_name AS name FROM system.tables WHERE namespace = '" + quoted + "' ORDER BY 1", false);
        prepared.command_tag = "SHOW";
        return prepared;
      }
      return PlanShow(*node.variable_show_stmt, settings_);
    }
    default:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported, StatementKindName(node) + " statements are not supported yet");
}

bool Planner::EndsTransaction(const std::string& statement_sql) {
  try {
    ParsedSql parsed(statement_sql);
    if (parsed.size() != 1) return false;
    const PgQuery__Node& node = *parsed.statement(0).stmt;
    if (node.node_case != PG_QUERY__NODE__NODE_TRANSACTION_STMT) return false;
    auto kind = node.transaction_stmt->kind;
    return kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT ||
           kind == PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK;
  } catch (...) {
    return false;
  }
}

}  // namespace cairn

// Binder: turns libpg_query's raw parse tree of a query into a typed logical plan — resolving
// tables (TableRegistry, table functions, CTEs, subqueries), columns (BindContext), functions
// and operators (the function catalog), and implicit casts; it checks GROUP BY rules and lays
// out the SELECT pipeline (FROM → WHERE → AGGREGATE → HAVING → PROJECTION → DISTINCT → ORDER BY
// → LIMIT). PostgreSQL's semantic-analysis rules (parse_clause.c/parse_expr.c behaviour as
// documented in the PostgreSQL manual, chapter "Value Expressions" and "Queries") are followed,
// with DuckDB's result types for literals and aggregates.
//
// Split over several files by concept: bind_select.cpp (query shape), bind_table_ref.cpp (FROM),
// bind_table_function.cpp (read_parquet/read_csv), bind_expression.cpp (expressions),
// bind_function.cpp (function calls and aggregates), bind_operator.cpp (operators and casts).
//
// Errors: cairn::Exception with PostgreSQL's SQLSTATEs and 1-based positions in the statement.
// Thread-safety: a Binder binds one statement on one thread.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <memory>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "function/table/table_function.h"
#include "function/table/working_table.h"
#include "sql/bind_context.h"
#include "sql/dml_plan.h"
#include "sql/logical_operator.h"
#include "sql/parser.h"
#include "sql/plan_copy.h"

namespace cairn {

class Binder {
 public:
  /// Binds names against `catalog`: unqualified table names along `search_path` (namespaces,
  /// SET search_path). `map_position` maps a 1-based position in the parsed text to the user's
  /// statement.
  Binder(Catalog& catalog, std::vector<std::string> search_path, std::function<int(int)> map_position);

  /// Binds a SELECT statement (plain, set operation, VALUES; with its WITH clause).
  LogicalOperatorPtr BindQuery(const PgQuery__SelectStmt& statement);
  /// Binds any node that is a query (SelectStmt); throws 0A000 otherwise.
  LogicalOperatorPtr BindQueryNode(const PgQuery__Node* node);

  /// A TypeName as ParseTypeName spells it, e.g. "numeric(10,2)" (pg_catalog. stripped).
  static std::string TypeNameText(const PgQuery__TypeName& type_name);
  /// The LogicalType of a TypeName. Throws 42704 for unknown names, 0A000 for arrays.
  LogicalType BindTypeName(const PgQuery__TypeName& type_name);

  /// 1-based position in the user's statement for a 0-based parse-tree `location` (-1 → unset).
  std::optional<int> Position(int location) const;

  /// A fresh table index for an operator that introduces columns (unique within the statement,
  /// shared with the binders of subqueries and CTEs).
  idx_t NewTableIndex() { return shared_->next_table_index++; }

  /// Iterations of a recursive query when no SetMaxRecursiveIterations call says otherwise.
  static constexpr idx_t kDefaultMaxRecursiveIterations = 100000;
  /// Iterations after which a WITH RECURSIVE query fails with 54000 (SET max_recursive_iterations).
  void SetMaxRecursiveIterations(idx_t iterations) { shared_->max_recursive_iterations = iterations; }

  /// Allows parameters $n (n >= 1) in the statement (PREPARE, Connection::prepare) and declares
  /// the types of $1..$k, k = types.size() (PREPARE name(types) AS ..., the extended protocol's
  /// Parse); the types of the others, and of those declared as TypeId::INVALID (Parse's type
  /// OID 0), are inferred. Without this call any $n is 42P02 "there is no parameter $n", as in a plain
  /// query.
  void AllowParameters(std::vector<LogicalType> declared_types);
  // bind_dml.cpp (sql/dml_plan.h)
  /// INSERT into a managed table: VALUES items assigned to their columns (DEFAULT allowed),
  /// INSERT ... SELECT, DEFAULT VALUES, ON CONFLICT DO NOTHING / DO UPDATE, RETURNING. Throws
  /// 42P01, 42809 (a view, file or system table), 42703, 42701, 42601 (value count, DO UPDATE
  /// without columns), 42804 (no assignment cast), 42P10 (no constraint on the ON CONFLICT
  /// columns), 0A000 (ON CONFLICT ON CONSTRAINT).
  DmlPlan BindInsert(const PgQuery__InsertStmt& statement);
  /// COPY table [(columns)] FROM 'file' [WHERE condition] (sql/statement_copy.cpp): an INSERT
  /// into `table` whose rows come from `source` — its i-th column is assigned (PostgreSQL's
  /// assignment cast; 42804 when there is none) to table column `targets[i]`, the other columns
  /// take their defaults; `where` (may be null) filters the rows as they would be stored.
  DmlPlan BindInsertFrom(const CatalogEntry& table, const std::vector<idx_t>& targets, LogicalOperatorPtr source,
                         const PgQuery__Node* where);
  /// UPDATE ... SET ... [FROM ...] [WHERE ...] [RETURNING ...].
  DmlPlan BindUpdate(const PgQuery__UpdateStmt& statement);
  /// DELETE FROM ... [USING ...] [WHERE ...] [RETURNING ...].
  DmlPlan BindDelete(const PgQuery__DeleteStmt& statement);
  /// The managed table `relation` names, for `verb` ("insert into", "update", "truncate"):
  /// 42P01 when unknown, 42809 when it is not a managed table.
  CatalogEntry BindWriteTarget(const PgQuery__RangeVar& relation, const char* verb);
  /// A column's DEFAULT (SQL text) bound and cast to the column's type; NULL without one.
  ExpressionPtr BindColumnDefault(const ColumnDefinition& column, const std::optional<std::string>& default_text);
  /// The engine's view of a definition's columns (types parsed, NOT NULL as nullable = false).
  static std::vector<ColumnDefinition> StorageColumns(const TableDefinition& definition);

  /// Binds an expression without FROM clause (an EXECUTE argument).
  ExpressionPtr BindStandaloneExpression(const PgQuery__Node* node, const char* clause);
  /// After binding `plan`: fixes each parameter's type — the declared one, else the type the
  /// first context that typed an occurrence gave it (later occurrences were bound with it),
  /// else TEXT (PostgreSQL's unknown → text) — and casts the occurrences bound as unknown
  /// before the type was known to text, the type they were used as. Returns the types of
  /// $1..$n. Throws 42P18 for a parameter that does not occur while a higher one does.
  std::vector<LogicalType> FinalizeParameters(LogicalOperator& plan);

 private:
  /// State shared by a statement's binder and the binders of its subqueries and CTEs.
  struct SharedState {
    idx_t next_table_index = 0;
    bool parameters_allowed = false;
    std::vector<LogicalType> declared_parameters;
    /// Parameters beyond the declared ones, by number: the type their occurrences share
    /// (BoundParameter::pending_type), unset while unknown.
    std::map<idx_t, std::shared_ptr<std::optional<LogicalType>>> inferred_parameters;
    /// WITH RECURSIVE: iterations after which a recursive query fails (54000).
    idx_t max_recursive_iterations = kDefaultMaxRecursiveIterations;
    std::vector<std::string> expanding_views;  // views being bound, outermost first (42P17 on a cycle)
    /// WITH queries that may be materialized (see bind_cte.cpp): bound once at their first
    /// reference, then read through LogicalCteScans.
    struct MaterializableCte {
      idx_t cte_index = 0;
      LogicalOperatorPtr plan;  // bound at the first reference; moved into the plan at the end
      idx_t references = 0;
    };
    std::map<const PgQuery__CommonTableExpr*, MaterializableCte> materializable_ctes;
    idx_t next_cte_index = 0;
  };
  /// A binder for a nested query (subquery, CTE, set operation input) of this one.
  Binder MakeChild() const;

  struct AggregateSink {
    idx_t table_index = 0;  // the aggregate's aggregate_index: aggregates bind as (table_index, i)
    std::vector<BoundAggregate> aggregates;
    /// GROUPING(args) calls, bound as (grouping_index, k): their arguments, matched with the
    /// GROUP BY expressions once those are bound.
    idx_t grouping_index = 0;
    struct GroupingCall {
      std::vector<ExpressionPtr> arguments;
      std::optional<int> position;
    };
    std::vector<GroupingCall> grouping_calls;
  };
  /// The window function calls of one SELECT (bound as (table_index, i)) and its WINDOW
  /// clause's named windows, in definition order (bind_window.cpp).
  struct WindowSink {
    idx_t table_index = 0;
    std::vector<BoundWindowExpression> expressions;
    std::vector<std::pair<std::string, const PgQuery__WindowDef*>> definitions;
  };
  /// The set-returning function calls of one SELECT list (bound as (table_index, i)): they
  /// become a LogicalProjectSet between the windows and the final projection (bind_set_function.cpp).
  struct SetFunctionSink {
    idx_t table_index = 0;
    std::vector<ExpressionPtr> functions;  // BoundFunction with function.set_function
  };
  struct Scope {
    const BindContext* context = nullptr;
    SetFunctionSink* set_functions = nullptr;  // null: set-returning functions are not allowed here
    AggregateSink* aggregates = nullptr;  // null: aggregates are not allowed here
    const char* clause = "";              // for "aggregate functions are not allowed in WHERE"
    bool inside_aggregate = false;
    WindowSink* windows = nullptr;        // null: window functions are not allowed here
    bool inside_window = false;           // binding a window function's arguments or window
  };

  // bind_select.cpp
  LogicalOperatorPtr BindSelectCore(const PgQuery__SelectStmt& statement);
  /// The output column an ORDER BY / DISTINCT ON item names: a select-list position, an output
  /// name, or an expression (equal to a select-list item, else appended as a hidden column to
  /// `select`/`names`). `distinct`: plain SELECT DISTINCT, where hidden columns are 42P10.
  idx_t OutputColumnFor(const PgQuery__Node* node, const char* clause, std::vector<ExpressionPtr>& select,
                        std::vector<std::string>& names, size_t visible_count, Scope& scope, bool distinct);
  LogicalOperatorPtr BindSetOperation(const PgQuery__SelectStmt& statement);
  LogicalOperatorPtr BindValues(const PgQuery__SelectStmt& statement);
  LogicalOperatorPtr BindOutputOrderAndLimit(LogicalOperatorPtr plan, const PgQuery__SelectStmt& statement);
  LogicalOperatorPtr BindLimit(LogicalOperatorPtr plan, const PgQuery__SelectStmt& statement);
  void AddCommonTableExpressions(const PgQuery__WithClause& with);
  // bind_cte.cpp: non-recursive WITH queries, materialized or inlined.
  /// The plan of a reference to non-recursive CTE `definition`: a LogicalCteScan when it may be
  /// materialized, else its query bound afresh (inlined).
  LogicalOperatorPtr BindCteReference(const PgQuery__CommonTableExpr& definition, const std::string& name);
  /// At the end of the query owning WITH clause `with`: each of its CTEs referenced twice or more
  /// (or once, AS MATERIALIZED) becomes a LogicalMaterializedCte above `plan`; one referenced
  /// once has its scan replaced by its query (inlined), as PostgreSQL 12+ does.
  LogicalOperatorPtr PlaceCommonTableExpressions(const PgQuery__WithClause& with, LogicalOperatorPtr plan);
  /// References to `aggregate_index` (and to `window_index`, the window columns) are kept.
  ExpressionPtr ReplaceGroupReferences(ExpressionPtr expression, const std::vector<ExpressionPtr>& groups,
                                       idx_t group_index, idx_t aggregate_index, idx_t window_index = ~idx_t(0));
  LogicalOperatorPtr MakeProjection(LogicalOperatorPtr child, std::vector<ExpressionPtr> expressions,
                                    std::vector<std::string> names);
  /// SELECT DISTINCT over all of `child`'s columns.
  LogicalOperatorPtr MakeDistinct(LogicalOperatorPtr child);

  // bind_table_ref.cpp
  LogicalOperatorPtr BindFrom(PgQuery__Node** items, size_t count, BindContext& context);
  LogicalOperatorPtr BindTableRef(const PgQuery__Node& node, BindContext& context);
  LogicalOperatorPtr BindRangeVar(const PgQuery__RangeVar& range_var, BindContext& context);
  /// A view's query, bound where `position` references it; 42P17 when a view refers to itself,
  /// the original SQLSTATE with "view \"v\" cannot be read: ..." when it no longer binds (a
  /// dropped table).
  LogicalOperatorPtr BindView(const CatalogEntry& view, std::optional<int> position);
  LogicalOperatorPtr BindSubquery(const PgQuery__RangeSubselect& subselect, BindContext& context);
  LogicalOperatorPtr BindJoin(const PgQuery__JoinExpr& join, BindContext& context);
  LogicalOperatorPtr MakeGet(std::shared_ptr<TableSource> source, const std::string& table_name);
  void AddAliasedTable(BindContext& context, const LogicalOperator& plan, const std::string& default_alias,
                       const PgQuery__Alias* alias, int position);

  // bind_grouping_sets.cpp
  /// GROUPING(args) in a clause that may hold aggregates: a reference to the call's column.
  ExpressionPtr BindGroupingFunc(const PgQuery__GroupingFunc& call, Scope& scope);
  /// The grouping sets of a GROUP BY clause with GROUPING SETS / ROLLUP / CUBE / (): each a list
  /// of indexes into the GROUP BY expressions, which `bind_item` binds (and deduplicates).
  std::vector<std::vector<idx_t>> ExpandGroupingSets(PgQuery__Node** items, size_t count,
                                                     const std::function<idx_t(const PgQuery__Node*)>& bind_item);
  /// GROUPING SETS: one aggregate per grouping set over its own copy of `input`, each followed by
  /// a projection to (every group expression, NULL where not grouped; the aggregates; the
  /// GROUPING() values), all under a UNION ALL. `rewrite` receives the bindings the union takes
  /// over: (group_index, i), (aggregate_index, j), (grouping_index, k).
  LogicalOperatorPtr MakeGroupingSets(LogicalOperatorPtr input, const std::vector<ExpressionPtr>& groups,
                                      const std::vector<std::vector<idx_t>>& sets, AggregateSink& sink,
                                      idx_t group_index, BindingMap& rewrite);
  /// GROUPING(args) of call `k` for grouping set `set` (bit i, from the left, set when argument i
  /// is not grouped). Throws 42803 when an argument is not a GROUP BY expression.
  std::vector<int32_t> GroupingValues(const AggregateSink& sink, const std::vector<ExpressionPtr>& groups,
                                      const std::vector<idx_t>& set);

  // bind_set_operation.cpp
  /// `input` plus a column numbering the copies of each row (INTERSECT/EXCEPT ALL).
  LogicalOperatorPtr NumberDuplicates(LogicalOperatorPtr input);

  // bind_recursive_cte.cpp
  /// The WITH RECURSIVE query `definition` named `name` as a LogicalRecursiveCte, or null when
  /// its query does not refer to itself (then it is an ordinary CTE).
  LogicalOperatorPtr BindRecursiveCte(const PgQuery__CommonTableExpr& definition, const std::string& name);

  // bind_table_function.cpp
  LogicalOperatorPtr BindRangeFunction(const PgQuery__RangeFunction& function, BindContext& context);
  /// Binds one argument of a table-function call to a constant (or a list of constants).
  TableFunctionArgument BindTableFunctionArgument(const PgQuery__Node* node, const std::string& function_name);
  /// Calls the registered table function `input.name` and adds its scan to `context`. Throws
  /// 42883 when no such table function exists.
  LogicalOperatorPtr BindTableFunctionCall(TableFunctionInput input, const PgQuery__Alias* alias, BindContext& context);

  // bind_expression.cpp
  ExpressionPtr Bind(const PgQuery__Node* node, Scope& scope);
  ExpressionPtr BindExpressionNode(const PgQuery__Node& node, Scope& scope);
  ExpressionPtr BindColumnRef(const PgQuery__ColumnRef& ref, Scope& scope);
  ExpressionPtr BindConstant(const PgQuery__AConst& constant);
  ExpressionPtr BindAExpr(const PgQuery__AExpr& expr, Scope& scope);
  ExpressionPtr BindBoolExpr(const PgQuery__BoolExpr& expr, Scope& scope);
  ExpressionPtr BindCase(const PgQuery__CaseExpr& expr, Scope& scope);
  ExpressionPtr BindTypeCast(const PgQuery__TypeCast& cast, Scope& scope);
  ExpressionPtr BindSqlValueFunction(const PgQuery__SQLValueFunction& function);
  ExpressionPtr BindParamRef(const PgQuery__ParamRef& ref);
  /// (SELECT ...), EXISTS (...), x IN (SELECT ...), x op ANY/ALL (...): a BoundSubquery.
  ExpressionPtr BindSubLink(const PgQuery__SubLink& link, Scope& scope);
  /// Binds `node` and requires BOOLEAN (NULL literals become BOOLEAN). `what` names the clause.
  ExpressionPtr BindCondition(const PgQuery__Node* node, Scope& scope, const char* what);

  // bind_array.cpp
  /// ARRAY[e1, e2, ...]: the elements unified to one type (text for untyped literals), or cast
  /// to `target`'s element type when the constructor is the operand of a cast to an array.
  ExpressionPtr BindArrayExpr(const PgQuery__AArrayExpr& expr, Scope& scope, const LogicalType* target = nullptr);
  /// a[i] (the element, NULL when out of range) and a[i:j] (a slice); 0A000 for more than one
  /// subscript, 42804 for a non-integer subscript or a value that is not an array.
  ExpressionPtr BindIndirection(const PgQuery__AIndirection& indirection, Scope& scope);
  /// ARRAY(subquery): the subquery's rows (in its ORDER BY order) as an array; '{}' for none.
  ExpressionPtr BindArraySubLink(const PgQuery__SubLink& link, Scope& scope);
  /// x op ANY (array) / x op ALL (array) with PostgreSQL's three-valued result.
  ExpressionPtr BindArrayComparison(const PgQuery__AExpr& expr, Scope& scope);

  // bind_set_function.cpp
  /// A bound call of a set-returning function `call` in `scope`: added to the scope's
  /// SetFunctionSink and replaced by a reference to its column. 0A000 where PostgreSQL
  /// does not allow one (WHERE, aggregate and window arguments, nested calls, CASE ...).
  ExpressionPtr LiftSetFunction(ExpressionPtr call, Scope& scope, std::optional<int> position);
  /// A LogicalProjectSet over `plan` computing `sink`'s calls; `plan` when there are none.
  LogicalOperatorPtr MakeProjectSet(LogicalOperatorPtr plan, SetFunctionSink& sink);
  /// A function in FROM that is not a table function (`unnest(a)`, `generate_series(1, t.n)`,
  /// ROWS FROM (...), WITH ORDINALITY): a ProjectSet over one row. Its arguments may refer to
  /// the FROM items on its left (LATERAL is implicit for functions, as in PostgreSQL); the
  /// lateral join is decorrelated like a LATERAL subquery's.
  LogicalOperatorPtr BindSetFunctionScan(const PgQuery__RangeFunction& function, BindContext& context);
  /// True for set-returning functions that exist in FROM only (json_each: several columns).
  static bool IsFromOnlySetFunction(const std::string& name);

  // bind_function.cpp
  ExpressionPtr BindFuncCall(const PgQuery__FuncCall& call, Scope& scope);
  ExpressionPtr BindAggregateCall(const std::string& name, const PgQuery__FuncCall& call, Scope& scope);
  ExpressionPtr BindMinMax(const PgQuery__MinMaxExpr& expr, Scope& scope);

  // bind_window.cpp
  /// `f(...) OVER ...`: adds a BoundWindowExpression to scope.windows and returns a reference
  /// to its column. Throws 42P20 where windows are not allowed, 42803 inside an aggregate.
  ExpressionPtr BindWindowCall(const std::string& name, const PgQuery__FuncCall& call, Scope& scope);
  /// Records the WINDOW clause's definitions in `sink` (42P20 for a name defined twice).
  void AddWindowDefinitions(const PgQuery__SelectStmt& statement, WindowSink& sink);
  /// A LogicalWindow over `plan` computing `sink`'s expressions (after grouping: their
  /// references to GROUP BY expressions become group columns). Returns `plan` when empty.
  LogicalOperatorPtr MakeWindow(LogicalOperatorPtr plan, WindowSink& sink, const std::vector<ExpressionPtr>* groups,
                                idx_t group_index, idx_t aggregate_index);

 public:
  // bind_operator.cpp (also used by the optimizer-facing helpers and tests)
  struct Argument {
    ExpressionPtr expression;
    bool string_literal = false;  // an untyped '...' literal (PostgreSQL's "unknown")
  };
  /// Casts `expression` to `type` (constants are folded; no-op if already of `type`).
  static ExpressionPtr AddCast(ExpressionPtr expression, const LogicalType& type, bool try_cast = false);
  /// Binds operator/function `name` over `arguments`: string literals adapt to the other
  /// operand's type, comparison operands are cast to their common type, arguments are cast to
  /// the overload's declared types. Throws 42883.
  static ExpressionPtr BindOperator(const std::string& name, std::vector<Argument> arguments);
  /// Casts every argument to the common type of all of them (literals adapt). Returns the type.
  /// The common type of `arguments`, each cast to it (untyped literals follow the typed ones).
  /// `values`: the arguments are values the query outputs (CASE, COALESCE, ARRAY[], VALUES,
  /// GREATEST/LEAST, set operations): decimals of different scales, or a decimal with an
  /// integer, then unify to NUMERIC, whose values keep their own scale (PostgreSQL's numeric:
  /// CASE WHEN c THEN 1.5 ELSE 2 END is 2, not 2.0). Comparisons keep the fixed-scale DECIMAL.
  static LogicalType UnifyTypes(std::vector<Argument>& arguments, bool values = false);
  /// NUMERIC where `common` is a DECIMAL that some of `inputs` are not (see UnifyTypes).
  static LogicalType ValueType(const LogicalType& common, const std::vector<LogicalType>& inputs);
  static bool IsComparison(const std::string& name);

 private:
  Argument BindArgument(const PgQuery__Node* node, Scope& scope);
  // bind_dml.cpp
  /// `argument` cast to `column`'s type under PostgreSQL's assignment rule; 42804 otherwise.
  ExpressionPtr AssignmentCast(Argument argument, const ColumnDefinition& column, std::optional<int> position);
  /// An expression stored as SQL text (a DEFAULT, a CHECK) bound in `scope`.
  ExpressionPtr BindStoredExpression(const std::string& text, Scope& scope, const std::string& what);
  LogicalOperatorPtr BindTargetScan(const CatalogEntry& table, const PgQuery__RangeVar& relation, BindContext& context,
                                    ColumnBinding& rowid);
  /// Completes `dml` over `core` (rowid / old row / new row columns): CHECK results over the new
  /// row and RETURNING over the row starting at `visible_row_start`.
  void FinishDmlPlan(DmlPlan& dml, LogicalOperatorPtr core, idx_t visible_row_start, const TableDefinition& definition,
                     PgQuery__Node** returning, size_t n_returning, const std::string& alias);
  /// A DmlPlan of `kind` for `table` (its id, name and engine columns).
  static DmlPlan NewDmlPlan(DmlPlan::Kind kind, const CatalogEntry& table);
  /// `left` × `right` (a CROSS join; conditions go in a filter above it).
  static LogicalOperatorPtr MakeCrossJoin(LogicalOperatorPtr left, LogicalOperatorPtr right);
  /// `plan` filtered by `conditions` (ANDed); `plan` itself when there are none.
  static LogicalOperatorPtr MakeFilter(LogicalOperatorPtr plan, std::vector<ExpressionPtr> conditions);
  /// The rows an UPDATE or DELETE changes: the target table (with rowid) joined with the
  /// FROM / USING items, filtered by WHERE; `context` has the target under its alias.
  struct RowChangeSource {
    LogicalOperatorPtr plan;
    BindContext context;
    std::vector<ColumnBinding> target;  // the target's columns, in table order
    ColumnBinding rowid;
  };
  RowChangeSource BindRowChangeSource(const CatalogEntry& table, const PgQuery__RangeVar& relation, PgQuery__Node** from,
                                      size_t n_from, const PgQuery__Node* where);
  /// Completes an UPDATE (`new_row`: per column the SET expression or null) or DELETE
  /// (`new_row` null) over `source`: projects rowid, old row [, new row], then CHECKs and
  /// RETURNING (FinishDmlPlan).
  void FinishRowChange(DmlPlan& dml, RowChangeSource source, std::vector<ExpressionPtr>* new_row,
                       const CatalogEntry& table, const PgQuery__RangeVar& relation, PgQuery__Node** returning,
                       size_t n_returning);
  /// UPDATE's SET list (also ON CONFLICT DO UPDATE's): per table column the new value's
  /// expression (assignment-cast; DEFAULT allowed), null for columns not set. Throws 42703,
  /// 42601 (a column set twice), 0A000 (a subscript or field).
  std::vector<ExpressionPtr> BindSetList(PgQuery__Node** targets, size_t count, const CatalogEntry& table,
                                         const std::vector<ColumnDefinition>& columns, const BindContext& context,
                                         const char* clause);
  /// ON CONFLICT (columns) DO UPDATE SET ... [WHERE ...]: an UPDATE of the existing rows whose
  /// `conflict_columns` equal those of a row of `excluded` (the proposed rows the session puts
  /// there), with EXCLUDED.* in scope.
  DmlPlan BindConflictUpdate(const CatalogEntry& table, const PgQuery__RangeVar& relation,
                             const PgQuery__OnConflictClause& conflict, const std::vector<idx_t>& conflict_columns,
                             const std::shared_ptr<WorkingTable>& excluded, PgQuery__Node** returning,
                             size_t n_returning);


  Catalog& catalog_;
  std::vector<std::string> search_path_;
  std::function<int(int)> map_position_;
  std::map<std::string, const PgQuery__CommonTableExpr*> ctes_;
  std::shared_ptr<SharedState> shared_ = std::make_shared<SharedState>();
  /// Contexts of enclosing queries (innermost last), for correlated references in subqueries.
  std::vector<const BindContext*> outer_contexts_;
  /// The SELECT being bound: the table index its GROUPING() calls bind to (ReplaceGroupReferences
  /// keeps them).
  idx_t grouping_index_ = static_cast<idx_t>(-1);
  idx_t set_function_index_ = static_cast<idx_t>(-1);  // the current SELECT's SetFunctionSink
  /// While binding a FROM item: the contexts of the FROM items to its left (outermost first),
  /// which a LATERAL subquery may refer to.
  std::vector<const BindContext*> lateral_contexts_;
  /// Names of the CTEs of enclosing WITH RECURSIVE clauses (may refer to themselves).
  std::set<std::string> recursive_ctes_;
  /// While binding a recursive term: its CTE's name → the working table it reads.
  std::map<std::string, std::shared_ptr<WorkingTable>> working_tables_;
  /// False inside the terms of a recursive CTE (planned as separate plans): every CTE they
  /// reference is inlined.
  bool materialize_ctes_ = true;
};

/// A query's output column of unknown type (`SELECT NULL`) is text, as PostgreSQL resolves
/// unknown-typed output columns; a projection casts it. `table_index` is the projection's.
LogicalOperatorPtr ResolveUnknownOutput(LogicalOperatorPtr plan, idx_t table_index);

/// 0-based location of an expression node in the parsed text (-1 when the node has none).
int NodeLocation(const PgQuery__Node& node);

/// The text of a String node (or "" for other nodes).
std::string NodeString(const PgQuery__Node* node);

}  // namespace cairn

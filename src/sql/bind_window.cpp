// Window function calls (PostgreSQL 15: manual 4.2.8 "Window Function Calls", 7.2.5 "Window
// Function Processing", SELECT's WINDOW clause): resolving OVER clauses and named windows,
// binding window functions and aggregates used with OVER, and their frames. Window calls are
// allowed in the SELECT list and ORDER BY only; they are computed after GROUP BY/HAVING (their
// arguments may contain aggregates) and before DISTINCT, ORDER BY and LIMIT.
#include "cairn/exception.h"
#include "function/aggregate_function.h"
#include "function/cast.h"
#include "function/window/window_frame.h"
#include "function/window/window_function.h"
#include "sql/binder.h"

namespace cairn {

namespace {

using namespace window_sqlstate;

/// A window definition with its references to named windows resolved.
struct ResolvedWindow {
  std::vector<const PgQuery__Node*> partitions;
  std::vector<const PgQuery__Node*> orders;  // SortBy nodes
  const PgQuery__WindowDef* frame = nullptr;  // the definition whose frame options apply
};

bool HasFrameClause(const PgQuery__WindowDef& def) { return (def.frame_options & frame_option::kNonDefault) != 0; }

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

/// Resolves `def`, which may reference (refname) one of the first `visible` definitions.
ResolvedWindow Resolve(const PgQuery__WindowDef& def,
                       const std::vector<std::pair<std::string, const PgQuery__WindowDef*>>& definitions,
                       size_t visible, std::optional<int> position) {
  ResolvedWindow resolved;
  resolved.frame = &def;
  if (def.refname && *def.refname) {
    std::string name = def.refname;
    size_t found = visible;
    for (size_t i = 0; i < visible; i++) {
      if (definitions[i].first == name) found = i;
    }
    if (found == visible) throw Exception(kUndefinedObject, "window " + Quoted(name) + " does not exist", position);
    const PgQuery__WindowDef& base = *definitions[found].second;
    ResolvedWindow inherited = Resolve(base, definitions, found, position);
    if (def.n_partition_clause > 0) {
      throw Exception(kWindowingError, "cannot override PARTITION BY clause of window " + Quoted(name), position);
    }
    if (def.n_order_clause > 0 && !inherited.orders.empty()) {
      throw Exception(kWindowingError, "cannot override ORDER BY clause of window " + Quoted(name), position);
    }
    if (HasFrameClause(base)) {
      throw Exception(kWindowingError, "cannot copy window " + Quoted(name) + " because it has a frame clause",
                      position);
    }
    resolved.partitions = std::move(inherited.partitions);
    resolved.orders = std::move(inherited.orders);
  } else {
    for (size_t i = 0; i < def.n_partition_clause; i++) resolved.partitions.push_back(def.partition_clause[i]);
  }
  if (def.n_order_clause > 0) {
    resolved.orders.clear();
    for (size_t i = 0; i < def.n_order_clause; i++) resolved.orders.push_back(def.order_clause[i]);
  }
  return resolved;
}

WindowBoundary StartBoundary(int32_t options) {
  if (options & frame_option::kStartCurrentRow) return WindowBoundary::CURRENT_ROW;
  if (options & frame_option::kStartOffsetPreceding) return WindowBoundary::OFFSET_PRECEDING;
  if (options & frame_option::kStartOffsetFollowing) return WindowBoundary::OFFSET_FOLLOWING;
  if (options & frame_option::kStartUnboundedFollowing) return WindowBoundary::UNBOUNDED_FOLLOWING;
  return WindowBoundary::UNBOUNDED_PRECEDING;
}

WindowBoundary EndBoundary(int32_t options) {
  if (options & frame_option::kEndUnboundedFollowing) return WindowBoundary::UNBOUNDED_FOLLOWING;
  if (options & frame_option::kEndOffsetPreceding) return WindowBoundary::OFFSET_PRECEDING;
  if (options & frame_option::kEndOffsetFollowing) return WindowBoundary::OFFSET_FOLLOWING;
  if (options & frame_option::kEndUnboundedPreceding) return WindowBoundary::UNBOUNDED_PRECEDING;
  return WindowBoundary::CURRENT_ROW;
}

bool IsOffset(WindowBoundary boundary) {
  return boundary == WindowBoundary::OFFSET_PRECEDING || boundary == WindowBoundary::OFFSET_FOLLOWING;
}

/// True if the constant `value` is below zero (intervals by PostgreSQL's ordering: a month is
/// 30 days, a day 24 hours).
bool IsNegative(const Value& value) {
  if (value.type().id() == TypeId::INTERVAL) {
    interval_t i = value.GetInterval();
    __int128 micros = (static_cast<__int128>(i.months) * 30 + i.days) * 86'400'000'000LL + i.micros;
    return micros < 0;
  }
  return value.CastAs(TypeId::DOUBLE).GetDouble() < 0;
}

std::string TypeText(const LogicalType& type) { return type.ToString(); }

}  // namespace

void Binder::AddWindowDefinitions(const PgQuery__SelectStmt& statement, WindowSink& sink) {
  for (size_t i = 0; i < statement.n_window_clause; i++) {
    const PgQuery__Node* node = statement.window_clause[i];
    if (node->node_case != PG_QUERY__NODE__NODE_WINDOW_DEF) continue;
    const PgQuery__WindowDef* def = node->window_def;
    std::string name = def->name ? def->name : "";
    for (const auto& existing : sink.definitions) {
      if (existing.first == name) {
        throw Exception(kWindowingError, "window " + Quoted(name) + " is already defined", Position(def->location));
      }
    }
    sink.definitions.emplace_back(name, def);
  }
  // Each definition must resolve (a reference to a window defined later or not at all fails).
  for (size_t i = 0; i < sink.definitions.size(); i++) {
    Resolve(*sink.definitions[i].second, sink.definitions, i, Position(sink.definitions[i].second->location));
  }
}

ExpressionPtr Binder::BindWindowCall(const std::string& name, const PgQuery__FuncCall& call, Scope& scope) {
  auto position = Position(call.location);
  if (!scope.windows) {
    if (scope.inside_aggregate) {
      throw Exception(sqlstate::kGroupingError, "aggregate function calls cannot contain window function calls",
                      position);
    }
    if (scope.inside_window) throw Exception(kWindowingError, "window function calls cannot be nested", position);
    std::string clause = scope.clause && *scope.clause ? scope.clause : "this context";
    throw Exception(kWindowingError, "window functions are not allowed in " + clause, position);
  }
  WindowSink& sink = *scope.windows;
  Scope inner = scope;
  inner.windows = nullptr;
  inner.inside_window = true;
  inner.set_functions = nullptr;  // PostgreSQL: not in a window function's arguments
  if (call.agg_distinct) {
    throw Exception(sqlstate::kFeatureNotSupported, "DISTINCT is not implemented for window functions", position);
  }
  if (call.n_agg_order > 0) {
    throw Exception(sqlstate::kFeatureNotSupported, "aggregate ORDER BY is not implemented for window functions",
                    position);
  }
  for (size_t i = 0; i < call.n_args; i++) {
    if (call.args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      throw Exception(sqlstate::kFeatureNotSupported, "named arguments are not supported for window functions",
                      position);
    }
  }

  BoundWindowExpression window;
  std::string column_name = name;
  if (auto kind = LookupWindowFunction(name)) {
    window.kind = *kind;
    if (call.agg_star) throw Exception(sqlstate::kUndefinedFunction, "function " + name + "(*) does not exist", position);
    if (call.agg_filter) {
      throw Exception(sqlstate::kFeatureNotSupported, "FILTER is not implemented for non-aggregate window functions",
                      position);
    }
    std::vector<Argument> arguments;
    for (size_t i = 0; i < call.n_args; i++) arguments.push_back(BindArgument(call.args[i], inner));
    auto signature_error = [&]() {
      std::string types;
      for (size_t i = 0; i < arguments.size(); i++) {
        types += (i ? ", " : "") + TypeText(arguments[i].expression->return_type);
      }
      return Exception(sqlstate::kUndefinedFunction, "function " + name + "(" + types + ") does not exist", position);
    };
    auto integer_argument = [&](size_t i) {
      const LogicalType& type = arguments[i].expression->return_type;
      if (!arguments[i].string_literal && type.id() != TypeId::SQLNULL && !type.IsIntegral()) throw signature_error();
      return AddCast(std::move(arguments[i].expression), TypeId::INTEGER);
    };
    switch (window.kind) {
      case WindowFunctionKind::ROW_NUMBER:
      case WindowFunctionKind::RANK:
      case WindowFunctionKind::DENSE_RANK:
        if (!arguments.empty()) throw signature_error();
        window.return_type = TypeId::BIGINT;
        break;
      case WindowFunctionKind::PERCENT_RANK:
      case WindowFunctionKind::CUME_DIST:
        if (!arguments.empty()) throw signature_error();
        window.return_type = TypeId::DOUBLE;
        break;
      case WindowFunctionKind::NTILE:
        if (arguments.size() != 1) throw signature_error();
        window.children.push_back(integer_argument(0));
        window.return_type = TypeId::INTEGER;
        break;
      case WindowFunctionKind::LAG:
      case WindowFunctionKind::LEAD: {
        if (arguments.empty() || arguments.size() > 3) throw signature_error();
        if (arguments.size() == 3) {
          std::vector<Argument> values;
          values.push_back(std::move(arguments[0]));
          values.push_back(std::move(arguments[2]));
          UnifyTypes(values);
          arguments[0] = std::move(values[0]);
          arguments[2] = std::move(values[1]);
        }
        window.return_type = arguments[0].expression->return_type;
        window.children.push_back(std::move(arguments[0].expression));
        window.children.push_back(arguments.size() > 1 ? integer_argument(1)
                                                       : std::make_unique<BoundConstant>(Value::Integer(1)));
        if (arguments.size() == 3) window.children.push_back(std::move(arguments[2].expression));
        break;
      }
      case WindowFunctionKind::FIRST_VALUE:
      case WindowFunctionKind::LAST_VALUE:
        if (arguments.size() != 1) throw signature_error();
        window.return_type = arguments[0].expression->return_type;
        window.children.push_back(std::move(arguments[0].expression));
        break;
      case WindowFunctionKind::NTH_VALUE:
        if (arguments.size() != 2) throw signature_error();
        window.return_type = arguments[0].expression->return_type;
        window.children.push_back(std::move(arguments[0].expression));
        window.children.push_back(integer_argument(1));
        break;
      case WindowFunctionKind::AGGREGATE:
        break;
    }
  } else if (call.agg_star || IsAggregateFunction(name)) {
    window.kind = WindowFunctionKind::AGGREGATE;
    std::string function_name = name;
    std::vector<LogicalType> types;
    if (call.agg_star) {
      if (name != "count") {
        throw Exception(sqlstate::kUndefinedFunction, name + "(*) is not an aggregate function", position);
      }
      function_name = "count_star";
    } else {
      for (size_t i = 0; i < call.n_args; i++) {
        window.children.push_back(Bind(call.args[i], inner));
        types.push_back(window.children.back()->return_type);
      }
    }
    window.aggregate = BindAggregateFunction(function_name, types);
    for (size_t i = 0; i < window.children.size(); i++) {
      LogicalType target = i < window.aggregate.arguments.size() ? window.aggregate.arguments[i] : types[i];
      if (target.id() != TypeId::INVALID && target.id() != TypeId::SQLNULL) {
        window.children[i] = AddCast(std::move(window.children[i]), target);
      }
    }
    if (call.agg_filter) window.filter = BindCondition(call.agg_filter, inner, "FILTER");
    window.return_type = window.aggregate.return_type;
  } else if (ScalarFunctionExists(name)) {
    throw Exception(kWrongObjectType,
                    "OVER specified, but " + name + " is not a window function nor an aggregate function", position);
  } else {
    throw Exception(sqlstate::kUndefinedFunction, "function " + name + " does not exist", position);
  }

  // The window: OVER w uses the named window as it is; OVER (w ...) copies w's PARTITION BY
  // (and its ORDER BY when none is given).
  const PgQuery__WindowDef& over = *call.over;
  ResolvedWindow resolved;
  if (over.name && *over.name) {
    std::string window_name = over.name;
    const PgQuery__WindowDef* def = nullptr;
    size_t index = 0;
    for (size_t i = 0; i < sink.definitions.size(); i++) {
      if (sink.definitions[i].first == window_name) {
        def = sink.definitions[i].second;
        index = i;
      }
    }
    if (!def) throw Exception(kUndefinedObject, "window " + Quoted(window_name) + " does not exist", position);
    resolved = Resolve(*def, sink.definitions, index, position);
  } else {
    resolved = Resolve(over, sink.definitions, sink.definitions.size(), position);
  }
  Scope window_scope = inner;
  window_scope.clause = "window definition";
  for (const PgQuery__Node* node : resolved.partitions) window.partitions.push_back(Bind(node, window_scope));
  for (const PgQuery__Node* node : resolved.orders) {
    const PgQuery__SortBy& sort = *node->sort_by;
    if (sort.sortby_dir == PG_QUERY__SORT_BY_DIR__SORTBY_USING) {
      throw Exception(sqlstate::kFeatureNotSupported, "ORDER BY ... USING is not supported yet", Position(sort.location));
    }
    BoundOrderBy order;
    order.ascending = sort.sortby_dir != PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
    order.nulls_first = sort.sortby_nulls == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
                        (sort.sortby_nulls != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST && !order.ascending);
    order.expression = Bind(sort.node, window_scope);
    window.orders.push_back(std::move(order));
  }

  // The frame.
  const PgQuery__WindowDef& frame_def = *resolved.frame;
  const int32_t options = frame_def.frame_options;
  WindowFrameShape& frame = window.frame;
  frame.unit = (options & frame_option::kRows)     ? WindowFrameUnit::ROWS
               : (options & frame_option::kGroups) ? WindowFrameUnit::GROUPS
                                                   : WindowFrameUnit::RANGE;
  frame.start = StartBoundary(options);
  frame.end = EndBoundary(options);
  frame.exclusion = (options & frame_option::kExcludeCurrentRow) ? WindowExclusion::CURRENT_ROW
                    : (options & frame_option::kExcludeGroup)    ? WindowExclusion::GROUP
                    : (options & frame_option::kExcludeTies)     ? WindowExclusion::TIES
                                                                 : WindowExclusion::NO_OTHERS;
  auto frame_position = Position(frame_def.location);
  if (frame.start == WindowBoundary::UNBOUNDED_FOLLOWING) {
    throw Exception(kWindowingError, "frame start cannot be UNBOUNDED FOLLOWING", frame_position);
  }
  if (frame.end == WindowBoundary::UNBOUNDED_PRECEDING) {
    throw Exception(kWindowingError, "frame end cannot be UNBOUNDED PRECEDING", frame_position);
  }
  if (frame.unit == WindowFrameUnit::GROUPS && window.orders.empty()) {
    throw Exception(kWindowingError, "GROUPS mode requires an ORDER BY clause", frame_position);
  }
  const char* unit_name = frame.unit == WindowFrameUnit::ROWS ? "ROWS" : frame.unit == WindowFrameUnit::GROUPS ? "GROUPS" : "RANGE";
  auto bind_offset = [&](const PgQuery__Node* node, bool start) -> ExpressionPtr {
    if (!node) throw Exception(sqlstate::kInternalError, "frame offset missing");
    Scope offset_scope;
    offset_scope.clause = unit_name;
    ExpressionPtr offset = Bind(node, offset_scope);
    if (frame.unit != WindowFrameUnit::RANGE) offset = AddCast(std::move(offset), TypeId::BIGINT);
    if (offset->expression_class != ExpressionClass::CONSTANT) {
      throw Exception(sqlstate::kInvalidColumnReference,
                      std::string("argument of ") + unit_name + " must be a constant", Position(NodeLocation(*node)));
    }
    const Value& value = static_cast<BoundConstant&>(*offset).value;
    const char* which = start ? "starting" : "ending";
    if (value.IsNull()) throw Exception(kNullValueNotAllowed, std::string("frame ") + which + " offset must not be null");
    if (IsNegative(value)) {
      throw Exception(kInvalidPrecedingOrFollowingSize,
                      frame.unit == WindowFrameUnit::RANGE ? std::string("invalid preceding or following size in window function")
                                                           : std::string("frame ") + which + " offset must not be negative");
    }
    return offset;
  };
  if (frame.unit != WindowFrameUnit::RANGE) {
    if (IsOffset(frame.start)) {
      frame.start_offset = static_cast<uint64_t>(
          static_cast<BoundConstant&>(*bind_offset(frame_def.start_offset, true)).value.GetInt64());
    }
    if (IsOffset(frame.end)) {
      frame.end_offset = static_cast<uint64_t>(
          static_cast<BoundConstant&>(*bind_offset(frame_def.end_offset, false)).value.GetInt64());
    }
  } else if (IsOffset(frame.start) || IsOffset(frame.end)) {
    if (window.orders.size() != 1) {
      throw Exception(kWindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column",
                      frame_position);
    }
    const BoundOrderBy& order = window.orders[0];
    LogicalType key_type = order.expression->return_type;
    ExpressionPtr key = order.expression->Copy();
    if (key_type.IsIntegral() && key_type.id() != TypeId::HUGEINT) {
      key = AddCast(std::move(key), TypeId::BIGINT);
    } else if (key_type.id() == TypeId::DATE) {
      key = AddCast(std::move(key), TypeId::TIMESTAMP);
    }
    auto bound = [&](const PgQuery__Node* node, WindowBoundary boundary, bool start) -> ExpressionPtr {
      ExpressionPtr offset = bind_offset(node, start);
      const LogicalType offset_type = offset->return_type;
      // time ± interval wraps around midnight in Cairn (PostgreSQL's in_range does not): not here.
      bool temporal = key->return_type.id() == TypeId::TIMESTAMP || key->return_type.id() == TypeId::TIMESTAMP_TZ ||
                      key->return_type.id() == TypeId::INTERVAL;
      bool numeric = key_type.IsNumeric();
      bool supported = (temporal && offset_type.id() == TypeId::INTERVAL) ||
                       (numeric && offset_type.IsNumeric() && (offset_type.IsIntegral() || !key_type.IsIntegral()));
      if (!supported) {
        throw Exception(sqlstate::kFeatureNotSupported,
                        "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + TypeText(key_type) +
                            " and offset type " + TypeText(offset_type),
                        Position(NodeLocation(*node)));
      }
      bool add = (boundary == WindowBoundary::OFFSET_FOLLOWING) == order.ascending;
      std::vector<Argument> operands;
      operands.push_back(Argument{key->Copy(), false});
      operands.push_back(Argument{std::move(offset), false});
      return BindOperator(add ? "+" : "-", std::move(operands));
    };
    if (IsOffset(frame.start)) window.range_start = bound(frame_def.start_offset, frame.start, true);
    if (IsOffset(frame.end)) window.range_end = bound(frame_def.end_offset, frame.end, false);
    LogicalType bound_type = window.range_start ? window.range_start->return_type : window.range_end->return_type;
    if (window.range_start && window.range_end && window.range_start->return_type != window.range_end->return_type) {
      bound_type = MaxLogicalType(window.range_start->return_type, window.range_end->return_type);
      window.range_start = AddCast(std::move(window.range_start), bound_type);
      window.range_end = AddCast(std::move(window.range_end), bound_type);
    }
    window.range_key = AddCast(std::move(key), bound_type);
  }

  LogicalType type = window.return_type;
  sink.expressions.push_back(std::move(window));
  return std::make_unique<BoundColumnRef>(ColumnBinding{sink.table_index, sink.expressions.size() - 1}, type,
                                          column_name);
}

LogicalOperatorPtr Binder::MakeWindow(LogicalOperatorPtr plan, WindowSink& sink,
                                      const std::vector<ExpressionPtr>* groups, idx_t group_index,
                                      idx_t aggregate_index) {
  if (sink.expressions.empty()) return plan;
  auto window = std::make_unique<LogicalWindow>();
  window->window_index = sink.table_index;
  window->types = plan->types;
  window->names = plan->names;
  for (auto& expression : sink.expressions) {
    if (groups) {
      expression.ForEachExpression([&](ExpressionPtr& slot) {
        slot = ReplaceGroupReferences(std::move(slot), *groups, group_index, aggregate_index);
      });
    }
    window->types.push_back(expression.return_type);
    window->names.push_back(expression.kind == WindowFunctionKind::AGGREGATE ? expression.aggregate.name
                                                                             : WindowFunctionName(expression.kind));
  }
  window->expressions = std::move(sink.expressions);
  window->children.push_back(std::move(plan));
  return window;
}

}  // namespace cairn

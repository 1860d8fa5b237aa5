// Expression binding: column references, literals, operators, boolean logic, CASE, casts.
#include <chrono>
#include <cstring>

#include "cairn/exception.h"
#include "catalog/pg_catalog_functions.h"
#include "function/cast.h"
#include "sql/bind_literal.h"
#include "sql/binder.h"
#include "common/stack_depth.h"

namespace cairn {

int NodeLocation(const PgQuery__Node& node) {
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF: return node.column_ref->location;
    case PG_QUERY__NODE__NODE_A_CONST: return node.a_const->location;
    case PG_QUERY__NODE__NODE_A_EXPR: return node.a_expr->location;
    case PG_QUERY__NODE__NODE_FUNC_CALL: return node.func_call->location;
    case PG_QUERY__NODE__NODE_TYPE_CAST: return node.type_cast->location;
    case PG_QUERY__NODE__NODE_BOOL_EXPR: return node.bool_expr->location;
    case PG_QUERY__NODE__NODE_CASE_EXPR: return node.case_expr->location;
    case PG_QUERY__NODE__NODE_NULL_TEST: return node.null_test->location;
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: return node.boolean_test->location;
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: return node.coalesce_expr->location;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: return node.min_max_expr->location;
    case PG_QUERY__NODE__NODE_SUB_LINK: return node.sub_link->location;
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: return node.a_array_expr->location;
    default: return -1;
  }
}

namespace {

Value CurrentTimestamp() {
  auto now = std::chrono::system_clock::now();
  return Value::TimestampTz(std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count());
}

}  // namespace

std::string NodeString(const PgQuery__Node* node) {
  if (node && node->node_case == PG_QUERY__NODE__NODE_STRING) return node->string->sval;
  return "";
}

std::optional<int> Binder::Position(int location) const {
  if (location < 0) return std::nullopt;
  return map_position_ ? map_position_(location + 1) : location + 1;
}

ExpressionPtr Binder::Bind(const PgQuery__Node* node, Scope& scope) {
  CheckStackDepth();
  if (!node) throw Exception(sqlstate::kInternalError, "missing expression in parse tree");
  try {
    return BindExpressionNode(*node, scope);
  } catch (const Exception& error) {
    int location = NodeLocation(*node);
    if (error.position() || location < 0) throw;
    throw Exception(error.sqlstate(), error.what(), Position(location), error.hint());
  }
}

Binder::Argument Binder::BindArgument(const PgQuery__Node* node, Scope& scope) {
  CheckStackDepth();
  Argument argument;
  argument.expression = Bind(node, scope);
  argument.string_literal = node->node_case == PG_QUERY__NODE__NODE_A_CONST && !node->a_const->isnull &&
                            node->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL;
  // A parameter of no type yet is "unknown" like a string literal: it takes the other operand's.
  if (argument.expression->expression_class == ExpressionClass::PARAMETER &&
      static_cast<BoundParameter&>(*argument.expression).IsUnknown()) {
    argument.string_literal = true;
  }
  return argument;
}

ExpressionPtr Binder::BindCondition(const PgQuery__Node* node, Scope& scope, const char* what) {
  ExpressionPtr expression = Bind(node, scope);
  if (expression->return_type.id() == TypeId::SQLNULL) return AddCast(std::move(expression), TypeId::BOOLEAN);
  if (expression->expression_class == ExpressionClass::PARAMETER &&
      static_cast<BoundParameter&>(*expression).IsUnknown()) {
    return AddCast(std::move(expression), TypeId::BOOLEAN);  // WHERE $1: a boolean parameter
  }
  if (expression->return_type.id() == TypeId::VARCHAR && expression->expression_class == ExpressionClass::CONSTANT) {
    return AddCast(std::move(expression), TypeId::BOOLEAN);  // 'true' as an unknown literal
  }
  if (expression->return_type.id() != TypeId::BOOLEAN) {
    throw Exception(sqlstate::kDatatypeMismatch,
                    std::string("argument of ") + what + " must be type boolean, not type " +
                        expression->return_type.ToString(),
                    Position(NodeLocation(*node)));
  }
  return expression;
}

ExpressionPtr Binder::BindExpressionNode(const PgQuery__Node& node, Scope& scope) {
  CheckStackDepth();
  switch (node.node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return BindColumnRef(*node.column_ref, scope);
    case PG_QUERY__NODE__NODE_A_CONST:
      return BindConstant(*node.a_const);
    case PG_QUERY__NODE__NODE_A_EXPR:
      return BindAExpr(*node.a_expr, scope);
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      return BindBoolExpr(*node.bool_expr, scope);
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return BindFuncCall(*node.func_call, scope);
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return BindTypeCast(*node.type_cast, scope);
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      Scope inner = scope;  // PostgreSQL: set-returning functions are not allowed in CASE
      inner.set_functions = nullptr;
      inner.clause = "CASE";
      return BindCase(*node.case_expr, inner);
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      return BindMinMax(*node.min_max_expr, scope);
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return BindSqlValueFunction(*node.sqlvalue_function);
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const auto& test = *node.null_test;
      std::vector<ExpressionPtr> children;
      children.push_back(Bind(test.arg, scope));
      auto type = test.nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NULL ? OperatorType::IS_NULL : OperatorType::IS_NOT_NULL;
      return std::make_unique<BoundOperator>(type, TypeId::BOOLEAN, std::move(children));
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const auto& test = *node.boolean_test;
      ExpressionPtr argument = BindCondition(test.arg, scope, "IS TRUE");
      auto coalesce = [](ExpressionPtr value, bool fallback) {
        std::vector<ExpressionPtr> children;
        children.push_back(std::move(value));
        children.push_back(std::make_unique<BoundConstant>(Value::Boolean(fallback)));
        return std::make_unique<BoundOperator>(OperatorType::COALESCE, TypeId::BOOLEAN, std::move(children));
      };
      auto negate = [](ExpressionPtr value) -> ExpressionPtr {
        std::vector<ExpressionPtr> children;
        children.push_back(std::move(value));
        return std::make_unique<BoundOperator>(OperatorType::NOT, TypeId::BOOLEAN, std::move(children));
      };
      switch (test.booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_TRUE: return coalesce(std::move(argument), false);
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE: return negate(coalesce(std::move(argument), false));
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE: return coalesce(negate(std::move(argument)), false);
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE: return coalesce(std::move(argument), true);
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN: {
          std::vector<ExpressionPtr> children;
          children.push_back(std::move(argument));
          auto type = test.booltesttype == PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN ? OperatorType::IS_NULL
                                                                               : OperatorType::IS_NOT_NULL;
          return std::make_unique<BoundOperator>(type, TypeId::BOOLEAN, std::move(children));
        }
        default:
          break;
      }
      throw Exception(sqlstate::kFeatureNotSupported, "this boolean test is not supported yet");
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      const auto& coalesce = *node.coalesce_expr;
      Scope inner = scope;  // PostgreSQL: set-returning functions are not allowed in COALESCE
      inner.set_functions = nullptr;
      inner.clause = "COALESCE";
      std::vector<Argument> arguments;
      for (size_t i = 0; i < coalesce.n_args; i++) arguments.push_back(BindArgument(coalesce.args[i], inner));
      LogicalType type = UnifyTypes(arguments, true);
      std::vector<ExpressionPtr> children;
      for (auto& argument : arguments) children.push_back(std::move(argument.expression));
      return std::make_unique<BoundOperator>(OperatorType::COALESCE, type, std::move(children));
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return BindSubLink(*node.sub_link, scope);
    case PG_QUERY__NODE__NODE_PARAM_REF:
      return BindParamRef(*node.param_ref);
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      // Cairn compares text by code point: the database's default collation (C.UTF-8), "C"
      // and "POSIX" order that way, so naming them changes nothing. Others are unsupported.
      const PgQuery__CollateClause& collate = *node.collate_clause;
      std::string collation = collate.n_collname > 0 ? NodeString(collate.collname[collate.n_collname - 1]) : "";
      bool schema_ok = collate.n_collname == 1 || (collate.n_collname == 2 && NodeString(collate.collname[0]) == "pg_catalog");
      if (schema_ok && (collation == "default" || collation == "C" || collation == "POSIX") && collate.arg) {
        ExpressionPtr bound = Bind(collate.arg, scope);
        TypeId type = bound->return_type.id();
        if (type != TypeId::VARCHAR && type != TypeId::SQLNULL) {
          throw Exception("42804", "collations are not supported by type " + PostgresTypeName(bound->return_type),
                          Position(collate.location));
        }
        return bound;
      }
      throw Exception(sqlstate::kFeatureNotSupported, "COLLATE is not supported yet", Position(collate.location));
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      return BindArrayExpr(*node.a_array_expr, scope);
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return BindIndirection(*node.a_indirection, scope);
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      throw Exception(sqlstate::kFeatureNotSupported, "ROW expressions are not supported yet");
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
      return BindGroupingFunc(*node.grouping_func, scope);
    default:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported,
                  "expression of kind " + std::to_string(static_cast<int>(node.node_case)) + " is not supported yet");
}

ExpressionPtr Binder::BindParamRef(const PgQuery__ParamRef& ref) {
  auto position = Position(ref.location);
  const auto& declared = shared_->declared_parameters;
  if (ref.number < 1 || !shared_->parameters_allowed) {
    throw Exception(sqlstate::kUndefinedParameter, "there is no parameter $" + std::to_string(ref.number), position);
  }
  idx_t index = static_cast<idx_t>(ref.number);
  if (index <= declared.size() && declared[index - 1].id() != TypeId::INVALID) {
    return std::make_unique<BoundParameter>(index, declared[index - 1]);
  }
  auto& slot = shared_->inferred_parameters[index];
  if (!slot) slot = std::make_shared<std::optional<LogicalType>>();
  if (slot->has_value()) return std::make_unique<BoundParameter>(index, **slot);  // typed by an earlier occurrence
  auto parameter = std::make_unique<BoundParameter>(index, TypeId::VARCHAR);
  parameter->pending_type = slot;
  return parameter;
}

ExpressionPtr Binder::BindSubLink(const PgQuery__SubLink& link, Scope& scope) {
  auto position = Position(link.location);
  SubqueryType type;
  switch (link.sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK: type = SubqueryType::EXISTS; break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: type = SubqueryType::SCALAR; break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK: type = SubqueryType::ANY; break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK: return BindArraySubLink(link, scope);
    default:
      throw Exception(sqlstate::kFeatureNotSupported, "this kind of subquery is not supported yet", position);
  }
  // The subquery sees the enclosing queries' columns (correlated references).
  Binder child = MakeChild();
  if (scope.context) child.outer_contexts_.push_back(scope.context);
  LogicalOperatorPtr plan = child.BindQueryNode(link.subselect);
  std::string comparison;
  ExpressionPtr test;
  if (type == SubqueryType::ANY) {
    comparison = link.n_oper_name > 0 ? NodeString(link.oper_name[link.n_oper_name - 1]) : "=";
    if (plan->types.size() != 1) {
      throw Exception(sqlstate::kSyntaxError,
                      plan->types.size() > 1 ? "subquery has too many columns" : "subquery has too few columns", position);
    }
    Argument left = BindArgument(link.testexpr, scope);
    // Type-check `x op column` the way the comparison itself will be bound.
    std::vector<Argument> check;
    check.push_back(Argument{left.expression->Copy(), left.string_literal});
    check.push_back(Argument{std::make_unique<BoundReference>(0, plan->types[0], plan->names[0]), false});
    ExpressionPtr bound = BindOperator(comparison, std::move(check));
    if (bound->return_type.id() != TypeId::BOOLEAN) {
      throw Exception(sqlstate::kDatatypeMismatch, "op ANY/ALL (array) requires operator to yield boolean", position);
    }
    test = std::move(left.expression);
  } else if (type == SubqueryType::SCALAR && plan->types.size() != 1) {
    throw Exception(sqlstate::kSyntaxError, "subquery must return only one column", position);
  }
  LogicalType result_type = type == SubqueryType::SCALAR ? plan->types[0] : LogicalType(TypeId::BOOLEAN);
  auto subquery = std::make_unique<BoundSubquery>(type, result_type, std::shared_ptr<LogicalOperator>(std::move(plan)));
  subquery->child = std::move(test);
  subquery->comparison = comparison;
  subquery->all = link.sub_link_type == PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK;
  return subquery;
}

ExpressionPtr Binder::BindColumnRef(const PgQuery__ColumnRef& ref, Scope& scope) {
  auto position = Position(ref.location);
  std::vector<std::string> parts;
  for (size_t i = 0; i < ref.n_fields; i++) {
    if (ref.fields[i]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
      throw Exception(sqlstate::kFeatureNotSupported, "* is only allowed in the SELECT list", position);
    }
    parts.push_back(NodeString(ref.fields[i]));
  }
  if (parts.size() > 2) {
    throw Exception(sqlstate::kFeatureNotSupported,
                    "qualified names with more than two parts are not supported yet: " + parts[0] + "." + parts[1] +
                        "." + parts[2],
                    position);
  }
  static const BindContext kEmpty;
  const BindContext& context = scope.context ? *scope.context : kEmpty;
  std::string table = parts.size() == 1 ? "" : parts[0];
  const std::string& column = parts.back();
  try {
    return context.Resolve(table, column, position.value_or(0));
  } catch (const Exception& error) {
    if (error.sqlstate() != std::string(sqlstate::kUndefinedColumn) &&
        error.sqlstate() != std::string(sqlstate::kUndefinedTable)) {
      throw;
    }
    // A column of an enclosing query (innermost first): a correlated reference.
    for (size_t level = outer_contexts_.size(); level-- > 0;) {
      const BindContext* outer = outer_contexts_[level];
      if (!outer->CanResolveReference(table, column)) continue;
      ExpressionPtr resolved = outer->Resolve(table, column, position.value_or(0));
      const idx_t depth = outer_contexts_.size() - level;
      ForEachColumnRef(*resolved, [depth](BoundColumnRef& ref) { ref.depth = depth; });
      return resolved;
    }
    throw;
  }
}

ExpressionPtr Binder::BindConstant(const PgQuery__AConst& constant) {
  if (constant.isnull) return std::make_unique<BoundConstant>(Value());
  switch (constant.val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      return std::make_unique<BoundConstant>(Value::Integer(constant.ival->ival));
    case PG_QUERY__A__CONST__VAL_FVAL:
      return std::make_unique<BoundConstant>(BindNumericLiteral(constant.fval->fval));
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      return std::make_unique<BoundConstant>(Value::Boolean(constant.boolval->boolval));
    case PG_QUERY__A__CONST__VAL_SVAL:
      return std::make_unique<BoundConstant>(Value::Varchar(constant.sval->sval));
    default:
      break;
  }
  // B'1010' and X'1F': PostgreSQL's bit(n) type, which Cairn does not have.
  throw Exception(sqlstate::kFeatureNotSupported, "bit-string literals (type bit) are not supported",
                  Position(constant.location));
}

ExpressionPtr Binder::BindAExpr(const PgQuery__AExpr& expr, Scope& scope) {
  std::string name = expr.n_name > 0 ? NodeString(expr.name[expr.n_name - 1]) : "";
  auto position = Position(expr.location);
  switch (expr.kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE: {
      std::vector<Argument> arguments;
      if (!expr.lexpr) {  // prefix operator
        Argument operand = BindArgument(expr.rexpr, scope);
        if (name == "+") return std::move(operand.expression);
        if (name == "-" && operand.expression->expression_class == ExpressionClass::CONSTANT) {
          const Value& value = static_cast<BoundConstant&>(*operand.expression).value;
          if (!value.IsNull() && value.type().id() == TypeId::INTEGER && value.GetInt64() != INT32_MIN) {
            return std::make_unique<BoundConstant>(Value::Integer(static_cast<int32_t>(-value.GetInt64())));
          }
        }
        arguments.push_back(std::move(operand));
        return BindOperator(name, std::move(arguments));
      }
      arguments.push_back(BindArgument(expr.lexpr, scope));
      arguments.push_back(BindArgument(expr.rexpr, scope));
      if (expr.kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP && expr.rexpr &&
          expr.rexpr->node_case == PG_QUERY__NODE__NODE_FUNC_CALL) {
        throw Exception(sqlstate::kFeatureNotSupported, "LIKE ... ESCAPE is not supported yet", position);
      }
      return BindOperator(name, std::move(arguments));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF: {
      // NULLIF(a, b) = CASE WHEN a = b THEN NULL ELSE a END, of a's type.
      std::vector<Argument> arguments;
      arguments.push_back(BindArgument(expr.lexpr, scope));
      arguments.push_back(BindArgument(expr.rexpr, scope));
      LogicalType result_type = arguments[0].expression->return_type;
      ExpressionPtr value = arguments[0].expression->Copy();
      if (arguments[0].string_literal) result_type = TypeId::VARCHAR;
      std::vector<Argument> comparison;
      comparison.push_back(std::move(arguments[0]));
      comparison.push_back(std::move(arguments[1]));
      std::vector<BoundCase::Check> checks;
      checks.push_back(BoundCase::Check{BindOperator("=", std::move(comparison)),
                                        std::make_unique<BoundConstant>(Value::Null(result_type))});
      return std::make_unique<BoundCase>(result_type, std::move(checks), std::move(value));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      std::vector<Argument> arguments;
      arguments.push_back(BindArgument(expr.lexpr, scope));
      if (!expr.rexpr || expr.rexpr->node_case != PG_QUERY__NODE__NODE_LIST) {
        throw Exception(sqlstate::kFeatureNotSupported, "IN with a subquery is not supported yet", position);
      }
      const PgQuery__List& list = *expr.rexpr->list;
      for (size_t i = 0; i < list.n_items; i++) arguments.push_back(BindArgument(list.items[i], scope));
      try {
        UnifyTypes(arguments);
      } catch (const Exception&) {
        // Report as PostgreSQL does: the comparison operator does not exist.
        std::vector<Argument> pair;
        for (auto& argument : arguments) {
          if (pair.empty() || argument.expression->return_type != pair[0].expression->return_type) {
            pair.push_back(Argument{argument.expression->Copy(), argument.string_literal});
          }
          if (pair.size() == 2) break;
        }
        if (pair.size() == 2) BindOperator("=", std::move(pair));
        throw;
      }
      std::vector<ExpressionPtr> children;
      for (auto& argument : arguments) children.push_back(std::move(argument.expression));
      auto type = name == "<>" ? OperatorType::NOT_IN : OperatorType::IN;
      return std::make_unique<BoundOperator>(type, TypeId::BOOLEAN, std::move(children));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      if (expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
          expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM) {
        throw Exception(sqlstate::kFeatureNotSupported, "BETWEEN SYMMETRIC is not supported yet", position);
      }
      const PgQuery__List& bounds = *expr.rexpr->list;
      bool negated = expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN;
      // Bind x, low and high once, unify all three, then compare.
      std::vector<Argument> arguments;
      arguments.push_back(BindArgument(expr.lexpr, scope));
      arguments.push_back(BindArgument(bounds.items[0], scope));
      arguments.push_back(BindArgument(bounds.items[1], scope));
      try {
        UnifyTypes(arguments);
      } catch (const Exception&) {
        // Fall through: the comparisons below report "operator does not exist".
      }
      auto compare = [&](const char* op, size_t bound) {
        std::vector<Argument> pair;
        pair.push_back(Argument{arguments[0].expression->Copy(), arguments[0].string_literal});
        pair.push_back(Argument{arguments[bound].expression->Copy(), arguments[bound].string_literal});
        return BindOperator(op, std::move(pair));
      };
      std::vector<ExpressionPtr> children;
      children.push_back(compare(negated ? "<" : ">=", 1));
      children.push_back(compare(negated ? ">" : "<=", 2));
      return std::make_unique<BoundConjunction>(negated ? ConjunctionType::OR : ConjunctionType::AND,
                                                std::move(children));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
      // a IS NOT DISTINCT FROM b = CASE WHEN a IS NULL THEN b IS NULL WHEN b IS NULL THEN false
      // ELSE a = b END (never NULL); IS DISTINCT FROM is its negation.
      std::vector<Argument> arguments;
      arguments.push_back(BindArgument(expr.lexpr, scope));
      arguments.push_back(BindArgument(expr.rexpr, scope));
      ExpressionPtr equal = BindOperator("=", std::move(arguments));
      if (equal->expression_class != ExpressionClass::FUNCTION ||
          static_cast<BoundFunction&>(*equal).children.size() != 2) {
        throw Exception(sqlstate::kInternalError, "unexpected form of a bound comparison", position);
      }
      auto& operands = static_cast<BoundFunction&>(*equal).children;
      auto is_null = [](const ExpressionPtr& operand) {
        std::vector<ExpressionPtr> children;
        children.push_back(operand->Copy());
        return std::make_unique<BoundOperator>(OperatorType::IS_NULL, TypeId::BOOLEAN, std::move(children));
      };
      std::vector<BoundCase::Check> checks;
      checks.push_back(BoundCase::Check{is_null(operands[0]), is_null(operands[1])});
      checks.push_back(BoundCase::Check{is_null(operands[1]), std::make_unique<BoundConstant>(Value::Boolean(false))});
      ExpressionPtr not_distinct = std::make_unique<BoundCase>(LogicalType(TypeId::BOOLEAN), std::move(checks), std::move(equal));
      if (expr.kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT) return not_distinct;
      std::vector<ExpressionPtr> negated;
      negated.push_back(std::move(not_distinct));
      return std::make_unique<BoundOperator>(OperatorType::NOT, TypeId::BOOLEAN, std::move(negated));
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      return BindArrayComparison(expr, scope);
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
      throw Exception(sqlstate::kFeatureNotSupported, "SIMILAR TO is not supported yet", position);
    default:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported, "operator expression is not supported yet", position);
}

ExpressionPtr Binder::BindBoolExpr(const PgQuery__BoolExpr& expr, Scope& scope) {
  if (expr.boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR) {
    std::vector<ExpressionPtr> children;
    children.push_back(BindCondition(expr.args[0], scope, "NOT"));
    return std::make_unique<BoundOperator>(OperatorType::NOT, TypeId::BOOLEAN, std::move(children));
  }
  bool is_and = expr.boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR;
  auto type = is_and ? ConjunctionType::AND : ConjunctionType::OR;
  std::vector<ExpressionPtr> children;
  for (size_t i = 0; i < expr.n_args; i++) {
    ExpressionPtr child = BindCondition(expr.args[i], scope, is_and ? "AND" : "OR");
    if (child->expression_class == ExpressionClass::CONJUNCTION && static_cast<BoundConjunction&>(*child).type == type) {
      for (auto& grandchild : static_cast<BoundConjunction&>(*child).children) children.push_back(std::move(grandchild));
    } else {
      children.push_back(std::move(child));
    }
  }
  return std::make_unique<BoundConjunction>(type, std::move(children));
}

ExpressionPtr Binder::BindCase(const PgQuery__CaseExpr& expr, Scope& scope) {
  std::vector<ExpressionPtr> conditions;
  std::vector<Argument> results;
  for (size_t i = 0; i < expr.n_args; i++) {
    const PgQuery__CaseWhen& when = *expr.args[i]->case_when;
    if (expr.arg) {
      std::vector<Argument> pair;
      pair.push_back(BindArgument(expr.arg, scope));
      pair.push_back(BindArgument(when.expr, scope));
      conditions.push_back(BindOperator("=", std::move(pair)));
    } else {
      conditions.push_back(BindCondition(when.expr, scope, "CASE/WHEN"));
    }
    results.push_back(BindArgument(when.result, scope));
  }
  if (expr.defresult) {
    results.push_back(BindArgument(expr.defresult, scope));
  } else {
    results.push_back(Argument{std::make_unique<BoundConstant>(Value()), false});
  }
  LogicalType type = UnifyTypes(results, true);
  std::vector<BoundCase::Check> checks;
  for (size_t i = 0; i < conditions.size(); i++) {
    checks.push_back(BoundCase::Check{std::move(conditions[i]), std::move(results[i].expression)});
  }
  return std::make_unique<BoundCase>(type, std::move(checks), std::move(results.back().expression));
}

std::string Binder::TypeNameText(const PgQuery__TypeName& type_name) {
  std::vector<std::string> names;
  for (size_t i = 0; i < type_name.n_names; i++) names.push_back(NodeString(type_name.names[i]));
  if (names.size() > 1 && names[0] == "pg_catalog") names.erase(names.begin());
  std::string text;
  for (size_t i = 0; i < names.size(); i++) text += (i > 0 ? "." : "") + names[i];
  if (type_name.n_typmods > 0 && text != "interval") {
    text += "(";
    for (size_t i = 0; i < type_name.n_typmods; i++) {
      const PgQuery__Node* mod = type_name.typmods[i];
      if (i > 0) text += ",";
      if (mod->node_case == PG_QUERY__NODE__NODE_A_CONST && mod->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
        text += std::to_string(mod->a_const->ival->ival);
      } else {
        text += "?";
      }
    }
    text += ")";
  }
  return text;
}

LogicalType Binder::BindTypeName(const PgQuery__TypeName& type_name) {
  try {
    std::string text = TypeNameText(type_name);
    // PostgreSQL's catalog types: oid is bigint, name text (docs/sql/catalog.md).
    if (text == "oid") text = "bigint";
    if (text == "name") text = "text";
    LogicalType type = ParseTypeName(text);
    // integer[] and integer[3][]: PostgreSQL ignores declared sizes and dimensions.
    return type_name.n_array_bounds > 0 ? LogicalType::Array(type) : type;
  } catch (const Exception& error) {
    if (error.position()) throw;
    throw Exception(error.sqlstate(), error.what(), Position(type_name.location), error.hint());
  }
}

ExpressionPtr Binder::BindTypeCast(const PgQuery__TypeCast& cast, Scope& scope) {
  const PgQuery__TypeName* cast_type_name = cast.type_name;
  if (std::string reg_type = TypeNameText(*cast.type_name); cast.type_name->n_array_bounds == 0 && IsPgRegType(reg_type)) {
    // x::regclass and friends: an oid's name, or a name's oid (pg_catalog_functions.h).
    ExpressionPtr child = Bind(cast.arg, scope);
    if (child->expression_class == ExpressionClass::PARAMETER && static_cast<BoundParameter&>(*child).IsUnknown()) {
      static_cast<BoundParameter&>(*child).SetType(TypeId::VARCHAR);  // $1::regclass takes the name, as text
    }
    ScalarFunction function;
    try {
      function = BindPgCatalogCast(catalog_, search_path_, reg_type, child->return_type);
    } catch (const Exception& error) {
      throw Exception(error.sqlstate(), error.what(), Position(cast.location), error.hint());
    }
    std::vector<ExpressionPtr> children;
    children.push_back(AddCast(std::move(child), function.arguments[0]));
    return std::make_unique<BoundFunction>(std::move(function), std::move(children));
  }
  LogicalType target = BindTypeName(*cast.type_name);
  if (target.IsArray() && cast.arg && cast.arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
    return BindArrayExpr(*cast.arg->a_array_expr, scope, &target);  // ARRAY[]::integer[]
  }
  ExpressionPtr child = Bind(cast.arg, scope);
  if (target.id() == TypeId::INTERVAL) {
    // INTERVAL '1' DAY, '1:30'::interval hour to minute, INTERVAL(3) '...': the qualifier
    // changes how the text is read, so it cannot be a plain cast followed by a truncation.
    try {
      if (auto qualifier = IntervalQualifierOf(*cast.type_name)) {
        return BindQualifiedIntervalCast(std::move(child), *qualifier);
      }
    } catch (const Exception& error) {
      if (error.position()) throw;
      throw Exception(error.sqlstate(), error.what(), Position(cast.location), error.hint());
    }
  }
  if (child->expression_class == ExpressionClass::PARAMETER && static_cast<BoundParameter&>(*child).IsUnknown()) {
    static_cast<BoundParameter&>(*child).SetType(target);  // $1::type declares the parameter's type
    return child;
  }
  ExpressionPtr bound;
  if (child->return_type == target && child->expression_class != ExpressionClass::CONSTANT) {
    bound = std::move(child);
  } else if (child->expression_class == ExpressionClass::CONSTANT) {
    bound = AddCast(std::move(child), target);
  } else {
    bound = std::make_unique<BoundCast>(std::move(child), target);
  }
  // x::varchar(n) / character varying(n): PostgreSQL truncates to n characters.
  if (target.id() == TypeId::VARCHAR && bound.get()) {
    std::string text = TypeNameText(*cast_type_name);
    for (const std::string prefix : {"varchar(", "character varying("}) {
      if (text.compare(0, prefix.size(), prefix) != 0 || text.back() != ')') continue;
      std::string digits = text.substr(prefix.size(), text.size() - prefix.size() - 1);
      if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) continue;
      std::vector<Argument> coercion(3);
      coercion[0].expression = std::move(bound);
      coercion[1].expression = std::make_unique<BoundConstant>(Value::BigInt(std::stoll(digits)));
      coercion[2].expression = std::make_unique<BoundConstant>(Value::Boolean(true));
      return BindOperator("varchar", std::move(coercion));
    }
  }
  return bound;
}

ExpressionPtr Binder::BindSqlValueFunction(const PgQuery__SQLValueFunction& function) {
  Value now = CurrentTimestamp();
  switch (function.op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
      return std::make_unique<BoundConstant>(now.CastAs(TypeId::DATE));
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
      return std::make_unique<BoundConstant>(now);
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
      return std::make_unique<BoundConstant>(Value::Timestamp(now.GetInt64()));
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N: {
      int64_t micros = now.GetInt64() % (86400LL * 1000000LL);
      return std::make_unique<BoundConstant>(Value::Time(micros));
    }
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA: {
      // As current_database() and current_schema() (pg_catalog_functions.h): the database's
      // name and the first existing namespace of the search path.
      bool schema = function.op == PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA;
      auto bound = BindPgCatalogFunction(catalog_, search_path_, schema ? "current_schema" : "current_database", {});
      return std::make_unique<BoundFunction>(std::move(*bound), std::vector<ExpressionPtr>{});
    }
    default:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported, "this SQL value function is not supported yet",
                  Position(function.location));
}

}  // namespace cairn

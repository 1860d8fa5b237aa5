// Bound expressions: the typed expression trees the binder produces and the executor
// evaluates a vector at a time.
//
// Column references in a logical plan are bindings (BoundColumnRef::binding, see
// column_binding.h): they name the operator that introduced the column, not a position, so
// optimizer rules move expressions without rewriting them. The physical planner resolves them
// into positional BoundReference nodes over the child's output — the only column references
// the executor evaluates. BoundParameter ($n) takes its value from the running execution;
// BoundSubquery holds a bound subquery that later planning stages turn into joins.
//
// Invariants: every Expression has a resolved return_type; function arguments are already cast
// to the function's argument types (explicit BoundCast nodes); comparison operands share a type.
//
// Thread-safety: immutable after planning; shared read-only by worker threads.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/types.h"
#include "cairn/value.h"
#include "function/scalar_function.h"
#include "sql/column_binding.h"

namespace cairn {

class LogicalOperator;  // sql/logical_operator.h

enum class ExpressionClass : uint8_t {
  CONSTANT,     // BoundConstant
  COLUMN_REF,   // BoundColumnRef: a column by binding (logical plans)
  REFERENCE,    // BoundReference: a column by position in the input chunk (physical plans)
  PARAMETER,    // BoundParameter: $n of a prepared statement
  SUBQUERY,     // BoundSubquery: (SELECT ...), EXISTS (...), x IN (SELECT ...), x op ANY/ALL (...)
  FUNCTION,     // BoundFunction: scalar functions and operators (+, =, LIKE, ...)
  CAST,         // BoundCast
  CONJUNCTION,  // BoundConjunction: AND / OR, n-ary, three-valued logic
  OPERATOR,     // BoundOperator: NOT, IS NULL, IS NOT NULL, COALESCE, IN, NOT IN
  CASE,         // BoundCase
};

class Expression {
 public:
  Expression(ExpressionClass expression_class, LogicalType return_type)
      : expression_class(expression_class), return_type(std::move(return_type)) {}
  virtual ~Expression() = default;
  /// Deep copy.
  virtual std::unique_ptr<Expression> Copy() const = 0;
  /// SQL-like text for EXPLAIN and default column names, e.g. "(delay > 10)".
  virtual std::string ToString() const = 0;

  const ExpressionClass expression_class;
  LogicalType return_type;
  std::string alias;  // output name if the user gave one (SELECT x AS alias)
};

using ExpressionPtr = std::unique_ptr<Expression>;

class BoundConstant : public Expression {
 public:
  explicit BoundConstant(Value value) : Expression(ExpressionClass::CONSTANT, value.type()), value(std::move(value)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;
  Value value;  // value.type() == return_type
};

/// A column of a logical plan, named by its binding. Resolved to a BoundReference by the
/// physical planner (an internal error if no input provides the binding).
class BoundColumnRef : public Expression {
 public:
  BoundColumnRef(ColumnBinding binding, LogicalType type, std::string name)
      : Expression(ExpressionClass::COLUMN_REF, std::move(type)), binding(binding), name(std::move(name)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;  // the column's name, e.g. "delay"
  ColumnBinding binding;
  std::string name;  // for EXPLAIN and result column names
  /// 0: a column of the query the expression belongs to; n > 0: a column of the query n levels
  /// out (a correlated reference inside a subquery). Binder bookkeeping only: bindings are unique
  /// in a statement, so planning tells correlated references by their binding.
  idx_t depth = 0;
};

/// A column by position in the input chunk of the operator evaluating the expression (for a
/// join's residual: left columns then right columns). Made by the physical planner from
/// BoundColumnRef; hand-built test plans may use it directly (the planner keeps it as is).
class BoundReference : public Expression {
 public:
  BoundReference(idx_t index, LogicalType type, std::string name)
      : Expression(ExpressionClass::REFERENCE, std::move(type)), index(index), name(std::move(name)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;  // the column's name
  idx_t index;       // position in the input chunk
  std::string name;  // for messages
};

/// A parameter $index (1-based) of a prepared statement, of type return_type (declared or
/// inferred by the binder). Its value belongs to one execution, never to the shared plan: the
/// expression executor reads it from the ParameterValues of the execution its thread works for
/// (execution/parameter_values.h).
class BoundParameter : public Expression {
 public:
  BoundParameter(idx_t index, LogicalType type) : Expression(ExpressionClass::PARAMETER, std::move(type)), index(index) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;  // "$1"
  idx_t index;
  /// Binder state, null once this occurrence is typed: the type all occurrences of the
  /// parameter share, unset while it is still PostgreSQL's "unknown" (the occurrence shows as
  /// VARCHAR). The first context that types an occurrence (a comparison or arithmetic with a
  /// typed operand, a cast) sets it; later occurrences are bound with it.
  std::shared_ptr<std::optional<LogicalType>> pending_type;
  /// True while the parameter's type is unknown; an occurrence bound before another one fixed
  /// the type takes that type first (return_type updated, pending_type cleared).
  bool IsUnknown();
  /// Fixes the parameter's type for every occurrence (REQUIRES: IsUnknown()).
  void SetType(const LogicalType& type);
};

enum class SubqueryType : uint8_t {
  SCALAR,  // (SELECT x ...): one column, at most one row
  EXISTS,  // EXISTS (SELECT ...)
  ANY,     // x op ANY (SELECT ...), x IN (SELECT ...) (op "="); ALL is NOT (x negated-op ANY)
};

/// A subquery used as an expression. The binder produces it; the subquery planner
/// (sql/subquery_planner.h) replaces it by a join and a column of that join before optimization.
/// Columns of enclosing queries inside `subquery` are BoundColumnRefs with depth > 0.
class BoundSubquery : public Expression {
 public:
  BoundSubquery(SubqueryType subquery_type, LogicalType type, std::shared_ptr<LogicalOperator> subquery)
      : Expression(ExpressionClass::SUBQUERY, std::move(type)), subquery_type(subquery_type),
        subquery(std::move(subquery)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;  // "(SUBQUERY)", "EXISTS(SUBQUERY)", "(x = ANY(SUBQUERY))"
  SubqueryType subquery_type;
  /// The bound (unoptimized) plan. Copies of the expression share it; the subquery planner copies
  /// it before rewriting it.
  std::shared_ptr<LogicalOperator> subquery;
  ExpressionPtr child;             // ANY: the left operand, else null
  std::string comparison;          // ANY: the comparison operator, e.g. "=" or "<"
  bool all = false;                // x op ALL (...) (ANY only)
};

class BoundFunction : public Expression {
 public:
  BoundFunction(ScalarFunction function, std::vector<ExpressionPtr> children)
      : Expression(ExpressionClass::FUNCTION, function.return_type), function(std::move(function)),
        children(std::move(children)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;  // infix for operators: "(a + b)", else "lower(a)"
  ScalarFunction function;
  std::vector<ExpressionPtr> children;
};

class BoundCast : public Expression {
 public:
  BoundCast(ExpressionPtr child, LogicalType target, bool try_cast = false)
      : Expression(ExpressionClass::CAST, std::move(target)), child(std::move(child)), try_cast(try_cast) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;  // "CAST(a AS BIGINT)"
  ExpressionPtr child;
  bool try_cast;
  bool implicit = false;  // inserted by the binder (type coercion), not written by the user
};

enum class ConjunctionType : uint8_t { AND, OR };

class BoundConjunction : public Expression {
 public:
  BoundConjunction(ConjunctionType type, std::vector<ExpressionPtr> children)
      : Expression(ExpressionClass::CONJUNCTION, TypeId::BOOLEAN), type(type), children(std::move(children)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;
  ConjunctionType type;
  std::vector<ExpressionPtr> children;  // >= 2, all BOOLEAN
};

enum class OperatorType : uint8_t {
  NOT,          // 1 BOOLEAN child
  IS_NULL,      // 1 child
  IS_NOT_NULL,  // 1 child
  COALESCE,     // >= 1 children of return_type
  IN,           // children[0] IN (children[1..]); all of one type; SQL NULL semantics
  NOT_IN,       // children[0] NOT IN (children[1..])
};

class BoundOperator : public Expression {
 public:
  BoundOperator(OperatorType type, LogicalType return_type, std::vector<ExpressionPtr> children)
      : Expression(ExpressionClass::OPERATOR, std::move(return_type)), type(type), children(std::move(children)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;
  OperatorType type;
  std::vector<ExpressionPtr> children;
};

class BoundCase : public Expression {
 public:
  struct Check {
    ExpressionPtr when;  // BOOLEAN (the binder turns CASE x WHEN v into x = v)
    ExpressionPtr then;  // of return_type
  };
  BoundCase(LogicalType return_type, std::vector<Check> checks, ExpressionPtr else_expression)
      : Expression(ExpressionClass::CASE, std::move(return_type)), checks(std::move(checks)),
        else_expression(std::move(else_expression)) {}
  std::unique_ptr<Expression> Copy() const override;
  std::string ToString() const override;
  std::vector<Check> checks;
  ExpressionPtr else_expression;  // never null (a NULL constant when ELSE is absent)
};

// ---- Tree utilities (used by the binder and the optimizer rules) ----

/// Calls `fn` on each direct child slot of `expression` (the slot may be replaced).
void ForEachChild(Expression& expression, const std::function<void(ExpressionPtr&)>& fn);
/// Calls `fn` on every BoundColumnRef in the tree rooted at `expression`.
void ForEachColumnRef(Expression& expression, const std::function<void(BoundColumnRef&)>& fn);

/// True if `expression` holds a subquery expression (not looking into subqueries' plans).
bool ContainsSubquery(Expression& expression);
/// Calls `fn` on every BoundParameter slot in the tree rooted at `expression` (the slot may be
/// replaced).
void ForEachParameter(ExpressionPtr& expression, const std::function<void(ExpressionPtr&)>& fn);
/// Structural equality: same classes, types, functions, constants, bindings and parameters.
bool ExpressionEquals(const Expression& left, const Expression& right);
/// True if any function in the tree is volatile (random(), now()): such expressions are never
/// duplicated or moved by the optimizer.
bool IsVolatile(const Expression& expression);
/// A copy of `expression` without the binder's implicit casts, for default column names
/// ("(a + b)" rather than "(CAST(a AS BIGINT) + b)").
ExpressionPtr CopyWithoutImplicitCasts(const Expression& expression);
/// True if the function name is an infix operator ("+", "=", "~~", ...).
bool IsOperatorName(const std::string& name);

}  // namespace cairn

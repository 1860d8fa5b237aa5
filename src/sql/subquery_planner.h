// SubqueryPlanner: turns every subquery expression of a bound plan (BoundSubquery: scalar,
// EXISTS, IN / op ANY / op ALL) into a join, before optimization, so that no subquery is ever
// re-run per row.
//
// Where a subquery stands in an operator's expressions, the operator's input L is joined with
// the subquery's plan S and the subquery is replaced by a column of that join:
//   - scalar (SELECT ...)      → SINGLE join (a LEFT join; two matches for a row are 21000),
//                                 the column is S's first column;
//   - EXISTS (...)             → MARK join, the column is the mark;
//   - x op ANY (...), x IN     → MARK join with mark condition `x op s` (three-valued); an
//                                 uncorrelated `x IN (...)` hashes on x = s, NULL-aware;
//   - x op ALL (...)           → NOT (x negated-op ANY (...)).
// A WHERE/HAVING conjunct that is EXISTS, NOT EXISTS or x op ANY (...) becomes a SEMI / ANTI join
// instead, keeping L's columns only.
//
// First, a WHERE/HAVING FILTER that mixes plain conjuncts with subquery conjuncts is split so the
// plain ones filter below (sql/filter_before_subqueries.h): the domain of a correlated subquery
// is then only the rows that can reach it.
//
// Correlated subqueries (S refers to columns C of L) are decorrelated as in Neumann & Kemper,
// "Unnesting Arbitrary Queries" (BTW 2015): the domain D = SELECT DISTINCT C FROM L is pushed
// down into S — a cross product with D where no correlation remains below, D's columns added to
// projections, to GROUP BY (an ungrouped aggregate becomes D LEFT JOIN the grouped aggregate,
// count() of an empty group 0), to both sides of a join — and the correlated references become
// D's columns. L then joins S' on C IS NOT DISTINCT FROM D's columns. Subqueries nested in S are
// planned first, so correlation at any depth reduces to this one step. A RIGHT join inside S
// carries D on its right side, a FULL join on both sides, then joins a copy of D on
// COALESCE(left D, right D).
//
// In an outer join's ON condition, a subquery reading one input joins that input (its rows kept
// one for one); one reading both makes the join `a LEFT JOIN LATERAL (SELECT * FROM b WHERE ON)`
// (RIGHT mirrored; FULL adds b's unmatched rows, NOT EXISTS over copies, with UNION ALL). A subquery the binder duplicated (BETWEEN, NULLIF, CASE
// operand, IS DISTINCT FROM) is planned once per input: later copies read the first's column.
//
// A LATERAL subquery in FROM is the same dependent join: its join's right input is decorrelated
// against the left input.
//
// Operators whose output is their input's (FILTER, joins) keep their output columns: a
// projection restores them above the new join, and references of the operators above are
// renamed accordingly.
//
// Thread-safety: one planner plans one statement on one thread.
#pragma once

#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "sql/logical_operator.h"
#include "sql/plan_copy.h"

namespace cairn {

class SubqueryPlanner {
 public:
  /// `new_table_index` hands out table indexes unused in the statement (Binder::NewTableIndex).
  explicit SubqueryPlanner(std::function<idx_t()> new_table_index) : new_table_index_(std::move(new_table_index)) {}

  /// Rewrites every subquery expression in `plan` (the binder's output) into joins. The result
  /// has the same output columns. Throws 0A000 for the forms not supported yet.
  LogicalOperatorPtr Plan(LogicalOperatorPtr plan);

 private:
  /// Plans `op`'s subtree in place. Returns old → new bindings for columns of `op`'s output
  /// that were renamed (the operators above must use the new ones).
  BindingMap PlanOperator(LogicalOperatorPtr& op);
  /// A join whose right input refers to its left input's columns (LATERAL): decorrelates the
  /// right input and joins on the referenced columns.
  void PlanLateralJoin(LogicalJoin& join);
  /// `FROM t, f(t.x)` (a cross or unconditional inner join whose right side is a set-returning
  /// function scan reading only the left side): replaces the join with a ProjectSet over the
  /// left input. False, and `op` untouched, for any other join.
  bool FuseLateralFunction(LogicalOperatorPtr& op);
  /// Replaces each subquery in `expression` (over `input`'s output) by a column of a join that
  /// now wraps `input`.
  void PlanExpression(ExpressionPtr& expression, LogicalOperatorPtr& input);
  /// Plans each subquery in `expression`, part of an outer join's ON condition, against the
  /// join input whose columns it reads (`preferred`, 0 = left, when it reads neither). Throws
  /// 0A000 for a subquery reading both inputs.
  void PlanOnJoinSide(ExpressionPtr& expression, LogicalJoin& join, size_t preferred);
  /// True if a subquery in `expression` reads columns of both of `join`'s inputs.
  bool ReadsBothSides(Expression& expression, const LogicalJoin& join);
  /// An outer join whose ON condition has a subquery reading both inputs: the condition moves
  /// into a filter over the right input (a RIGHT join is mirrored into a LEFT one first), which
  /// then is a LATERAL input decorrelated against the left. Renames of the right input's columns
  /// go to `renames`. `join` is LEFT or RIGHT.
  void PlanOuterJoinAsLateral(LogicalJoin& join, BindingMap& renames);
  /// A FULL join whose ON condition has a subquery reading both inputs: the LEFT join's rows
  /// (PlanOuterJoinAsLateral) UNION ALL the right input's rows without a match (NOT EXISTS over
  /// copies of both inputs and of the condition), padded. Replaces `op` by the union; `renames`
  /// receives the join's columns → the union's.
  void PlanFullJoinWithSubqueries(LogicalOperatorPtr& op, BindingMap& renames);
  /// A copy of `plan` with fresh table indexes that shares no subquery plan with it (nested
  /// subquery plans are copied the same way), so that rewriting bindings in it is private.
  std::shared_ptr<LogicalOperator> FreshPlan(const LogicalOperator& plan);
  /// Gives every subquery expression in `expression` a FreshPlan of its plan.
  void FreshSubqueries(Expression& expression);
  /// One subquery: wraps `input` in its join, returns the expression replacing it.
  ExpressionPtr PlanSubquery(BoundSubquery& subquery, LogicalOperatorPtr& input);
  /// A WHERE conjunct EXISTS / NOT EXISTS / x op ANY: wraps `input` in a SEMI/ANTI join and
  /// returns true; false if `conjunct` is not of that form.
  bool PlanSemiAntiConjunct(ExpressionPtr& conjunct, LogicalOperatorPtr& input);

  /// The subquery's plan, ready to be rewritten (nested subqueries planned).
  LogicalOperatorPtr TakePlan(BoundSubquery& subquery);

  /// EXISTS / IN subquery `plan` whose only references to `input`'s columns are conjuncts of
  /// the FILTERs on its top chain of FILTERs and PROJECTIONs (a WHERE clause such as TPC-H
  /// Q21's `l3.l_orderkey = l1.l_orderkey AND l3.l_suppkey <> l1.l_suppkey`): moves those
  /// conjuncts into `pulled`, passing the inner columns they read through the projections above
  /// them, and returns true — `plan` is then uncorrelated and the conjuncts are the SEMI/ANTI
  /// join's condition, so no domain (copy of the outer input) is needed. Returns false, and
  /// changes nothing, otherwise.
  static bool PullUpCorrelatedConjuncts(LogicalOperatorPtr& plan, const LogicalOperator& input,
                                        std::vector<ExpressionPtr>& pulled);

  /// The correlated columns of `plan` that `input` provides, and the decorrelated plan: `plan`
  /// with the domain pushed down; `domain_columns[i]` is the column of the result carrying
  /// correlated column `correlated[i]`.
  struct Decorrelated {
    LogicalOperatorPtr plan;
    std::vector<ColumnBinding> correlated;        // columns of `input` the subquery refers to
    std::vector<LogicalType> types;               // their types
    std::vector<std::string> names;               // their names
    std::vector<ColumnBinding> domain_columns;    // where the result carries them
  };
  Decorrelated Decorrelate(LogicalOperatorPtr plan, const LogicalOperator& input);

  struct Domain {
    LogicalOperatorPtr plan;                       // SELECT DISTINCT C FROM copy of L
    std::vector<ColumnBinding> correlated;         // C (columns of L)
    std::vector<ColumnBinding> columns;            // D's output binding of each
    std::vector<LogicalType> types;
    std::vector<std::string> names;
  };
  /// Pushes the domain into `op`; `columns` receives, per correlated column, the column of the
  /// result that carries it.
  LogicalOperatorPtr PushDown(LogicalOperatorPtr op, const Domain& domain, std::vector<ColumnBinding>& columns);
  bool HasCorrelation(LogicalOperator& op, const Domain& domain);
  /// A FILTER over an uncorrelated input whose conjuncts equate every correlated column with
  /// an input column (`g.origin = f.origin`): those input columns stand for the domain (DuckDB's
  /// "delim join" elimination), so no copy of the outer input is joined in. Returns false, and
  /// changes nothing, otherwise.
  bool EliminateDomain(LogicalFilter& filter, const Domain& domain, std::vector<ColumnBinding>& columns);
  /// Scalar subquery `plan`: records its ungrouped aggregate in null_when_empty_ when a group
  /// the domain lacks may simply be missing (the SINGLE join's NULL equals the value over no
  /// rows), saving the LEFT JOIN from a domain copy.
  void MarkNullWhenEmpty(const LogicalOperator& plan);
  /// A fresh copy of the domain's plan; `columns` receives its output binding per correlated column.
  LogicalOperatorPtr CopyDomain(const Domain& domain, std::vector<ColumnBinding>& columns);

  std::function<idx_t()> new_table_index_;
  std::unordered_set<const LogicalOperator*> planned_subqueries_;
  /// Per subquery plan (shared by the binder's copies of one subquery expression), the
  /// expression that replaced its first planned copy.
  std::unordered_map<const LogicalOperator*, ExpressionPtr> planned_results_;
  std::unordered_set<const LogicalOperator*> null_when_empty_;
};

}  // namespace cairn

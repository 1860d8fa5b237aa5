// Cardinality estimates (see cardinality_estimate.h).
#include "sql/optimizer/cardinality_estimate.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <variant>

#include "common/stack_depth.h"
#include "sql/join_condition.h"

namespace cairn {

namespace {

constexpr idx_t kUnknown = kUnknownRows;

/// The fraction of rows a filter conjunct keeps, by its shape alone: equality with a constant
/// 1/10, a range bound 1/3, LIKE 1/10, IS NOT NULL all, an OR the sum of its branches, anything
/// else 1/5.
double ShapeSelectivity(const Expression& conjunct) {
  CheckStackDepth();
  auto is_constant = [](const Expression& e) {
    return e.expression_class == ExpressionClass::CONSTANT || e.expression_class == ExpressionClass::PARAMETER;
  };
  switch (conjunct.expression_class) {
    case ExpressionClass::CONJUNCTION: {
      const auto& conjunction = static_cast<const BoundConjunction&>(conjunct);
      double result = conjunction.type == ConjunctionType::AND ? 1.0 : 0.0;
      for (const auto& child : conjunction.children) {
        result = conjunction.type == ConjunctionType::AND ? result * ShapeSelectivity(*child)
                                                          : std::min(1.0, result + ShapeSelectivity(*child));
      }
      return result;
    }
    case ExpressionClass::OPERATOR: {
      const auto& op = static_cast<const BoundOperator&>(conjunct);
      if (op.type == OperatorType::IS_NOT_NULL) return 1.0;
      if (op.type == OperatorType::IS_NULL) return 0.1;
      if (op.type == OperatorType::NOT && op.children.size() == 1) {
        return std::max(0.1, 1.0 - ShapeSelectivity(*op.children[0]));
      }
      if (op.type == OperatorType::IN) return std::min(1.0, 0.1 * static_cast<double>(op.children.size() - 1));
      if (op.type == OperatorType::NOT_IN) return 0.9;
      return 0.2;
    }
    case ExpressionClass::FUNCTION: {
      const auto& function = static_cast<const BoundFunction&>(conjunct);
      const std::string& name = function.function.name;
      const bool with_constant = function.children.size() == 2 &&
                                 (is_constant(*function.children[0]) || is_constant(*function.children[1]));
      if (name == "=") return with_constant ? 0.1 : 0.2;
      if (name == "<>") return 0.9;
      if (name == "<" || name == "<=" || name == ">" || name == ">=") return with_constant ? 1.0 / 3 : 0.5;
      if (name == "~~" || name == "~~*" || name == "like" || name == "ilike") return 0.1;
      if (name == "!~~" || name == "!~~*") return 0.9;
      return 0.2;
    }
    default:
      return 0.2;
  }
}

/// NumberLinePosition's work; throws std::bad_variant_access when the payload is not the one
/// the type's physical type implies.
std::optional<double> NumberLinePositionOf(const Value& value) {
  const LogicalType& type = value.type();
  const bool wide = type.physical_type() == PhysicalType::INT128;
  switch (type.id()) {
    case TypeId::TINYINT:
    case TypeId::SMALLINT:
    case TypeId::INTEGER:
    case TypeId::BIGINT:
    case TypeId::UTINYINT:
    case TypeId::USMALLINT:
    case TypeId::UINTEGER:
    case TypeId::UBIGINT:
    case TypeId::HUGEINT:
    case TypeId::DATE:
    case TypeId::TIME:
    case TypeId::TIMESTAMP:
    case TypeId::TIMESTAMP_TZ:
      return wide ? static_cast<double>(value.GetInt128()) : static_cast<double>(value.GetInt64());
    case TypeId::DECIMAL: {
      const double unscaled = wide ? static_cast<double>(value.GetInt128()) : static_cast<double>(value.GetInt64());
      return unscaled / std::pow(10.0, type.scale());
    }
    case TypeId::NUMERIC:
      return static_cast<double>(value.GetNumericUnscaled()) / std::pow(10.0, value.GetNumericScale());
    case TypeId::FLOAT:
    case TypeId::DOUBLE: {
      const double v = value.GetDouble();
      return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
    }
    default:
      return std::nullopt;
  }
}

/// A value's position on its type's number line (integers, dates and timestamps as stored,
/// decimals and numerics in real units, floating point as is); nullopt for other types.
std::optional<double> NumberLinePosition(const Value& value) {
  if (value.IsNull()) return std::nullopt;
  try {
    return NumberLinePositionOf(value);
  } catch (const std::bad_variant_access&) {
    return std::nullopt;  // a payload other than the type's usual one: no estimate, never a failure
  }
}

/// The distance between neighbouring values of `type` on its number line (1 for integers and
/// dates, 10^-scale for DECIMAL(p, scale)); nullopt when the values are not evenly spaced
/// (floating point, NUMERIC) or too fine for a count of them to mean anything (times).
std::optional<double> ValueStep(const LogicalType& type) {
  if (type.IsIntegral() || type.id() == TypeId::DATE) return 1.0;
  if (type.id() == TypeId::DECIMAL) return std::pow(10.0, -static_cast<double>(type.scale()));
  return std::nullopt;
}

/// True for types whose values between min and max bound the distinct count usefully: integers,
/// dates and DECIMAL(p, 0). (A DECIMAL(15, 2) price between 900.00 and 2000.00 has 110,001
/// possible values but rarely that many distinct ones.)
bool IsIntegerLike(const LogicalType& type) {
  return type.IsIntegral() || type.id() == TypeId::DATE || (type.id() == TypeId::DECIMAL && type.scale() == 0);
}

/// The scan below `op` (through any operators) whose table index is `table_index`, or null.
const LogicalGet* FindGet(const LogicalOperator& op, idx_t table_index) {
  CheckStackDepth();
  if (op.type == LogicalOperatorType::GET) {
    const auto& get = static_cast<const LogicalGet&>(op);
    return get.table_index == table_index ? &get : nullptr;
  }
  for (const auto& child : op.children) {
    if (const LogicalGet* found = FindGet(*child, table_index)) return found;
  }
  return nullptr;
}

/// What the statistics of one column say about a relation: its number line bounds, rows,
/// NULLs and distinct values.
struct ColumnProfile {
  LogicalType type;
  double min = 0;
  double max = 0;
  double rows = 0;        // the scan's rows
  double non_null = 1;    // fraction of rows that are not NULL
  std::optional<double> distinct;  // bound on the distinct non-null values
};

/// The profile of column `binding` read by a scan below `op`, when its source has min/max
/// statistics on a number line.
std::optional<ColumnProfile> ProfileOf(const LogicalOperator& op, const ColumnBinding& binding) {
  const LogicalGet* get = FindGet(op, binding.table_index);
  if (!get) return std::nullopt;
  const auto& columns = get->source->columns();
  if (binding.column_index >= columns.size()) return std::nullopt;
  const idx_t rows = get->source->EstimatedRowCount();
  if (rows == 0) return std::nullopt;
  auto stats = get->source->GetColumnStatistics(binding.column_index);
  if (!stats || !stats->min || !stats->max) return std::nullopt;
  auto min = NumberLinePosition(*stats->min);
  auto max = NumberLinePosition(*stats->max);
  if (!min || !max || *min > *max) return std::nullopt;
  ColumnProfile profile;
  profile.type = columns[binding.column_index].type;
  profile.min = *min;
  profile.max = *max;
  profile.rows = static_cast<double>(rows);
  if (stats->null_count) {
    profile.non_null = std::clamp(1.0 - static_cast<double>(*stats->null_count) / profile.rows, 0.0, 1.0);
  }
  if (IsIntegerLike(profile.type)) profile.distinct = std::min(profile.rows, std::floor(*max - *min + 0.5) + 1);
  if (stats->distinct_count) {
    profile.distinct = std::min(profile.distinct.value_or(profile.rows), static_cast<double>(*stats->distinct_count));
  }
  if (profile.distinct) profile.distinct = std::max(*profile.distinct, 1.0);
  return profile;
}

/// `column op constant` (either order; the column possibly under a numeric cast).
struct ColumnComparison {
  ColumnBinding column;
  std::string op;  // "=", "<>", "<", "<=", ">", ">=" with the column on the left
  double constant = 0;
};

std::optional<ColumnComparison> AsColumnComparison(const Expression& conjunct) {
  if (conjunct.expression_class != ExpressionClass::FUNCTION) return std::nullopt;
  const auto& function = static_cast<const BoundFunction&>(conjunct);
  std::string op = function.function.name;
  if (function.children.size() != 2 ||
      (op != "=" && op != "<>" && op != "<" && op != "<=" && op != ">" && op != ">=")) {
    return std::nullopt;
  }
  const Expression* column = function.children[0].get();
  const Expression* constant = function.children[1].get();
  if (constant->expression_class != ExpressionClass::CONSTANT) {
    std::swap(column, constant);
    if (op == "<") op = ">";
    else if (op == "<=") op = ">=";
    else if (op == ">") op = "<";
    else if (op == ">=") op = "<=";
  }
  if (constant->expression_class != ExpressionClass::CONSTANT) return std::nullopt;
  // A cast between numeric types keeps the order of the values.
  while (column->expression_class == ExpressionClass::CAST) {
    const auto& cast = static_cast<const BoundCast&>(*column);
    if (!cast.return_type.IsNumeric() || !cast.child->return_type.IsNumeric()) return std::nullopt;
    column = cast.child.get();
  }
  if (column->expression_class != ExpressionClass::COLUMN_REF) return std::nullopt;
  const Value& value = static_cast<const BoundConstant&>(*constant).value;
  const LogicalType& column_type = column->return_type;
  const bool comparable = (column_type.IsNumeric() && value.type().IsNumeric()) || column_type.id() == value.type().id();
  if (!comparable) return std::nullopt;
  auto position = NumberLinePosition(value);
  if (!position) return std::nullopt;
  return ColumnComparison{static_cast<const BoundColumnRef&>(*column).binding, op, *position};
}

/// The conjuncts on one column, as one interval (plus equalities and exclusions).
struct ColumnInterval {
  double low = -HUGE_VAL;
  bool low_inclusive = true;
  double high = HUGE_VAL;
  bool high_inclusive = true;
  idx_t not_equal = 0;  // number of `<>` conjuncts
};

/// The fraction of a column's rows inside `interval`, values spread uniformly between the
/// column's min and max: for evenly spaced types (integers, dates, decimals) the share of the
/// possible values, otherwise the share of the length. A single value keeps 1/distinct rows
/// (1/10, as by shape, when the distinct count is unknown); each `<>` removes 1/distinct.
double IntervalSelectivity(const ColumnInterval& interval, const ColumnProfile& profile) {
  const double low = std::max(interval.low, profile.min);
  const double high = std::min(interval.high, profile.max);
  const bool low_inclusive = interval.low < profile.min || interval.low_inclusive;
  const bool high_inclusive = interval.high > profile.max || interval.high_inclusive;
  if (low > high || (low == high && (!low_inclusive || !high_inclusive))) return 0.0;
  double fraction;
  const auto step = ValueStep(profile.type);
  if (low == high) {
    fraction = profile.distinct ? 1.0 / *profile.distinct : 0.1;
  } else if (step) {
    // Count the possible values in the interval against those in [min, max].
    auto on_grid = [](double x) { return std::fabs(x - std::round(x)) < 1e-6; };
    const double from = (low - profile.min) / *step;
    const double to = (high - profile.min) / *step;
    const double first = on_grid(from) ? std::round(from) + (low_inclusive ? 0 : 1) : std::ceil(from);
    const double last = on_grid(to) ? std::round(to) - (high_inclusive ? 0 : 1) : std::floor(to);
    const double all = std::round((profile.max - profile.min) / *step) + 1;
    fraction = std::max(0.0, last - first + 1) / all;
  } else if (profile.max > profile.min) {
    fraction = (high - low) / (profile.max - profile.min);
  } else {
    fraction = 1.0;  // the column has one value, inside the interval
  }
  if (interval.not_equal > 0) {
    fraction *= profile.distinct ? std::max(0.0, 1.0 - static_cast<double>(interval.not_equal) / *profile.distinct)
                                 : std::pow(0.9, static_cast<double>(interval.not_equal));
  }
  return std::clamp(fraction, 0.0, 1.0);
}

/// The fraction of `filter`'s input rows its conjuncts keep: comparisons of a column with a
/// constant by the column's statistics where the scan has them, the rest by shape.
double FilterSelectivity(const LogicalFilter& filter) {
  std::vector<const Expression*> conjuncts;
  std::function<void(const Expression&)> flatten = [&](const Expression& e) {
    if (e.expression_class == ExpressionClass::CONJUNCTION &&
        static_cast<const BoundConjunction&>(e).type == ConjunctionType::AND) {
      for (const auto& child : static_cast<const BoundConjunction&>(e).children) flatten(*child);
      return;
    }
    conjuncts.push_back(&e);
  };
  for (const auto& expression : filter.expressions) flatten(*expression);

  double kept = 1.0;
  std::map<ColumnBinding, std::pair<ColumnInterval, ColumnProfile>> intervals;
  for (const Expression* conjunct : conjuncts) {
    auto comparison = AsColumnComparison(*conjunct);
    std::optional<ColumnProfile> profile;
    if (comparison) {
      auto found = intervals.find(comparison->column);
      if (found != intervals.end()) {
        profile = found->second.second;
      } else {
        profile = ProfileOf(*filter.children[0], comparison->column);
      }
    }
    if (!profile) {
      kept *= ShapeSelectivity(*conjunct);
      continue;
    }
    auto& [interval, stored] = intervals.try_emplace(comparison->column, ColumnInterval{}, *profile).first->second;
    const double c = comparison->constant;
    const std::string& op = comparison->op;
    if (op == "<>") {
      interval.not_equal++;
    }
    if (op == "=" || op == ">" || op == ">=") {
      const bool inclusive = op != ">";
      if (c > interval.low || (c == interval.low && !inclusive)) {
        interval.low = c;
        interval.low_inclusive = inclusive;
      }
    }
    if (op == "=" || op == "<" || op == "<=") {
      const bool inclusive = op != "<";
      if (c < interval.high || (c == interval.high && !inclusive)) {
        interval.high = c;
        interval.high_inclusive = inclusive;
      }
    }
  }
  for (const auto& [binding, entry] : intervals) {
    kept *= IntervalSelectivity(entry.first, entry.second) * entry.second.non_null;
  }
  return kept;
}

idx_t Estimate(const LogicalOperator& op) {
  CheckStackDepth();
  switch (op.type) {
    case LogicalOperatorType::GET: {
      idx_t rows = static_cast<const LogicalGet&>(op).source->EstimatedRowCount();
      return rows == 0 ? kUnknown : rows;
    }
    case LogicalOperatorType::DUMMY_SCAN:
      return 1;
    case LogicalOperatorType::CTE_SCAN: {
      idx_t rows = static_cast<const LogicalCteScan&>(op).estimated_rows;
      return rows == 0 ? kUnknown : rows;
    }
    case LogicalOperatorType::MATERIALIZED_CTE:
      return Estimate(*op.children[1]);
    case LogicalOperatorType::VALUES:
      return static_cast<const LogicalValues&>(op).rows.size();
    case LogicalOperatorType::FILTER: {
      idx_t rows = Estimate(*op.children[0]);
      if (rows == kUnknown) return kUnknown;
      const double kept = FilterSelectivity(static_cast<const LogicalFilter&>(op));
      return std::max<idx_t>(static_cast<idx_t>(static_cast<double>(rows) * kept), 1);
    }
    case LogicalOperatorType::LIMIT: {
      const auto& limit = static_cast<const LogicalLimit&>(op);
      idx_t rows = Estimate(*op.children[0]);
      return limit.limit ? std::min(rows, *limit.limit) : rows;
    }
    case LogicalOperatorType::TOP_N:
      return std::min(Estimate(*op.children[0]), static_cast<const LogicalTopN&>(op).limit);
    case LogicalOperatorType::JOIN: {
      // SEMI/ANTI keep at most their preserved input's rows (the other input only filters).
      const JoinType type = static_cast<const LogicalJoin&>(op).join_type;
      const auto& join = static_cast<const LogicalJoin&>(op);
      if ((type == JoinType::SEMI || type == JoinType::RIGHT_SEMI) && !join.left_keys.empty()) {
        // Key–foreign-key: the preserved side keeps the fraction of the other side's keys that
        // its filters kept.
        const LogicalOperator& kept = *op.children[type == JoinType::SEMI ? 0 : 1];
        const LogicalOperator& keys = *op.children[type == JoinType::SEMI ? 1 : 0];
        const idx_t rows = Estimate(kept);
        const idx_t key_rows = Estimate(keys);
        const idx_t key_domain = UnfilteredRows(keys);
        if (rows == kUnknown || key_rows == kUnknown || key_domain == kUnknown || key_domain == 0) return rows;
        const double fraction = std::min(1.0, static_cast<double>(key_rows) / static_cast<double>(key_domain));
        return std::max<idx_t>(static_cast<idx_t>(static_cast<double>(rows) * fraction), 1);
      }
      if (OutputsLeftOnly(type) || type == JoinType::MARK) return Estimate(*op.children[0]);
      if (OutputsRightOnly(type)) return Estimate(*op.children[1]);
      const idx_t left = Estimate(*op.children[0]);
      const idx_t right = Estimate(*op.children[1]);
      if (type == JoinType::INNER && !join.left_keys.empty() && left != kUnknown && right != kUnknown) {
        // Key–foreign-key: each row of the larger side meets the fraction of the smaller side's
        // keys that its filters kept.
        const idx_t key_domain =
            std::max<idx_t>(std::min(UnfilteredRows(*op.children[0]), UnfilteredRows(*op.children[1])), 1);
        const double rows = static_cast<double>(left) * static_cast<double>(right) / static_cast<double>(key_domain);
        return std::max<idx_t>(static_cast<idx_t>(std::min(rows, static_cast<double>(kUnknown))), 1);
      }
      return std::max(left, right);
    }
    case LogicalOperatorType::AGGREGATE:
      // Without GROUP BY: exactly one row. Grouped: at most its input's rows.
      if (static_cast<const LogicalAggregate&>(op).groups.empty()) return 1;
      return Estimate(*op.children[0]);
    case LogicalOperatorType::UNION: {
      idx_t total = 0;
      for (const auto& child : op.children) total = std::min(kUnknown, total + Estimate(*child));
      return total;
    }
    default:
      return op.children.empty() ? kUnknown : Estimate(*op.children[0]);
  }
}

}  // namespace

idx_t EstimateRows(const LogicalOperator& op) { return Estimate(op); }

std::string EstimatedRowsLabel(const LogicalOperator& op) {
  const idx_t rows = Estimate(op);
  return rows == kUnknown ? std::string("  (rows=?)") : "  (rows=" + std::to_string(rows) + ")";
}

idx_t UnfilteredRows(const LogicalOperator& op) {
  CheckStackDepth();
  if (op.type == LogicalOperatorType::FILTER || op.type == LogicalOperatorType::PROJECTION) {
    return UnfilteredRows(*op.children[0]);
  }
  if (op.type == LogicalOperatorType::JOIN) {
    // A join's rows before any filter: its foreign-key side's (the larger), or its preserved side's.
    const JoinType type = static_cast<const LogicalJoin&>(op).join_type;
    if (type == JoinType::INNER || type == JoinType::CROSS || type == JoinType::FULL) {
      return std::max(UnfilteredRows(*op.children[0]), UnfilteredRows(*op.children[1]));
    }
    return UnfilteredRows(*op.children[OutputsRightOnly(type) || type == JoinType::RIGHT ? 1 : 0]);
  }
  return Estimate(op);
}

idx_t DistinctValueBound(const LogicalOperator& relation, const ColumnBinding& column) {
  const idx_t rows = UnfilteredRows(relation);
  auto profile = ProfileOf(relation, column);
  if (!profile || !profile->distinct) return rows;
  return std::max<idx_t>(std::min(rows, static_cast<idx_t>(*profile->distinct)), 1);
}

}  // namespace cairn

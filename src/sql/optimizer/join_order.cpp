// join_order: re-plans every maximal tree of inner joins and cross products (comma joins,
// explicit INNER JOINs, and the WHERE conjuncts filter_pushdown turned into their keys and
// residuals) from its join graph:
//   * relations: the inputs of the tree (anything that is not an inner join or cross product);
//   * equi-join edges: the hash keys; keys that are plain columns are merged into equivalence
//     classes (a = b AND b = c), so a join may use an implied key (a = c);
//   * other predicates (residuals), applied at the first join that covers their relations.
// Relations are joined greedily (Fegaras' "greedy operator ordering"): at each step the two
// components connected by an equi-join whose estimated result is smallest are joined; only when
// no equi-join connects any two components is a predicate-only join, then a cross product (of
// the two smallest), made. A hash join builds on the smaller estimated input (the right side).
//
// Estimates: a scan's row count from its source (Parquet metadata), times each FILTER conjunct's
// selectivity by its shape (Selectivity below)
// above it. A join of A and B multiplies |A|·|B| by 1/max(ndv_A, ndv_B) for each equivalence
// class joining them, where ndv is the class's distinct-value bound: the smallest unfiltered
// row count among the relations with a column in the class (the key–foreign-key assumption:
// n_nationkey, s_nationkey and c_nationkey share nation's 25 values), capped by each side's
// size. Keys that are not plain columns count as a key–foreign-key join (max(|A|, |B|)).
// A DP search over join orders with real statistics is future work.
//
// Columns are referenced by binding, so the new tree needs no expression rewriting: its output
// column order differs, and every consumer finds its columns by binding (a union's inputs and
// the plan's root, which are read by position, are always projections, never a bare join).
#include <algorithm>
#include <bit>
#include <limits>
#include <map>

#include "sql/join_condition.h"
#include "sql/optimizer/cardinality_estimate.h"
#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

constexpr idx_t kUnknown = kUnknownRows;
constexpr idx_t kMaxRelations = 64;  // relation sets are 64-bit masks
using RelationSet = uint64_t;

/// The fraction of rows a filter conjunct keeps, by its shape (no statistics yet): equality with
/// a constant 1/10, a range bound 1/3, LIKE 1/10, IS NOT NULL all, an OR the sum of its
/// branches, anything else 1/5.
double Selectivity(const Expression& conjunct) {
  CheckStackDepth();
  auto is_constant = [](const Expression& e) {
    return e.expression_class == ExpressionClass::CONSTANT || e.expression_class == ExpressionClass::PARAMETER;
  };
  switch (conjunct.expression_class) {
    case ExpressionClass::CONJUNCTION: {
      const auto& conjunction = static_cast<const BoundConjunction&>(conjunct);
      double result = conjunction.type == ConjunctionType::AND ? 1.0 : 0.0;
      for (const auto& child : conjunction.children) {
        result = conjunction.type == ConjunctionType::AND ? result * Selectivity(*child)
                                                          : std::min(1.0, result + Selectivity(*child));
      }
      return result;
    }
    case ExpressionClass::OPERATOR: {
      const auto& op = static_cast<const BoundOperator&>(conjunct);
      if (op.type == OperatorType::IS_NOT_NULL) return 1.0;
      if (op.type == OperatorType::IS_NULL) return 0.1;
      if (op.type == OperatorType::NOT && op.children.size() == 1) return std::max(0.1, 1.0 - Selectivity(*op.children[0]));
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

idx_t UnfilteredEstimate(const LogicalOperator& op);

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
      double kept = 1.0;
      for (const auto& conjunct : static_cast<const LogicalFilter&>(op).expressions) kept *= Selectivity(*conjunct);
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
        const idx_t key_domain = UnfilteredEstimate(keys);
        if (rows == kUnknown || key_rows == kUnknown || key_domain == kUnknown || key_domain == 0) return rows;
        const double fraction = std::min(1.0, static_cast<double>(key_rows) / static_cast<double>(key_domain));
        return std::max<idx_t>(static_cast<idx_t>(static_cast<double>(rows) * fraction), 1);
      }
      if (OutputsLeftOnly(type) || type == JoinType::MARK) return Estimate(*op.children[0]);
      if (OutputsRightOnly(type)) return Estimate(*op.children[1]);
      const idx_t left = Estimate(*op.children[0]);
      const idx_t right = Estimate(*op.children[1]);
      if (type == JoinType::INNER && !static_cast<const LogicalJoin&>(op).left_keys.empty() && left != kUnknown &&
          right != kUnknown) {
        // Key–foreign-key: each row of the larger side meets the fraction of the smaller side's
        // keys that its filters kept.
        const idx_t key_domain = std::max<idx_t>(std::min(UnfilteredEstimate(*op.children[0]),
                                                          UnfilteredEstimate(*op.children[1])), 1);
        const double rows = static_cast<double>(left) * static_cast<double>(right) / static_cast<double>(key_domain);
        return std::max<idx_t>(static_cast<idx_t>(std::min(rows, static_cast<double>(kUnknown))), 1);
      }
      return std::max(left, right);
    }
    case LogicalOperatorType::UNION: {
      idx_t total = 0;
      for (const auto& child : op.children) total = std::min(kUnknown, total + Estimate(*child));
      return total;
    }
    default:
      return op.children.empty() ? kUnknown : Estimate(*op.children[0]);
  }
}

/// The relation's size before its filters: the bound on the distinct values of its columns.
idx_t UnfilteredEstimate(const LogicalOperator& op) {
  CheckStackDepth();
  if (op.type == LogicalOperatorType::FILTER || op.type == LogicalOperatorType::PROJECTION) {
    return UnfilteredEstimate(*op.children[0]);
  }
  if (op.type == LogicalOperatorType::JOIN) {
    // A join's rows before any filter: its foreign-key side's (the larger), or its preserved side's.
    const JoinType type = static_cast<const LogicalJoin&>(op).join_type;
    if (type == JoinType::INNER || type == JoinType::CROSS || type == JoinType::FULL) {
      return std::max(UnfilteredEstimate(*op.children[0]), UnfilteredEstimate(*op.children[1]));
    }
    return UnfilteredEstimate(*op.children[OutputsRightOnly(type) || type == JoinType::RIGHT ? 1 : 0]);
  }
  return Estimate(op);
}

bool IsInnerJoin(const LogicalOperator& op) {
  if (op.type != LogicalOperatorType::JOIN) return false;
  auto type = static_cast<const LogicalJoin&>(op).join_type;
  return type == JoinType::INNER || type == JoinType::CROSS;
}

void CollectRelations(const LogicalOperator& op, std::vector<const LogicalOperator*>& relations) {
  CheckStackDepth();
  if (!IsInnerJoin(op)) {
    relations.push_back(&op);
    return;
  }
  for (const auto& child : op.children) CollectRelations(*child, relations);
}

/// The join graph of one tree of inner joins, and the greedy search over it.
class JoinGraph {
 public:
  /// Maps each table index of `relations` to its relation.
  explicit JoinGraph(const std::vector<const LogicalOperator*>& relations) {
    for (idx_t r = 0; r < relations.size(); r++) {
      std::vector<idx_t> tables;
      CollectTableIndexes(*relations[r], tables);
      for (idx_t table : tables) relation_of_table_[table] = r;
    }
  }

  /// The relations `expression` reads; nullopt if it reads a column no relation provides.
  std::optional<RelationSet> RelationsOf(Expression& expression) const {
    RelationSet set = 0;
    bool known = true;
    ForEachColumnRef(expression, [&](BoundColumnRef& ref) {
      auto found = relation_of_table_.find(ref.binding.table_index);
      if (found == relation_of_table_.end()) {
        known = false;
      } else {
        set |= RelationSet{1} << found->second;
      }
    });
    if (!known) return std::nullopt;
    return set;
  }

  /// True when every key of the tree reads exactly one relation per side and every residual
  /// conjunct reads known relations: the tree can be taken apart and re-planned.
  bool CanReorder(LogicalOperator& op) const {
    if (!IsInnerJoin(op)) return true;
    auto& join = static_cast<LogicalJoin&>(op);
    for (idx_t i = 0; i < join.left_keys.size(); i++) {
      for (auto* key : {join.left_keys[i].get(), join.right_keys[i].get()}) {
        auto set = RelationsOf(*key);
        if (!set || std::popcount(*set) != 1) return false;
      }
    }
    if (join.residual && !RelationsOf(*join.residual)) return false;
    return CanReorder(*op.children[0]) && CanReorder(*op.children[1]);
  }

  /// Takes the tree at `op` apart: relations (each already re-planned inside) and predicates.
  void Decompose(LogicalOperatorPtr op) {
    CheckStackDepth();
    if (!IsInnerJoin(*op)) {
      Relation relation;
      relation.set = RelationSet{1} << relations_.size();
      relation.estimate = Estimate(*op);
      relation.unfiltered = UnfilteredEstimate(*op);
      relation.plan = ReorderJoins(std::move(op));
      relations_.push_back(std::move(relation));
      return;
    }
    auto& join = static_cast<LogicalJoin&>(*op);
    for (idx_t i = 0; i < join.left_keys.size(); i++) {
      KeyPredicate key;
      key.left = std::move(join.left_keys[i]);
      key.right = std::move(join.right_keys[i]);
      key.null_equal = i < join.null_equal_keys.size() && join.null_equal_keys[i];
      keys_.push_back(std::move(key));
    }
    if (join.residual) {
      for (auto& conjunct : SplitConjunction(std::move(join.residual))) {
        OtherPredicate predicate;
        predicate.expression = std::move(conjunct);
        others_.push_back(std::move(predicate));
      }
    }
    Decompose(std::move(op->children[0]));
    Decompose(std::move(op->children[1]));
  }

  /// Joins every relation; returns the new tree.
  LogicalOperatorPtr Plan() {
    for (auto& key : keys_) {
      key.left_set = *RelationsOf(*key.left);
      key.right_set = *RelationsOf(*key.right);
    }
    for (auto& other : others_) other.set = *RelationsOf(*other.expression);
    BuildEquivalenceClasses();

    std::vector<Component> components;
    std::vector<ExpressionPtr> top_filters;
    for (auto& relation : relations_) {
      // Predicates over one relation (or none) were left in a join by the rules before; they
      // filter that relation (or the result).
      std::vector<ExpressionPtr> own;
      for (auto& other : others_) {
        if (!other.applied && other.set == relation.set) {
          own.push_back(std::move(other.expression));
          other.applied = true;
        }
      }
      components.push_back({WrapInFilter(std::move(relation.plan), std::move(own)), relation.set,
                            static_cast<double>(relation.estimate)});
    }
    for (auto& other : others_) {
      if (!other.applied && other.set == 0) {
        top_filters.push_back(std::move(other.expression));
        other.applied = true;
      }
    }

    while (components.size() > 1) {
      idx_t best_i = 0, best_j = 0;
      double best_cost = -1;
      int best_rank = 3;  // 0: equi-join, 1: other predicate, 2: cross product
      for (idx_t i = 0; i < components.size(); i++) {
        for (idx_t j = i + 1; j < components.size(); j++) {
          int rank = Connection(components[i].set, components[j].set);
          double cost = JoinEstimate(components[i], components[j]);
          if (rank == 2) cost = components[i].estimate + components[j].estimate;
          if (rank < best_rank || (rank == best_rank && cost < best_cost)) {
            best_rank = rank;
            best_cost = cost;
            best_i = i;
            best_j = j;
          }
        }
      }
      Component joined = Join(std::move(components[best_i]), std::move(components[best_j]));
      components.erase(components.begin() + best_j);
      components[best_i] = std::move(joined);
    }
    return WrapInFilter(std::move(components[0].plan), std::move(top_filters));
  }

 private:
  struct Relation {
    LogicalOperatorPtr plan;
    RelationSet set = 0;
    idx_t estimate = 0;
    idx_t unfiltered = 0;
  };
  struct KeyPredicate {
    ExpressionPtr left;
    ExpressionPtr right;
    bool null_equal = false;
    RelationSet left_set = 0;
    RelationSet right_set = 0;
    bool applied = false;
    idx_t equivalence_class = kNoClass;
  };
  struct OtherPredicate {
    ExpressionPtr expression;
    RelationSet set = 0;
    bool applied = false;
  };
  /// Columns known equal by plain-column keys (not null-equal ones: NULL = NULL is not
  /// transitive with =).
  struct EquivalenceClass {
    std::vector<std::pair<ColumnBinding, const BoundColumnRef*>> members;
    std::vector<RelationSet> member_sets;
    double distinct = 0;
  };
  struct Component {
    LogicalOperatorPtr plan;
    RelationSet set = 0;
    double estimate = 1;
  };
  static constexpr idx_t kNoClass = std::numeric_limits<idx_t>::max();

  static LogicalOperatorPtr WrapInFilter(LogicalOperatorPtr op, std::vector<ExpressionPtr> filters) {
    if (filters.empty()) return op;
    auto filter = std::make_unique<LogicalFilter>();
    filter->expressions = std::move(filters);
    filter->types = op->types;
    filter->names = op->names;
    filter->children.push_back(std::move(op));
    return filter;
  }

  static bool IsColumn(const Expression& expression) { return expression.expression_class == ExpressionClass::COLUMN_REF; }

  void BuildEquivalenceClasses() {
    std::map<std::pair<idx_t, idx_t>, idx_t> class_of;  // binding → class
    auto find_or_add = [&](const BoundColumnRef& ref, RelationSet set) {
      auto key = std::make_pair(ref.binding.table_index, ref.binding.column_index);
      auto found = class_of.find(key);
      if (found != class_of.end()) return found->second;
      classes_.push_back({});
      classes_.back().members.emplace_back(ref.binding, &ref);
      classes_.back().member_sets.push_back(set);
      class_of[key] = classes_.size() - 1;
      return classes_.size() - 1;
    };
    for (auto& key : keys_) {
      if (key.null_equal || !IsColumn(*key.left) || !IsColumn(*key.right)) continue;
      idx_t a = find_or_add(static_cast<const BoundColumnRef&>(*key.left), key.left_set);
      idx_t b = find_or_add(static_cast<const BoundColumnRef&>(*key.right), key.right_set);
      if (a != b) {
        // Merge b into a.
        for (idx_t m = 0; m < classes_[b].members.size(); m++) {
          const auto& binding = classes_[b].members[m].first;
          class_of[{binding.table_index, binding.column_index}] = a;
          classes_[a].members.push_back(classes_[b].members[m]);
          classes_[a].member_sets.push_back(classes_[b].member_sets[m]);
        }
        classes_[b].members.clear();
        classes_[b].member_sets.clear();
      }
    }
    for (auto& key : keys_) {
      if (key.null_equal || !IsColumn(*key.left) || !IsColumn(*key.right)) continue;
      const auto& binding = static_cast<const BoundColumnRef&>(*key.left).binding;
      auto found = class_of.find({binding.table_index, binding.column_index});
      if (found != class_of.end()) key.equivalence_class = found->second;
    }
    for (auto& equivalence : classes_) {
      double distinct = static_cast<double>(kUnknown);
      for (RelationSet set : equivalence.member_sets) {
        idx_t relation = static_cast<idx_t>(std::countr_zero(set));
        distinct = std::min(distinct, static_cast<double>(relations_[relation].unfiltered));
      }
      equivalence.distinct = std::max(distinct, 1.0);
    }
  }

  static bool Within(RelationSet inner, RelationSet outer) { return (inner & ~outer) == 0; }

  bool ClassSpans(const EquivalenceClass& equivalence, RelationSet a, RelationSet b) const {
    bool in_a = false, in_b = false;
    for (RelationSet set : equivalence.member_sets) {
      in_a = in_a || Within(set, a);
      in_b = in_b || Within(set, b);
    }
    return in_a && in_b;
  }

  bool KeySpans(const KeyPredicate& key, RelationSet a, RelationSet b) const {
    return (Within(key.left_set, a) && Within(key.right_set, b)) || (Within(key.left_set, b) && Within(key.right_set, a));
  }

  /// 0: an equi-join connects a and b; 1: only another predicate; 2: nothing (cross product).
  int Connection(RelationSet a, RelationSet b) const {
    for (const auto& key : keys_) {
      if (!key.applied && KeySpans(key, a, b)) return 0;
    }
    for (const auto& equivalence : classes_) {
      if (!equivalence.members.empty() && ClassSpans(equivalence, a, b)) return 0;
    }
    for (const auto& other : others_) {
      if (!other.applied && Within(other.set, a | b) && !Within(other.set, a) && !Within(other.set, b)) return 1;
    }
    return 2;
  }

  double JoinEstimate(const Component& a, const Component& b) const {
    double estimate = a.estimate * b.estimate;
    bool foreign_key = false;
    // Several classes form a composite key: its distinct values are at most the product of the
    // classes' and at most each side's rows (lineitem ⋈ partsupp on partkey and suppkey is a
    // key–foreign-key join, not two independent ones).
    double distinct = 0;
    for (const auto& equivalence : classes_) {
      if (equivalence.members.empty() || !ClassSpans(equivalence, a.set, b.set)) continue;
      distinct = distinct == 0 ? equivalence.distinct : distinct * equivalence.distinct;
    }
    if (distinct > 0) estimate /= std::max(std::min(distinct, a.estimate), std::min(distinct, b.estimate));
    for (const auto& key : keys_) {
      if (!key.applied && key.equivalence_class == kNoClass && KeySpans(key, a.set, b.set)) foreign_key = true;
    }
    if (foreign_key) estimate /= std::max(a.estimate, b.estimate);
    for (const auto& other : others_) {
      if (!other.applied && Within(other.set, a.set | b.set) && !Within(other.set, a.set) && !Within(other.set, b.set)) {
        estimate /= 5;
      }
    }
    return std::max(estimate, 1.0);
  }

  Component Join(Component a, Component b) {
    double estimate = JoinEstimate(a, b);
    // The hash table is built on the right input: the smaller one.
    if (a.estimate < b.estimate) std::swap(a, b);
    auto join = std::make_unique<LogicalJoin>();
    bool any_null_equal = false;
    std::vector<bool> null_equal;
    std::vector<idx_t> joined_classes;
    for (auto& key : keys_) {
      if (key.applied || !KeySpans(key, a.set, b.set)) continue;
      bool flipped = !Within(key.left_set, a.set);
      join->left_keys.push_back(std::move(flipped ? key.right : key.left));
      join->right_keys.push_back(std::move(flipped ? key.left : key.right));
      null_equal.push_back(key.null_equal);
      any_null_equal = any_null_equal || key.null_equal;
      key.applied = true;
      if (key.equivalence_class != kNoClass) joined_classes.push_back(key.equivalence_class);
    }
    // A class that spans both inputs but had no written key between them gets an implied one.
    for (idx_t c = 0; c < classes_.size(); c++) {
      const auto& equivalence = classes_[c];
      if (equivalence.members.empty() || !ClassSpans(equivalence, a.set, b.set)) continue;
      if (std::find(joined_classes.begin(), joined_classes.end(), c) != joined_classes.end()) continue;
      const BoundColumnRef* left = nullptr;
      const BoundColumnRef* right = nullptr;
      for (idx_t m = 0; m < equivalence.members.size(); m++) {
        if (!left && Within(equivalence.member_sets[m], a.set)) left = equivalence.members[m].second;
        if (!right && Within(equivalence.member_sets[m], b.set)) right = equivalence.members[m].second;
      }
      if (left->return_type != right->return_type) continue;
      join->left_keys.push_back(left->Copy());
      join->right_keys.push_back(right->Copy());
      null_equal.push_back(false);
    }
    std::vector<ExpressionPtr> residual;
    for (auto& other : others_) {
      if (!other.applied && Within(other.set, a.set | b.set)) {
        residual.push_back(std::move(other.expression));
        other.applied = true;
      }
    }
    join->residual = CombineConjunction(std::move(residual));
    if (any_null_equal) join->null_equal_keys = std::move(null_equal);
    join->join_type = join->left_keys.empty() && !join->residual ? JoinType::CROSS : JoinType::INNER;
    join->types = a.plan->types;
    join->names = a.plan->names;
    join->types.insert(join->types.end(), b.plan->types.begin(), b.plan->types.end());
    join->names.insert(join->names.end(), b.plan->names.begin(), b.plan->names.end());
    join->children.push_back(std::move(a.plan));
    join->children.push_back(std::move(b.plan));
    return {std::move(join), a.set | b.set, estimate};
  }

  std::map<idx_t, idx_t> relation_of_table_;
  std::vector<Relation> relations_;
  std::vector<KeyPredicate> keys_;
  std::vector<OtherPredicate> others_;
  std::vector<EquivalenceClass> classes_;
};

/// Re-derives the output schema of an operator whose output is its inputs' columns (a filter,
/// sort or limit; a join) after a child's column order changed.
void RefreshSchema(LogicalOperator& op) {
  switch (op.type) {
    case LogicalOperatorType::FILTER:
    case LogicalOperatorType::ORDER_BY:
    case LogicalOperatorType::LIMIT:
    case LogicalOperatorType::TOP_N:
      op.types = op.children[0]->types;
      op.names = op.children[0]->names;
      return;
    case LogicalOperatorType::JOIN: {
      const auto& join = static_cast<const LogicalJoin&>(op);
      if (OutputsRightOnly(join.join_type)) {
        op.types = op.children[1]->types;
        op.names = op.children[1]->names;
        return;
      }
      op.types = op.children[0]->types;
      op.names = op.children[0]->names;
      if (join.join_type == JoinType::MARK) {
        op.types.emplace_back(TypeId::BOOLEAN);
        op.names.emplace_back("mark");
      } else if (join.join_type != JoinType::SEMI && join.join_type != JoinType::ANTI) {
        op.types.insert(op.types.end(), op.children[1]->types.begin(), op.children[1]->types.end());
        op.names.insert(op.names.end(), op.children[1]->names.begin(), op.children[1]->names.end());
      }
      return;
    }
    default:
      return;
  }
}

/// A hash join builds on its right input. An outer, semi or anti join whose left input is the
/// smaller one is turned around (LEFT ⇄ RIGHT, FULL stays FULL, SEMI → RIGHT_SEMI, ANTI →
/// RIGHT_ANTI) so the smaller input is built: TPC-H Q13's customer LEFT JOIN orders builds on
/// customer, Q4's EXISTS on the quarter's orders rather than on lineitem. Output columns are
/// found by binding, so swapping the inputs changes no consumer.
void ChooseBuildSide(LogicalJoin& join) {
  if (join.left_keys.empty()) return;
  if (join.join_type == JoinType::SEMI || join.join_type == JoinType::ANTI) {
    const idx_t left = Estimate(*join.children[0]);
    const idx_t right = Estimate(*join.children[1]);
    if (left == kUnknown || right == kUnknown || left >= right) return;
    std::swap(join.children[0], join.children[1]);
    std::swap(join.left_keys, join.right_keys);
    join.join_type = join.join_type == JoinType::SEMI ? JoinType::RIGHT_SEMI : JoinType::RIGHT_ANTI;
    return;
  }
  if (join.join_type != JoinType::LEFT && join.join_type != JoinType::RIGHT && join.join_type != JoinType::FULL) return;
  if (!join.null_equal_keys.empty()) return;
  const idx_t left = Estimate(*join.children[0]);
  const idx_t right = Estimate(*join.children[1]);
  if (left == kUnknown || right == kUnknown || left >= right) return;
  std::swap(join.children[0], join.children[1]);
  std::swap(join.left_keys, join.right_keys);
  if (join.join_type == JoinType::LEFT) {
    join.join_type = JoinType::RIGHT;
  } else if (join.join_type == JoinType::RIGHT) {
    join.join_type = JoinType::LEFT;
  }
}

}  // namespace

idx_t EstimateRows(const LogicalOperator& op) { return Estimate(op); }

std::string EstimatedRowsLabel(const LogicalOperator& op) {
  const idx_t rows = Estimate(op);
  return rows == kUnknown ? std::string("  (rows=?)") : "  (rows=" + std::to_string(rows) + ")";
}

namespace {

/// Gives the scans of materialized CTE `cte_index` under `op` the CTE's estimate.
void SetCteScanEstimates(LogicalOperator& op, idx_t cte_index, idx_t rows) {
  CheckStackDepth();
  if (op.type == LogicalOperatorType::CTE_SCAN) {
    auto& scan = static_cast<LogicalCteScan&>(op);
    if (scan.cte_index == cte_index) scan.estimated_rows = rows;
  }
  for (auto& child : op.children) SetCteScanEstimates(*child, cte_index, rows);
}

}  // namespace

LogicalOperatorPtr ReorderJoins(LogicalOperatorPtr plan) {
  CheckStackDepth();
  if (IsInnerJoin(*plan)) {
    std::vector<const LogicalOperator*> relations;
    CollectRelations(*plan, relations);
    if (relations.size() <= kMaxRelations) {
      JoinGraph graph(relations);
      if (graph.CanReorder(*plan)) {
        graph.Decompose(std::move(plan));
        return graph.Plan();
      }
    }
  }
  if (plan->type == LogicalOperatorType::MATERIALIZED_CTE) {
    // The WITH query first: its estimate is its scans' in the reading query.
    plan->children[0] = ReorderJoins(std::move(plan->children[0]));
    const idx_t rows = Estimate(*plan->children[0]);
    SetCteScanEstimates(*plan->children[1], static_cast<LogicalMaterializedCte&>(*plan).cte_index,
                        rows == kUnknown ? 0 : rows);
    plan->children[1] = ReorderJoins(std::move(plan->children[1]));
    plan->types = plan->children[1]->types;
    plan->names = plan->children[1]->names;
    return plan;
  }
  for (auto& child : plan->children) child = ReorderJoins(std::move(child));
  if (plan->type == LogicalOperatorType::JOIN) ChooseBuildSide(static_cast<LogicalJoin&>(*plan));
  RefreshSchema(*plan);
  return plan;
}

}  // namespace cairn

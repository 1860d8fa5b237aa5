// join_order: re-plans every maximal tree of inner joins and cross products (comma joins,
// explicit INNER JOINs, and the WHERE conjuncts filter_pushdown turned into their keys and
// residuals) from its join graph:
//   * relations: the inputs of the tree (anything that is not an inner join or cross product);
//   * equi-join edges: the hash keys; keys that are plain columns are merged into equivalence
//     classes (a = b AND b = c), so a join may use an implied key (a = c);
//   * other predicates (residuals), applied at the first join that covers their relations.
// Order:
//   1. Each group of relations connected by equi-join edges (a written key, or an equivalence
//      class whose columns in the two relations have one type) of 2 to 12 relations is planned
//      by dynamic programming over connected subgraphs (DPccp, join_enumerator.h): the bushy
//      tree without cross products of least C_out (the sum of its joins' estimated rows) plus
//      half the rows of every hash table built.
//   2. What remains — those groups, relations joined by no equi-join, and the relations of
//      groups above 12 — is joined greedily (Fegaras' "greedy operator ordering"): at each step
//      the two components connected by an equi-join whose estimated result is smallest are
//      joined; only when no equi-join connects any two components is a predicate-only join,
//      then a cross product (of the two smallest), made.
// A hash join builds on the smaller estimated input (the right side).
//
// Estimates (cardinality_estimate.h): a relation's rows from its source (Parquet metadata) and
// its filters (min/max statistics of the columns compared with constants where the source has
// them, else the conjunct's shape). A join of A and B multiplies |A|·|B| by
// 1/max(min(ndv, |A|), min(ndv, |B|)) for each equivalence class joining them, where ndv is the
// class's distinct-value bound: the smallest DistinctValueBound of its columns — a column's
// relation's unfiltered rows, at most max - min + 1 by statistics (the key–foreign-key
// assumption: n_nationkey, s_nationkey and c_nationkey share nation's 25 values). Classes
// joined together form a composite key, bounded by the unfiltered rows of a relation holding
// all of them (partsupp for l_partkey = ps_partkey AND l_suppkey = ps_suppkey). Keys that are
// not plain columns count as a key–foreign-key join (max(|A|, |B|)); any other predicate
// newly covered keeps 1/5. The DP takes a relation set's estimate from the first csg-cmp pair
// that forms it, so every plan of the set agrees on it.
//
// Columns are referenced by binding, so the new tree needs no expression rewriting: its output
// column order differs, and every consumer finds its columns by binding (a union's inputs and
// the plan's root, which are read by position, are always projections, never a bare join).
#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <map>
#include <optional>

#include "sql/join_condition.h"
#include "sql/optimizer/cardinality_estimate.h"
#include "sql/optimizer/join_enumerator.h"
#include "sql/optimizer/rules.h"
#include "common/stack_depth.h"

namespace cairn {

namespace {

constexpr idx_t kUnknown = kUnknownRows;
constexpr idx_t kMaxRelations = 64;  // relation sets are 64-bit masks
using RelationSet = uint64_t;

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
      relation.estimate = EstimateRows(*op);
      relation.unfiltered = UnfilteredRows(*op);
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

    PlanConnectedGroups(components);
    while (components.size() > 1) {
      idx_t best_i = 0, best_j = 0;
      double best_cost = -1;
      int best_rank = 3;  // 0: equi-join, 1: other predicate, 2: cross product
      for (idx_t i = 0; i < components.size(); i++) {
        for (idx_t j = i + 1; j < components.size(); j++) {
          int rank = Connection(components[i].set, components[j].set);
          double cost = JoinEstimate(components[i].set, components[i].estimate, components[j].set,
                                     components[j].estimate);
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
      for (idx_t m = 0; m < equivalence.members.size(); m++) {
        const idx_t relation = static_cast<idx_t>(std::countr_zero(equivalence.member_sets[m]));
        distinct = std::min(distinct, static_cast<double>(
                                          DistinctValueBound(*relations_[relation].plan, equivalence.members[m].first)));
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

  /// Estimated rows of joining relation sets `a` and `b` (disjoint) of `a_rows` and `b_rows`
  /// rows, by the predicates not applied yet that connect them.
  double JoinEstimate(RelationSet a, double a_rows, RelationSet b, double b_rows) const {
    double estimate = a_rows * b_rows;
    bool foreign_key = false;
    // Several classes form a composite key: its distinct values are at most the product of the
    // classes', at most the unfiltered rows of a relation holding a column of every one of them
    // (lineitem ⋈ partsupp on partkey and suppkey is a key–foreign-key join on partsupp's
    // rows, not two independent ones), and at most each side's rows.
    double distinct = 0;
    RelationSet holders = a | b;
    idx_t spanning = 0;
    for (const auto& equivalence : classes_) {
      if (equivalence.members.empty() || !ClassSpans(equivalence, a, b)) continue;
      distinct = distinct == 0 ? equivalence.distinct : distinct * equivalence.distinct;
      RelationSet members = 0;
      for (RelationSet set : equivalence.member_sets) members |= set;
      holders &= members;
      spanning++;
    }
    if (spanning > 1) {
      for (RelationSet rest = holders; rest != 0; rest &= rest - 1) {
        const idx_t relation = static_cast<idx_t>(std::countr_zero(rest));
        distinct = std::min(distinct, std::max(static_cast<double>(relations_[relation].unfiltered), 1.0));
      }
    }
    if (distinct > 0) estimate /= std::max(std::min(distinct, a_rows), std::min(distinct, b_rows));
    for (const auto& key : keys_) {
      if (!key.applied && key.equivalence_class == kNoClass && KeySpans(key, a, b)) foreign_key = true;
    }
    if (foreign_key) estimate /= std::max(a_rows, b_rows);
    for (const auto& other : others_) {
      if (!other.applied && Within(other.set, a | b) && !Within(other.set, a) && !Within(other.set, b)) {
        estimate /= 5;
      }
    }
    return std::max(estimate, 1.0);
  }

  /// Relations joined by an equi-join (a written key or a shared equivalence class whose
  /// columns have one type): neighbours[r] is the set of relation r's.
  std::vector<RelationSet> EquiJoinNeighbors() const {
    std::vector<RelationSet> neighbors(relations_.size(), 0);
    auto connect = [&](RelationSet x, RelationSet y) {
      if (x == y || std::popcount(x) != 1 || std::popcount(y) != 1) return;
      neighbors[std::countr_zero(x)] |= y;
      neighbors[std::countr_zero(y)] |= x;
    };
    for (const auto& key : keys_) connect(key.left_set, key.right_set);
    for (const auto& equivalence : classes_) {
      for (idx_t m = 0; m < equivalence.members.size(); m++) {
        for (idx_t k = m + 1; k < equivalence.members.size(); k++) {
          if (equivalence.members[m].second->return_type != equivalence.members[k].second->return_type) continue;
          connect(equivalence.member_sets[m], equivalence.member_sets[k]);
        }
      }
    }
    return neighbors;
  }

  /// Joins each group of relations connected by equi-joins (of 2 to JoinEnumerator::
  /// kMaxRelations relations) in the cheapest order DPccp finds; `components` (one per
  /// relation, in relation order) then holds one component per group in place of its
  /// relations. Larger groups are left to the greedy search.
  void PlanConnectedGroups(std::vector<Component>& components) {
    const std::vector<RelationSet> neighbors = EquiJoinNeighbors();
    RelationSet grouped = 0;
    std::vector<RelationSet> groups;
    for (idx_t r = 0; r < relations_.size(); r++) {
      if (grouped & (RelationSet{1} << r)) continue;
      RelationSet group = RelationSet{1} << r;
      for (RelationSet frontier = group; frontier != 0;) {
        RelationSet next = 0;
        for (RelationSet rest = frontier; rest != 0; rest &= rest - 1) next |= neighbors[std::countr_zero(rest)];
        frontier = next & ~group;
        group |= next;
      }
      grouped |= group;
      if (std::popcount(group) >= 2 && static_cast<idx_t>(std::popcount(group)) <= JoinEnumerator::kMaxRelations) {
        groups.push_back(group);
      }
    }
    if (groups.empty()) return;
    std::vector<std::optional<Component>> slots;
    for (auto& component : components) slots.emplace_back(std::move(component));
    for (RelationSet group : groups) {
      // Local numbering: the group's relations in order.
      std::vector<idx_t> members;
      for (RelationSet rest = group; rest != 0; rest &= rest - 1) members.push_back(std::countr_zero(rest));
      auto to_global = [&](JoinEnumerator::RelationSet local) {
        RelationSet global = 0;
        for (idx_t i = 0; i < members.size(); i++) {
          if (local & (JoinEnumerator::RelationSet{1} << i)) global |= RelationSet{1} << members[i];
        }
        return global;
      };
      std::vector<JoinEnumerator::RelationSet> local_neighbors(members.size(), 0);
      std::vector<double> rows;
      for (idx_t i = 0; i < members.size(); i++) {
        for (idx_t k = 0; k < members.size(); k++) {
          if (neighbors[members[i]] & (RelationSet{1} << members[k])) local_neighbors[i] |= JoinEnumerator::RelationSet{1} << k;
        }
        rows.push_back(slots[members[i]]->estimate);
      }
      JoinEnumerator enumerator(std::move(local_neighbors), std::move(rows),
                                [&](JoinEnumerator::RelationSet a, JoinEnumerator::RelationSet b, double a_rows,
                                    double b_rows) { return JoinEstimate(to_global(a), a_rows, to_global(b), b_rows); });
      if (!enumerator.Solve()) continue;
      std::function<Component(JoinEnumerator::RelationSet)> build = [&](JoinEnumerator::RelationSet local) {
        if (std::popcount(local) == 1) {
          auto& slot = slots[members[std::countr_zero(local)]];
          Component component = std::move(*slot);
          slot.reset();
          return component;
        }
        auto [probe, build_side] = enumerator.BestSplit(local);
        Component left = build(probe);
        Component right = build(build_side);
        Component joined = Join(std::move(left), std::move(right));
        joined.estimate = enumerator.Rows(local);
        return joined;
      };
      slots[members[0]] = build(enumerator.All());
    }
    components.clear();
    for (auto& slot : slots) {
      if (slot) components.push_back(std::move(*slot));
    }
  }

  Component Join(Component a, Component b) {
    double estimate = JoinEstimate(a.set, a.estimate, b.set, b.estimate);
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
      // The first pair of members, one in each input, of one type.
      const BoundColumnRef* left = nullptr;
      const BoundColumnRef* right = nullptr;
      for (idx_t m = 0; m < equivalence.members.size() && !right; m++) {
        if (!Within(equivalence.member_sets[m], a.set)) continue;
        for (idx_t k = 0; k < equivalence.members.size(); k++) {
          if (Within(equivalence.member_sets[k], b.set) &&
              equivalence.members[k].second->return_type == equivalence.members[m].second->return_type) {
            left = equivalence.members[m].second;
            right = equivalence.members[k].second;
            break;
          }
        }
      }
      if (!right) continue;
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
    const idx_t left = EstimateRows(*join.children[0]);
    const idx_t right = EstimateRows(*join.children[1]);
    if (left == kUnknown || right == kUnknown || left >= right) return;
    std::swap(join.children[0], join.children[1]);
    std::swap(join.left_keys, join.right_keys);
    join.join_type = join.join_type == JoinType::SEMI ? JoinType::RIGHT_SEMI : JoinType::RIGHT_ANTI;
    return;
  }
  if (join.join_type != JoinType::LEFT && join.join_type != JoinType::RIGHT && join.join_type != JoinType::FULL) return;
  if (!join.null_equal_keys.empty()) return;
  const idx_t left = EstimateRows(*join.children[0]);
  const idx_t right = EstimateRows(*join.children[1]);
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
    const idx_t rows = EstimateRows(*plan->children[0]);
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

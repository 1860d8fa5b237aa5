// JoinEnumerator (DPccp): the csg-cmp pairs it considers are exactly those a brute-force count
// finds, and the plan it keeps is the cheapest of every bushy tree without cross products,
// found by listing all trees.
#include "sql/optimizer/join_enumerator.h"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <limits>
#include <map>
#include <random>

namespace cairn {
namespace {

using RelationSet = JoinEnumerator::RelationSet;

/// A join graph with a cardinality model that depends only on the joined set: the product of
/// the relations' rows and of the selectivity of every edge inside the set.
struct Graph {
  std::vector<RelationSet> neighbors;
  std::vector<double> rows;
  std::map<std::pair<idx_t, idx_t>, double> selectivity;

  explicit Graph(idx_t n) : neighbors(n, 0), rows(n, 1) {}

  void Edge(idx_t a, idx_t b, double s) {
    neighbors[a] |= RelationSet{1} << b;
    neighbors[b] |= RelationSet{1} << a;
    selectivity[{std::min(a, b), std::max(a, b)}] = s;
  }

  double Cardinality(RelationSet set) const {
    double result = 1;
    for (idx_t i = 0; i < rows.size(); i++) {
      if (set & (RelationSet{1} << i)) result *= rows[i];
    }
    for (const auto& [edge, s] : selectivity) {
      if ((set >> edge.first & 1) && (set >> edge.second & 1)) result *= s;
    }
    return result;
  }

  bool Connected(RelationSet set) const {
    if (set == 0) return false;
    RelationSet reached = set & -set;
    for (bool grew = true; grew;) {
      RelationSet next = reached;
      for (idx_t i = 0; i < rows.size(); i++) {
        if (reached & (RelationSet{1} << i)) next |= neighbors[i] & set;
      }
      grew = next != reached;
      reached = next;
    }
    return reached == set;
  }

  bool Joined(RelationSet a, RelationSet b) const {
    for (idx_t i = 0; i < rows.size(); i++) {
      if ((a & (RelationSet{1} << i)) && (neighbors[i] & b)) return true;
    }
    return false;
  }

  JoinEnumerator Enumerator() const {
    return JoinEnumerator(neighbors, rows, [graph = *this](RelationSet a, RelationSet b, double, double) {
      return graph.Cardinality(a | b);
    });
  }
};

Graph Chain(idx_t n) {
  Graph g(n);
  for (idx_t i = 0; i + 1 < n; i++) g.Edge(i, i + 1, 0.01);
  return g;
}
Graph Star(idx_t n) {
  Graph g(n);
  for (idx_t i = 1; i < n; i++) g.Edge(0, i, 0.01);
  return g;
}
Graph Cycle(idx_t n) {
  Graph g = Chain(n);
  g.Edge(n - 1, 0, 0.01);
  return g;
}
Graph Clique(idx_t n) {
  Graph g(n);
  for (idx_t i = 0; i < n; i++) {
    for (idx_t j = i + 1; j < n; j++) g.Edge(i, j, 0.01);
  }
  return g;
}

/// Random rows (10 .. 10^6, log-uniform) and selectivities (10^-5 .. 1) on `g`'s edges.
void Randomize(Graph& g, unsigned seed) {
  std::mt19937 random(seed);
  std::uniform_real_distribution<double> exponent(1, 6);
  std::uniform_real_distribution<double> selectivity(-5, 0);
  for (auto& r : g.rows) r = std::floor(std::pow(10, exponent(random)));
  for (auto& [edge, s] : g.selectivity) s = std::pow(10, selectivity(random));
}

/// The number of csg-cmp pairs, counted by trying every pair of disjoint sets.
idx_t BruteForcePairCount(const Graph& g) {
  const RelationSet all = static_cast<RelationSet>((1u << g.rows.size()) - 1);
  idx_t count = 0;
  for (RelationSet a = 1; a <= all; a++) {
    if (!g.Connected(a)) continue;
    for (RelationSet b = a + 1; b <= all; b++) {
      if ((a & b) == 0 && g.Connected(b) && g.Joined(a, b)) count++;
    }
  }
  return count;
}

/// The cheapest cost among all bushy trees over `set` in which every join has an edge between
/// its inputs (each tree listed, no memoization); infinity when there is none.
double BruteForceBestCost(const Graph& g, RelationSet set, double& rows) {
  rows = g.Cardinality(set);
  if (std::popcount(set) == 1) return 0;
  double best = std::numeric_limits<double>::infinity();
  // Each unordered split once: the left part holds set's lowest relation.
  const RelationSet lowest = set & -set;
  for (RelationSet left = (set - 1) & set; left != 0; left = (left - 1) & set) {
    if (!(left & lowest)) continue;
    const RelationSet right = set ^ left;
    if (!g.Joined(left, right)) continue;
    double left_rows = 0, right_rows = 0;
    const double left_cost = BruteForceBestCost(g, left, left_rows);
    const double right_cost = BruteForceBestCost(g, right, right_rows);
    if (std::isinf(left_cost) || std::isinf(right_cost)) continue;
    best = std::min(best, JoinEnumerator::JoinCost(left_cost, right_cost, left_rows, right_rows, rows));
  }
  return best;
}

/// The cost of the enumerator's best tree for `set`, recomputed by walking it; fails the test
/// if a join of the tree has no edge between its inputs or its probe side is the smaller.
double WalkBestTree(const JoinEnumerator& enumerator, const Graph& g, RelationSet set) {
  if (std::popcount(set) == 1) return 0;
  auto [probe, build] = enumerator.BestSplit(set);
  EXPECT_EQ(probe | build, set);
  EXPECT_EQ(probe & build, 0u);
  EXPECT_TRUE(g.Joined(probe, build)) << "cross product in the plan of set " << set;
  EXPECT_GE(enumerator.Rows(probe), enumerator.Rows(build)) << "build side larger than probe side";
  return JoinEnumerator::JoinCost(WalkBestTree(enumerator, g, probe), WalkBestTree(enumerator, g, build),
                                  g.Cardinality(probe), g.Cardinality(build), g.Cardinality(set));
}

void ExpectOptimal(Graph g, const char* shape) {
  for (unsigned seed = 1; seed <= 20; seed++) {
    Randomize(g, seed);
    JoinEnumerator enumerator = g.Enumerator();
    ASSERT_TRUE(enumerator.Solve()) << shape;
    double rows = 0;
    const double brute = BruteForceBestCost(g, enumerator.All(), rows);
    EXPECT_NEAR(enumerator.Cost(enumerator.All()), brute, brute * 1e-9) << shape << " seed " << seed;
    EXPECT_NEAR(WalkBestTree(enumerator, g, enumerator.All()), brute, brute * 1e-9) << shape << " seed " << seed;
    EXPECT_DOUBLE_EQ(enumerator.Rows(enumerator.All()), rows);
  }
}

TEST(JoinEnumeratorTest, ConsidersEveryCsgCmpPairOnce) {
  for (idx_t n = 2; n <= 7; n++) {
    for (const Graph& g : {Chain(n), Star(n), Cycle(n), Clique(n)}) {
      JoinEnumerator enumerator = g.Enumerator();
      ASSERT_TRUE(enumerator.Solve());
      EXPECT_EQ(enumerator.PairCount(), BruteForcePairCount(g)) << "n = " << n;
    }
  }
  // The paper's closed forms (section 2.2): chain (n^3 - n) / 6, star (n - 1) 2^(n-2), clique
  // (3^n - 2^(n+1) + 1) / 2; at the largest size the enumerator takes.
  const idx_t n = JoinEnumerator::kMaxRelations;
  JoinEnumerator chain = Chain(n).Enumerator();
  ASSERT_TRUE(chain.Solve());
  EXPECT_EQ(chain.PairCount(), (n * n * n - n) / 6);
  JoinEnumerator star = Star(n).Enumerator();
  ASSERT_TRUE(star.Solve());
  EXPECT_EQ(star.PairCount(), (n - 1) << (n - 2));
  JoinEnumerator clique = Clique(n).Enumerator();
  ASSERT_TRUE(clique.Solve());
  EXPECT_EQ(clique.PairCount(), (static_cast<idx_t>(std::pow(3, n)) - (idx_t{1} << (n + 1)) + 1) / 2);
}

TEST(JoinEnumeratorTest, FindsTheCheapestTreeWithoutCrossProducts) {
  ExpectOptimal(Chain(5), "chain");
  ExpectOptimal(Star(5), "star");
  ExpectOptimal(Cycle(5), "cycle");
  ExpectOptimal(Clique(5), "clique");
  // A cycle with a chord and a tail: 6 relations.
  Graph g = Cycle(5);
  g.rows.push_back(1);
  g.neighbors.push_back(0);
  g.Edge(1, 3, 0.01);
  g.Edge(4, 5, 0.01);
  ExpectOptimal(g, "cycle with chord and tail");
}

TEST(JoinEnumeratorTest, StarJoinsTheSelectiveDimensionFirst) {
  // A fact table of 10^6 rows and three dimensions; joining dimension 3 keeps 1 % of the facts,
  // the others all of them: every cheapest plan joins 3 first.
  Graph g = Star(4);
  g.rows = {1e6, 1e3, 1e3, 10};
  g.selectivity[{0, 1}] = 1e-3;
  g.selectivity[{0, 2}] = 1e-3;
  g.selectivity[{0, 3}] = 1e-3;  // 10 of the dimension's 1000 keys survive its filter
  JoinEnumerator enumerator = g.Enumerator();
  ASSERT_TRUE(enumerator.Solve());
  RelationSet set = enumerator.All();
  while (std::popcount(set) > 2) set = enumerator.BestSplit(set).first;
  EXPECT_EQ(set, RelationSet{0b1001}) << "the first join is the fact table with dimension 3";
  EXPECT_EQ(enumerator.BestSplit(set).second, RelationSet{0b1000}) << "the hash table is built on the dimension";
}

TEST(JoinEnumeratorTest, RefusesDisconnectedAndOversizedGraphs) {
  Graph disconnected(4);
  disconnected.Edge(0, 1, 0.1);
  disconnected.Edge(2, 3, 0.1);
  JoinEnumerator apart = disconnected.Enumerator();
  EXPECT_FALSE(apart.Solve());
  JoinEnumerator too_many = Chain(JoinEnumerator::kMaxRelations + 1).Enumerator();
  EXPECT_FALSE(too_many.Solve());
  JoinEnumerator single = Graph(1).Enumerator();
  EXPECT_TRUE(single.Solve());
  EXPECT_EQ(single.Cost(single.All()), 0);
}

}  // namespace
}  // namespace cairn

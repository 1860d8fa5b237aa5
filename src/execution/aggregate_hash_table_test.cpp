// Tests for AggregateHashTable on its own: grouping on one and several keys of different types
// (NULL is a group of its own), 100,000 groups forcing many resizes with state pointers that
// stay valid, aggregate states per group compared with a std::map computed here, Combine of
// tables (equal to one table over all rows), hash-set use without aggregates, the dictionary
// fast path, and the memory charged to the query's MemoryTracker.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "cairn/data_chunk.h"
#include "common/memory_tracker.h"
#include "execution/aggregate_hash_table.h"
#include "function/aggregate_function.h"

namespace cairn {
namespace {

using Key = std::pair<std::optional<int64_t>, std::optional<std::string>>;

struct Totals {
  int64_t count_star = 0;
  int64_t count = 0;
  std::optional<int64_t> sum;
  std::optional<std::string> min;
  bool operator==(const Totals&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Totals& t) {
  return os << "{count_star " << t.count_star << ", count " << t.count << ", sum "
            << (t.sum ? std::to_string(*t.sum) : "NULL") << ", min " << t.min.value_or("NULL") << "}";
}

// Row r of the test relation: group keys (INTEGER, VARCHAR) and arguments (BIGINT, VARCHAR).
std::optional<int64_t> Key1(uint64_t r) { return r % 23 == 0 ? std::nullopt : std::optional<int64_t>((r * 7) % 50 - 20); }
std::optional<std::string> Key2(uint64_t r) {
  if (r % 31 == 0) return std::nullopt;
  if (r % 3 == 0) return "short" + std::to_string(r % 4);
  return "a long group name shared by rows " + std::to_string(r % 4);
}
std::optional<int64_t> ArgValue(uint64_t r) { return r % 5 == 0 ? std::nullopt : std::optional<int64_t>(int64_t(r) - 500); }
std::optional<std::string> ArgString(uint64_t r) {
  if (r % 7 == 0) return std::nullopt;
  return "value with a long common prefix " + std::to_string(r % 97);
}

// COUNT(*), COUNT(v), SUM(v), MIN(s).
struct Aggregates {
  AggregateFunction count_star = BindAggregateFunction("count_star", {});
  AggregateFunction count = BindAggregateFunction("count", {TypeId::BIGINT});
  AggregateFunction sum = BindAggregateFunction("sum", {TypeId::BIGINT});
  AggregateFunction min = BindAggregateFunction("min", {TypeId::VARCHAR});
  std::vector<const AggregateFunction*> list() const { return {&count_star, &count, &sum, &min}; }
};

// Groups rows [begin, end) of the test relation into `table`, in chunks of `chunk_rows`.
void Feed(AggregateHashTable& table, const Aggregates& aggregates, uint64_t begin, uint64_t end, idx_t chunk_rows) {
  std::vector<uint8_t*> states(kStandardVectorSize), targets(kStandardVectorSize);
  const auto functions = aggregates.list();
  for (uint64_t start = begin; start < end; start += chunk_rows) {
    idx_t n = std::min<uint64_t>(chunk_rows, end - start);
    DataChunk groups, args;
    groups.Initialize({TypeId::INTEGER, TypeId::VARCHAR});
    args.Initialize({TypeId::BIGINT, TypeId::VARCHAR});
    for (idx_t i = 0; i < n; i++) {
      uint64_t r = start + i;
      groups.data[0].SetValue(i, Key1(r) ? Value::Integer(int32_t(*Key1(r))) : Value::Null(TypeId::INTEGER));
      groups.data[1].SetValue(i, Key2(r) ? Value::Varchar(*Key2(r)) : Value::Null(TypeId::VARCHAR));
      args.data[0].SetValue(i, ArgValue(r) ? Value::BigInt(*ArgValue(r)) : Value::Null(TypeId::BIGINT));
      args.data[1].SetValue(i, ArgString(r) ? Value::Varchar(*ArgString(r)) : Value::Null(TypeId::VARCHAR));
    }
    table.FindOrCreateGroups(groups.data.data(), n, states.data());
    for (idx_t a = 0; a < functions.size(); a++) {
      for (idx_t i = 0; i < n; i++) targets[i] = states[i] + table.StateOffset(a);
      Vector* inputs = a == 0 ? nullptr : a == 3 ? &args.data[1] : &args.data[0];
      functions[a]->update(inputs, a == 0 ? 0 : 1, targets.data(), n);
    }
  }
}

std::map<Key, Totals> ExpectedTotals(uint64_t begin, uint64_t end) {
  std::map<Key, Totals> expected;
  for (uint64_t r = begin; r < end; r++) {
    Totals& t = expected[{Key1(r), Key2(r)}];
    t.count_star++;
    if (ArgValue(r)) {
      t.count++;
      t.sum = t.sum.value_or(0) + *ArgValue(r);
    }
    if (ArgString(r) && (!t.min || *ArgString(r) < *t.min)) t.min = ArgString(r);
  }
  return expected;
}

std::map<Key, Totals> ScanTotals(AggregateHashTable& table) {
  std::map<Key, Totals> result;
  for (idx_t start = 0; start < table.GroupCount(); start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, table.GroupCount() - start);
    DataChunk out;
    out.data.resize(6);
    table.Scan(start, n, out);
    EXPECT_EQ(out.size(), n);
    for (idx_t i = 0; i < n; i++) {
      Value k1 = out.GetValue(0, i), k2 = out.GetValue(1, i);
      Key key{k1.IsNull() ? std::nullopt : std::optional<int64_t>(k1.GetInt64()),
              k2.IsNull() ? std::nullopt : std::optional<std::string>(k2.GetString())};
      Totals t;
      t.count_star = out.GetValue(2, i).GetInt64();
      t.count = out.GetValue(3, i).GetInt64();
      Value sum = out.GetValue(4, i);
      if (!sum.IsNull()) t.sum = std::stoll(sum.ToString());
      Value min = out.GetValue(5, i);
      if (!min.IsNull()) t.min = min.GetString();
      EXPECT_TRUE(result.emplace(key, t).second) << "group scanned twice";
    }
  }
  return result;
}

TEST(AggregateHashTableTest, TwoKeysOfDifferentTypesWithNullGroups) {
  const uint64_t rows = 10000;
  Aggregates aggregates;
  AggregateHashTable table({TypeId::INTEGER, TypeId::VARCHAR}, aggregates.list());
  Feed(table, aggregates, 0, rows, 1000);
  auto expected = ExpectedTotals(0, rows);
  // The relation has groups with a NULL in either key and in both.
  ASSERT_TRUE(expected.count({std::nullopt, std::nullopt}));
  ASSERT_GT(expected.size(), 200u);
  EXPECT_EQ(table.GroupCount(), expected.size());
  EXPECT_EQ(ScanTotals(table), expected);
}

TEST(AggregateHashTableTest, SingleKeyGroupingSeparatesNullFromZero) {
  auto count_star = BindAggregateFunction("count_star", {});
  AggregateHashTable table({TypeId::BIGINT}, {&count_star});
  Vector keys(TypeId::BIGINT);
  const std::optional<int64_t> values[] = {0, std::nullopt, 0, -1, std::nullopt, 0, 5};
  for (idx_t i = 0; i < 7; i++) keys.SetValue(i, values[i] ? Value::BigInt(*values[i]) : Value::Null(TypeId::BIGINT));
  std::vector<uint8_t*> states(7);
  table.FindOrCreateGroups(&keys, 7, states.data());
  EXPECT_EQ(states[0], states[2]);
  EXPECT_EQ(states[1], states[4]);
  EXPECT_NE(states[0], states[1]);
  for (idx_t i = 0; i < 7; i++) states[i] += table.StateOffset(0);
  count_star.update(nullptr, 0, states.data(), 7);
  ASSERT_EQ(table.GroupCount(), 4u);
  DataChunk out;
  out.data.resize(2);
  table.Scan(0, 4, out);
  std::map<std::optional<int64_t>, int64_t> got;
  for (idx_t i = 0; i < 4; i++) {
    Value k = out.GetValue(0, i);
    got[k.IsNull() ? std::nullopt : std::optional<int64_t>(k.GetInt64())] = out.GetValue(1, i).GetInt64();
  }
  std::map<std::optional<int64_t>, int64_t> expected{{std::nullopt, 2}, {0, 3}, {-1, 1}, {5, 1}};
  EXPECT_EQ(got, expected);
}

TEST(AggregateHashTableTest, RunsOfEqualKeysShareTheirGroup) {
  // Adjacent rows with one key take the previous row's group without probing: runs of NULLs,
  // of strings, and NUMERIC 1.0 next to 1.00 (one group), with a key repeated after a break.
  auto count_star = BindAggregateFunction("count_star", {});
  AggregateHashTable table({TypeId::VARCHAR, TypeId::NUMERIC}, {&count_star});
  std::vector<Vector> keys{Vector(TypeId::VARCHAR), Vector(TypeId::NUMERIC)};
  const char* names[] = {"a", "a", "a", nullptr, nullptr, "b", "a", "a", "ab", "a"};
  const char* numbers[] = {"1.0", "1.00", "1", "2", "2", "2", "1.000", "3", "3", "3"};
  for (idx_t i = 0; i < 10; i++) {
    keys[0].SetValue(i, names[i] ? Value::Varchar(names[i]) : Value::Null(TypeId::VARCHAR));
    keys[1].SetValue(i, Value::Varchar(numbers[i]).CastAs(LogicalType(TypeId::NUMERIC)));
  }
  std::vector<uint8_t*> states(10);
  table.FindOrCreateGroups(keys.data(), 10, states.data());
  // Groups: (a, 1) rows 0-2 and 6; (NULL, 2) rows 3-4; (b, 2); (a, 3) rows 7 and 9; (ab, 3).
  EXPECT_EQ(table.GroupCount(), 5u);
  EXPECT_EQ(states[0], states[1]);
  EXPECT_EQ(states[0], states[2]);
  EXPECT_EQ(states[0], states[6]);
  EXPECT_EQ(states[3], states[4]);
  EXPECT_NE(states[4], states[5]);
  EXPECT_EQ(states[7], states[9]);
  EXPECT_NE(states[7], states[8]);
  EXPECT_NE(states[0], states[7]);
}

// Chunks whose key columns are dictionary vectors over shared dictionaries (as a Parquet column
// chunk's): rows take their groups from the dictionary cache. Counts per group must equal those
// of the same rows given as flat vectors, across a dictionary change that reuses entry indexes
// for other values, with a NULL entry, over two key columns.
TEST(AggregateHashTableTest, DictionaryCacheGroupsLikeFlat) {
  auto count_star = BindAggregateFunction("count_star", {});
  auto make_dictionary = [](const std::vector<std::optional<std::string>>& words) {
    auto dictionary = std::make_shared<Vector>(TypeId::VARCHAR, words.size());
    for (idx_t i = 0; i < words.size(); i++) {
      dictionary->SetValue(i, words[i] ? Value::Varchar(*words[i]) : Value::Null(TypeId::VARCHAR));
    }
    return dictionary;
  };
  auto first_a = make_dictionary({"ORD", "SFO", std::nullopt, "a long airport name beyond inline"});
  auto first_b = make_dictionary({"x", "y", "z"});
  auto second_a = make_dictionary({"SFO", "JFK", "ORD", std::nullopt});  // same indexes, other values
  auto second_b = make_dictionary({"z", "x", "w"});
  AggregateHashTable cached({TypeId::VARCHAR, TypeId::VARCHAR}, {&count_star});
  AggregateHashTable flat({TypeId::VARCHAR, TypeId::VARCHAR}, {&count_star});
  const idx_t n = kStandardVectorSize;
  std::vector<uint8_t*> states(n);
  for (int chunk = 0; chunk < 12; chunk++) {
    const bool second = chunk >= 6;
    std::vector<Vector> keys{Vector(TypeId::VARCHAR), Vector(TypeId::VARCHAR)};
    SelectionVector a(n), b(n);
    for (idx_t i = 0; i < n; i++) {
      a.set_index(i, (i * 7 + chunk) % 4);
      b.set_index(i, (i / 3 + chunk) % 3);
    }
    keys[0].SetDictionary(second ? second_a : first_a, a);
    keys[1].SetDictionary(second ? second_b : first_b, b);
    cached.FindOrCreateGroups(keys.data(), n, states.data());
    for (auto& s : states) s += cached.StateOffset(0);
    count_star.update(nullptr, 0, states.data(), n);
    for (auto& k : keys) k.Flatten(n);
    flat.FindOrCreateGroups(keys.data(), n, states.data());
    for (auto& s : states) s += flat.StateOffset(0);
    count_star.update(nullptr, 0, states.data(), n);
  }
  auto totals = [](AggregateHashTable& table) {
    std::map<std::pair<std::string, std::string>, int64_t> out;
    DataChunk chunk;
    chunk.data.resize(3);
    table.Scan(0, table.GroupCount(), chunk);
    for (idx_t i = 0; i < table.GroupCount(); i++) {
      out[{chunk.GetValue(0, i).ToString(), chunk.GetValue(1, i).ToString()}] = chunk.GetValue(2, i).GetInt64();
    }
    return out;
  };
  ASSERT_EQ(cached.GroupCount(), flat.GroupCount());
  EXPECT_EQ(totals(cached), totals(flat));
  EXPECT_GT(cached.GroupCount(), 12u);
}

// A set (no states) over one dictionary column remembers which entries it inserted while the
// dictionary stays the same: chunks that use a few entries at a time, then only old ones, then a
// new dictionary whose indexes name other values, must leave exactly the values seen.
TEST(AggregateHashTableTest, SetOverDictionaryRemembersInsertedEntries) {
  auto make_dictionary = [](const std::vector<std::optional<std::string>>& words) {
    auto dictionary = std::make_shared<Vector>(TypeId::VARCHAR, words.size());
    for (idx_t i = 0; i < words.size(); i++) {
      dictionary->SetValue(i, words[i] ? Value::Varchar(*words[i]) : Value::Null(TypeId::VARCHAR));
    }
    return dictionary;
  };
  auto first = make_dictionary({"ORD", "SFO", std::nullopt, "a long airport name beyond inline", "LAX"});
  auto second = make_dictionary({"JFK", "ORD", "BOS"});  // index 0 is another value now
  AggregateHashTable set({TypeId::VARCHAR}, {});
  const idx_t n = 300;
  // Entries used per chunk: {0}, {0, 1}, {0, 1, 2}, {0}, ... (4 is never used).
  std::vector<std::vector<sel_t>> uses = {{0}, {0, 1}, {0, 1, 2}, {1, 0}, {2}, {3, 0}};
  for (const auto& entries : uses) {
    Vector keys(TypeId::VARCHAR);
    SelectionVector sel(n);
    for (idx_t i = 0; i < n; i++) sel.set_index(i, entries[i % entries.size()]);
    keys.SetDictionary(first, sel);
    set.FindOrCreateGroups(&keys, n, nullptr);
  }
  EXPECT_EQ(set.GroupCount(), 4u);  // ORD, SFO, NULL, the long name
  for (sel_t e : {sel_t(0), sel_t(2)}) {
    Vector keys(TypeId::VARCHAR);
    SelectionVector sel(n);
    for (idx_t i = 0; i < n; i++) sel.set_index(i, e);
    keys.SetDictionary(second, sel);
    set.FindOrCreateGroups(&keys, n, nullptr);
  }
  std::set<std::string> values;
  DataChunk chunk;
  chunk.data.resize(1);
  set.ScanKeys(0, set.GroupCount(), chunk);
  for (idx_t i = 0; i < set.GroupCount(); i++) values.insert(chunk.GetValue(0, i).ToString());
  EXPECT_EQ(values, (std::set<std::string>{"ORD", "SFO", "NULL", "a long airport name beyond inline", "JFK", "BOS"}));
}

TEST(AggregateHashTableTest, HundredThousandGroupsResizeAndKeepStatePointers) {
  auto tracker = std::make_shared<MemoryTracker>("query", 0);
  MemoryTracker::Scope scope(tracker);
  const int64_t groups = 100000;
  auto count_star = BindAggregateFunction("count_star", {});
  auto sum = BindAggregateFunction("sum", {TypeId::BIGINT});
  auto table = std::make_unique<AggregateHashTable>(std::vector<LogicalType>{TypeId::BIGINT},
                                                    std::vector<const AggregateFunction*>{&count_star, &sum});
  uint64_t initial_bytes = table->MemoryBytes();
  // Every key twice, each pass in its own random order; the argument is key * 2 + pass.
  std::mt19937_64 rng(7);
  std::vector<int64_t> keys(groups);
  for (int64_t k = 0; k < groups; k++) keys[k] = k * 1000003 - 50000000;
  std::map<int64_t, std::pair<int64_t, int64_t>> expected;
  std::vector<uint8_t*> states(kStandardVectorSize), targets(kStandardVectorSize);
  std::vector<uint8_t*> first_states;
  std::vector<int64_t> first_keys;
  for (int pass = 0; pass < 2; pass++) {
    std::shuffle(keys.begin(), keys.end(), rng);
    for (idx_t start = 0; start < keys.size(); start += kStandardVectorSize) {
      idx_t n = std::min<idx_t>(kStandardVectorSize, keys.size() - start);
      Vector key(TypeId::BIGINT), arg(TypeId::BIGINT);
      for (idx_t i = 0; i < n; i++) {
        int64_t k = keys[start + i];
        key.SetValue(i, Value::BigInt(k));
        arg.SetValue(i, Value::BigInt(k * 2 + pass));
        auto& e = expected[k];
        e.first++;
        e.second += k * 2 + pass;
      }
      table->FindOrCreateGroups(&key, n, states.data());
      if (pass == 0 && start == 0) {
        first_states.assign(states.begin(), states.begin() + n);
        first_keys.assign(keys.begin(), keys.begin() + n);
      }
      for (idx_t i = 0; i < n; i++) targets[i] = states[i] + table->StateOffset(0);
      count_star.update(nullptr, 0, targets.data(), n);
      for (idx_t i = 0; i < n; i++) targets[i] = states[i] + table->StateOffset(1);
      sum.update(&arg, 1, targets.data(), n);
    }
  }
  ASSERT_EQ(table->GroupCount(), idx_t(groups));
  // 100,000 groups need at least 200,000 slots of 8 bytes: the table grew many times.
  EXPECT_GT(table->MemoryBytes(), initial_bytes + 200000 * 8);
  EXPECT_GE(tracker->used(), table->MemoryBytes());

  // The first chunk's groups still have the state blocks they got before every resize.
  Vector again(TypeId::BIGINT);
  for (idx_t i = 0; i < first_keys.size(); i++) again.SetValue(i, Value::BigInt(first_keys[i]));
  table->FindOrCreateGroups(&again, first_keys.size(), states.data());
  for (idx_t i = 0; i < first_keys.size(); i++) ASSERT_EQ(states[i], first_states[i]) << first_keys[i];
  EXPECT_EQ(table->GroupCount(), idx_t(groups));

  idx_t checked = 0;
  for (idx_t start = 0; start < table->GroupCount(); start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, table->GroupCount() - start);
    DataChunk out;
    out.data.resize(3);
    table->Scan(start, n, out);
    for (idx_t i = 0; i < n; i++, checked++) {
      auto it = expected.find(out.GetValue(0, i).GetInt64());
      ASSERT_NE(it, expected.end());
      ASSERT_EQ(out.GetValue(1, i).GetInt64(), it->second.first);
      ASSERT_EQ(out.GetValue(2, i).ToString(), std::to_string(it->second.second));
    }
  }
  EXPECT_EQ(checked, expected.size());
  table.reset();
  EXPECT_EQ(tracker->used(), 0u);
}

TEST(AggregateHashTableTest, CombinedTablesEqualOneTableOverAllRows) {
  const uint64_t rows = 12000;
  Aggregates aggregates;
  AggregateHashTable whole({TypeId::INTEGER, TypeId::VARCHAR}, aggregates.list());
  Feed(whole, aggregates, 0, rows, 2048);
  // Three tables over disjoint row ranges of different sizes (groups overlap between them).
  AggregateHashTable a({TypeId::INTEGER, TypeId::VARCHAR}, aggregates.list());
  AggregateHashTable b({TypeId::INTEGER, TypeId::VARCHAR}, aggregates.list());
  AggregateHashTable c({TypeId::INTEGER, TypeId::VARCHAR}, aggregates.list());
  Feed(a, aggregates, 0, 100, 100);
  Feed(b, aggregates, 100, 7000, 999);
  Feed(c, aggregates, 7000, rows, 1500);
  a.Combine(b);
  a.Combine(c);
  auto expected = ExpectedTotals(0, rows);
  EXPECT_EQ(a.GroupCount(), whole.GroupCount());
  EXPECT_EQ(ScanTotals(a), ScanTotals(whole));
  EXPECT_EQ(ScanTotals(a), expected);
}

// Threads' tables partitioned by the same radix bits merge partition by partition: adopting
// one table's partition and combining the others' gives every group exactly once, with the
// totals of one table over all rows; the merged tables' memory is released with them.
TEST(AggregateHashTableTest, RadixPartitionsMergedOneByOneEqualOneTable) {
  const uint64_t rows = 30000;
  const idx_t radix_bits = 3;
  Aggregates aggregates;
  auto tracker = std::make_shared<MemoryTracker>("query", 0);
  MemoryTracker::Scope scope(tracker);
  {
    std::vector<std::unique_ptr<AggregateHashTable>> tables;
    const uint64_t bounds[] = {0, 50, 17000, rows};
    for (int t = 0; t < 3; t++) {
      tables.push_back(std::make_unique<AggregateHashTable>(std::vector<LogicalType>{TypeId::INTEGER, TypeId::VARCHAR},
                                                            aggregates.list(), "HASH_AGGREGATE", radix_bits));
      Feed(*tables.back(), aggregates, bounds[t], bounds[t + 1], 1024);
      ASSERT_EQ(tables.back()->PartitionCount(), idx_t(1) << radix_bits);
    }
    idx_t stored = 0;
    for (idx_t p = 0; p < tables[0]->PartitionCount(); p++) stored += tables[1]->PartitionGroupCount(p);
    EXPECT_EQ(stored, tables[1]->GroupCount());

    std::map<Key, Totals> merged_totals;
    for (idx_t p = 0; p < tables[0]->PartitionCount(); p++) {
      // Adopt the middle table's partition (not the first: any table may be the base).
      idx_t others = tables[0]->PartitionGroupCount(p) + tables[2]->PartitionGroupCount(p);
      auto merged = AggregateHashTable::TakePartition(*tables[1], p, others);
      EXPECT_EQ(tables[1]->PartitionGroupCount(p), 0u);
      merged->CombinePartition(*tables[0], p);
      tables[0]->ReleasePartition(p);
      merged->CombinePartition(*tables[2], p);
      tables[2]->ReleasePartition(p);
      for (auto& [key, totals] : ScanTotals(*merged)) {
        EXPECT_TRUE(merged_totals.emplace(key, totals).second) << "a group in two partitions";
      }
    }
    EXPECT_EQ(merged_totals, ExpectedTotals(0, rows));
  }
  EXPECT_EQ(tracker->used(), 0u);
}

TEST(AggregateHashTableTest, CombineIntoEmptyTableAndWithoutAggregates) {
  AggregateHashTable set({TypeId::VARCHAR}, {});
  AggregateHashTable part({TypeId::VARCHAR}, {});
  Vector keys(TypeId::VARCHAR);
  std::set<std::optional<std::string>> expected;
  for (idx_t i = 0; i < 1000; i++) {
    std::optional<std::string> s;
    if (i % 10 != 0) s = "distinct value number " + std::to_string(i % 300);
    keys.SetValue(i, s ? Value::Varchar(*s) : Value::Null(TypeId::VARCHAR));
    expected.insert(s);
  }
  part.FindOrCreateGroups(&keys, 1000, nullptr);
  EXPECT_EQ(part.GroupCount(), expected.size());
  set.Combine(part);
  set.Combine(part);  // idempotent for a set
  ASSERT_EQ(set.GroupCount(), expected.size());
  DataChunk out;
  out.data.resize(1);
  set.ScanKeys(0, set.GroupCount(), out);
  std::set<std::optional<std::string>> got;
  for (idx_t i = 0; i < set.GroupCount(); i++) {
    Value v = out.data[0].GetValue(i);
    got.insert(v.IsNull() ? std::nullopt : std::optional<std::string>(v.GetString()));
  }
  EXPECT_EQ(got, expected);
}

TEST(AggregateHashTableTest, DictionaryKeyColumnGroupsLikeFlat) {
  Vector dictionary(TypeId::VARCHAR);
  const char* words[] = {"alpha", "a dictionary entry longer than twelve bytes", "", nullptr, "beta", "alpha "};
  for (idx_t i = 0; i < 6; i++) dictionary.SetValue(i, words[i] ? Value::Varchar(words[i]) : Value::Null(TypeId::VARCHAR));
  SelectionVector sel(kStandardVectorSize);
  for (idx_t i = 0; i < kStandardVectorSize; i++) sel.set_index(i, (i * i + 3 * i) % 6);
  Vector sliced = dictionary;
  sliced.Slice(sel, kStandardVectorSize);
  ASSERT_EQ(sliced.kind(), VectorKind::DICTIONARY);
  Vector flat = sliced;
  flat.Flatten(kStandardVectorSize);

  auto count_star = BindAggregateFunction("count_star", {});
  auto scan = [&](const Vector& input) {
    AggregateHashTable table({TypeId::VARCHAR}, {&count_star});
    std::vector<uint8_t*> states(kStandardVectorSize);
    for (int repeat = 0; repeat < 2; repeat++) {
      table.FindOrCreateGroups(&input, kStandardVectorSize, states.data());
      for (auto& s : states) s += table.StateOffset(0);
      count_star.update(nullptr, 0, states.data(), kStandardVectorSize);
    }
    DataChunk out;
    out.data.resize(2);
    table.Scan(0, table.GroupCount(), out);
    std::map<std::optional<std::string>, int64_t> result;
    for (idx_t i = 0; i < table.GroupCount(); i++) {
      Value k = out.GetValue(0, i);
      result[k.IsNull() ? std::nullopt : std::optional<std::string>(k.GetString())] = out.GetValue(1, i).GetInt64();
    }
    return result;
  };
  std::map<std::optional<std::string>, int64_t> expected;
  for (idx_t i = 0; i < kStandardVectorSize; i++) {
    const char* w = words[sel.get_index(i)];
    expected[w ? std::optional<std::string>(w) : std::nullopt] += 2;
  }
  EXPECT_EQ(scan(sliced), expected);
  EXPECT_EQ(scan(flat), expected);
}

TEST(AggregateHashTableTest, NoGroupColumnsIsOneGroup) {
  auto sum = BindAggregateFunction("sum", {TypeId::BIGINT});
  AggregateHashTable table({}, {&sum});
  Vector arg(TypeId::BIGINT);
  for (idx_t i = 0; i < 100; i++) arg.SetValue(i, Value::BigInt(int64_t(i)));
  std::vector<uint8_t*> states(100);
  table.FindOrCreateGroups(nullptr, 100, states.data());
  EXPECT_EQ(table.GroupCount(), 1u);
  for (auto* s : states) EXPECT_EQ(s, table.SingleGroup());
  for (auto& s : states) s += table.StateOffset(0);
  sum.update(&arg, 1, states.data(), 100);
  DataChunk out;
  out.data.resize(1);
  table.Scan(0, 1, out);
  EXPECT_EQ(out.GetValue(0, 0).ToString(), "4950");
}

}  // namespace
}  // namespace cairn

// Tests for SortedRun on its own: sorting on one and several keys in every ASC/DESC × NULLS
// FIRST/LAST combination, strings with equal prefixes (around the 12-byte prefix kept in the
// normalized key, bytes above 0x7F), doubles with ties and -0.0, stability (ties keep insertion
// order), appends with a selection, a two-way merge through Compare, Truncate and
// SelectNotAfter — each compared with std::stable_sort over the same rows computed here; long
// strings survive repeated truncation (top-N compaction).
#include "execution/sorted_run.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {
namespace {

const char* const kStrings[] = {"abcdefghijkl",   // 12 bytes: inlined
                                "abcdefghijklm",  // 13 bytes: on the heap, same prefix
                                "abcdefghijk",    // a prefix of both
                                "abcdefghijkla",
                                "prefix shared by long strings 1",
                                "prefix shared by long strings 10",
                                "prefix shared by long strings 2",
                                "",
                                "\xc3\xa9t\xc3\xa9",  // bytes above 0x7F sort after ASCII
                                "z",
                                "Z"};
constexpr idx_t kStringCount = sizeof(kStrings) / sizeof(kStrings[0]);

// Row r: payload (BIGINT id = r), keys (INTEGER with NULLs, VARCHAR with NULLs). Few distinct
// key values, so there are many ties and stability is visible.
std::optional<int64_t> Key1(uint64_t r) {
  return r % 9 == 0 ? std::nullopt : std::optional<int64_t>(int64_t(r * 13 % 7) - 3);
}
std::optional<std::string> Key2(uint64_t r) {
  return r % 13 == 0 ? std::nullopt : std::optional<std::string>(kStrings[r * 5 % kStringCount]);
}

template <class T>
int CompareExpected(const std::optional<T>& a, const std::optional<T>& b, SortKeySpec spec) {
  if (!a || !b) {
    if (!a && !b) return 0;
    return !a == spec.nulls_first ? -1 : 1;
  }
  int c = *a < *b ? -1 : *b < *a ? 1 : 0;
  return spec.ascending ? c : -c;
}

// The ids `rows` (in insertion order) sorted by (Key1, Key2) with std::stable_sort.
std::vector<uint64_t> ExpectedOrder(std::vector<uint64_t> rows, const std::vector<SortKeySpec>& specs) {
  std::stable_sort(rows.begin(), rows.end(), [&](uint64_t a, uint64_t b) {
    int c = CompareExpected(Key1(a), Key1(b), specs[0]);
    if (c == 0 && specs.size() > 1) c = CompareExpected(Key2(a), Key2(b), specs[1]);
    return c < 0;
  });
  return rows;
}

// A run over (Key1) or (Key1, Key2) with payload id, holding rows `ids` in that order,
// appended in chunks of the given sizes (cycled).
SortedRun NewRun(std::vector<LogicalType> key_types, std::vector<SortKeySpec> specs) {
  return SortedRun(std::make_shared<const SortKeyEncoder>(std::move(key_types), std::move(specs)),
                   {TypeId::BIGINT});
}

SortedRun MakeRun(const std::vector<uint64_t>& ids, const std::vector<SortKeySpec>& specs,
                  const std::vector<idx_t>& chunk_sizes) {
  std::vector<LogicalType> key_types = {TypeId::INTEGER, TypeId::VARCHAR};
  key_types.resize(specs.size());
  SortedRun run = NewRun(key_types, specs);
  idx_t done = 0;
  for (idx_t k = 0; done < ids.size(); k++) {
    idx_t n = std::min<idx_t>(chunk_sizes[k % chunk_sizes.size()], ids.size() - done);
    DataChunk payload, keys;
    payload.Initialize({TypeId::BIGINT});
    keys.Initialize(key_types);
    for (idx_t i = 0; i < n; i++) {
      uint64_t r = ids[done + i];
      payload.data[0].SetValue(i, Value::BigInt(int64_t(r)));
      keys.data[0].SetValue(i, Key1(r) ? Value::Integer(int32_t(*Key1(r))) : Value::Null(TypeId::INTEGER));
      if (specs.size() > 1)
        keys.data[1].SetValue(i, Key2(r) ? Value::Varchar(*Key2(r)) : Value::Null(TypeId::VARCHAR));
    }
    payload.SetCardinality(n);
    keys.SetCardinality(n);
    run.Append(payload, keys, SelectionVector::Incremental(), n);
    done += n;
  }
  return run;
}

// The payload ids of the run's rows in position order (sorted order once sorted).
std::vector<uint64_t> PayloadIds(const SortedRun& run) {
  std::vector<uint64_t> result;
  std::vector<const SortedRun*> runs{&run};
  std::vector<RunRow> rows(kStandardVectorSize);
  DataChunk out;
  for (idx_t start = 0; start < run.Count(); start += kStandardVectorSize) {
    idx_t n = std::min<idx_t>(kStandardVectorSize, run.Count() - start);
    for (idx_t i = 0; i < n; i++) rows[i] = RunRow{0, uint32_t(start + i)};
    GatherPayload(runs, rows.data(), n, out);
    EXPECT_EQ(out.size(), n);
    for (idx_t i = 0; i < n; i++) result.push_back(uint64_t(out.GetValue(0, i).GetInt64()));
  }
  return result;
}

std::vector<uint64_t> Iota(uint64_t begin, uint64_t end) {
  std::vector<uint64_t> v;
  for (uint64_t i = begin; i < end; i++) v.push_back(i);
  return v;
}

std::vector<SortKeySpec> AllSpecs() {
  std::vector<SortKeySpec> specs;
  for (bool ascending : {true, false}) {
    for (bool nulls_first : {false, true}) specs.push_back({ascending, nulls_first});
  }
  return specs;
}

std::string Describe(const std::vector<SortKeySpec>& specs) {
  std::string s;
  for (auto& spec : specs)
    s += std::string(spec.ascending ? " ASC" : " DESC") + (spec.nulls_first ? " NULLS FIRST" : " NULLS LAST");
  return s;
}

TEST(SortedRunTest, OneKeyEveryDirectionAndNullOrderIsStable) {
  const auto ids = Iota(0, 5000);
  for (const auto& spec : AllSpecs()) {
    std::vector<SortKeySpec> specs{spec};
    SortedRun run = MakeRun(ids, specs, {1000, 37, 2048});
    ASSERT_EQ(run.Count(), ids.size());
    EXPECT_EQ(run.payload_types().size(), 1u);
    EXPECT_EQ(PayloadIds(run), ids);  // insertion order before sorting
    run.Sort();
    EXPECT_EQ(PayloadIds(run), ExpectedOrder(ids, specs)) << Describe(specs);
  }
}

TEST(SortedRunTest, TwoKeysEveryCombinationWithEqualStringPrefixes) {
  const auto ids = Iota(0, 4500);
  for (const auto& first : AllSpecs()) {
    for (const auto& second : AllSpecs()) {
      std::vector<SortKeySpec> specs{first, second};
      SortedRun run = MakeRun(ids, specs, {2048, 500});
      run.Sort();
      ASSERT_EQ(PayloadIds(run), ExpectedOrder(ids, specs)) << Describe(specs);
    }
  }
}

TEST(SortedRunTest, StringsOnlyByteOrder) {
  // Only the string key: every pair of kStrings is compared, in bytes (PostgreSQL's C collation).
  std::vector<uint64_t> ids = Iota(0, 200);
  SortedRun run = NewRun({TypeId::VARCHAR}, {SortKeySpec{}});
  DataChunk payload, keys;
  payload.Initialize({TypeId::BIGINT});
  keys.Initialize({TypeId::VARCHAR});
  for (idx_t i = 0; i < ids.size(); i++) {
    payload.data[0].SetValue(i, Value::BigInt(int64_t(i)));
    keys.data[0].SetValue(i, Key2(i) ? Value::Varchar(*Key2(i)) : Value::Null(TypeId::VARCHAR));
  }
  payload.SetCardinality(ids.size());
  keys.SetCardinality(ids.size());
  run.Append(payload, keys, SelectionVector::Incremental(), ids.size());
  run.Sort();
  std::vector<uint64_t> expected = ids;
  std::stable_sort(expected.begin(), expected.end(), [](uint64_t a, uint64_t b) {
    return CompareExpected(Key2(a), Key2(b), SortKeySpec{}) < 0;
  });
  auto got = PayloadIds(run);
  EXPECT_EQ(got, expected);
  // Spot checks that do not depend on the comparator above.
  std::vector<std::string> sorted;
  for (uint64_t id : got) {
    if (Key2(id)) sorted.push_back(*Key2(id));
  }
  auto position = [&](const std::string& s) {
    return std::find(sorted.begin(), sorted.end(), s) - sorted.begin();
  };
  for (const char* s : kStrings) ASSERT_LT(position(s), std::ptrdiff_t(sorted.size())) << "missing: " << s;
  EXPECT_LT(position("abcdefghijk"), position("abcdefghijkl"));
  EXPECT_LT(position("abcdefghijkl"), position("abcdefghijkla"));
  EXPECT_LT(position("abcdefghijkla"), position("abcdefghijklm"));
  EXPECT_LT(position("prefix shared by long strings 10"), position("prefix shared by long strings 2"));
  EXPECT_LT(position("Z"), position("z"));
  EXPECT_LT(position("z"), position("\xc3\xa9t\xc3\xa9"));
  EXPECT_EQ(position(""), 0);
}

TEST(SortedRunTest, DoubleKeyWithTiesAndNegativeZero) {
  const double values[] = {2.5, -1.0, 0.0, -0.0, 2.5, -1e300, 1e300, 0.0, -1.0, 3.25};
  const idx_t n = 3000;
  auto value_of = [&](uint64_t r) -> std::optional<double> {
    if (r % 8 == 0) return std::nullopt;
    return values[r * 7 % 10];
  };
  for (const auto& spec : AllSpecs()) {
    SortedRun run = NewRun({TypeId::DOUBLE}, {spec});
    DataChunk payload, keys;
    for (idx_t start = 0; start < n; start += 1500) {
      payload.Initialize({TypeId::BIGINT});
      keys.Initialize({TypeId::DOUBLE});
      for (idx_t i = 0; i < 1500; i++) {
        payload.data[0].SetValue(i, Value::BigInt(int64_t(start + i)));
        auto v = value_of(start + i);
        keys.data[0].SetValue(i, v ? Value::Double(*v) : Value::Null(TypeId::DOUBLE));
      }
      payload.SetCardinality(1500);
      keys.SetCardinality(1500);
      run.Append(payload, keys, SelectionVector::Incremental(), 1500);
    }
    run.Sort();
    std::vector<uint64_t> expected = Iota(0, n);
    std::stable_sort(expected.begin(), expected.end(), [&](uint64_t a, uint64_t b) {
      return CompareExpected(value_of(a), value_of(b), spec) < 0;
    });
    EXPECT_EQ(PayloadIds(run), expected) << Describe({spec});
  }
}

TEST(SortedRunTest, AppendWithSelectionKeepsSelectionOrder) {
  std::vector<SortKeySpec> specs{{false, true}, {true, false}};
  DataChunk payload, keys;
  payload.Initialize({TypeId::BIGINT});
  keys.Initialize({TypeId::INTEGER, TypeId::VARCHAR});
  for (idx_t i = 0; i < kStandardVectorSize; i++) {
    payload.data[0].SetValue(i, Value::BigInt(int64_t(i)));
    keys.data[0].SetValue(i, Key1(i) ? Value::Integer(int32_t(*Key1(i))) : Value::Null(TypeId::INTEGER));
    keys.data[1].SetValue(i, Key2(i) ? Value::Varchar(*Key2(i)) : Value::Null(TypeId::VARCHAR));
  }
  payload.SetCardinality(kStandardVectorSize);
  keys.SetCardinality(kStandardVectorSize);
  // Every third row, from the last to the first: ties must come out in this order.
  std::vector<uint64_t> picked;
  for (idx_t i = kStandardVectorSize; i-- > 0;) {
    if (i % 3 == 0) picked.push_back(i);
  }
  SelectionVector sel(picked.size());
  for (idx_t i = 0; i < picked.size(); i++) sel.set_index(i, picked[i]);
  SortedRun run = NewRun({TypeId::INTEGER, TypeId::VARCHAR}, specs);
  run.Append(payload, keys, sel, picked.size());
  ASSERT_EQ(run.Count(), picked.size());
  run.Sort();
  EXPECT_EQ(PayloadIds(run), ExpectedOrder(picked, specs));
}

TEST(SortedRunTest, MergeThroughCompare) {
  std::vector<SortKeySpec> specs{{true, true}, {false, false}};
  const auto a_ids = Iota(0, 3000), b_ids = Iota(3000, 5500);
  SortedRun a = MakeRun(a_ids, specs, {2048});
  SortedRun b = MakeRun(b_ids, specs, {700});
  a.Sort();
  b.Sort();
  const auto all = Iota(0, 5500);
  const auto expected = ExpectedOrder(all, specs);

  // Two-way merge of the sorted runs by position, taking `a` on ties (it holds the earlier rows).
  const auto a_sorted = PayloadIds(a), b_sorted = PayloadIds(b);
  std::vector<uint64_t> merged_ids;
  idx_t i = 0, j = 0;
  while (i < a.Count() || j < b.Count()) {
    bool take_a = j == b.Count() || (i < a.Count() && a.Compare(i, b, j) <= 0);
    if (take_a) {
      merged_ids.push_back(a_sorted[i++]);
    } else {
      merged_ids.push_back(b_sorted[j++]);
    }
  }
  EXPECT_EQ(merged_ids, expected);
  // Compare is antisymmetric and 0 exactly on equal keys.
  for (idx_t x = 0; x < 200; x++) {
    idx_t y = (x * 37) % b.Count();
    EXPECT_EQ(a.Compare(x, b, y), -b.Compare(y, a, x));
  }
}

TEST(SortedRunTest, TruncateKeepsTheFirstRowsSorted) {
  std::vector<SortKeySpec> specs{{false, false}, {true, true}};
  const auto ids = Iota(0, 6000);
  const auto expected = ExpectedOrder(ids, specs);
  for (idx_t n : {idx_t(0), idx_t(1), idx_t(100), kStandardVectorSize + 3, idx_t(6000), idx_t(7000)}) {
    SortedRun run = MakeRun(ids, specs, {2048});
    run.Sort();
    run.Truncate(n);
    idx_t kept = std::min<idx_t>(n, ids.size());
    ASSERT_EQ(run.Count(), kept);
    ASSERT_TRUE(run.sorted());
    EXPECT_EQ(PayloadIds(run), std::vector<uint64_t>(expected.begin(), expected.begin() + kept)) << n;
    // Still usable as a sorted run: compare keys of consecutive rows.
    for (idx_t i = 1; i < kept; i++) ASSERT_LE(run.Compare(i - 1, run, i), 0);
  }
}

TEST(SortedRunTest, SelectNotAfterFiltersOnTheFirstKey) {
  for (const auto& spec : AllSpecs()) {
    std::vector<SortKeySpec> specs{spec, SortKeySpec{}};
    const auto ids = Iota(0, 500);
    SortedRun run = MakeRun(ids, specs, {500});
    run.Sort();
    // Boundaries: first, middle and last of the sorted order (NULL among them for some specs).
    for (idx_t position : {idx_t(0), idx_t(250), idx_t(499)}) {
      uint64_t boundary_id = PayloadIds(run)[position];
      Vector key(TypeId::INTEGER);
      const idx_t n = 300;
      for (idx_t i = 0; i < n; i++) {
        uint64_t r = 1000 + i;
        key.SetValue(i, Key1(r) ? Value::Integer(int32_t(*Key1(r))) : Value::Null(TypeId::INTEGER));
      }
      SelectionVector sel(n);
      idx_t count = run.SelectNotAfter(key, n, position, sel);
      std::vector<idx_t> got, expected;
      for (idx_t i = 0; i < count; i++) got.push_back(sel.get_index(i));
      for (idx_t i = 0; i < n; i++) {
        if (CompareExpected(Key1(1000 + i), Key1(boundary_id), spec) <= 0) expected.push_back(i);
      }
      EXPECT_EQ(got, expected) << Describe(specs) << " boundary position " << position;
    }
  }
}

TEST(SortedRunTest, TruncateKeepsLongStringsOfKeptRows) {
  // Payload (VARCHAR stored, VARCHAR read back from its key) and key VARCHAR, all longer than
  // the key prefix: after repeated truncation the kept rows' strings live in the run's new heap.
  auto encoder = std::make_shared<const SortKeyEncoder>(std::vector<LogicalType>{TypeId::VARCHAR},
                                                        std::vector<SortKeySpec>{SortKeySpec{false, true}});
  SortedRun run(encoder, {TypeId::VARCHAR, TypeId::VARCHAR}, "TOP_N", {SortedRun::kNotAKey, 0});
  auto text = [](idx_t i) {
    return "a string longer than any key prefix #" + std::to_string(i * 7919 % 1000);
  };
  std::vector<std::string> all;
  for (idx_t round = 0; round < 5; round++) {
    DataChunk payload, keys;
    payload.Initialize({TypeId::VARCHAR, TypeId::VARCHAR});
    keys.Initialize({TypeId::VARCHAR});
    for (idx_t i = 0; i < 1000; i++) {
      const std::string s = text(round * 1000 + i);
      payload.data[0].SetValue(i, Value::Varchar("payload " + s));
      payload.data[1].SetValue(i, Value::Varchar(s));
      keys.data[0].SetValue(i, Value::Varchar(s));
      all.push_back(s);
    }
    payload.SetCardinality(1000);
    keys.SetCardinality(1000);
    run.Append(payload, keys, SelectionVector::Incremental(), 1000);
    run.Sort();
    run.Truncate(300);
  }
  std::sort(all.begin(), all.end(), std::greater<>());
  std::vector<const SortedRun*> runs{&run};
  std::vector<RunRow> rows;
  for (uint32_t i = 0; i < 300; i++) rows.push_back(RunRow{0, i});
  DataChunk out;
  GatherPayload(runs, rows.data(), rows.size(), out);
  for (idx_t i = 0; i < 300; i++) {
    ASSERT_EQ(out.GetValue(1, i).GetString(), all[i]) << i;
    ASSERT_EQ(out.GetValue(0, i).GetString(), "payload " + all[i]) << i;
  }
}

TEST(SortedRunTest, SelectNotAfterOnWideAndStringKeys) {
  // First keys of 14 bytes (short VARCHAR: compared as one 128-bit integer) and 17 bytes
  // (HUGEINT: compared byte-wise), in every direction and NULL placement.
  std::mt19937_64 rng(9);
  for (const auto& spec : AllSpecs()) {
    for (bool strings : {true, false}) {
      const LogicalType type = strings ? LogicalType(TypeId::VARCHAR) : LogicalType(TypeId::HUGEINT);
      auto value = [&](uint64_t r) {
        if (r % 7 == 0) return Value::Null(type);
        if (strings) return Value::Varchar(std::string(r % 5, char('a' + r % 3)));
        return Value::HugeInt((hugeint_t(int64_t(r % 11) - 5) << 70) + hugeint_t(r % 3));
      };
      auto encoder = std::make_shared<const SortKeyEncoder>(std::vector<LogicalType>{type},
                                                            std::vector<SortKeySpec>{spec});
      SortedRun run(encoder, {TypeId::BIGINT});
      DataChunk payload, keys;
      payload.Initialize({TypeId::BIGINT});
      keys.Initialize({type});
      for (idx_t i = 0; i < 400; i++) {
        payload.data[0].SetValue(i, Value::BigInt(int64_t(i)));
        keys.data[0].SetValue(i, value(i));
      }
      payload.SetCardinality(400);
      keys.SetCardinality(400);
      run.Append(payload, keys, SelectionVector::Incremental(), 400);
      run.Sort();
      const auto sorted_ids = PayloadIds(run);
      for (idx_t position : {idx_t(0), idx_t(123), idx_t(399)}) {
        const uint64_t boundary_id = sorted_ids[position];
        Vector probe(type);
        std::vector<uint64_t> probe_rows;
        for (idx_t i = 0; i < 300; i++) {
          probe_rows.push_back(rng() % 1000);
          probe.SetValue(i, value(probe_rows.back()));
        }
        SelectionVector sel(300);
        const idx_t count = run.SelectNotAfter(probe, 300, position, sel);
        std::vector<idx_t> got, expected;
        for (idx_t i = 0; i < count; i++) got.push_back(sel.get_index(i));
        auto compare = [&](const Value& a, const Value& b) {
          if (a.IsNull() || b.IsNull()) {
            if (a.IsNull() && b.IsNull()) return 0;
            return a.IsNull() == spec.nulls_first ? -1 : 1;
          }
          int c = strings ? a.GetString().compare(b.GetString())
                          : (a.GetInt128() < b.GetInt128() ? -1 : (b.GetInt128() < a.GetInt128() ? 1 : 0));
          c = c < 0 ? -1 : (c > 0 ? 1 : 0);
          return spec.ascending ? c : -c;
        };
        for (idx_t i = 0; i < 300; i++) {
          if (compare(value(probe_rows[i]), value(boundary_id)) <= 0) expected.push_back(i);
        }
        EXPECT_EQ(got, expected) << type.ToString() << Describe({spec}) << " position " << position;
      }
    }
  }
}

}  // namespace
}  // namespace cairn

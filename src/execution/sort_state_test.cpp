// Tests for SortState's parallel merge: many runs, skewed run sizes, all-equal keys, empty
// runs, long strings with equal prefixes, merge tasks of a few rows each run concurrently on
// threads, output windows (top-N's OFFSET/LIMIT) — each compared with std::stable_sort of all
// rows in (run, insertion) order, which is the order the merge promises (ties: lower run
// first). Also payload columns read back from their key (ORDER BY a column) against stored ones.
#include "execution/sort_state.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "cairn/data_chunk.h"

namespace cairn {
namespace {

// A row of the test: the key (INTEGER with NULLs, VARCHAR with long shared prefixes), its id.
struct Row {
  std::optional<int32_t> number;
  std::optional<std::string> text;
  int64_t id;
};

int CompareRows(const Row& a, const Row& b, const std::vector<SortKeySpec>& specs) {
  auto compare = [](const auto& x, const auto& y, SortKeySpec spec) {
    if (!x || !y) {
      if (!x && !y) return 0;
      return !x == spec.nulls_first ? -1 : 1;
    }
    int c = *x < *y ? -1 : (*y < *x ? 1 : 0);
    return spec.ascending ? c : -c;
  };
  int c = compare(a.number, b.number, specs[0]);
  if (c == 0) c = compare(a.text, b.text, specs[1]);
  return c;
}

class SortStateTest : public ::testing::Test {
 protected:
  const std::vector<LogicalType> key_types_ = {TypeId::INTEGER, TypeId::VARCHAR};
  // Payload: the id, then the two key columns themselves (as ORDER BY a column keeps them).
  const std::vector<LogicalType> payload_types_ = {TypeId::BIGINT, TypeId::INTEGER, TypeId::VARCHAR};

  // Appends `rows` to a run in chunks of up to 700 rows.
  static void Fill(SortedRun& run, const std::vector<Row>& rows) {
    for (idx_t start = 0; start < rows.size(); start += 700) {
      const idx_t n = std::min<idx_t>(700, rows.size() - start);
      DataChunk payload, keys;
      payload.Initialize({TypeId::BIGINT, TypeId::INTEGER, TypeId::VARCHAR});
      keys.Initialize({TypeId::INTEGER, TypeId::VARCHAR});
      for (idx_t i = 0; i < n; i++) {
        const Row& row = rows[start + i];
        Value number = row.number ? Value::Integer(*row.number) : Value::Null(TypeId::INTEGER);
        Value text = row.text ? Value::Varchar(*row.text) : Value::Null(TypeId::VARCHAR);
        payload.data[0].SetValue(i, Value::BigInt(row.id));
        payload.data[1].SetValue(i, number);
        payload.data[2].SetValue(i, text);
        keys.data[0].SetValue(i, number);
        keys.data[1].SetValue(i, text);
      }
      payload.SetCardinality(n);
      keys.SetCardinality(n);
      run.Append(payload, keys, SelectionVector::Incremental(), n);
    }
  }

  // Sorts `runs` through a SortState (tasks of `task_rows` rows, run on `threads` threads) and
  // checks the output window [begin, end) against the reference order.
  void Check(const std::vector<std::vector<Row>>& runs, const std::vector<SortKeySpec>& specs,
             idx_t task_rows, idx_t begin = 0, idx_t end = ~idx_t(0), bool keys_as_payload = true) {
    auto encoder = std::make_shared<const SortKeyEncoder>(key_types_, specs);
    std::vector<idx_t> payload_keys;
    if (keys_as_payload) payload_keys = {SortedRun::kNotAKey, 0, 1};
    SortState state(encoder, payload_types_, "ORDER_BY", payload_keys, task_rows);
    std::vector<Row> all;
    for (const auto& rows : runs) {
      auto run = state.MakeRun();
      Fill(*run, rows);
      state.AddRun(std::move(run));
      all.insert(all.end(), rows.begin(), rows.end());
    }
    std::stable_sort(all.begin(), all.end(),
                     [&](const Row& a, const Row& b) { return CompareRows(a, b, specs) < 0; });
    end = std::min<idx_t>(end, all.size());
    begin = std::min(begin, end);

    const idx_t tasks = state.PlanMerge(begin, end);
    // Run the tasks on 3 threads, each taking every third task.
    std::vector<std::thread> threads;
    for (idx_t t = 0; t < 3; t++) {
      threads.emplace_back([&, t] {
        for (idx_t task = t; task < tasks; task += 3) state.ExecuteMergeTask(task);
      });
    }
    for (auto& thread : threads) thread.join();
    state.FinishMerge();

    std::vector<Row> got;
    DataChunk out;
    out.Initialize(payload_types_);
    while (state.NextChunk(out)) {
      ASSERT_LE(out.size(), kStandardVectorSize);
      ASSERT_GT(out.size(), 0u);
      for (idx_t i = 0; i < out.size(); i++) {
        Row row;
        row.id = out.GetValue(0, i).GetInt64();
        Value number = out.GetValue(1, i), text = out.GetValue(2, i);
        if (!number.IsNull()) row.number = int32_t(number.GetInt64());
        if (!text.IsNull()) row.text = text.GetString();
        got.push_back(row);
      }
    }
    ASSERT_EQ(got.size(), end - begin);
    for (idx_t i = 0; i < got.size(); i++) {
      const Row& expected = all[begin + i];
      ASSERT_EQ(got[i].id, expected.id) << "rank " << begin + i;
      ASSERT_EQ(got[i].number, expected.number) << "rank " << begin + i;
      ASSERT_EQ(got[i].text, expected.text) << "rank " << begin + i;
    }
  }

  // `count` rows with ids from `first_id`: few distinct numbers, strings sharing 30 bytes.
  static std::vector<Row> RandomRows(idx_t count, int64_t first_id, std::mt19937_64& rng, int distinct = 7) {
    const std::string prefix = "a long prefix shared by many r";  // 30 bytes
    std::vector<Row> rows;
    for (idx_t i = 0; i < count; i++) {
      Row row;
      row.id = first_id + int64_t(i);
      if (rng() % 11) row.number = int32_t(rng() % distinct) - distinct / 2;
      switch (rng() % 5) {
        case 0:
          break;  // NULL
        case 1:
          row.text = std::string(rng() % 3, 'b');
          break;
        default:
          row.text = prefix + std::string(1, char('a' + rng() % 3)) + std::to_string(rng() % 4);
          break;
      }
      rows.push_back(row);
    }
    return rows;
  }
};

std::vector<SortKeySpec> Specs(int variant) {
  return {SortKeySpec{variant % 2 == 0, variant / 2 % 2 == 0},
          SortKeySpec{variant / 4 % 2 == 0, variant % 3 == 0}};
}

TEST_F(SortStateTest, ManyRunsManySmallTasks) {
  std::mt19937_64 rng(1);
  std::vector<std::vector<Row>> runs;
  int64_t id = 0;
  for (int r = 0; r < 9; r++) {
    runs.push_back(RandomRows(1500 + rng() % 1000, id, rng));
    id += int64_t(runs.back().size());
  }
  for (int variant = 0; variant < 8; variant++) Check(runs, Specs(variant), 257);
}

TEST_F(SortStateTest, TwoRunsSkewedAndEmpty) {
  std::mt19937_64 rng(2);
  std::vector<std::vector<Row>> runs = {
      RandomRows(5, 0, rng), RandomRows(12000, 5, rng), {}, RandomRows(1, 12005, rng)};
  for (int variant = 0; variant < 8; variant++) Check(runs, Specs(variant), 1000);
  Check({RandomRows(9000, 0, rng), RandomRows(3, 9000, rng)}, Specs(0), 100);
}

TEST_F(SortStateTest, AllEqualKeysKeepRunThenInsertionOrder) {
  std::vector<std::vector<Row>> runs;
  for (int r = 0; r < 4; r++) {
    std::vector<Row> rows;
    for (int i = 0; i < 3000; i++) rows.push_back(Row{42, std::string(50, 'q'), r * 3000 + i});
    runs.push_back(rows);
  }
  Check(runs, Specs(0), 500);
  Check(runs, Specs(5), 7);  // a task per few rows: every cut lands among equal keys
}

TEST_F(SortStateTest, OneRunAndNoRuns) {
  std::mt19937_64 rng(3);
  Check({RandomRows(5000, 0, rng)}, Specs(1), 100);
  Check({}, Specs(0), 100);
  Check({{}, {}}, Specs(0), 100);
}

TEST_F(SortStateTest, OutputWindows) {
  std::mt19937_64 rng(4);
  std::vector<std::vector<Row>> runs = {RandomRows(3000, 0, rng), RandomRows(2500, 3000, rng),
                                        RandomRows(4000, 5500, rng)};
  for (auto [begin, end] : std::vector<std::pair<idx_t, idx_t>>{
           {0, 10}, {0, 1}, {7, 8}, {100, 2500}, {9000, 20000}, {9499, 9500}, {9500, 9600}, {3, 3}}) {
    Check(runs, Specs(3), 300, begin, end);
    Check(runs, Specs(6), 1 << 20, begin, end);  // one task
  }
}

TEST_F(SortStateTest, StoredPayloadEqualsPayloadReadFromKeys) {
  std::mt19937_64 rng(5);
  std::vector<std::vector<Row>> runs = {RandomRows(4000, 0, rng, 1000), RandomRows(3000, 4000, rng, 1000)};
  for (int variant = 0; variant < 8; variant++) {
    Check(runs, Specs(variant), 600, 0, ~idx_t(0), /*keys_as_payload=*/false);
    Check(runs, Specs(variant), 600, 0, ~idx_t(0), /*keys_as_payload=*/true);
  }
}

}  // namespace
}  // namespace cairn

// cairn_crash_harness: the writer and the checker of the crash test (test/crash/run.mjs).
//
//   cairn_crash_harness writer DIR SEED   commit numbered transactions until killed, printing
//                                         each number once its COMMIT returned (acknowledged)
//   cairn_crash_harness check DIR ACKED   reopen DIR (recovery), verify every invariant below,
//                                         print "ok <transactions> <rows>" or the violation
//
// Each transaction t (BEGIN ... COMMIT) inserts rows (t, 1), (t, 2), (t, 3) into `ledger`, adds
// 1 to counter.n, and when t % 7 == 0 deletes row (t - 3, 2). The checker requires, after any
// crash: every acknowledged transaction is present; at most one more (committed, killed before
// its acknowledgement was printed); no transaction is partly present (parts 1 and 3 together,
// counter.n equal to the number of transactions, part 2 gone exactly when its deleter is
// present). Exit status: 0 ok, 1 violation, 2 usage or open error.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <string>

#include "cairn/cairn.h"

namespace {

int64_t Scalar(cairn::Connection& connection, const std::string& sql) {
  auto result = connection.query(sql);
  if (result->has_error() || !result->Materialize() || result->RowCount() != 1) {
    throw std::runtime_error(sql + ": " + (result->has_error() ? result->error_message() : "no single row"));
  }
  cairn::Value value = result->GetValue(0, 0);
  return value.IsNull() ? 0 : value.GetInt64();
}

void Run(cairn::Connection& connection, const std::string& sql) {
  auto result = connection.query(sql);
  if (!result->has_error()) result->Materialize();
  if (result->has_error()) throw std::runtime_error(sql + ": " + result->error_message());
}

int Writer(const std::string& dir, unsigned seed) {
  std::mt19937 random(seed);
  cairn::DatabaseOptions options;
  options.writable = true;
  // Some runs checkpoint often in the background, some only at close (never reached).
  const int intervals[] = {0, 20, 150, 1000};
  options.flush_interval = std::chrono::milliseconds(intervals[random() % 4]);
  options.compression = (random() % 2) ? "zstd" : "snappy";
  cairn::Database database(dir, options);
  cairn::Connection connection(database);
  Run(connection, "CREATE TABLE IF NOT EXISTS ledger (txn BIGINT, part INT, payload TEXT NOT NULL, PRIMARY KEY (txn, part))");
  Run(connection, "CREATE TABLE IF NOT EXISTS counter (id INT PRIMARY KEY, n BIGINT NOT NULL)");
  Run(connection, "INSERT INTO counter VALUES (1, 0) ON CONFLICT DO NOTHING");
  int64_t t = Scalar(connection, "SELECT coalesce(max(txn), 0) FROM ledger") + 1;
  std::uniform_int_distribution<int> length(0, 3000);
  for (;; t++) {
    std::string payload(static_cast<size_t>(length(random)), static_cast<char>('a' + t % 26));
    std::string sql = "BEGIN; INSERT INTO ledger VALUES (" + std::to_string(t) + ", 1, '" + payload + "'), (" +
                      std::to_string(t) + ", 2, 'two'), (" + std::to_string(t) + ", 3, '" + payload.substr(0, 10) +
                      "'); UPDATE counter SET n = n + 1 WHERE id = 1;";
    if (t % 7 == 0) sql += " DELETE FROM ledger WHERE txn = " + std::to_string(t - 3) + " AND part = 2;";
    sql += " COMMIT";
    Run(connection, sql);
    std::printf("%lld\n", static_cast<long long>(t));
    std::fflush(stdout);
  }
}

int Check(const std::string& dir, int64_t acked) {
  cairn::DatabaseOptions options;
  options.writable = true;  // recovery as a writer would do it (torn tail cut, orphans removed)
  options.flush_interval = std::chrono::milliseconds(0);
  cairn::Database database(dir, options);
  cairn::Connection connection(database);
  auto result = connection.query("SELECT txn, part FROM ledger");
  if (result->has_error() || !result->Materialize()) {
    std::cout << "violation: cannot read ledger: " << result->error_message() << "\n";
    return 1;
  }
  std::map<int64_t, std::set<int64_t>> parts;
  for (cairn::idx_t row = 0; row < result->RowCount(); row++) {
    parts[result->GetValue(0, row).GetInt64()].insert(result->GetValue(1, row).GetInt64());
  }
  const int64_t counter = Scalar(connection, "SELECT coalesce(max(n), 0) FROM counter");
  int64_t max_txn = parts.empty() ? 0 : parts.rbegin()->first;
  auto fail = [](const std::string& message) {
    std::cout << "violation: " << message << "\n";
    return 1;
  };
  if (static_cast<int64_t>(parts.size()) != max_txn) return fail("transactions are missing below the last one");
  if (max_txn < acked) return fail("acknowledged transaction " + std::to_string(acked) + " is lost (last " + std::to_string(max_txn) + ")");
  if (max_txn > acked + 1) return fail("more than one unacknowledged transaction is present");
  if (counter != max_txn) return fail("counter.n " + std::to_string(counter) + " != transactions " + std::to_string(max_txn));
  int64_t rows = 0;
  for (const auto& [t, p] : parts) {
    if (!p.count(1) || !p.count(3)) return fail("transaction " + std::to_string(t) + " is partly present");
    bool deleter_present = (t + 3) % 7 == 0 && parts.count(t + 3);
    if (p.count(2) == deleter_present) return fail("row (" + std::to_string(t) + ", 2) wrong after deletes");
    rows += static_cast<int64_t>(p.size());
  }
  const int64_t counted = Scalar(connection, "SELECT count(*) FROM ledger");
  if (counted != rows) return fail("count(*) disagrees with the rows read");
  std::cout << "ok " << max_txn << " " << rows << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: cairn_crash_harness writer DIR SEED | check DIR ACKED\n";
    return 2;
  }
  std::string mode = argv[1];
  try {
    if (mode == "writer") return Writer(argv[2], static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)));
    if (mode == "check") return Check(argv[2], std::strtoll(argv[3], nullptr, 10));
  } catch (const std::exception& e) {
    std::cerr << "cairn_crash_harness " << mode << ": " << e.what() << "\n";
    return mode == "check" ? 1 : 2;
  }
  std::cerr << "unknown mode " << mode << "\n";
  return 2;
}

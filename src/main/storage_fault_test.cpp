// Fault-injection tests of writable-table durability: the WAL, commits, checkpoints and
// recovery, run through a Database on a FaultInjectingFileSystem over an InMemoryFileSystem.
//
// The sweeps run a scripted workload (CREATE TABLE, autocommit INSERT/UPDATE/DELETE, a
// BEGIN ... COMMIT block, CHECKPOINTs, ALTER/DROP/TRUNCATE) while exactly one file system call
// fails — every call of every kind in turn, and short writes — recording which statements were
// acknowledged. Then the machine "crashes" (InMemoryFileSystem::SimulateCrash keeps only what
// was synced) and the directory is reopened without faults: every acknowledged change must be
// there, nothing unacknowledged, and the rows must be exactly what a model of the acknowledged
// statements says. While the workload runs, every read must show the model too, and once a WAL
// write or fsync failed every later write must be refused with 58030 ("no longer accepts
// writes"). Further sweeps fail each call of a CHECKPOINT (plain, and one that compacts small
// files); single tests cover recovery edge cases (a crash between the catalog write and the WAL
// reset, torn and corrupt WAL records, orphan files), a read-only open, and group commit.
//
// A failed fsync of a file a checkpoint writes (a Parquet file, catalog.json's temporary) fails
// the CHECKPOINT but does not stop writes: those files are new, not yet listed by the catalog,
// and every change they hold is still in the synced WAL, so nothing acknowledged depends on
// them; the next checkpoint writes new files (names are never reused).
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "cairn/cairn.h"
#include "io/fault_injecting_file_system.h"
#include "io/in_memory_file_system.h"
#include "storage/write_ahead_log.h"

namespace cairn {
namespace {

using namespace std::chrono_literals;

constexpr const char* kDataDir = "/db";
constexpr const char* kWalPath = "/db/.wal";
constexpr const char* kStopped = "no longer accepts writes";

const std::vector<FileOperation> kAllOperations = {FileOperation::kOpenForWrite, FileOperation::kAppend,
                                                   FileOperation::kSync,         FileOperation::kSyncDirectory,
                                                   FileOperation::kRename,       FileOperation::kRemoveFile};

/// A table's rows: first column (an integer key) -> the other columns joined by "|" (NULL as
/// "NULL").
using Rows = std::map<int64_t, std::string>;

/// What the acknowledged statements say the database holds: table name -> rows.
struct Model {
  std::map<std::string, Rows> tables;
  std::map<std::string, idx_t> columns;  // table name -> its number of columns
};

/// One statement of a workload and its effect on the model once acknowledged.
struct Step {
  std::string sql;
  std::function<void(Model&)> apply;  // null: no effect on the rows (BEGIN, COMMIT, CHECKPOINT)
  /// Columns the statement's table must have (0: any); with fewer (an ALTER TABLE ADD COLUMN
  /// was not acknowledged) it fails with 42601.
  idx_t needs_columns = 0;
};

DatabaseOptions Options(std::shared_ptr<FileSystem> fs, bool writable) {
  DatabaseOptions options;
  options.file_system = std::move(fs);
  options.writable = writable;
  options.flush_interval = 0ms;
  options.threads = 1;
  return options;
}

/// The rows of `table` as `connection` reads them; nullopt with `error` set when the query fails
/// or returns a key twice.
std::optional<Rows> ReadRows(Connection& connection, const std::string& table, std::string* error) {
  auto result = connection.query("SELECT * FROM " + table + " ORDER BY 1");
  Rows rows;
  while (auto chunk = result->fetch()) {
    for (idx_t row = 0; row < chunk->size(); row++) {
      std::string rest;
      for (idx_t column = 1; column < chunk->ColumnCount(); column++) {
        Value value = chunk->GetValue(column, row);
        rest += (column > 1 ? "|" : "") + (value.IsNull() ? std::string("NULL") : value.ToString());
      }
      const int64_t key = std::stoll(chunk->GetValue(0, row).ToString());
      if (!rows.emplace(key, rest).second) {
        *error = table + ": key " + std::to_string(key) + " appears twice";
        return std::nullopt;
      }
    }
  }
  if (result->has_error()) {
    *error = table + ": " + result->error().sqlstate() + " " + result->error_message();
    return std::nullopt;
  }
  return rows;
}

/// "" when equal, else the first few differences.
std::string DescribeDifference(const Rows& expected, const Rows& actual) {
  std::string out;
  int shown = 0;
  auto note = [&](const std::string& text) {
    if (shown++ < 6) out += text + "; ";
  };
  for (const auto& [key, value] : expected) {
    auto found = actual.find(key);
    if (found == actual.end()) {
      note("missing key " + std::to_string(key) + " (" + value + ")");
    } else if (found->second != value) {
      note("key " + std::to_string(key) + ": expected " + value + ", found " + found->second);
    }
  }
  for (const auto& [key, value] : actual) {
    if (!expected.count(key)) note("unexpected key " + std::to_string(key) + " (" + value + ")");
  }
  if (shown > 6) out += std::to_string(shown - 6) + " more differences";
  return out;
}

/// Checks that `connection` reads exactly the tables and rows of `model` among `tables`.
void ExpectModel(Connection& connection, const Model& model, const std::vector<std::string>& tables,
                 const std::string& when) {
  for (const auto& table : tables) {
    std::string error;
    auto rows = ReadRows(connection, table, &error);
    auto expected = model.tables.find(table);
    if (expected == model.tables.end()) {
      EXPECT_FALSE(rows.has_value()) << when << ": table " << table
                                     << " exists though its CREATE TABLE was not acknowledged";
      if (!rows) {
        EXPECT_NE(error.find("42P01"), std::string::npos) << when << ": " << error;
      }
      continue;
    }
    if (!rows) {
      ADD_FAILURE() << when << ": reading " << table << " failed: " << error;
      continue;
    }
    std::string difference = DescribeDifference(expected->second, *rows);
    EXPECT_EQ(difference, "") << when << ": table " << table << " (" << rows->size() << " rows, model "
                              << expected->second.size() << ")";
  }
}

/// Checks that the files the catalog lists for `table` (system.files) hold exactly its rows, read
/// back with read_parquet through the same database.
void ExpectFilesHoldRows(Connection& connection, const std::string& table, const Rows& expected,
                         const std::string& when) {
  auto files = connection.query("SELECT path, row_count FROM system.files WHERE table_name = '" + table + "'");
  ASSERT_TRUE(files->Materialize()) << when << ": " << files->error_message();
  Rows from_files;
  idx_t listed_rows = 0;
  for (idx_t i = 0; i < files->RowCount(); i++) {
    const std::string path = files->GetValue(0, i).ToString();
    listed_rows += std::stoull(files->GetValue(1, i).ToString());
    std::string error;
    auto rows = ReadRows(connection, "read_parquet('" + path + "')", &error);
    ASSERT_TRUE(rows.has_value()) << when << ": " << error;
    for (const auto& [key, value] : *rows) {
      EXPECT_TRUE(from_files.emplace(key, value).second) << when << ": key " << key << " is in two files";
    }
  }
  EXPECT_EQ(listed_rows, expected.size()) << when << ": system.files row counts of " << table;
  EXPECT_EQ(DescribeDifference(expected, from_files), "") << when << ": the files of " << table;
}

/// Checks that the table directories hold exactly the files the catalog lists (system.files):
/// what a writable open and a checkpoint leave behind.
void ExpectOnlyListedFiles(FileSystem& fs, Connection& connection, const std::string& when) {
  auto files = connection.query("SELECT path FROM system.files");
  ASSERT_TRUE(files->Materialize()) << when << ": " << files->error_message();
  std::set<std::string> listed;
  for (idx_t i = 0; i < files->RowCount(); i++) listed.insert(files->GetValue(0, i).ToString());
  std::set<std::string> present;
  const std::string tables = std::string(kDataDir) + "/tables";
  if (fs.IsDirectory(tables)) {
    for (const auto& path : fs.ListFilesRecursive(tables)) present.insert(path);
  }
  EXPECT_EQ(present, listed) << when << ": files in the table directories versus files the catalog lists";
}

/// The workload of the sweeps. Tables t (a primary key, a text column), u (a key column, then
/// a second one added by ALTER TABLE, emptied by TRUNCATE) and d (created, written, dropped).
std::vector<Step> Workload() {
  auto set_where = [](std::function<bool(int64_t)> which, std::function<std::string(const std::string&)> to) {
    return [which, to](Model& m) {
      for (auto& [key, value] : m.tables.at("t")) {
        if (which(key)) value = to(value);
      }
    };
  };
  auto erase_where = [](std::string table, std::function<bool(int64_t)> which) {
    return [table, which](Model& m) {
      std::erase_if(m.tables.at(table), [&](const auto& item) { return which(item.first); });
    };
  };
  std::vector<Step> steps;
  steps.push_back({"CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR)", [](Model& m) {
                     m.tables["t"];
                     m.columns["t"] = 2;
                   }});
  steps.push_back({"INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, 'three')", [](Model& m) {
                     m.tables.at("t").insert({{1, "one"}, {2, "two"}, {3, "three"}});
                   }});
  steps.push_back({"INSERT INTO t SELECT i, 'row ' || i FROM generate_series(10, 400) AS s(i)", [](Model& m) {
                     for (int64_t i = 10; i <= 400; i++) m.tables.at("t")[i] = "row " + std::to_string(i);
                   }});
  steps.push_back({"UPDATE t SET v = 'TWO' WHERE id = 2", set_where([](int64_t k) { return k == 2; },
                                                                    [](const std::string&) { return "TWO"; })});
  steps.push_back({"DELETE FROM t WHERE id = 3 OR id BETWEEN 100 AND 149",
                   erase_where("t", [](int64_t k) { return k == 3 || (k >= 100 && k <= 149); })});
  steps.push_back({"CHECKPOINT", nullptr});
  steps.push_back({"INSERT INTO t VALUES (4, 'four')", [](Model& m) { m.tables.at("t")[4] = "four"; }});
  steps.push_back({"UPDATE t SET v = NULL WHERE id % 10 = 0", set_where([](int64_t k) { return k % 10 == 0; },
                                                                        [](const std::string&) { return "NULL"; })});
  steps.push_back({"BEGIN", nullptr});
  steps.push_back({"INSERT INTO t VALUES (5, 'five'), (6, 'six')", [](Model& m) {
                     m.tables.at("t").insert({{5, "five"}, {6, "six"}});
                   }});
  steps.push_back({"UPDATE t SET id = id + 1000 WHERE id BETWEEN 10 AND 19", [](Model& m) {
                     Rows& t = m.tables.at("t");
                     Rows moved;
                     for (int64_t k = 10; k <= 19; k++) {
                       if (t.count(k)) moved[k + 1000] = t[k];
                       t.erase(k);
                     }
                     t.insert(moved.begin(), moved.end());
                   }});
  steps.push_back({"DELETE FROM t WHERE id = 1", erase_where("t", [](int64_t k) { return k == 1; })});
  steps.push_back({"COMMIT", nullptr});
  steps.push_back({"CREATE TABLE u (k INTEGER PRIMARY KEY)", [](Model& m) {
                     m.tables["u"];
                     m.columns["u"] = 1;
                   }});
  steps.push_back({"INSERT INTO u VALUES (1), (2)", [](Model& m) { m.tables.at("u").insert({{1, ""}, {2, ""}}); }});
  steps.push_back({"DELETE FROM t WHERE id > 300 AND id < 1000", erase_where("t", [](int64_t k) {
                     return k > 300 && k < 1000;
                   })});
  steps.push_back({"CHECKPOINT", nullptr});
  steps.push_back({"INSERT INTO t VALUES (7, 'seven')", [](Model& m) { m.tables.at("t")[7] = "seven"; }});
  steps.push_back({"UPDATE t SET v = v || '!' WHERE id < 10", set_where([](int64_t k) { return k < 10; },
                                                                        [](const std::string& v) {
                                                                          return v == "NULL" ? v : v + "!";
                                                                        })});
  steps.push_back({"INSERT INTO u VALUES (3)", [](Model& m) { m.tables.at("u")[3] = ""; }});
  steps.push_back({"ALTER TABLE u ADD COLUMN w INTEGER DEFAULT 7", [](Model& m) {
                     for (auto& [key, value] : m.tables.at("u")) value = "7";
                     m.columns["u"] = 2;
                   }});
  steps.push_back({"INSERT INTO u VALUES (4, 40)", [](Model& m) { m.tables.at("u")[4] = "40"; }, 2});
  steps.push_back({"CREATE TABLE d (k INTEGER PRIMARY KEY)", [](Model& m) {
                     m.tables["d"];
                     m.columns["d"] = 1;
                   }});
  steps.push_back({"INSERT INTO d VALUES (1)", [](Model& m) { m.tables.at("d")[1] = ""; }});
  steps.push_back({"DROP TABLE d", [](Model& m) { m.tables.erase("d"); }});
  steps.push_back({"TRUNCATE u", [](Model& m) { m.tables.at("u").clear(); }});
  steps.push_back({"INSERT INTO u VALUES (5, 50)", [](Model& m) { m.tables.at("u")[5] = "50"; }, 2});
  return steps;
}

const std::vector<std::string> kTables = {"t", "u", "d"};

/// The table a workload statement names: "u" or "d" when that word appears, else "t".
std::string TableOf(const std::string& sql) {
  std::string word;
  for (char c : sql + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += c;
      continue;
    }
    if (word == "u" || word == "d") return word;
    word.clear();
  }
  return "t";
}

/// Runs `steps` on `connection`, applying each acknowledged statement to `model`, and checks
/// as it goes: failures carry an expected SQLSTATE, a failure of the WAL stops writes (58030 for
/// every later write), and reads always show `model` (the open block's changes inside it).
class WorkloadRunner {
 public:
  WorkloadRunner(Connection& connection, Model& model, std::string label)
      : connection_(connection), model_(model), label_(std::move(label)) {}

  void Run(const std::vector<Step>& steps) {
    for (const auto& step : steps) Execute(step);
  }

  void Execute(const Step& step) {
    const std::string when = label_ + ", `" + step.sql + "`";
    auto result = connection_.query(step.sql);
    const bool ok = !result->has_error();
    const std::string state = ok ? "" : result->error().sqlstate();
    const std::string message = result->error_message();
    const bool is_begin = step.sql == "BEGIN";
    const bool is_commit = step.sql == "COMMIT";
    last_ok_ = ok;
    last_message_ = message;
    if (!ok) {
      if (message.find(kStopped) != std::string::npos) stopped_ = true;
      // A failure of the write-ahead log itself must stop writes.
      if (message.find(std::string("\"") + kWalPath) != std::string::npos) {
        EXPECT_NE(message.find(kStopped), std::string::npos) << when << ": " << message;
      }
    }
    if (is_begin) {
      EXPECT_TRUE(ok) << when << ": " << message;
      in_block_ = true;
      block_failed_ = false;
      block_model_ = model_;
    } else if (is_commit) {
      const bool committed = ok && result->command_tag() == "COMMIT" && !block_failed_;
      if (ok && result->command_tag() == "COMMIT") {
        EXPECT_FALSE(block_failed_) << when << ": a failed block reported COMMIT";
      }
      if (!ok) {
        EXPECT_EQ(state, "58030") << when << ": " << message;
      }
      if (committed) model_ = block_model_;
      in_block_ = false;
    } else if (ok) {
      EXPECT_FALSE(stopped_before_) << when << ": a write succeeded after writes were stopped";
      if (step.apply) step.apply(in_block_ ? block_model_ : model_);
    } else {
      const Model& current = in_block_ ? block_model_ : model_;
      const std::string table = TableOf(step.sql);
      const bool missing_table = !current.tables.count(table);
      const bool missing_column = current.columns.count(table) && current.columns.at(table) < step.needs_columns;
      // 42P01 / 42601: the statement's table or column is missing because its CREATE TABLE or
      // ALTER TABLE was not acknowledged.
      const bool follows = (state == "42P01" && missing_table) || (state == "42601" && missing_column);
      const bool allowed = state == "58030" || (in_block_ && block_failed_ && state == "25P02") || follows;
      EXPECT_TRUE(allowed) << when << ": unexpected " << state << " " << message;
      if (stopped_before_ && !(in_block_ && block_failed_) && !follows) {
        EXPECT_EQ(state, "58030") << when << ": " << message;
        EXPECT_NE(message.find(kStopped), std::string::npos) << when << ": " << message;
      }
      if (in_block_) block_failed_ = true;
    }
    stopped_before_ = stopped_;
    // Reads keep working and show exactly what is acknowledged (inside a block: its changes;
    // a failed block refuses every statement until its end, as in PostgreSQL).
    // Inside a block only existing tables are read: an error would abort the block. A DML
    // statement can change only its own table; DDL, CHECKPOINT and COMMIT are checked on all.
    if (!in_block_) {
      const bool dml = step.sql.starts_with("INSERT") || step.sql.starts_with("UPDATE") ||
                       step.sql.starts_with("DELETE") || step.sql.starts_with("TRUNCATE");
      ExpectModel(connection_, model_, dml ? std::vector<std::string>{TableOf(step.sql)} : kTables,
                  when + " (read after it)");
    } else if (!block_failed_) {
      std::vector<std::string> existing;
      for (const auto& [table, rows] : block_model_.tables) existing.push_back(table);
      ExpectModel(connection_, block_model_, existing, when + " (read after it)");
    }
  }

  bool stopped() const { return stopped_; }
  /// Whether the last statement succeeded, and its error message.
  bool last_ok() const { return last_ok_; }
  const std::string& last_message() const { return last_message_; }

 private:
  Connection& connection_;
  Model& model_;
  std::string label_;
  bool in_block_ = false;
  bool block_failed_ = false;
  Model block_model_;
  bool stopped_ = false;
  bool stopped_before_ = false;
  bool last_ok_ = false;
  std::string last_message_;
};

/// How a run ends before the directory is reopened.
enum class Ending {
  kCrash,           // the process dies after the workload (nothing more reaches the disk), then power loss
  kCloseThenCrash,  // the database is closed (its closing checkpoint runs), then power loss
};

const char* EndingName(Ending ending) { return ending == Ending::kCrash ? "crash" : "close, then crash"; }

/// An in-memory data directory behind a fault-injecting file system.
class FaultyDirectory {
 public:
  FaultyDirectory()
      : memory_(std::make_shared<InMemoryFileSystem>()), faults_(std::make_shared<FaultInjectingFileSystem>(*memory_)) {
    memory_->CreateDirectories(kDataDir);
    memory_->SyncDirectory("/");
  }

  InMemoryFileSystem& memory() { return *memory_; }
  FaultInjectingFileSystem& faults() { return *faults_; }
  std::shared_ptr<FileSystem> faulty() { return faults_; }
  std::shared_ptr<FileSystem> clean() { return memory_; }

  /// Ends the process holding `database` as a SIGKILL would: no later call reaches the file
  /// system (every mutating call fails while it is destroyed). Then power fails.
  void Crash(std::unique_ptr<Connection>& connection, std::unique_ptr<Database>& database) {
    faults_->Reset();
    for (auto op : kAllOperations) faults_->FailFrom(op, 1);
    connection.reset();
    database.reset();
    faults_->Reset();
    memory_->SimulateCrash();
  }

 private:
  std::shared_ptr<InMemoryFileSystem> memory_;
  std::shared_ptr<FaultInjectingFileSystem> faults_;
};

/// A fault to inject: the `nth` call of `op` fails (or, for appends, writes `short_bytes` first).
struct Fault {
  FileOperation op;
  idx_t nth = 0;
  FaultKind kind = FaultKind::kFail;
  idx_t short_bytes = 0;

  std::string Describe() const {
    std::string out = std::string(FileOperationName(op)) + " call #" + std::to_string(nth);
    if (kind == FaultKind::kShortWrite) out += " writing only " + std::to_string(short_bytes) + " bytes";
    return out;
  }
};

/// What one run of the workload observed.
struct RunOutcome {
  std::map<FileOperation, idx_t> calls;  // calls counted during the run
  idx_t faults_injected = 0;
  bool stopped = false;  // writes were refused after a WAL failure
};

/// Reopens the directory on the clean file system and checks it holds `model`; then that it
/// takes writes and a checkpoint whose files hold exactly the rows, and that this too survives
/// a crash (read back read-only).
void ExpectRecovered(FaultyDirectory& dir, Model model, const std::string& label) {
  std::unique_ptr<Database> database;
  try {
    database = std::make_unique<Database>(kDataDir, Options(dir.clean(), true));
  } catch (const Exception& e) {
    ADD_FAILURE() << label << ": reopening failed: " << e.sqlstate() << " " << e.what();
    return;
  }
  auto connection = std::make_unique<Connection>(*database);
  ExpectModel(*connection, model, kTables, label + ", after reopening");
  if (model.tables.count("t")) {
    auto insert = connection->query("INSERT INTO t VALUES (100000, 'after recovery')");
    EXPECT_FALSE(insert->has_error()) << label << ": " << insert->error_message();
    if (!insert->has_error()) model.tables["t"][100000] = "after recovery";
  }
  auto checkpoint = connection->query("CHECKPOINT");
  EXPECT_FALSE(checkpoint->has_error()) << label << ": CHECKPOINT after reopening: " << checkpoint->error_message();
  for (const auto& [table, rows] : model.tables) {
    ExpectFilesHoldRows(*connection, table, rows, label + ", checkpoint after reopening");
  }
  ExpectOnlyListedFiles(dir.memory(), *connection, label + ", checkpoint after reopening");
  dir.Crash(connection, database);
  Database reopened(kDataDir, Options(dir.clean(), false));
  Connection reader(reopened);
  ExpectModel(reader, model, kTables, label + ", after the second reopening");
}

/// Opens the directory on the faulty file system, runs `steps` and ends as `ending` says;
/// `fault` (if any) is armed before the database opens. Returns the calls counted up to the end.
RunOutcome RunWorkload(FaultyDirectory& dir, const std::vector<Step>& steps, Ending ending,
                       const std::optional<Fault>& fault, Model& model, const std::string& label) {
  auto& faults = dir.faults();
  faults.Reset();
  if (fault) faults.FailAt(fault->op, fault->nth, fault->kind, fault->short_bytes);
  std::unique_ptr<Database> database;
  std::unique_ptr<Connection> connection;
  try {
    database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
  } catch (const Exception& e) {
    // Opening may fail under a fault (creating the WAL); nothing is acknowledged then.
    EXPECT_TRUE(fault.has_value()) << label << ": " << e.what();
    EXPECT_EQ(e.sqlstate(), "58030") << label << ": " << e.what();
  }
  RunOutcome outcome;
  if (database) {
    connection = std::make_unique<Connection>(*database);
    WorkloadRunner runner(*connection, model, label);
    runner.Run(steps);
    outcome.stopped = runner.stopped();
  }
  if (ending == Ending::kCloseThenCrash) {
    connection.reset();
    database.reset();
  }
  for (auto op : kAllOperations) outcome.calls[op] = faults.CallCount(op);
  outcome.faults_injected = faults.FaultsInjected();
  if (ending == Ending::kCrash) {
    dir.Crash(connection, database);
  } else {
    faults.Reset();
    dir.memory().SimulateCrash();
  }
  return outcome;
}

/// Runs the workload once without faults to count each operation's calls, then once per call
/// of each kind with that call failing (and, for appends, written short), each time checking
/// the recovered directory against the model.
void SweepEveryCall(const std::vector<Step>& steps, Ending ending) {
  RunOutcome clean;
  {
    FaultyDirectory dir;
    Model model;
    clean = RunWorkload(dir, steps, ending, std::nullopt, model, std::string("clean run, ") + EndingName(ending));
    ASSERT_EQ(model.tables.size(), 2u) << "the clean run must acknowledge every statement";
    ExpectRecovered(dir, model, "clean run");
  }
  idx_t runs = 0;
  idx_t stopped_runs = 0;
  for (auto op : kAllOperations) {
    ASSERT_GT(clean.calls[op], 0u) << FileOperationName(op) << " is never called: the sweep would test nothing";
    std::vector<Fault> faults;
    for (idx_t n = 1; n <= clean.calls[op]; n++) {
      faults.push_back(Fault{op, n});
      // A short write keeps 1 byte (a torn record header) or 20 (a header and part of a
      // payload), alternately.
      if (op == FileOperation::kAppend) faults.push_back(Fault{op, n, FaultKind::kShortWrite, n % 2 ? 1u : 20u});
    }
    for (const auto& fault : faults) {
      const std::string label = fault.Describe() + ", " + EndingName(ending);
      SCOPED_TRACE(label);
      FaultyDirectory dir;
      Model model;
      RunOutcome outcome = RunWorkload(dir, steps, ending, fault, model, label);
      EXPECT_EQ(outcome.faults_injected, 1u) << label << ": the fault did not fire (the workload is not deterministic)";
      ExpectRecovered(dir, model, label);
      runs++;
      if (outcome.stopped) stopped_runs++;
      if (::testing::Test::HasFailure()) return;  // one failing case explains the rest
    }
  }
  // Every fsync of the WAL is among the faults, and each must stop writes.
  EXPECT_GE(stopped_runs, clean.calls[FileOperation::kSync] / 2) << "too few runs stopped writes";
  std::printf("storage fault sweep (%s): %zu faulty runs, %zu stopped writes;", EndingName(ending),
              static_cast<size_t>(runs), static_cast<size_t>(stopped_runs));
  for (auto op : kAllOperations) std::printf(" %s %zu", FileOperationName(op), static_cast<size_t>(clean.calls[op]));
  std::printf("\n");
}

TEST(StorageFaultTest, EveryFailingCallOfTheWorkloadThenCrash) { SweepEveryCall(Workload(), Ending::kCrash); }

TEST(StorageFaultTest, EveryFailingCallOfTheWorkloadThenCloseAndCrash) {
  SweepEveryCall(Workload(), Ending::kCloseThenCrash);
}


// ---- faults inside CHECKPOINT ----

/// Commits that leave a checkpoint work to do in every table: rows deleted from a file the first
/// checkpoint wrote (rewritten), rows appended since (a new file), and a second table.
std::vector<Step> CheckpointPrefix() {
  std::vector<Step> steps;
  steps.push_back({"CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR)", [](Model& m) { m.tables["t"]; }});
  steps.push_back({"INSERT INTO t SELECT i, 'row ' || i FROM generate_series(1, 400) AS s(i)", [](Model& m) {
                     for (int64_t i = 1; i <= 400; i++) m.tables.at("t")[i] = "row " + std::to_string(i);
                   }});
  steps.push_back({"CREATE TABLE u (k INTEGER PRIMARY KEY)", [](Model& m) { m.tables["u"]; }});
  steps.push_back({"INSERT INTO u VALUES (1), (2), (3)", [](Model& m) {
                     m.tables.at("u").insert({{1, ""}, {2, ""}, {3, ""}});
                   }});
  steps.push_back({"CHECKPOINT", nullptr});
  steps.push_back({"DELETE FROM t WHERE id % 3 = 0 AND id < 200", [](Model& m) {
                     std::erase_if(m.tables.at("t"), [](const auto& item) { return item.first % 3 == 0 && item.first < 200; });
                   }});
  steps.push_back({"INSERT INTO t SELECT i, 'new ' || i FROM generate_series(500, 520) AS s(i)", [](Model& m) {
                     for (int64_t i = 500; i <= 520; i++) m.tables.at("t")[i] = "new " + std::to_string(i);
                   }});
  steps.push_back({"UPDATE t SET v = 'updated' WHERE id BETWEEN 300 AND 310", [](Model& m) {
                     for (int64_t i = 300; i <= 310; i++) m.tables.at("t")[i] = "updated";
                   }});
  steps.push_back({"INSERT INTO u VALUES (4)", [](Model& m) { m.tables.at("u")[4] = ""; }});
  return steps;
}

/// Runs CheckpointPrefix() cleanly, then CHECKPOINT with `fault` (counted from just before the
/// CHECKPOINT) armed; returns the calls that CHECKPOINT made. Checks what follows: the
/// CHECKPOINT fails (unless only the removal of a replaced file failed, which the next writable
/// open finishes); when writes go on, a later commit and checkpoint succeed and the catalog's
/// files then hold exactly the rows; after a crash nothing acknowledged is lost.
std::map<FileOperation, idx_t> RunFaultyCheckpoint(const std::vector<Step>& prefix, const std::optional<Fault>& fault,
                                                   const std::string& label) {
  FaultyDirectory dir;
  Model model;
  auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
  auto connection = std::make_unique<Connection>(*database);
  WorkloadRunner runner(*connection, model, label);
  runner.Run(prefix);
  EXPECT_EQ(model.tables.size(), 2u) << label << ": the prefix must run without faults";
  auto& faults = dir.faults();
  faults.Reset();
  if (fault) faults.FailAt(fault->op, fault->nth, fault->kind, fault->short_bytes);
  runner.Execute({"CHECKPOINT", nullptr});
  std::map<FileOperation, idx_t> calls;
  for (auto op : kAllOperations) calls[op] = faults.CallCount(op);
  if (fault) {
    EXPECT_EQ(faults.FaultsInjected(), 1u) << label << ": the fault did not fire";
    if (fault->op != FileOperation::kRemoveFile) {
      EXPECT_FALSE(runner.last_ok()) << label << ": CHECKPOINT succeeded although a call failed";
    }
  } else {
    EXPECT_TRUE(runner.last_ok()) << label << ": " << runner.last_message();
    auto files = connection->query("SELECT count(*) FROM system.files WHERE table_name = 't'");
    if (files->Materialize() && files->RowCount() == 1) {
      std::printf("%s: table t has %s files after the checkpoint\n", label.c_str(), files->GetValue(0, 0).ToString().c_str());
    }
  }
  runner.Execute({"INSERT INTO t VALUES (1000, 'after the checkpoint')",
                  [](Model& m) { m.tables.at("t")[1000] = "after the checkpoint"; }});
  if (!runner.stopped()) {
    // Only a failure of the WAL stops writes; a checkpoint that failed elsewhere is retried.
    EXPECT_TRUE(runner.last_ok()) << label << ": " << runner.last_message();
    runner.Execute({"CHECKPOINT", nullptr});
    EXPECT_TRUE(runner.last_ok()) << label << ": the checkpoint after the failed one: " << runner.last_message();
    for (const auto& [table, rows] : model.tables) {
      ExpectFilesHoldRows(*connection, table, rows, label + ", the next checkpoint");
    }
  }
  dir.Crash(connection, database);
  ExpectRecovered(dir, model, label);
  return calls;
}

/// Commits that leave eight small files in table t (a checkpoint after each of eight small
/// INSERTs), rows deleted across them, and new rows: the next checkpoint compacts them.
std::vector<Step> CompactionPrefix() {
  std::vector<Step> steps;
  steps.push_back({"CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR)", [](Model& m) { m.tables["t"]; }});
  steps.push_back({"CREATE TABLE u (k INTEGER PRIMARY KEY)", [](Model& m) { m.tables["u"]; }});
  steps.push_back({"INSERT INTO u VALUES (1)", [](Model& m) { m.tables.at("u")[1] = ""; }});
  for (int64_t batch = 0; batch < 8; batch++) {
    const int64_t first = batch * 10 + 1;
    const std::string v = "batch " + std::to_string(batch);
    steps.push_back({"INSERT INTO t SELECT i, '" + v + "' FROM generate_series(" + std::to_string(first) + ", " +
                         std::to_string(first + 9) + ") AS s(i)",
                     [first, v](Model& m) {
                       for (int64_t i = first; i < first + 10; i++) m.tables.at("t")[i] = v;
                     }});
    steps.push_back({"CHECKPOINT", nullptr});
  }
  steps.push_back({"DELETE FROM t WHERE id % 7 = 0", [](Model& m) {
                     std::erase_if(m.tables.at("t"), [](const auto& item) { return item.first % 7 == 0; });
                   }});
  steps.push_back({"INSERT INTO t VALUES (900, 'tail')", [](Model& m) { m.tables.at("t")[900] = "tail"; }});
  return steps;
}

/// Runs `prefix`, then sweeps every failing call of the CHECKPOINT that follows.
void SweepCheckpoint(const std::vector<Step>& prefix, const std::string& name) {
  std::map<FileOperation, idx_t> clean = RunFaultyCheckpoint(prefix, std::nullopt, "clean " + name);
  ASSERT_FALSE(::testing::Test::HasFailure());
  idx_t runs = 0;
  for (auto op : kAllOperations) {
    ASSERT_GT(clean[op], 0u) << "a checkpoint makes no " << FileOperationName(op) << " call: the sweep would test nothing";
    for (idx_t n = 1; n <= clean[op]; n++) {
      std::vector<Fault> faults = {Fault{op, n}};
      // Short writes of every fourth append (a failed append of a new file is handled alike).
      if (op == FileOperation::kAppend && n % 4 == 1) faults.push_back(Fault{op, n, FaultKind::kShortWrite, 3});
      for (const auto& fault : faults) {
        const std::string label = name + ", " + fault.Describe();
        SCOPED_TRACE(label);
        RunFaultyCheckpoint(prefix, fault, label);
        runs++;
        if (::testing::Test::HasFailure()) return;
      }
    }
  }
  std::printf("%s fault sweep: %zu faulty runs;", name.c_str(), static_cast<size_t>(runs));
  for (auto op : kAllOperations) std::printf(" %s %zu", FileOperationName(op), static_cast<size_t>(clean[op]));
  std::printf("\n");
}

TEST(StorageFaultTest, EveryFailingCallOfACheckpoint) { SweepCheckpoint(CheckpointPrefix(), "checkpoint"); }

TEST(StorageFaultTest, EveryFailingCallOfACompactingCheckpoint) {
  SweepCheckpoint(CompactionPrefix(), "compacting checkpoint");
}

// ---- recovery edge cases ----

/// Every file under the data directory and its bytes, but the (empty) lock files a writable
/// open creates to take its locks.
std::map<std::string, std::string> FileContents(FileSystem& fs) {
  std::map<std::string, std::string> out;
  for (const auto& path : fs.ListFilesRecursive(kDataDir)) {
    if (path.ends_with(".lock")) continue;
    out[path] = fs.ReadFile(path);
  }
  return out;
}

void OverwriteFile(FileSystem& fs, const std::string& path, const std::string& data) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(data.data(), data.size());
  file->Sync();
  file->Close();
}

/// Sizes in bytes of the records of the WAL at `path`, in order.
std::vector<idx_t> WalRecordSizes(FileSystem& fs, const std::string& path) {
  std::vector<idx_t> sizes;
  WriteAheadLog::Read(fs, path, [&](uint64_t, std::string_view payload) {
    sizes.push_back(WriteAheadLog::kRecordHeaderSize + payload.size());
  });
  return sizes;
}

/// A directory whose WAL holds the autocommit INSERTs of `rows` (one record each) on top of
/// an empty checkpointed table t, left by a crash (no closing checkpoint).
Model CommitThenCrash(FaultyDirectory& dir, const std::vector<int64_t>& rows) {
  Model model;
  auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
  auto connection = std::make_unique<Connection>(*database);
  WorkloadRunner runner(*connection, model, "setup");
  runner.Execute({"CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR)", [](Model& m) { m.tables["t"]; }});
  for (int64_t id : rows) {
    const std::string v = "value " + std::to_string(id);
    runner.Execute({"INSERT INTO t VALUES (" + std::to_string(id) + ", '" + v + "')",
                    [id, v](Model& m) { m.tables.at("t")[id] = v; }});
  }
  dir.Crash(connection, database);
  return model;
}

TEST(StorageFaultTest, CrashBetweenTheCatalogWriteAndTheWalResetReplaysNothingTwice) {
  // Count the calls on the WAL's paths (".wal", ".wal.tmp") that a checkpoint makes.
  std::map<FileOperation, idx_t> calls;
  {
    FaultyDirectory dir;
    CommitThenCrash(dir, {1});
    Database database(kDataDir, Options(dir.faulty(), true));
    Connection connection(database);
    dir.faults().SetPathFilter("/.wal");
    dir.faults().Reset();
    ASSERT_FALSE(connection.query("CHECKPOINT")->has_error());
    for (auto op : kAllOperations) calls[op] = dir.faults().CallCount(op);
  }
  idx_t covered_records_left = 0;
  for (auto op : kAllOperations) {
    for (idx_t n = 1; n <= calls[op]; n++) {
      const std::string label = std::string("WAL reset, ") + FileOperationName(op) + " call #" + std::to_string(n);
      SCOPED_TRACE(label);
      FaultyDirectory dir;
      Model model = CommitThenCrash(dir, {1, 2, 3, 4, 5});
      {
        auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
        auto connection = std::make_unique<Connection>(*database);
        dir.faults().SetPathFilter("/.wal");
        dir.faults().Reset();
        dir.faults().FailAt(op, n);
        auto checkpoint = connection->query("CHECKPOINT");
        ASSERT_TRUE(checkpoint->has_error()) << label;
        EXPECT_EQ(checkpoint->error().sqlstate(), "58030");
        EXPECT_NE(checkpoint->error_message().find(kStopped), std::string::npos) << checkpoint->error_message();
        auto insert = connection->query("INSERT INTO t VALUES (6, 'refused')");
        ASSERT_TRUE(insert->has_error()) << label;
        EXPECT_EQ(insert->error().sqlstate(), "58030");
        ExpectModel(*connection, model, {"t"}, label + ", reading after the failure");
        dir.faults().SetPathFilter("");
        dir.Crash(connection, database);
      }
      // The catalog records the checkpoint; when the old WAL survived, its records are all at or
      // below the checkpoint position and must not be applied again.
      const std::string catalog = dir.memory().ReadFile(std::string(kDataDir) + "/catalog.json");
      EXPECT_NE(catalog.find("\"checkpoint_lsn\": 5"), std::string::npos) << catalog;
      if (!WalRecordSizes(dir.memory(), kWalPath).empty()) covered_records_left++;
      {
        Database database(kDataDir, Options(dir.clean(), true));
        Connection connection(database);
        ExpectModel(connection, model, {"t"}, label + ", after reopening");
        auto insert = connection.query("INSERT INTO t VALUES (6, 'six')");
        ASSERT_FALSE(insert->has_error()) << insert->error_message();
        model.tables["t"][6] = "six";
      }
      // The next records get LSNs after the checkpoint's and are replayed.
      dir.memory().SimulateCrash();
      Database reopened(kDataDir, Options(dir.clean(), false));
      Connection reader(reopened);
      ExpectModel(reader, model, {"t"}, label + ", after the second reopening");
      if (::testing::Test::HasFailure()) return;
    }
  }
  EXPECT_GT(covered_records_left, 0u) << "no run left the old WAL beside the new catalog";
}

TEST(StorageFaultTest, ATornWalTailIsCutAwayAndTheLogContinues) {
  std::vector<idx_t> sizes;
  {
    FaultyDirectory dir;
    CommitThenCrash(dir, {1, 2, 3});
    sizes = WalRecordSizes(dir.memory(), kWalPath);
  }
  ASSERT_EQ(sizes.size(), 3u);
  // Cut 1 .. all bytes of the last record: a crash in mid-append (that commit was never
  // acknowledged, so losing it is right; every earlier one must stay).
  for (idx_t cut = 1; cut <= sizes.back(); cut++) {
    const std::string label = "WAL cut by " + std::to_string(cut) + " bytes";
    SCOPED_TRACE(label);
    FaultyDirectory dir;
    Model model = CommitThenCrash(dir, {1, 2, 3});
    std::string wal = dir.memory().ReadFile(kWalPath);
    OverwriteFile(dir.memory(), kWalPath, wal.substr(0, wal.size() - cut));
    model.tables["t"].erase(3);
    {
      Database read_only(kDataDir, Options(dir.clean(), false));
      Connection reader(read_only);
      ExpectModel(reader, model, {"t"}, label + ", read-only");
    }
    {
      auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
      auto connection = std::make_unique<Connection>(*database);
      ExpectModel(*connection, model, {"t"}, label + ", reopened");
      auto insert = connection->query("INSERT INTO t VALUES (4, 'four')");
      ASSERT_FALSE(insert->has_error()) << insert->error_message();
      model.tables["t"][4] = "four";
      dir.Crash(connection, database);
    }
    EXPECT_EQ(WalRecordSizes(dir.memory(), kWalPath).size(), 3u) << label << ": records 1, 2 and the new one";
    Database reopened(kDataDir, Options(dir.clean(), false));
    Connection reader(reopened);
    ExpectModel(reader, model, {"t"}, label + ", after the next crash");
    if (::testing::Test::HasFailure()) return;
  }
  // A zero-filled tail (a file extended but its data never written) is a torn tail too.
  FaultyDirectory dir;
  Model model = CommitThenCrash(dir, {1, 2, 3});
  OverwriteFile(dir.memory(), kWalPath, dir.memory().ReadFile(kWalPath) + std::string(100, '\0'));
  Database reopened(kDataDir, Options(dir.clean(), true));
  Connection reader(reopened);
  ExpectModel(reader, model, {"t"}, "zero-filled WAL tail");
}

TEST(StorageFaultTest, ACorruptWalRecordBeforeTheTailFailsTheOpenNamingTheFile) {
  std::vector<idx_t> sizes;
  {
    FaultyDirectory dir;
    CommitThenCrash(dir, {1, 2, 3});
    sizes = WalRecordSizes(dir.memory(), kWalPath);
  }
  ASSERT_EQ(sizes.size(), 3u);
  // Every byte of the first two records, flipped: a valid record follows, so it is corruption,
  // never a torn tail to skip silently; the open fails and changes no file.
  const idx_t end = WriteAheadLog::kFileHeaderSize + sizes[0] + sizes[1];
  idx_t checked = 0;
  for (idx_t offset = WriteAheadLog::kFileHeaderSize; offset < end; offset++) {
    const std::string label = "WAL byte " + std::to_string(offset) + " flipped";
    SCOPED_TRACE(label);
    FaultyDirectory dir;
    CommitThenCrash(dir, {1, 2, 3});
    std::string wal = dir.memory().ReadFile(kWalPath);
    wal[offset] = static_cast<char>(wal[offset] ^ 0x5a);
    OverwriteFile(dir.memory(), kWalPath, wal);
    const auto before = FileContents(dir.memory());
    for (bool writable : {true, false}) {
      try {
        Database database(kDataDir, Options(dir.clean(), writable));
        ADD_FAILURE() << label << ": the " << (writable ? "writable" : "read-only") << " open succeeded";
      } catch (const Exception& e) {
        EXPECT_EQ(e.sqlstate(), "XX001") << e.what();
        EXPECT_NE(std::string(e.what()).find(kWalPath), std::string::npos) << e.what();
      }
    }
    EXPECT_TRUE(FileContents(dir.memory()) == before) << label << ": a failed open changed files";
    checked++;
    if (::testing::Test::HasFailure()) return;
  }
  EXPECT_EQ(checked, sizes[0] + sizes[1]);
}

TEST(StorageFaultTest, AnOrphanFileOfAFailedCheckpointIsRemovedAndNeverRead) {
  FaultyDirectory dir;
  Model model;
  {
    auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
    auto connection = std::make_unique<Connection>(*database);
    WorkloadRunner runner(*connection, model, "orphan");
    runner.Run(CheckpointPrefix());
    // The checkpoint writes its Parquet files, then fails to install catalog.json.
    dir.faults().SetPathFilter("catalog.json");
    dir.faults().Reset();
    dir.faults().FailAt(FileOperation::kRename, 1);
    runner.Execute({"CHECKPOINT", nullptr});
    EXPECT_FALSE(runner.last_ok());
    dir.faults().SetPathFilter("");
    dir.Crash(connection, database);
  }
  // The durable catalog lists the first checkpoint's files; the failed one's are orphans.
  std::set<std::string> listed;
  {
    Database read_only(kDataDir, Options(dir.clean(), false));
    Connection reader(read_only);
    ExpectModel(reader, model, kTables, "read-only, with orphans present");
    auto files = reader.query("SELECT path FROM system.files");
    ASSERT_TRUE(files->Materialize());
    for (idx_t i = 0; i < files->RowCount(); i++) listed.insert(files->GetValue(0, i).ToString());
  }
  std::vector<std::string> orphans;
  for (const auto& path : dir.memory().ListFilesRecursive(std::string(kDataDir) + "/tables")) {
    if (!listed.count(path)) orphans.push_back(path);
  }
  ASSERT_FALSE(orphans.empty()) << "the failed checkpoint left no file behind";
  Database database(kDataDir, Options(dir.clean(), true));
  Connection connection(database);
  for (const auto& path : orphans) EXPECT_FALSE(dir.memory().Exists(path)) << path << " survived a writable open";
  ExpectModel(connection, model, kTables, "writable, orphans removed");
  ExpectOnlyListedFiles(dir.memory(), connection, "writable open");
}

TEST(StorageFaultTest, AReadOnlyOpenSeesTheWalAndChangesNoFile) {
  FaultyDirectory dir;
  Model model;
  {
    auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
    auto connection = std::make_unique<Connection>(*database);
    WorkloadRunner runner(*connection, model, "read-only setup");
    runner.Run(CheckpointPrefix());  // a checkpoint, then commits only in the WAL
    dir.Crash(connection, database);
  }
  ASSERT_FALSE(WalRecordSizes(dir.memory(), kWalPath).empty());
  const auto before = FileContents(dir.memory());
  dir.faults().Reset();
  {
    Database database(kDataDir, Options(dir.faulty(), false));
    Connection connection(database);
    ExpectModel(connection, model, kTables, "read-only open");
    auto insert = connection.query("INSERT INTO t VALUES (9999, 'no')");
    ASSERT_TRUE(insert->has_error());
    EXPECT_EQ(insert->error().sqlstate(), "25006");
  }
  for (auto op : kAllOperations) {
    EXPECT_EQ(dir.faults().CallCount(op), 0u) << "a read-only open made a " << FileOperationName(op) << " call";
  }
  EXPECT_TRUE(FileContents(dir.memory()) == before) << "a read-only open changed files";
}

TEST(StorageFaultTest, AFailedGroupCommitAcknowledgesNoneOfTheCommitsItCarried) {
  // Four writers commit concurrently on a slow disk, so one WAL fsync carries several commits;
  // the nth fsync fails. Every commit it carried, and every later one, must fail; exactly the
  // acknowledged rows are read, and survive a crash.
  for (idx_t nth : {1, 2, 5, 9}) {
    const std::string label = "WAL fsync #" + std::to_string(nth) + " fails";
    SCOPED_TRACE(label);
    FaultyDirectory dir;
    auto database = std::make_unique<Database>(kDataDir, Options(dir.faulty(), true));
    auto connection = std::make_unique<Connection>(*database);
    ASSERT_FALSE(connection->query("CREATE TABLE t (id BIGINT PRIMARY KEY, v VARCHAR)")->has_error());
    dir.faults().SetSyncDelay(std::chrono::microseconds(3000));
    dir.faults().SetPathFilter("/.wal");
    dir.faults().Reset();
    dir.faults().FailAt(FileOperation::kSync, nth);
    std::mutex mutex;
    Model model;
    model.tables["t"];
    idx_t failures = 0;
    std::vector<std::string> unexpected;
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; w++) {
      writers.emplace_back([&, w] {
        Connection own(*database);
        for (int i = 0; i < 25; i++) {
          const int64_t id = w * 1000 + i;
          auto result = own.query("INSERT INTO t VALUES (" + std::to_string(id) + ", 'w" + std::to_string(w) + "')");
          std::lock_guard<std::mutex> lock(mutex);
          if (!result->has_error()) {
            model.tables["t"][id] = "w" + std::to_string(w);
          } else if (result->error().sqlstate() != "58030" ||
                     result->error_message().find(kStopped) == std::string::npos) {
            unexpected.push_back(result->error().sqlstate() + " " + result->error_message());
          } else {
            failures++;
          }
        }
      });
    }
    for (auto& writer : writers) writer.join();
    dir.faults().SetSyncDelay(std::chrono::microseconds(0));
    dir.faults().SetPathFilter("");
    EXPECT_TRUE(unexpected.empty()) << label << ": " << unexpected.front();
    EXPECT_EQ(dir.faults().FaultsInjected(), 1u) << label;
    EXPECT_GT(failures, 0u) << label;
    EXPECT_LT(model.tables["t"].size(), 100u) << label;
    // Group commit: the nth fsync failed, so nth - 1 fsyncs made every acknowledged commit durable.
    std::printf("%s: %zu commits acknowledged by %zu fsyncs, %zu refused\n", label.c_str(),
                static_cast<size_t>(model.tables["t"].size()), static_cast<size_t>(nth - 1),
                static_cast<size_t>(failures));
    ExpectModel(*connection, model, {"t"}, label + ", read after the failure");
    dir.Crash(connection, database);
    Database reopened(kDataDir, Options(dir.clean(), false));
    Connection reader(reopened);
    ExpectModel(reader, model, {"t"}, label + ", after the crash");
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace cairn

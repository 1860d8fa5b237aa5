// Writable tables through the C++ API with several connections at once: readers never see a
// transaction half-applied, concurrent writers all land (one at a time), a second process-level
// writer is refused, and the directory reopens with everything acknowledged.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

DatabaseOptions Writable() {
  DatabaseOptions options;
  options.writable = true;
  options.threads = 2;
  options.flush_interval = std::chrono::milliseconds(50);  // checkpoints run during the test
  return options;
}

int64_t Scalar(Connection& connection, const std::string& sql) {
  auto result = connection.query(sql);
  if (result->has_error() || !result->Materialize() || result->RowCount() != 1) {
    ADD_FAILURE() << sql << ": " << result->error_message();
    return -1;
  }
  Value value = result->GetValue(0, 0);
  return value.IsNull() ? 0 : value.GetInt64();
}

void Execute(Connection& connection, const std::string& sql) {
  auto result = connection.query(sql);
  if (!result->has_error()) result->Materialize();
  ASSERT_FALSE(result->has_error()) << sql << ": " << result->error_message();
}

TEST(WritesApiTest, ReadersNeverSeeATransferHalfDone) {
  testing::ScratchDirectory dir;
  Database database(dir.path(), Writable());
  {
    Connection setup(database);
    Execute(setup, "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
    Execute(setup, "INSERT INTO accounts SELECT g, 100 FROM generate_series(1, 10) g");
  }
  std::atomic<bool> stop{false};
  std::atomic<int> bad_reads{0};
  std::atomic<int> reads{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < 2; r++) {
    threads.emplace_back([&] {
      Connection reader(database);
      while (!stop) {
        // Two statements of one read see one state each; the invariant holds in every state.
        if (Scalar(reader, "SELECT sum(balance)::bigint FROM accounts") != 1000) bad_reads++;
        if (Scalar(reader, "SELECT count(*) FROM accounts") != 10) bad_reads++;
        reads++;
      }
    });
  }
  std::atomic<int> transfers{0};
  for (int w = 0; w < 3; w++) {
    threads.emplace_back([&, w] {
      Connection writer(database);
      for (int i = 0; i < 40; i++) {
        int from = 1 + (i + w) % 10;
        int to = 1 + (i * 7 + w + 3) % 10;
        if (from == to) continue;
        auto result = writer.query("BEGIN; UPDATE accounts SET balance = balance - 3 WHERE id = " + std::to_string(from) +
                                   "; UPDATE accounts SET balance = balance + 3 WHERE id = " + std::to_string(to) +
                                   "; COMMIT");
        if (!result->has_error()) result->Materialize();
        EXPECT_FALSE(result->has_error()) << result->error_message();
        transfers++;
      }
    });
  }
  for (size_t t = 2; t < threads.size(); t++) threads[t].join();
  stop = true;
  threads[0].join();
  threads[1].join();
  EXPECT_EQ(bad_reads.load(), 0);
  EXPECT_GT(reads.load(), 0);
  Connection check(database);
  EXPECT_EQ(Scalar(check, "SELECT sum(balance)::bigint FROM accounts"), 1000);
  EXPECT_GT(transfers.load(), 100);
}

TEST(WritesApiTest, ConcurrentAutocommitInsertsAllLandAndSurviveReopening) {
  testing::ScratchDirectory dir;
  {
    Database database(dir.path(), Writable());
    {
      Connection setup(database);
      Execute(setup, "CREATE TABLE events (writer INT, n INT, PRIMARY KEY (writer, n))");
    }
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; w++) {
      writers.emplace_back([&, w] {
        Connection connection(database);
        for (int n = 0; n < 50; n++) {
          auto result = connection.query("INSERT INTO events VALUES (" + std::to_string(w) + ", " + std::to_string(n) + ")");
          EXPECT_FALSE(result->has_error()) << result->error_message();
        }
      });
    }
    for (auto& t : writers) t.join();
    Connection check(database);
    EXPECT_EQ(Scalar(check, "SELECT count(*) FROM events"), 200);
  }
  // A second writer of the same directory is refused while the first is open.
  Database first(dir.path(), Writable());
  try {
    Database second(dir.path(), Writable());
    ADD_FAILURE() << "a second writer opened the directory";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kObjectInUse);
  }
  DatabaseOptions read_only;
  read_only.threads = 1;
  Database reader(dir.path(), read_only);
  Connection connection(reader);
  EXPECT_EQ(Scalar(connection, "SELECT count(*) FROM events"), 200);
  auto refused = connection.query("INSERT INTO events VALUES (9, 9)");
  ASSERT_TRUE(refused->has_error());
  EXPECT_EQ(refused->error().sqlstate(), sqlstate::kReadOnlySqlTransaction);
}

TEST(WritesApiTest, ErrorsCarryPostgresDetail) {
  testing::ScratchDirectory dir;
  Database database(dir.path(), Writable());
  Connection connection(database);
  Execute(connection, "CREATE TABLE t (id INT PRIMARY KEY, name TEXT NOT NULL)");
  Execute(connection, "INSERT INTO t VALUES (1, 'a')");
  auto duplicate = connection.query("INSERT INTO t VALUES (1, 'b')");
  ASSERT_TRUE(duplicate->has_error());
  EXPECT_EQ(duplicate->error().sqlstate(), "23505");
  EXPECT_EQ(std::string(duplicate->error().what()), "duplicate key value violates unique constraint \"t_pkey\"");
  EXPECT_EQ(duplicate->error().detail(), "Key (id)=(1) already exists.");
  auto null_name = connection.query("INSERT INTO t VALUES (2, NULL)");
  ASSERT_TRUE(null_name->has_error());
  EXPECT_EQ(null_name->error().detail(), "Failing row contains (2, null).");
}

TEST(WritesApiTest, PreparedWritesRunWithParametersOnAnyConnection) {
  testing::ScratchDirectory dir;
  Database database(dir.path(), Writable());
  Connection connection(database);
  Execute(connection, "CREATE TABLE readings (sensor INT, at BIGINT, value DOUBLE PRECISION, PRIMARY KEY (sensor, at))");
  auto insert = connection.prepare("INSERT INTO readings VALUES ($1, $2, $3) RETURNING sensor * 1000 + at");
  ASSERT_FALSE(insert->has_error()) << insert->error_message();
  ASSERT_EQ(insert->parameter_types().size(), 3u);
  EXPECT_EQ(insert->parameter_types()[0], LogicalType(TypeId::INTEGER));
  Connection other(database);
  for (int i = 0; i < 20; i++) {
    auto result = (i % 2 ? other : connection)
                      .execute(*insert, {Value::Integer(i % 3), Value::BigInt(i), Value::Double(i * 0.5)});
    ASSERT_FALSE(result->has_error()) << result->error_message();
    ASSERT_TRUE(result->Materialize());
    EXPECT_EQ(result->GetValue(0, 0).GetInt64(), (i % 3) * 1000 + i);
    EXPECT_EQ(result->command_tag(), "INSERT 0 1");
  }
  auto again = connection.execute(*insert, {Value::Integer(0), Value::BigInt(0), Value::Double(1)});
  ASSERT_TRUE(again->has_error());
  EXPECT_EQ(again->error().sqlstate(), "23505");
  auto remove = connection.prepare("DELETE FROM readings WHERE sensor = $1");
  ASSERT_FALSE(remove->has_error()) << remove->error_message();
  auto removed = remove->execute({Value::Integer(1)});
  ASSERT_FALSE(removed->has_error()) << removed->error_message();
  EXPECT_EQ(removed->command_tag(), "DELETE 7");
  EXPECT_EQ(Scalar(connection, "SELECT count(*) FROM readings"), 13);
}

}  // namespace
}  // namespace cairn

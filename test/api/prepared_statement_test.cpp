// End-to-end tests of prepared statements through the public API: Connection::prepare,
// PreparedStatement::execute with parameters of several types, re-execution with different
// values (answers checked against values computed here), parameter count/type errors with
// PostgreSQL's SQLSTATEs, and one prepared plan executed concurrently by two connections.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "cairn/cairn.h"
#include "scratch_directory.h"

namespace cairn {
namespace {

using testing::ScratchDirectory;

constexpr int64_t kRows = 20000;  // several chunks and morsels, so several workers take part

/// Row i (1-based): id i, grp i % 7, name "n<i % 13>", day 2024-01-01 + (i % 30) days.
std::string NumbersCsv() {
  std::string csv = "id,grp,name,day\n";
  for (int64_t i = 1; i <= kRows; i++) {
    int day = static_cast<int>(i % 30) + 1;
    csv += std::to_string(i) + "," + std::to_string(i % 7) + ",n" + std::to_string(i % 13) + ",2024-01-" +
           (day < 10 ? "0" : "") + std::to_string(day) + "\n";
  }
  return csv;
}

class PreparedStatementTest : public ::testing::Test {
 protected:
  void SetUp() override {
    scratch_.Write("numbers.csv", NumbersCsv());
    database_ = std::make_unique<Database>(scratch_.path());
    database_->register_table("numbers", scratch_.Join("numbers.csv"));
    connection_ = std::make_unique<Connection>(*database_);
  }

  /// Prepares `sql`, which must succeed.
  std::unique_ptr<PreparedStatement> Prepare(const std::string& sql) {
    auto statement = connection_->prepare(sql);
    EXPECT_FALSE(statement->has_error()) << sql << ": " << statement->error_message();
    return statement;
  }

  /// Materializes `result`, which must have succeeded.
  static std::unique_ptr<QueryResult> Rows(std::unique_ptr<QueryResult> result) {
    EXPECT_FALSE(result->has_error()) << result->error_message();
    EXPECT_TRUE(result->Materialize()) << result->error_message();
    return result;
  }

  /// The SQLSTATE of `result`, which must have failed (at once or while materializing).
  static std::string ErrorState(std::unique_ptr<QueryResult> result) {
    if (!result->has_error()) result->Materialize();
    EXPECT_TRUE(result->has_error());
    return result->has_error() ? result->error().sqlstate() : "";
  }

  ScratchDirectory scratch_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Connection> connection_;
};

TEST_F(PreparedStatementTest, ReexecutesWithDifferentValues) {
  auto statement = Prepare("SELECT count(*) AS n, sum(id) AS total FROM numbers WHERE id <= $1");
  ASSERT_EQ(statement->parameter_types().size(), 1u);
  EXPECT_TRUE(statement->parameter_types()[0].IsIntegral()) << statement->parameter_types()[0].ToString();
  EXPECT_EQ(statement->names(), (std::vector<std::string>{"n", "total"}));
  ASSERT_EQ(statement->types().size(), 2u);
  for (int64_t limit : {int64_t(0), int64_t(1), int64_t(2047), int64_t(2049), int64_t(12345), kRows, kRows + 5}) {
    auto result = Rows(statement->execute({Value::BigInt(limit)}));
    ASSERT_EQ(result->RowCount(), 1u);
    int64_t n = std::min(limit, kRows);
    EXPECT_EQ(result->GetValue(0, 0).GetInt64(), n) << limit;
    if (n == 0) {
      EXPECT_TRUE(result->GetValue(1, 0).IsNull());
    } else {
      EXPECT_EQ(result->GetValue(1, 0).CastAs(TypeId::BIGINT).GetInt64(), n * (n + 1) / 2) << limit;
    }
  }
}

TEST_F(PreparedStatementTest, ParametersOfSeveralTypes) {
  // Integer, text, date and double parameters in one statement; each inferred from its column.
  auto statement = Prepare(
      "SELECT count(*) FROM numbers WHERE grp = $1 AND name = $2 AND day >= $3 AND id * 1.0 < $4::double");
  ASSERT_EQ(statement->parameter_types().size(), 4u);
  EXPECT_TRUE(statement->parameter_types()[0].IsIntegral());
  EXPECT_EQ(statement->parameter_types()[1].id(), TypeId::VARCHAR);
  EXPECT_EQ(statement->parameter_types()[2].id(), TypeId::DATE);
  EXPECT_EQ(statement->parameter_types()[3].id(), TypeId::DOUBLE);
  auto expected = [](int64_t grp, int64_t name, int day_from, double below) {
    int64_t count = 0;
    for (int64_t i = 1; i <= kRows; i++) {
      int day = static_cast<int>(i % 30) + 1;
      if (i % 7 == grp && i % 13 == name && day >= day_from && static_cast<double>(i) < below) count++;
    }
    return count;
  };
  struct Case {
    int64_t grp;
    int64_t name;
    int day;
    double below;
  };
  for (const Case& c : {Case{3, 5, 1, 1e9}, Case{0, 0, 15, 10000.5}, Case{6, 12, 29, 20000}, Case{2, 4, 31, 1e9}}) {
    // The date goes in as text (PostgreSQL's text-format parameter), the others typed.
    std::string day = std::string("2024-01-") + (c.day < 10 ? "0" : "") + std::to_string(c.day);
    auto result = Rows(statement->execute(
        {Value::Integer(static_cast<int32_t>(c.grp)), Value::Varchar("n" + std::to_string(c.name)),
         Value::Varchar(day), Value::Double(c.below)}));
    ASSERT_EQ(result->RowCount(), 1u);
    EXPECT_EQ(result->GetValue(0, 0).GetInt64(), expected(c.grp, c.name, c.day, c.below)) << c.grp << " " << day;
  }
  // A NULL parameter compares as NULL: no rows match.
  auto none = Rows(statement->execute({Value::Null(TypeId::INTEGER), Value::Varchar("n1"), Value::Varchar("2024-01-01"),
                                       Value::Double(1e9)}));
  EXPECT_EQ(none->GetValue(0, 0).GetInt64(), 0);
}

TEST_F(PreparedStatementTest, UntypedAndDeclaredParameters) {
  // A parameter no context types is TEXT (PostgreSQL's unknown → text); a cast declares it.
  auto statement = Prepare("SELECT $1 AS t, $2::integer + 1 AS i, $3::boolean AS b");
  ASSERT_EQ(statement->parameter_types().size(), 3u);
  EXPECT_EQ(statement->parameter_types()[0].id(), TypeId::VARCHAR);
  EXPECT_EQ(statement->parameter_types()[1].id(), TypeId::INTEGER);
  EXPECT_EQ(statement->parameter_types()[2].id(), TypeId::BOOLEAN);
  for (int i = 0; i < 3; i++) {
    auto result = Rows(statement->execute({Value::Varchar("x" + std::to_string(i)), Value::Integer(i * 10),
                                           Value::Varchar(i % 2 ? "true" : "f")}));
    ASSERT_EQ(result->RowCount(), 1u);
    EXPECT_EQ(result->GetValue(0, 0).ToString(), "x" + std::to_string(i));
    EXPECT_EQ(result->GetValue(1, 0).GetInt64(), i * 10 + 1);
    EXPECT_EQ(result->GetValue(2, 0).GetBool(), i % 2 == 1);
  }
  // Values convert like PostgreSQL's assignment casts: numbers between numeric types, any value
  // to text, text through the type's input syntax.
  auto converted = Rows(statement->execute({Value::Integer(7), Value::Varchar(" 41 "), Value::Boolean(true)}));
  EXPECT_EQ(converted->GetValue(0, 0).ToString(), "7");
  EXPECT_EQ(converted->GetValue(1, 0).GetInt64(), 42);
  auto rounded = Rows(statement->execute({Value::Varchar(""), Value::Double(1.6), Value::Boolean(false)}));
  EXPECT_EQ(rounded->GetValue(1, 0).GetInt64(), 3);
}

TEST_F(PreparedStatementTest, TheFirstContextTypesEveryOccurrence) {
  // $1 takes id's type in `id >= $1`; the later `$1 + 3` is bound with that type (PostgreSQL's
  // rule), not as a second, conflicting inference.
  auto range = Prepare("SELECT count(*) FROM numbers WHERE id BETWEEN $1 AND $1 + 3");
  ASSERT_EQ(range->parameter_types().size(), 1u);
  EXPECT_TRUE(range->parameter_types()[0].IsIntegral());
  EXPECT_EQ(Rows(range->execute({Value::Integer(10)}))->GetValue(0, 0).GetInt64(), 4);
  EXPECT_EQ(Rows(range->execute({Value::Integer(kRows - 1)}))->GetValue(0, 0).GetInt64(), 2);
  // WHERE is bound before the SELECT list, so its context types the parameter for both.
  auto both = Prepare("SELECT $1 AS shown, count(*) FROM numbers WHERE grp = $1");
  ASSERT_EQ(both->parameter_types().size(), 1u);
  EXPECT_TRUE(both->parameter_types()[0].IsIntegral());
  auto result = Rows(both->execute({Value::Integer(3)}));
  EXPECT_TRUE(result->types()[0].IsIntegral());
  EXPECT_EQ(result->GetValue(0, 0).GetInt64(), 3);
  int64_t expected = 0;
  for (int64_t i = 1; i <= kRows; i++) expected += i % 7 == 3;
  EXPECT_EQ(result->GetValue(1, 0).GetInt64(), expected);
  // An occurrence bound as unknown before a later one fixed the type was used as text: it
  // reads the value cast to text.
  auto text_first = Prepare("SELECT $1 AS shown, $1 + 1 AS next");
  ASSERT_EQ(text_first->parameter_types().size(), 1u);
  EXPECT_EQ(text_first->parameter_types()[0].id(), TypeId::INTEGER);
  auto row = Rows(text_first->execute({Value::Varchar("41")}));
  EXPECT_EQ(row->types()[0].id(), TypeId::VARCHAR);
  EXPECT_EQ(row->GetValue(0, 0).ToString(), "41");
  EXPECT_EQ(row->GetValue(1, 0).GetInt64(), 42);
}

TEST_F(PreparedStatementTest, WrongParametersAreErrorResults) {
  auto statement = Prepare("SELECT count(*) FROM numbers WHERE id < $1 AND name <> $2");
  ASSERT_EQ(statement->parameter_types().size(), 2u);
  // Wrong count: PostgreSQL's Bind message error.
  auto too_few = statement->execute({Value::Integer(1)});
  ASSERT_TRUE(too_few->has_error());
  EXPECT_EQ(too_few->error().sqlstate(), "08P01");
  EXPECT_NE(too_few->error_message().find("supplies 1 parameters"), std::string::npos) << too_few->error_message();
  EXPECT_EQ(ErrorState(statement->execute({})), "08P01");
  EXPECT_EQ(ErrorState(statement->execute({Value::Integer(1), Value::Varchar("a"), Value::Integer(3)})), "08P01");
  // Text that is not an integer; a type with no assignment cast; out of range.
  auto bad_text = statement->execute({Value::Varchar("abc"), Value::Varchar("a")});
  ASSERT_TRUE(bad_text->has_error());
  EXPECT_EQ(bad_text->error().sqlstate(), "22P02");
  EXPECT_NE(bad_text->error_message().find("\"abc\""), std::string::npos) << bad_text->error_message();
  auto bad_type = statement->execute({Value::Date(0), Value::Varchar("a")});
  ASSERT_TRUE(bad_type->has_error());
  EXPECT_EQ(bad_type->error().sqlstate(), "42804");
  EXPECT_NE(bad_type->error_message().find("parameter $1 of type date cannot be coerced"), std::string::npos)
      << bad_type->error_message();
  if (statement->parameter_types()[0].id() == TypeId::INTEGER) {
    EXPECT_EQ(ErrorState(statement->execute({Value::BigInt(int64_t(1) << 40), Value::Varchar("a")})), "22003");
  }
  // The statement stays usable after errors.
  auto ok = Rows(statement->execute({Value::Integer(11), Value::Varchar("n99")}));
  EXPECT_EQ(ok->GetValue(0, 0).GetInt64(), 10);
}

TEST_F(PreparedStatementTest, PrepareErrorsAreKeptInTheStatement) {
  struct Case {
    const char* sql;
    const char* sqlstate;
  };
  for (const Case& c : {Case{"SELECT FROM WHERE", "42601"},
                        Case{"SELECT nosuch FROM numbers WHERE id = $1", "42703"},
                        Case{"SELECT 1; SELECT 2", "42601"},
                        Case{"SET enable_optimizer = false", "0A000"},
                        Case{"SELECT $2", "42P18"},
                        Case{"SELECT $0", "42P02"},
                        Case{"WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < $1) SEARCH BREADTH FIRST BY n SET s SELECT n FROM t", "0A000"}}) {
    auto statement = connection_->prepare(c.sql);
    ASSERT_TRUE(statement->has_error()) << c.sql;
    EXPECT_EQ(statement->error().sqlstate(), c.sqlstate) << c.sql << ": " << statement->error_message();
    EXPECT_TRUE(statement->parameter_types().empty());
    auto result = statement->execute({});
    ASSERT_TRUE(result->has_error());
    EXPECT_EQ(result->error().sqlstate(), c.sqlstate);
  }
  auto unknown = connection_->prepare("SELECT id FROM numbers WHERE nosuch = $1");
  ASSERT_TRUE(unknown->has_error());
  EXPECT_EQ(unknown->error().position(), 30);  // "nosuch"
  // Outside a prepared statement there are no parameters, as in PostgreSQL's simple protocol.
  auto plain = connection_->query("SELECT $1");
  ASSERT_TRUE(plain->has_error());
  EXPECT_EQ(plain->error().sqlstate(), "42P02");
  EXPECT_EQ(plain->error_message(), "there is no parameter $1");
}

TEST_F(PreparedStatementTest, ExecutesOnAnotherConnectionOfTheSameDatabase) {
  auto statement = Prepare("SELECT max(id) FROM numbers WHERE grp = $1");
  auto max_of_group = [](int64_t grp) {
    int64_t max = 0;
    for (int64_t i = 1; i <= kRows; i++) max = i % 7 == grp ? i : max;
    return max;
  };
  Connection other(*database_);
  auto result = Rows(other.execute(*statement, {Value::Integer(0)}));
  EXPECT_EQ(result->GetValue(0, 0).GetInt64(), max_of_group(0));
  // The plan keeps working when the preparing connection's settings change.
  Rows(connection_->query("SET enable_optimizer = false"));
  EXPECT_EQ(Rows(statement->execute({Value::Integer(1)}))->GetValue(0, 0).GetInt64(), max_of_group(1));
  // A statement outlives the connection that prepared it: its plan is its own.
  std::unique_ptr<PreparedStatement> orphan;
  {
    Connection short_lived(*database_);
    orphan = short_lived.prepare("SELECT count(*) FROM numbers WHERE grp = $1");
  }
  EXPECT_EQ(Rows(other.execute(*orphan, {Value::Integer(2)}))->GetValue(0, 0).GetInt64(), (kRows + 7 - 2) / 7);
  // Another database's connection refuses it.
  ScratchDirectory other_scratch;
  Database other_database(other_scratch.path());
  Connection stranger(other_database);
  EXPECT_EQ(ErrorState(stranger.execute(*statement, {Value::Integer(0)})), "0A000");
}

/// The answer of the concurrency test's statement for `limit` and `excluded`, per grp.
std::map<int64_t, std::pair<int64_t, int64_t>> ExpectedGroups(int64_t limit, const std::string& excluded) {
  std::map<int64_t, std::pair<int64_t, int64_t>> groups;
  for (int64_t i = 1; i <= std::min(limit, kRows); i++) {
    if ("n" + std::to_string(i % 13) == excluded) continue;
    auto& group = groups[i % 7];
    group.first++;
    group.second += i;
  }
  return groups;
}

TEST_F(PreparedStatementTest, TwoConnectionsShareOnePreparedPlanConcurrently) {
  // Filter, hash aggregate and sort: every kind of per-execution state, shared plan.
  auto statement = Prepare(
      "SELECT grp, count(*) AS n, sum(id) AS total FROM numbers WHERE id <= $1 AND name <> $2 "
      "GROUP BY grp ORDER BY grp");
  ASSERT_FALSE(statement->has_error());
  constexpr int kIterations = 40;
  std::atomic<int> failures{0};
  auto run = [&](int thread) {
    Connection connection(*database_);
    for (int iteration = 0; iteration < kIterations; iteration++) {
      int64_t limit = 100 + (iteration * 2 + thread) * 487 % kRows;
      std::string excluded = "n" + std::to_string((iteration + thread * 5) % 13);
      auto result = connection.execute(*statement, {Value::BigInt(limit), Value::Varchar(excluded)});
      if (result->has_error() || !result->Materialize()) {
        ADD_FAILURE() << "thread " << thread << ": " << result->error_message();
        failures++;
        continue;
      }
      auto expected = ExpectedGroups(limit, excluded);
      bool same = result->RowCount() == expected.size();
      idx_t row = 0;
      for (const auto& [grp, group] : expected) {
        if (!same) break;
        same = result->GetValue(0, row).GetInt64() == grp && result->GetValue(1, row).GetInt64() == group.first &&
               result->GetValue(2, row).CastAs(TypeId::BIGINT).GetInt64() == group.second;
        row++;
      }
      if (!same) {
        ADD_FAILURE() << "thread " << thread << " iteration " << iteration << " limit " << limit << " excluded "
                      << excluded << ": wrong answer\n"
                      << result->ToString();
        failures++;
      }
    }
  };
  std::thread first(run, 0);
  std::thread second(run, 1);
  first.join();
  second.join();
  EXPECT_EQ(failures.load(), 0);
}

TEST_F(PreparedStatementTest, InterruptCancelsAPreparedExecution) {
  // 9 million groups over a 3,000 x 3,000 cross join: seconds of work, cancelled after 100 ms.
  auto statement = Prepare(
      "SELECT count(*) FROM (SELECT a.id * $1 + b.id AS k, count(*) FROM numbers a, numbers b "
      "WHERE a.id <= $2 AND b.id <= $2 GROUP BY 1) AS groups");
  Connection connection(*database_);
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    connection.interrupt();
  });
  auto result = connection.execute(*statement, {Value::BigInt(100000), Value::BigInt(3000)});
  if (!result->has_error()) result->Materialize();
  canceller.join();
  ASSERT_TRUE(result->has_error());
  EXPECT_EQ(result->error().sqlstate(), "57014");
  // The connection and the statement stay usable.
  auto again = Rows(connection.execute(*statement, {Value::BigInt(100000), Value::BigInt(3)}));
  EXPECT_EQ(again->GetValue(0, 0).GetInt64(), 9);
}

TEST_F(PreparedStatementTest, SqlPrepareExecuteDeallocate) {
  Rows(connection_->query("PREPARE by_grp(int, text) AS SELECT count(*) FROM numbers WHERE grp = $1 AND name = $2"));
  for (int grp = 0; grp < 7; grp += 3) {
    auto result = Rows(connection_->query("EXECUTE by_grp(" + std::to_string(grp) + ", 'n4')"));
    int64_t expected = 0;
    for (int64_t i = 1; i <= kRows; i++) expected += i % 7 == grp && i % 13 == 4;
    EXPECT_EQ(result->GetValue(0, 0).GetInt64(), expected);
  }
  EXPECT_EQ(ErrorState(connection_->query("EXECUTE by_grp(1)")), "42601");
  EXPECT_EQ(ErrorState(connection_->query("EXECUTE by_grp('x', 'n1')")), "22P02");
  EXPECT_EQ(ErrorState(connection_->query("PREPARE by_grp AS SELECT 1")), "42P05");
  // Prepared statements belong to their connection.
  Connection other(*database_);
  EXPECT_EQ(ErrorState(other.query("EXECUTE by_grp(1, 'n1')")), "26000");
  EXPECT_EQ(Rows(connection_->query("DEALLOCATE PREPARE by_grp"))->command_tag(), "DEALLOCATE");
  EXPECT_EQ(ErrorState(connection_->query("EXECUTE by_grp(1, 'n1')")), "26000");
  EXPECT_EQ(ErrorState(connection_->query("DEALLOCATE by_grp")), "26000");
}

}  // namespace
}  // namespace cairn

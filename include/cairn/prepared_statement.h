// PreparedStatement: a query planned once (parsed, bound, optimized and planned physically)
// and executed any number of times with different parameter values ($1, $2, ...), like
// PostgreSQL's extended-protocol Parse/Bind/Execute and DuckDB's Connection::Prepare.
//
// Created by Connection::prepare(sql). It holds the immutable physical plan (shared); parameter
// values belong to each execution, never to the plan, so the same statement may run many times
// and concurrently: execute() runs it on the connection that prepared it, and
// Connection::execute(statement, params) runs it on any connection of the same Database (e.g.
// one per thread). The plan is fixed at prepare time: the tables it scans and the optimizer
// settings then in force; a table dropped or remapped afterwards is still read as prepared.
//
// Parameter types are declared (`$1::int`) or inferred from the context (`x = $1` takes x's
// type); a parameter no context types is TEXT (PostgreSQL's unknown → text). Values passed to
// execute are coerced to those types as PostgreSQL does: NULL stays NULL, text is read in the
// type's input syntax (SQLSTATE 22P02 on bad input), numbers convert between numeric types
// (22003 when out of range), and other mismatches fail with 42804.
//
// Thread-safety: a PreparedStatement is immutable after prepare(); its accessors and
// Connection::execute(statement, ...) may be called from several threads at once. execute()
// uses the preparing Connection, which is one thread's at a time (as for query()).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "cairn/query_result.h"
#include "cairn/value.h"

namespace cairn {

class Connection;
struct PreparedPlan;  // engine internals (src/main/prepared_plan.h)

class PreparedStatement {
 public:
  ~PreparedStatement();
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;

  /// True if preparing failed (syntax, binding or planning error, or not a query: 0A000); the
  /// statement cannot be executed then (execute() returns this error).
  bool has_error() const { return error_.has_value(); }
  /// REQUIRES: has_error().
  const Exception& error() const { return *error_; }
  /// "" when there is no error.
  std::string error_message() const { return error_ ? error_->what() : ""; }

  /// The SQL text that was prepared.
  const std::string& sql() const { return sql_; }
  /// Types of $1..$n (empty when preparing failed).
  const std::vector<LogicalType>& parameter_types() const;
  /// Result column names and types (empty when preparing failed).
  const std::vector<std::string>& names() const;
  const std::vector<LogicalType>& types() const;

  /// Runs the statement on the connection that prepared it (which must still exist; the
  /// statement itself may outlive it and run through another connection's execute()) with
  /// `params` ($1 = params[0]).
  /// Never throws for user errors: a wrong number of values (08P01), a value that cannot be
  /// coerced (22P02, 22003, 42804), a preparing error or an execution error comes back as an
  /// error result. The result streams like query()'s; Connection::interrupt() cancels it.
  std::unique_ptr<QueryResult> execute(std::vector<Value> params = {});

 private:
  friend class Connection;
  PreparedStatement(Connection& connection, std::string sql);

  Connection& connection_;
  std::string sql_;
  std::shared_ptr<const PreparedPlan> plan_;  // null when preparing failed
  std::optional<Exception> error_;
};

}  // namespace cairn

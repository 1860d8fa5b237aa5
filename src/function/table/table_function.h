// Table functions: functions that stand in FROM and produce a table (read_parquet('f.parquet'),
// read_csv('*.csv', delim => ';')). The binder evaluates the call's arguments to constants and
// asks the TableFunctionRegistry for the function by name; the function returns the TableSource
// the query scans. The binder knows no file format: a format registers its functions from the
// layer that can build its sources (src/catalog/file_table_functions.h), as DuckDB's table
// functions do.
//
// Thread-safety: a TableFunctionRegistry is filled while its owner is constructed and only read
// afterwards; Find may then be called from any thread. Bind functions must be thread-safe.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cairn/value.h"
#include "function/table/table_source.h"

namespace cairn {

/// One argument of a table-function call, already a constant.
struct TableFunctionArgument {
  /// The value, or the elements of an ARRAY['a', 'b'] list (never SQL NULL: the binder rejects
  /// NULL arguments with 22023).
  std::vector<Value> values;
  bool is_list = false;
  /// 1-based position of the argument in the statement, for errors.
  std::optional<int> position;
};

/// A call as the binder hands it to the function.
struct TableFunctionInput {
  std::string name;  // lower case, as called (an alias such as parquet_scan keeps its name)
  std::vector<TableFunctionArgument> positional;
  /// `name => value`, `name := value` or DuckDB's `name = value`; names lower-cased, in call order.
  std::vector<std::pair<std::string, TableFunctionArgument>> named;
  std::optional<int> position;  // of the call
};

/// What a table function produces.
struct TableFunctionOutput {
  std::shared_ptr<TableSource> source;
  std::string table_name;     // for EXPLAIN, e.g. "read_parquet('f.parquet')"
  std::string default_alias;  // the range name when the query gives none
  /// The function returns a base type (one column): a table alias also names the column, as
  /// PostgreSQL does for `FROM generate_series(1, 3) g`.
  bool scalar_result = false;
};

/// Binds a call: validates arguments and options and creates the source. Throws
/// cairn::Exception (22023 for bad options, 58P01 when no file matches, ...), with the
/// argument's position where one is to blame.
using TableFunctionBind = std::function<TableFunctionOutput(const TableFunctionInput&)>;

class TableFunctionRegistry {
 public:
  /// Registers `bind` under `name` (case-insensitive); a later registration replaces it.
  void Register(std::string name, TableFunctionBind bind);
  /// The function called `name` (case-insensitive), or nullptr.
  const TableFunctionBind* Find(std::string_view name) const;
  /// Registered names, sorted.
  std::vector<std::string> Names() const;

 private:
  std::map<std::string, TableFunctionBind, std::less<>> functions_;
};

}  // namespace cairn

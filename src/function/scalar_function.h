// Scalar functions and operators: the catalog of vectorized kernels the binder looks up by
// name and argument types (PostgreSQL's pg_proc/pg_operator, DuckDB's function sets).
//
// Operators are functions named by their symbol: "+", "-", "*", "/", "%", "=", "<>", "<", "<=",
// ">", ">=", "||", "~~" (LIKE), "!~~" (NOT LIKE), "~~*" (ILIKE), "!~~*" (NOT ILIKE); unary minus
// is "-" with one argument. AND, OR, NOT, CASE, IS [NOT] NULL, IN, BETWEEN and COALESCE are
// special forms evaluated by the engine, not functions here.
//
// Thread-safety: the registry is built once and immutable; kernels are reentrant.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cairn/data_chunk.h"
#include "cairn/types.h"
#include "cairn/value.h"

namespace cairn {

/// Evaluates a function over `args.size()` rows: `args` holds one vector per argument (any
/// kind: flat, constant, dictionary), already cast to the bound argument types. `result` is a
/// flat vector of the return type with capacity >= args.size(); a kernel may instead make it
/// CONSTANT when every argument is constant. NULL handling is the kernel's job (most functions
/// return NULL when any argument is NULL). Throws cairn::Exception on data errors (22012
/// division by zero, 22003 overflow, ...).
using ScalarKernel = std::function<void(DataChunk& args, Vector& result)>;

/// Produces the rows of one call of a set-returning function (PostgreSQL's SRF: unnest,
/// generate_series, regexp_split_to_table ...), for one input row's arguments.
class SetFunctionIterator {
 public:
  virtual ~SetFunctionIterator() = default;
  /// Writes up to `capacity` next values into rows offset.. of the flat vector `out` (of the
  /// function's return type) and returns how many; fewer than `capacity` only when the set
  /// is exhausted. Throws cairn::Exception on data errors.
  virtual idx_t Next(Vector& out, idx_t offset, idx_t capacity) = 0;
};

/// Starts one call of a set-returning function with one row's argument values (already of
/// the bound argument types, NULLs included). Returns nullptr for an empty set.
using SetFunctionStart = std::function<std::unique_ptr<SetFunctionIterator>(const std::vector<Value>& arguments)>;

struct ScalarFunction {
  std::string name;
  std::vector<LogicalType> arguments;        // declared argument types
  LogicalType varargs = TypeId::INVALID;     // type of any further arguments, if variadic
  LogicalType return_type;
  ScalarKernel kernel;
  bool is_volatile = false;                  // random(), now(): never constant-folded
  /// Set when the function returns a set (then `kernel` is empty and the binder plans the call
  /// as a LogicalProjectSet; `return_type` is the type of each row's value).
  SetFunctionStart set_function;
};

/// Finds the overload of `name` (case-insensitive) best matching `argument_types`, allowing
/// implicit casts (fewest/cheapest casts wins), and returns it with `arguments` and
/// `return_type` resolved for these inputs (e.g. DECIMAL result scales). The caller casts each
/// argument to the returned `arguments[i]` (or `varargs`). SQLNULL arguments match any type.
/// Throws cairn::Exception 42883 (undefined_function) naming the function and the types.
ScalarFunction BindScalarFunction(const std::string& name, const std::vector<LogicalType>& argument_types);
/// As above, where `unknown[i]` marks argument i as an untyped string literal (PostgreSQL's
/// "unknown"): it matches a text parameter best, else any parameter its text can be cast to —
/// preferring each category's preferred type (timestamp with time zone, double precision,
/// interval, boolean), as PostgreSQL's function resolution does.
ScalarFunction BindScalarFunction(const std::string& name, const std::vector<LogicalType>& argument_types,
                                  const std::vector<bool>& unknown);

/// The number of fractional digits of PostgreSQL's extract(`field` FROM ...) result (numeric):
/// 6 for second and epoch, 3 for millisecond, else 0. The binder calls the internal function
/// "__extract_scale<N>" that returns numeric with that scale. Throws 22023 for unknown fields.
int ExtractResultScale(std::string_view field);

/// True if a scalar function or operator called `name` exists (for error messages).
bool ScalarFunctionExists(const std::string& name);

}  // namespace cairn

// `numeric / numeric`: exact division with PostgreSQL's rounding (half away from zero) at the
// scale select_div_scale() picks for each pair of values (numeric::DivideUnscaled), giving a
// NUMERIC. DECIMAL operands keep their storage and use their type's scale as the display scale;
// integers meet DECIMAL here too (`1 / 3.0`, `sum(x) / 2.5`), as PostgreSQL resolves integer /
// numeric to numeric / numeric. 22012 for a zero divisor, 22003 when the quotient does not fit
// a NUMERIC.
#include "function/scalar/decimal_division.h"

#include "cairn/exception.h"
#include "common/decimal.h"
#include "common/numeric.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

// DECIMAL / DECIMAL: the quotient is a NUMERIC whose scale is chosen per row pair, as
// PostgreSQL's numeric_div does for numerics of those display scales.
template <class L, class R>
ScalarKernel DivisionKernel(int left_scale, int right_scale) {
  return [=](DataChunk& args, Vector& result) {
    executor::BinaryExecute<L, R, hugeint_t>(args.data[0], args.data[1], result, args.size(), [&](L a, R b) {
      return numeric::DivideUnscaled(static_cast<hugeint_t>(a), left_scale, static_cast<hugeint_t>(b), right_scale);
    });
  };
}

void BindDivision(ScalarFunction& bound, const std::vector<LogicalType>&) {
  const LogicalType& a = bound.arguments[0];
  const LogicalType& b = bound.arguments[1];
  bound.return_type = TypeId::NUMERIC;
  bool wide_a = a.physical_type() == PhysicalType::INT128, wide_b = b.physical_type() == PhysicalType::INT128;
  if (wide_a && wide_b) bound.kernel = DivisionKernel<hugeint_t, hugeint_t>(a.scale(), b.scale());
  else if (wide_a) bound.kernel = DivisionKernel<hugeint_t, int64_t>(a.scale(), b.scale());
  else if (wide_b) bound.kernel = DivisionKernel<int64_t, hugeint_t>(a.scale(), b.scale());
  else bound.kernel = DivisionKernel<int64_t, int64_t>(a.scale(), b.scale());
}

}  // namespace

void RegisterDecimalDivision(FunctionRegistry& registry) {
  LogicalType any_decimal(TypeId::DECIMAL);
  registry.Add(ScalarFunction{"/", {any_decimal, any_decimal}, TypeId::INVALID, TypeId::NUMERIC, nullptr}, BindDivision);
  const LogicalType num = TypeId::NUMERIC;
  registry.Add(ScalarFunction{"/", {num, num}, TypeId::INVALID, num, [](DataChunk& args, Vector& result) {
                                executor::BinaryExecute<hugeint_t, hugeint_t, hugeint_t>(args.data[0], args.data[1], result,
                                                                                          args.size(), numeric::Divide);
                              }});
}

}  // namespace cairn::function

// `numeric / numeric`: exact DECIMAL division with PostgreSQL's rounding (half away from zero)
// at the scale QuotientScale() picks. Integers meet DECIMAL here too (`1 / 3.0`, `sum(x) / 2.5`),
// as PostgreSQL resolves integer / numeric to numeric / numeric. 22012 for a zero divisor,
// 22003 when the quotient needs more than 38 digits.
#include "function/scalar/decimal_division.h"

#include <algorithm>

#include "cairn/exception.h"
#include "common/decimal.h"
#include "function/function_registry.h"
#include "function/vector_executor.h"

namespace cairn::function {
namespace {

using uhugeint_t = unsigned __int128;

constexpr int kMinSignificantDigits = 16;  // PostgreSQL's NUMERIC_MIN_SIG_DIGITS

uhugeint_t Magnitude(hugeint_t v) { return v < 0 ? uhugeint_t(0) - static_cast<uhugeint_t>(v) : static_cast<uhugeint_t>(v); }

// One long-division step: remainder * 10 divided by divisor. REQUIRES: remainder < divisor.
// Where remainder * 10 could pass 2^128 it adds the remainder ten times, reducing modulo the
// divisor each time (the running value stays below 2 * divisor < 2^128).
unsigned NextDigit(uhugeint_t& remainder, uhugeint_t divisor) {
  constexpr uhugeint_t kSafe = static_cast<uhugeint_t>(1) << 124;
  if (remainder < kSafe) {
    uhugeint_t t = remainder * 10;
    remainder = t % divisor;
    return static_cast<unsigned>(t / divisor);
  }
  unsigned digit = 0;
  uhugeint_t t = 0;
  for (int i = 0; i < 10; i++) {
    t += remainder;
    if (t >= divisor) {
      t -= divisor;
      digit++;
    }
  }
  remainder = t;
  return digit;
}

}  // namespace

int QuotientScale(int dividend_scale, int divisor_scale) {
  return std::min<int>(decimal::kMaxWidth, std::max({kMinSignificantDigits, dividend_scale, divisor_scale}));
}

bool DivideDecimal(hugeint_t dividend, int dividend_scale, hugeint_t divisor, int divisor_scale, int result_scale,
                   int result_width, hugeint_t& out) {
  // quotient * 10^result_scale = dividend * 10^shift / divisor.
  int shift = result_scale - dividend_scale + divisor_scale;
  bool negative = (dividend < 0) != (divisor < 0);
  uhugeint_t a = Magnitude(dividend), b = Magnitude(divisor);
  const uhugeint_t limit = static_cast<uhugeint_t>(decimal::PowerOfTen(result_width));
  uhugeint_t q;
  uhugeint_t remainder;
  const uhugeint_t max_value = ~static_cast<uhugeint_t>(0);
  uhugeint_t scale_factor = shift <= 38 ? static_cast<uhugeint_t>(decimal::PowerOfTen(shift)) : 0;
  if (shift <= 38 && (a == 0 || a <= max_value / scale_factor)) {
    // Fast path: the scaled dividend fits 128 bits.
    uhugeint_t n = a * scale_factor;
    q = n / b;
    remainder = n % b;
  } else {
    // Integer part first, then one digit at a time.
    q = a / b;
    remainder = a % b;
    for (int i = 0; i < shift; i++) {
      if (q >= limit / 10) return false;  // q * 10 would need more than result_width digits
      q = q * 10 + NextDigit(remainder, b);
    }
  }
  // Half away from zero on the magnitude: round up when the remainder is at least half the divisor.
  if (remainder >= b - remainder) q++;
  if (q >= limit) return false;
  out = negative ? -static_cast<hugeint_t>(q) : static_cast<hugeint_t>(q);
  return true;
}

namespace {

template <class L, class R>
ScalarKernel DivisionKernel(int left_scale, int right_scale, const LogicalType& result_type) {
  int scale = result_type.scale(), width = result_type.width();
  return [=](DataChunk& args, Vector& result) {
    executor::BinaryExecute<L, R, hugeint_t>(args.data[0], args.data[1], result, args.size(), [&](L a, R b) {
      if (b == 0) throw Exception(sqlstate::kDivisionByZero, "division by zero");
      hugeint_t q;
      if (!DivideDecimal(static_cast<hugeint_t>(a), left_scale, static_cast<hugeint_t>(b), right_scale, scale, width, q)) {
        throw Exception(sqlstate::kNumericValueOutOfRange, "numeric value out of range for type " + result_type.ToString());
      }
      return q;
    });
  };
}

void BindDivision(ScalarFunction& bound, const std::vector<LogicalType>&) {
  const LogicalType& a = bound.arguments[0];
  const LogicalType& b = bound.arguments[1];
  int scale = QuotientScale(a.scale(), b.scale());
  LogicalType result = LogicalType::Decimal(decimal::kMaxWidth, static_cast<uint8_t>(scale));
  bound.return_type = result;
  bool wide_a = a.physical_type() == PhysicalType::INT128, wide_b = b.physical_type() == PhysicalType::INT128;
  if (wide_a && wide_b) bound.kernel = DivisionKernel<hugeint_t, hugeint_t>(a.scale(), b.scale(), result);
  else if (wide_a) bound.kernel = DivisionKernel<hugeint_t, int64_t>(a.scale(), b.scale(), result);
  else if (wide_b) bound.kernel = DivisionKernel<int64_t, hugeint_t>(a.scale(), b.scale(), result);
  else bound.kernel = DivisionKernel<int64_t, int64_t>(a.scale(), b.scale(), result);
}

}  // namespace

void RegisterDecimalDivision(FunctionRegistry& registry) {
  LogicalType any_decimal(TypeId::DECIMAL);
  registry.Add(ScalarFunction{"/", {any_decimal, any_decimal}, TypeId::INVALID, any_decimal, nullptr}, BindDivision);
}

}  // namespace cairn::function

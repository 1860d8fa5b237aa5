#include "function/scalar_function.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "function/function_registry.h"
#include "function/function_test_util.h"

namespace cairn {
namespace {

using testing::MakeDictionary;
using testing::MakeFlat;
using testing::RunFunction;
using testing::Texts;
using Strings = std::vector<std::string>;

Vector Ints(std::vector<Value> values, LogicalType type = TypeId::INTEGER) { return MakeFlat(type, values); }
Vector Str(std::vector<Value> values) { return MakeFlat(TypeId::VARCHAR, values); }
Value S(const char* s) { return Value::Varchar(s); }

// Evaluates `name` on constant arguments and returns the text of the single result.
std::string Eval(const std::string& name, const std::vector<Value>& args) {
  std::vector<Vector> inputs;
  for (const auto& a : args) inputs.emplace_back(a);
  return RunFunction(name, inputs, 1).GetValue(0).ToString();
}

TEST(BindTest, OverloadsAndResultTypes) {
  EXPECT_EQ(BindScalarFunction("+", {TypeId::INTEGER, TypeId::BIGINT}).return_type, LogicalType(TypeId::BIGINT));
  EXPECT_EQ(BindScalarFunction("+", {TypeId::INTEGER, TypeId::INTEGER}).return_type, LogicalType(TypeId::INTEGER));
  EXPECT_EQ(BindScalarFunction("+", {TypeId::TINYINT, TypeId::TINYINT}).return_type, LogicalType(TypeId::TINYINT));
  // Integer division keeps the integer type (PostgreSQL's int4div), it does not yield DOUBLE.
  EXPECT_EQ(BindScalarFunction("/", {TypeId::INTEGER, TypeId::INTEGER}).return_type, LogicalType(TypeId::INTEGER));
  EXPECT_EQ(BindScalarFunction("/", {TypeId::SMALLINT, TypeId::SMALLINT}).return_type, LogicalType(TypeId::SMALLINT));
  EXPECT_EQ(BindScalarFunction("/", {TypeId::BIGINT, TypeId::BIGINT}).return_type, LogicalType(TypeId::BIGINT));
  EXPECT_EQ(BindScalarFunction("//", {TypeId::INTEGER, TypeId::INTEGER}).return_type, LogicalType(TypeId::INTEGER));
  EXPECT_EQ(BindScalarFunction("+", {TypeId::INTEGER, TypeId::DOUBLE}).return_type, LogicalType(TypeId::DOUBLE));
  auto d = [](int w, int s) { return LogicalType::Decimal(w, s); };
  EXPECT_EQ(BindScalarFunction("+", {d(10, 2), d(5, 3)}).return_type, d(12, 3));
  EXPECT_EQ(BindScalarFunction("*", {d(10, 2), d(5, 3)}).return_type, d(15, 5));
  EXPECT_EQ(BindScalarFunction("*", {d(18, 2), d(18, 2)}).return_type, d(18, 4));
  EXPECT_EQ(BindScalarFunction("+", {d(38, 2), d(38, 2)}).return_type, d(38, 2));
  EXPECT_EQ(BindScalarFunction("+", {d(10, 2), TypeId::INTEGER}).return_type, d(13, 2));
  EXPECT_EQ(BindScalarFunction("+", {TypeId::BIGINT, d(10, 2)}).return_type, d(22, 2));
  EXPECT_EQ(BindScalarFunction("%", {d(10, 2), d(5, 3)}).return_type, d(11, 3));
  // numeric / numeric is exact, a NUMERIC whose scale select_div_scale picks per value.
  EXPECT_EQ(BindScalarFunction("/", {d(10, 2), d(5, 3)}).return_type, LogicalType(TypeId::NUMERIC));
  EXPECT_EQ(BindScalarFunction("+", {TypeId::NUMERIC, d(5, 3)}).return_type, LogicalType(TypeId::NUMERIC));
  EXPECT_EQ(BindScalarFunction("*", {TypeId::INTEGER, TypeId::NUMERIC}).return_type, LogicalType(TypeId::NUMERIC));
  EXPECT_EQ(BindScalarFunction("+", {d(10, 2), TypeId::DOUBLE}).return_type, LogicalType(TypeId::DOUBLE));
  EXPECT_EQ(BindScalarFunction("-", {TypeId::DATE, TypeId::DATE}).return_type, LogicalType(TypeId::INTEGER));  // as PostgreSQL
  EXPECT_EQ(BindScalarFunction("+", {TypeId::DATE, TypeId::INTERVAL}).return_type, LogicalType(TypeId::TIMESTAMP));
  EXPECT_EQ(BindScalarFunction("UPPER", {TypeId::VARCHAR}).return_type, LogicalType(TypeId::VARCHAR));
  EXPECT_EQ(BindScalarFunction("=", {TypeId::SMALLINT, TypeId::BIGINT}).arguments[0], LogicalType(TypeId::BIGINT));
  EXPECT_EQ(BindScalarFunction("greatest", {TypeId::INTEGER, TypeId::DOUBLE, TypeId::BIGINT}).return_type, LogicalType(TypeId::DOUBLE));
  EXPECT_TRUE(BindScalarFunction("random", {}).is_volatile);
  try {
    BindScalarFunction("lower", {TypeId::INTEGER});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "42883");
    EXPECT_NE(std::string(e.what()).find("lower(INTEGER)"), std::string::npos);
  }
  EXPECT_TRUE(ScalarFunctionExists("SUBSTRING"));
  EXPECT_FALSE(ScalarFunctionExists("no_such_function"));
}

TEST(ArithmeticTest, IntegerKernelsOnAllVectorKinds) {
  Vector a = Ints({Value::Integer(1), Value(), Value::Integer(3)});
  Vector b = Ints({Value::Integer(10), Value::Integer(20), Value::Integer(30)});
  EXPECT_EQ(Texts(RunFunction("+", {a, b}, 3), 3), (Strings{"11", "NULL", "33"}));
  EXPECT_EQ(Texts(RunFunction("*", {a, Vector(Value::Integer(2))}, 3), 3), (Strings{"2", "NULL", "6"}));
  EXPECT_EQ(Texts(RunFunction("-", {Vector(Value::Integer(100)), b}, 3), 3), (Strings{"90", "80", "70"}));
  Vector dict = MakeDictionary(TypeId::BIGINT, {Value::BigInt(5), Value::BigInt(7)}, {1, 0, 1});
  EXPECT_EQ(Texts(RunFunction("%", {dict, Vector(Value::BigInt(4))}, 3), 3), (Strings{"3", "1", "3"}));
  Vector constant = RunFunction("+", {Vector(Value::BigInt(2)), Vector(Value::BigInt(3))}, 5);
  EXPECT_EQ(constant.kind(), VectorKind::CONSTANT);
  EXPECT_EQ(constant.GetValue(4).ToString(), "5");
  EXPECT_EQ(RunFunction("+", {Vector(Value::Null(TypeId::BIGINT)), Vector(Value::BigInt(3))}, 2).GetValue(1).IsNull(), true);
}

TEST(ArithmeticTest, ErrorsAndDivision) {
  EXPECT_THROW(Eval("+", {Value::Integer(2147483647), Value::Integer(1)}), Exception);
  EXPECT_THROW(Eval("*", {Value::BigInt(INT64_MAX), Value::BigInt(2)}), Exception);
  EXPECT_THROW(Eval("+", {Value::TinyInt(100), Value::TinyInt(100)}), Exception);
  EXPECT_THROW(Eval("-", {Value::Integer(INT32_MIN)}), Exception);
  try {
    Eval("//", {Value::Integer(1), Value::Integer(0)});
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "22012");
    EXPECT_STREQ(e.what(), "division by zero");
  }
  EXPECT_THROW(Eval("/", {Value::Double(1), Value::Double(0)}), Exception);
  EXPECT_THROW(Eval("%", {Value::Decimal(105, 4, 1), Value::Decimal(0, 4, 1)}), Exception);
  // Truncation toward zero; % takes the dividend's sign; MIN % -1 is 0, MIN / -1 overflows.
  EXPECT_EQ(Eval("/", {Value::Integer(5), Value::Integer(2)}), "2");
  EXPECT_EQ(Eval("/", {Value::Integer(-7), Value::Integer(2)}), "-3");
  EXPECT_EQ(Eval("/", {Value::Integer(7), Value::Integer(-2)}), "-3");
  EXPECT_EQ(Eval("%", {Value::Integer(7), Value::Integer(-2)}), "1");
  EXPECT_EQ(Eval("%", {Value::Integer(INT32_MIN), Value::Integer(-1)}), "0");
  try {
    Eval("/", {Value::Integer(INT32_MIN), Value::Integer(-1)});
    ADD_FAILURE() << "INT_MIN / -1 must overflow";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "22003");
  }
  EXPECT_THROW(Eval("/", {Value::Integer(1), Value::Integer(0)}), Exception);
  EXPECT_EQ(Eval("//", {Value::Integer(-7), Value::Integer(2)}), "-3");
  EXPECT_EQ(Eval("%", {Value::Integer(-7), Value::Integer(2)}), "-1");
  EXPECT_EQ(Eval("-", {Value::Integer(5)}), "-5");
  // Null rows are not evaluated: no division by zero from a NULL divisor's garbage.
  Vector num = Ints({Value::Integer(6), Value::Integer(6)});
  Vector den = Ints({Value::Integer(3), Value()});
  EXPECT_EQ(Texts(RunFunction("//", {num, den}, 2), 2), (Strings{"2", "NULL"}));
}

TEST(ArithmeticTest, Decimals) {
  EXPECT_EQ(Eval("+", {Value::Decimal(1050, 10, 2), Value::Decimal(1, 5, 3)}), "10.501");
  EXPECT_EQ(Eval("*", {Value::Decimal(150, 10, 2), Value::Decimal(-2500, 5, 3)}), "-3.75000");
  EXPECT_EQ(Eval("-", {Value::Decimal(150, 10, 2), Value::Integer(2)}), "-0.50");
  EXPECT_EQ(Eval("-", {Value::Decimal(150, 10, 2)}), "-1.50");
  EXPECT_EQ(Eval("+", {Value::Decimal(1, 38, 2), Value::Decimal(2, 38, 2)}), "0.03");
  EXPECT_THROW(Eval("*", {Value::Decimal(100000000000000000, 18, 2), Value::Decimal(100000000000000000, 18, 2)}), Exception);
  EXPECT_EQ(Eval("*", {Value::Decimal(3, 18, 2), Value::Decimal(4, 18, 2)}), "0.0012");
  EXPECT_EQ(Eval("/", {Value::Decimal(100, 5, 2), Value::Decimal(400, 5, 2)}), "0.25000000000000000000");
}

TEST(ArithmeticTest, DateTime) {
  Value date = Value::Varchar("2024-02-28").CastAs(TypeId::DATE);
  EXPECT_EQ(Eval("+", {date, Value::Integer(2)}), "2024-03-01");
  EXPECT_EQ(Eval("-", {date, Value::Integer(59)}), "2023-12-31");
  EXPECT_EQ(Eval("-", {date, Value::Varchar("2023-02-28").CastAs(TypeId::DATE)}), "365");
  Value ts = Value::Varchar("2024-01-31 10:00").CastAs(TypeId::TIMESTAMP);
  EXPECT_EQ(Eval("+", {ts, Value::Interval({1, 0, 0})}), "2024-02-29 10:00:00");
  EXPECT_EQ(Eval("-", {ts, Value::Interval({0, 1, 3600000000})}), "2024-01-30 09:00:00");
  EXPECT_EQ(Eval("+", {date, Value::Interval({0, 1, 0})}), "2024-02-29 00:00:00");
  Value earlier = Value::Varchar("2023-01-01 10:00").CastAs(TypeId::TIMESTAMP);
  EXPECT_EQ(Eval("-", {Value::Varchar("2024-01-01").CastAs(TypeId::TIMESTAMP), earlier}), "364 days 14:00:00");
}

TEST(ComparisonTest, TypesAndNulls) {
  Vector a = Ints({Value::Integer(1), Value::Integer(5), Value()});
  EXPECT_EQ(Texts(RunFunction("<", {a, Vector(Value::Integer(3))}, 3), 3), (Strings{"true", "false", "NULL"}));
  EXPECT_EQ(Texts(RunFunction("=", {a, Vector(Value::BigInt(5))}, 3), 3), (Strings{"false", "true", "NULL"}));
  Vector s = Str({S("apple"), S("a much longer string value"), S("b")});
  EXPECT_EQ(Texts(RunFunction(">=", {s, Vector(S("a much longer string value"))}, 3), 3), (Strings{"true", "true", "true"}));
  EXPECT_EQ(Texts(RunFunction("<>", {s, Vector(S("b"))}, 3), 3), (Strings{"true", "true", "false"}));
  EXPECT_EQ(Eval("=", {Value::Decimal(150, 10, 2), Value::Decimal(15, 5, 1)}), "true");
  EXPECT_EQ(Eval("<", {Value::Decimal(150, 10, 2), Value::Integer(2)}), "true");
  EXPECT_EQ(Eval("=", {Value::Interval({1, 0, 0}), Value::Interval({0, 30, 0})}), "true");
  EXPECT_EQ(Eval("<", {Value::Date(5), Value::Timestamp(5 * 86400000000LL + 1)}), "true");
  EXPECT_EQ(Eval(">", {Value::Boolean(true), Value::Boolean(false)}), "true");
  EXPECT_EQ(Eval("=", {Value::Double(0.1), Value::Double(0.1)}), "true");
}

TEST(StringFunctionTest, Basics) {
  EXPECT_EQ(Eval("lower", {S("HeLLo World")}), "hello world");
  EXPECT_EQ(Eval("upper", {S("straße")}), "STRAßE");
  EXPECT_EQ(Eval("length", {S("héllo")}), "5");
  EXPECT_EQ(Eval("octet_length", {S("héllo")}), "6");
  EXPECT_EQ(Eval("substring", {S("héllo world"), Value::BigInt(2), Value::BigInt(4)}), "éllo");
  EXPECT_EQ(Eval("substr", {S("hello"), Value::Integer(0), Value::Integer(3)}), "he");
  EXPECT_EQ(Eval("substring", {S("hello"), Value::Integer(-3)}), "hello");
  EXPECT_EQ(Eval("substring", {S("hello"), Value::Integer(4)}), "lo");
  EXPECT_THROW(Eval("substring", {S("hello"), Value::Integer(1), Value::Integer(-1)}), Exception);
  EXPECT_EQ(Eval("concat", {S("a"), Value(), Value::Integer(1), S("b")}), "a1b");
  EXPECT_EQ(Eval("||", {S("a"), Value::Null(TypeId::VARCHAR)}), "NULL");
  EXPECT_EQ(Eval("||", {S("a"), Value::Integer(1)}), "a1");
  EXPECT_EQ(Eval("concat_ws", {S(", "), S("a"), Value(), S("b")}), "a, b");
  EXPECT_EQ(Eval("trim", {S("  x y  ")}), "x y");
  EXPECT_EQ(Eval("ltrim", {S("xxhixx"), S("x")}), "hixx");
  EXPECT_EQ(Eval("rtrim", {S("xxhixy"), S("xy")}), "xxhi");
  EXPECT_EQ(Eval("replace", {S("abcabc"), S("b"), S("XY")}), "aXYcaXYc");
  EXPECT_EQ(Eval("left", {S("hello"), Value::Integer(2)}), "he");
  EXPECT_EQ(Eval("left", {S("hello"), Value::Integer(-2)}), "hel");
  EXPECT_EQ(Eval("right", {S("hello"), Value::Integer(2)}), "lo");
  EXPECT_EQ(Eval("right", {S("hello"), Value::Integer(-2)}), "llo");
  EXPECT_EQ(Eval("starts_with", {S("hello"), S("he")}), "true");
  EXPECT_EQ(Eval("contains", {S("hello"), S("ll")}), "true");
  EXPECT_EQ(Eval("strpos", {S("héllo"), S("llo")}), "3");
  EXPECT_EQ(Eval("position", {S("hello"), S("z")}), "0");
  EXPECT_EQ(Eval("reverse", {S("héllo")}), "olléh");
  EXPECT_EQ(Eval("repeat", {S("ab"), Value::Integer(3)}), "ababab");
  EXPECT_EQ(Eval("lpad", {S("7"), Value::Integer(3), S("0")}), "007");
  EXPECT_EQ(Eval("rpad", {S("hello"), Value::Integer(3)}), "hel");
  EXPECT_EQ(Eval("rpad", {S("a"), Value::Integer(4), S("xy")}), "axyx");
  EXPECT_EQ(Eval("split_part", {S("a,b,c"), S(","), Value::Integer(2)}), "b");
  EXPECT_EQ(Eval("split_part", {S("a,b,c"), S(","), Value::Integer(5)}), "");
  EXPECT_EQ(Eval("split_part", {S("a,b,c"), S(","), Value::Integer(-1)}), "c");
  EXPECT_EQ(Eval("regexp_like", {S("abc123"), S("[0-9]+")}), "true");
  EXPECT_EQ(Eval("regexp_replace", {S("a1b22c"), S("[0-9]+"), S("#")}), "a#b22c");
  EXPECT_EQ(Eval("regexp_replace", {S("a1b22c"), S("[0-9]+"), S("#"), S("g")}), "a#b#c");
  EXPECT_EQ(Eval("regexp_replace", {S("john smith"), S("(\\w+) (\\w+)"), S("\\2 \\1")}), "smith john");
  EXPECT_THROW(Eval("regexp_like", {S("a"), S("(")}), Exception);
}

TEST(StringFunctionTest, VectorKinds) {
  Vector s = MakeDictionary(TypeId::VARCHAR, {S("Short"), S("A Rather Long String Value")}, {1, 0, 1});
  EXPECT_EQ(Texts(RunFunction("lower", {s}, 3), 3), (Strings{"a rather long string value", "short", "a rather long string value"}));
  Vector with_null = Str({S("abc"), Value(), S("xyz")});
  EXPECT_EQ(Texts(RunFunction("upper", {with_null}, 3), 3), (Strings{"ABC", "NULL", "XYZ"}));
  Vector upper_const = RunFunction("upper", {Vector(S("q"))}, 4);
  EXPECT_EQ(upper_const.kind(), VectorKind::CONSTANT);
}

TEST(LikeTest, Patterns) {
  using function::LikeMatches;
  EXPECT_TRUE(LikeMatches("hello", "hello"));
  EXPECT_FALSE(LikeMatches("hello", "hell"));
  EXPECT_TRUE(LikeMatches("hello", "he%"));
  EXPECT_TRUE(LikeMatches("hello", "%llo"));
  EXPECT_TRUE(LikeMatches("hello", "%ll%"));
  EXPECT_TRUE(LikeMatches("hello", "h_llo"));
  EXPECT_TRUE(LikeMatches("héllo", "h_llo"));
  EXPECT_TRUE(LikeMatches("hello", "%"));
  EXPECT_TRUE(LikeMatches("", "%"));
  EXPECT_FALSE(LikeMatches("", "_"));
  EXPECT_TRUE(LikeMatches("a%b", "a\\%b"));
  EXPECT_FALSE(LikeMatches("axb", "a\\%b"));
  EXPECT_TRUE(LikeMatches("abcabcabd", "%abc%abd"));
  EXPECT_TRUE(LikeMatches("mississippi", "m%iss%pi"));
  EXPECT_FALSE(LikeMatches("mississippi", "m%iss%pix"));
  EXPECT_TRUE(LikeMatches("ab", "a%%b"));
  // Pathological pattern must finish quickly.
  std::string text(5000, 'a');
  EXPECT_FALSE(LikeMatches(text, "%a%a%a%a%a%a%a%a%a%a%b"));

  Vector s = Str({S("apple"), S("banana"), Value(), S("APPLE pie")});
  EXPECT_EQ(Texts(RunFunction("~~", {s, Vector(S("%an%"))}, 4), 4), (Strings{"false", "true", "NULL", "false"}));
  EXPECT_EQ(Texts(RunFunction("!~~", {s, Vector(S("app%"))}, 4), 4), (Strings{"false", "true", "NULL", "true"}));
  EXPECT_EQ(Texts(RunFunction("~~*", {s, Vector(S("app%"))}, 4), 4), (Strings{"true", "false", "NULL", "true"}));
  Vector patterns = Str({S("a%"), S("%x"), S("z"), S("%PIE")});
  EXPECT_EQ(Texts(RunFunction("!~~*", {s, patterns}, 4), 4), (Strings{"false", "true", "NULL", "false"}));
}

TEST(MathFunctionTest, Basics) {
  EXPECT_EQ(Eval("abs", {Value::Integer(-5)}), "5");
  EXPECT_EQ(Eval("abs", {Value::Decimal(-150, 10, 2)}), "1.50");
  // round(double precision) is rint(): half to even, as PostgreSQL's dround.
  EXPECT_EQ(Eval("round", {Value::Double(2.5)}), "2");
  EXPECT_EQ(Eval("round", {Value::Double(-2.5)}), "-2");
  EXPECT_EQ(Eval("round", {Value::Double(3.5)}), "4");
  // round(numeric) is half away from zero.
  EXPECT_EQ(Eval("round", {Value::Decimal(25, 10, 1)}), "3");
  EXPECT_EQ(Eval("round", {Value::Decimal(-25, 10, 1)}), "-3");
  EXPECT_EQ(Eval("round", {Value::Double(3.14159), Value::Integer(2)}), "3.14");
  EXPECT_EQ(Eval("round", {Value::Decimal(15, 10, 1)}), "2");
  EXPECT_EQ(Eval("round", {Value::Decimal(-15, 10, 1)}), "-2");
  EXPECT_EQ(Eval("round", {Value::Decimal(12345, 10, 4), Value::Integer(2)}), "1.2300");
  EXPECT_EQ(Eval("floor", {Value::Decimal(-15, 10, 1)}), "-2");
  EXPECT_EQ(Eval("ceil", {Value::Decimal(-15, 10, 1)}), "-1");
  EXPECT_EQ(Eval("trunc", {Value::Double(-1.7)}), "-1");
  EXPECT_EQ(Eval("ceiling", {Value::Double(1.2)}), "2");
  EXPECT_EQ(Eval("sqrt", {Value::Integer(16)}), "4");
  EXPECT_THROW(Eval("sqrt", {Value::Integer(-1)}), Exception);
  EXPECT_EQ(Eval("power", {Value::Integer(2), Value::Integer(10)}), "1024");
  EXPECT_EQ(Eval("ln", {Value::Double(1)}), "0");
  EXPECT_THROW(Eval("ln", {Value::Double(0)}), Exception);
  EXPECT_EQ(Eval("log10", {Value::Integer(1000)}), "3");
  EXPECT_EQ(Eval("log", {Value::Integer(2), Value::Integer(8)}), "3");
  EXPECT_EQ(Eval("mod", {Value::Integer(7), Value::Integer(3)}), "1");
  EXPECT_EQ(Eval("sign", {Value::Double(-2.5)}), "-1");  // double precision, as PostgreSQL
  EXPECT_EQ(Eval("pi", {}).substr(0, 7), "3.14159");
  EXPECT_EQ(Eval("greatest", {Value::Integer(1), Value::Double(2.5), Value(), Value::BigInt(2)}), "2.5");
  EXPECT_EQ(Eval("least", {S("b"), S("a"), S("c")}), "a");
  EXPECT_EQ(Eval("greatest", {Value::Null(TypeId::INTEGER), Value::Null(TypeId::INTEGER)}), "NULL");
  Vector r = RunFunction("random", {}, 3);
  for (idx_t i = 0; i < 3; i++) {
    double v = r.GetValue(i).GetDouble();
    EXPECT_TRUE(v >= 0 && v < 1);
  }
}

TEST(DateFunctionTest, PartsAndTruncation) {
  Value ts = Value::Varchar("2024-03-07 10:11:12.5").CastAs(TypeId::TIMESTAMP);
  Value date = Value::Varchar("2024-03-07").CastAs(TypeId::DATE);
  EXPECT_EQ(Eval("date_trunc", {S("week"), ts}), "2024-03-04 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {S("month"), date}), "2024-03-01 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {S("quarter"), ts}), "2024-01-01 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {S("hour"), ts}), "2024-03-07 10:00:00");
  EXPECT_EQ(Eval("date_trunc", {S("decade"), ts}), "2020-01-01 00:00:00");
  // PostgreSQL's centuries and millennia start at years ending in 01 (checked with PostgreSQL 15).
  EXPECT_EQ(Eval("date_trunc", {S("century"), ts}), "2001-01-01 00:00:00");
  EXPECT_EQ(Eval("date_trunc", {S("millennium"), Value::Varchar("2000-12-31").CastAs(TypeId::TIMESTAMP)}),
            "1001-01-01 00:00:00");
  EXPECT_EQ(Eval("date_part", {S("year"), Value::Varchar("0001-06-01 BC").CastAs(TypeId::TIMESTAMP)}), "-1");
  EXPECT_EQ(Eval("date_part", {S("century"), Value::Varchar("2000-03-07").CastAs(TypeId::DATE)}), "20");
  EXPECT_THROW(Eval("date_trunc", {S("fortnight"), ts}), Exception);
  EXPECT_EQ(Eval("date_part", {S("year"), ts}), "2024");
  EXPECT_EQ(Eval("date_part", {S("second"), ts}), "12.5");  // double precision, with the fraction (PostgreSQL)
  EXPECT_EQ(Eval("date_part", {S("millisecond"), ts}), "12500");
  EXPECT_EQ(Eval("date_part", {S("dow"), date}), "4");
  EXPECT_EQ(Eval("date_part", {S("isodow"), Value::Varchar("2024-03-10").CastAs(TypeId::DATE)}), "7");
  EXPECT_EQ(Eval("date_part", {S("doy"), date}), "67");
  EXPECT_EQ(Eval("date_part", {S("week"), Value::Varchar("2021-01-03").CastAs(TypeId::DATE)}), "53");
  EXPECT_EQ(Eval("date_part", {S("quarter"), date}), "1");
  EXPECT_EQ(Eval("date_part", {S("epoch"), ts}), "1709806272.5");
  EXPECT_EQ(Eval("__extract_scale6", {S("epoch"), ts}), "1709806272.500000");  // extract: numeric
  EXPECT_EQ(Eval("epoch", {ts}), "1709806272.5");
  EXPECT_EQ(Eval("date_part", {S("hour"), Value::Interval({0, 1, 7200000000LL})}), "2");
  EXPECT_EQ(Eval("__extract_scale0", {S("minute"), Value::Varchar("10:11:12").CastAs(TypeId::TIME)}), "11");
  EXPECT_EQ(Eval("year", {date}), "2024");
  EXPECT_EQ(Eval("month", {ts}), "3");
  EXPECT_EQ(Eval("day", {ts}), "7");
  EXPECT_EQ(Eval("make_date", {Value::Integer(2024), Value::Integer(2), Value::Integer(29)}), "2024-02-29");
  EXPECT_THROW(Eval("make_date", {Value::Integer(2023), Value::Integer(2), Value::Integer(29)}), Exception);
  EXPECT_EQ(Eval("strftime", {ts, S("%Y/%m/%d %H:%M:%S %%")}), "2024/03/07 10:11:12 %");
  EXPECT_EQ(Eval("epoch_ms", {ts}), "1709806272500");
  EXPECT_EQ(Eval("last_day", {date}), "2024-03-31");
  EXPECT_TRUE(BindScalarFunction("now", {}).is_volatile);
  EXPECT_EQ(BindScalarFunction("now", {}).return_type, LogicalType(TypeId::TIMESTAMP_TZ));
  // Non-constant part column.
  Vector parts = Str({S("year"), S("month"), Value()});
  Vector stamps = MakeFlat(TypeId::TIMESTAMP, {ts, ts, ts});
  EXPECT_EQ(Texts(RunFunction("date_part", {parts, stamps}, 3), 3), (Strings{"2024", "3", "NULL"}));
}

TEST(NullFunctionTest, NullIf) {
  EXPECT_EQ(Eval("nullif", {Value::Integer(1), Value::Integer(1)}), "NULL");
  EXPECT_EQ(Eval("nullif", {Value::Integer(1), Value::BigInt(2)}), "1");
  EXPECT_EQ(Eval("nullif", {S("a"), Value::Null(TypeId::VARCHAR)}), "a");
  Vector a = Str({S("x"), S("a long string that is not inlined"), Value()});
  EXPECT_EQ(Texts(RunFunction("nullif", {a, Vector(S("x"))}, 3), 3), (Strings{"NULL", "a long string that is not inlined", "NULL"}));
}

}  // namespace
}  // namespace cairn

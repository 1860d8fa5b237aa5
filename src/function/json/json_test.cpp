// Unit tests of the json building blocks: numeric normalization and order keys, text[] literal
// parsing, span navigation, and jsonb order keys (expected values from PostgreSQL 15).
#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "function/json/json_document.h"
#include "function/json/json_navigation.h"
#include "function/json/json_number.h"
#include "function/json/jsonb_order.h"

namespace cairn::json {
namespace {

TEST(JsonNumber, NormalizesAsNumericOutput) {
  EXPECT_EQ(NormalizeNumber("1e2"), "100");
  EXPECT_EQ(NormalizeNumber("1.50e1"), "15.0");
  EXPECT_EQ(NormalizeNumber("1.5e-3"), "0.0015");
  EXPECT_EQ(NormalizeNumber("-0.0"), "0.0");
  EXPECT_EQ(NormalizeNumber("-1.0e-2"), "-0.010");
  EXPECT_EQ(NormalizeNumber("1.10"), "1.10");
  EXPECT_THROW(NormalizeNumber("1e200000"), Exception);
}

TEST(JsonNumber, KeysOrderNumerically) {
  auto key = [](const char* text) {
    std::string k;
    AppendNumberKey(text, k);
    return k;
  };
  EXPECT_EQ(key("1.0"), key("1.00"));
  EXPECT_EQ(key("100"), key("1e2"));
  EXPECT_LT(key("9"), key("10"));
  EXPECT_LT(key("-10"), key("-9"));
  EXPECT_LT(key("-1.5"), key("-1.25"));
  EXPECT_LT(key("-0.001"), key("0"));
  EXPECT_LT(key("0"), key("0.001"));
  EXPECT_LT(key("1.25"), key("1.5"));
}

TEST(JsonNavigation, ReturnsSourceSpans) {
  std::string_view text = R"( {"a" : [1,  {"b":"x\"y"}], "a": 2, "c\u0041": null} )";
  EXPECT_EQ(*FindMember(text, "a"), "2");
  EXPECT_EQ(*FindMember(text, "cA"), "null");
  EXPECT_FALSE(FindMember(text, "z").has_value());
  std::string_view array = R"([1,  {"b":"x\"y"}, [2,3]])";
  EXPECT_EQ(*FindElement(array, 1), R"({"b":"x\"y"})");
  EXPECT_EQ(*FindElement(array, -1), "[2,3]");
  EXPECT_FALSE(FindElement(array, 3).has_value());
  EXPECT_EQ(CountElements(array), 3);
  EXPECT_EQ(*ValueAsText(R"("x\"y\ud83d\ude00")"), "x\"y\xF0\x9F\x98\x80");
  EXPECT_FALSE(ValueAsText("null").has_value());
}

TEST(JsonDocument, NormalizesJsonb) {
  EXPECT_EQ(WriteJsonb(ParseJson(R"({"b":1, "a" : [1,  2], "aa":3, "a":4})", true)), R"({"a": 4, "b": 1, "aa": 3})");
  EXPECT_THROW(ParseJson(R"("\u0000")", true), Exception);
  EXPECT_THROW(ValidateJson("{x"), Exception);
  std::string deep(kMaxJsonDepth + 1, '[');
  deep += std::string(kMaxJsonDepth + 1, ']');
  try {
    ValidateJson(deep);
    FAIL() << "expected 54001";
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), "54001");
  }
}

TEST(JsonbOrder, FollowsPostgresOrder) {
  auto key = [](const char* text) { return JsonbSortKey(ParseJson(text, true)); };
  EXPECT_LT(key("null"), key("\"\""));
  EXPECT_LT(key("\"a\""), key("1"));
  EXPECT_LT(key("1"), key("true"));
  EXPECT_LT(key("[]"), key("1"));      // a raw scalar counts as a one-element array
  EXPECT_LT(key("2"), key("[1]"));     // and sorts before a real one
  EXPECT_LT(key("[1]"), key("{}"));
  EXPECT_LT(key("[3]"), key("[1, 2]"));
  EXPECT_EQ(key("[1.0]"), key("[1.00]"));
  EXPECT_TRUE(JsonbContains(ParseJson(R"({"a":1,"b":{"c":[1,2]}})", true), ParseJson(R"({"b":{"c":[2]}})", true)));
  EXPECT_FALSE(JsonbContains(ParseJson(R"("a")", true), ParseJson(R"(["a"])", true)));
}

}  // namespace
}  // namespace cairn::json

// PostgreSQL text output of values in DataRows.
#include "pgwire/text_format.h"

#include <gtest/gtest.h>

namespace cairn::pgwire {
namespace {

TEST(TextFormat, BooleansAsBoolout) {
  EXPECT_EQ(PgText(Value::Boolean(true)), "t");
  EXPECT_EQ(PgText(Value::Boolean(false)), "f");
  EXPECT_EQ(PgText(Value::Array(TypeId::BOOLEAN, {Value::Boolean(true), Value::Null(TypeId::BOOLEAN),
                                                   Value::Boolean(false)})),
            "{t,NULL,f}");
}

TEST(TextFormat, NullIsNoText) {
  EXPECT_EQ(PgText(Value::Null(TypeId::INTEGER)), std::nullopt);
  EXPECT_EQ(PgText(Value()), std::nullopt);
}

TEST(TextFormat, OtherTypesAsPostgresPrintsThem) {
  EXPECT_EQ(PgText(Value::Integer(-7)), "-7");
  EXPECT_EQ(PgText(Value::Decimal(12345, 5, 2)), "123.45");
  EXPECT_EQ(PgText(Value::Varchar("")), "");
  EXPECT_EQ(PgText(Value::Blob(std::string("\x01\xab", 2))), "\\x01ab");
  EXPECT_EQ(PgText(Value::Date(0)), "1970-01-01");
  EXPECT_EQ(PgText(Value::Array(TypeId::VARCHAR, {Value::Varchar("a b"), Value::Varchar("c")})), "{\"a b\",c}");
}

}  // namespace
}  // namespace cairn::pgwire

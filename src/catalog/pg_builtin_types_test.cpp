// pg_builtin_types: every array type links back to its element and the element to it, the
// lookup is by oid, Cairn's column types map to PostgreSQL's oids and typmods, and format_type
// spells types and modifiers as PostgreSQL 15 does.
#include "catalog/pg_builtin_types.h"

#include <gtest/gtest.h>

#include "catalog/pg_catalog_snapshot.h"

namespace cairn {
namespace {

TEST(PgBuiltinTypesTest, ArraysAndElementsLinkBothWays) {
  int64_t previous = 0;
  for (const auto& type : PgBuiltinTypes()) {
    SCOPED_TRACE(type.name);
    EXPECT_GT(type.oid, previous);  // sorted, so the lookup's binary search holds
    previous = type.oid;
    EXPECT_EQ(FindPgBuiltinType(type.oid), &type);
    if (type.category == 'A' && type.element != 0 && type.name[0] == '_') {
      const PgBuiltinType* element = FindPgBuiltinType(type.element);
      ASSERT_NE(element, nullptr);
      EXPECT_EQ(element->array, type.oid);
      EXPECT_EQ(std::string("_") + element->name, type.name);
    }
  }
  EXPECT_EQ(FindPgBuiltinType(12345), nullptr);
}

TEST(PgBuiltinTypesTest, ColumnTypes) {
  struct Case {
    const char* type;
    int64_t oid;
    int32_t modifier;
    int16_t length;
  };
  for (const Case& c : {Case{"INTEGER", 23, -1, 4}, Case{"BIGINT", 20, -1, 8}, Case{"SMALLINT", 21, -1, 2},
                        Case{"TINYINT", 21, -1, 2}, Case{"UINTEGER", 20, -1, 8}, Case{"VARCHAR", 25, -1, -1},
                        Case{"VARCHAR(20)", 1043, 24, -1}, Case{"DECIMAL(10,2)", 1700, (10 << 16 | 2) + 4, -1},
                        Case{"BOOLEAN", 16, -1, 1}, Case{"TIMESTAMP WITH TIME ZONE", 1184, -1, 8},
                        Case{"INTEGER[]", 1007, -1, -1}, Case{"no such type", 25, -1, -1}}) {
    SCOPED_TRACE(c.type);
    PgColumnType type = PgColumnTypeOf(std::string(c.type));
    EXPECT_EQ(type.oid, c.oid);
    EXPECT_EQ(type.modifier, c.modifier);
    EXPECT_EQ(type.length, c.length);
  }
}

TEST(PgBuiltinTypesTest, FormatType) {
  EXPECT_EQ(FormatPgType(23, -1), "integer");
  EXPECT_EQ(FormatPgType(1043, 24), "character varying(20)");
  EXPECT_EQ(FormatPgType(1043, -1), "character varying");
  EXPECT_EQ(FormatPgType(1700, (12 << 16 | 3) + 4), "numeric(12,3)");
  EXPECT_EQ(FormatPgType(1700, -1), "numeric");
  EXPECT_EQ(FormatPgType(1015, 14), "character varying(10)[]");
  EXPECT_EQ(FormatPgType(1114, -1), "timestamp without time zone");
  EXPECT_EQ(FormatPgType(18, -1), "\"char\"");
  EXPECT_EQ(FormatPgType(99999, -1), "???");
}

TEST(PgCatalogSnapshotTest, OidsAndQuoting) {
  EXPECT_EQ(PgRelationOid(TableId{16384}), 16384);
  EXPECT_EQ(PgRelationOid(TableId{16385}), 17408);
  EXPECT_EQ(PgRelationOid(TableId{3}), 3);  // a system table keeps its id
  EXPECT_EQ(PgQuoteIdentifier("orders"), "orders");
  EXPECT_EQ(PgQuoteIdentifier("_x1"), "_x1");
  EXPECT_EQ(PgQuoteIdentifier("Odd Name"), "\"Odd Name\"");
  EXPECT_EQ(PgQuoteIdentifier("1a"), "\"1a\"");
  EXPECT_EQ(PgQuoteIdentifier("a\"b"), "\"a\"\"b\"");
}

}  // namespace
}  // namespace cairn

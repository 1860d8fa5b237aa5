// Encoding of server messages: exact bytes, as PostgreSQL 15 documents them (55.7).
#include "pgwire/backend_message.h"

#include <gtest/gtest.h>

namespace cairn::pgwire {
namespace {

using namespace std::string_literals;

TEST(BackendMessage, FixedMessages) {
  std::string out;
  AppendAuthenticationOk(out);
  EXPECT_EQ(out, "R\0\0\0\x08\0\0\0\0"s);
  out.clear();
  AppendReadyForQuery(out, TransactionStatus::kInBlock);
  EXPECT_EQ(out, "Z\0\0\0\x05T"s);
  out.clear();
  AppendEmptyQueryResponse(out);
  EXPECT_EQ(out, "I\0\0\0\x04"s);
  out.clear();
  AppendBackendKeyData(out, 1, 0x01020304);
  EXPECT_EQ(out, "K\0\0\0\x0c\0\0\0\x01\x01\x02\x03\x04"s);
}

TEST(BackendMessage, ParameterStatusAndCommandComplete) {
  std::string out;
  AppendParameterStatus(out, "TimeZone", "UTC");
  AppendCommandComplete(out, "SELECT 2");
  EXPECT_EQ(out, "S\0\0\0\x11TimeZone\0UTC\0"s "C\0\0\0\x0dSELECT 2\0"s);
}

TEST(BackendMessage, DataRowWithNull) {
  std::string out;
  AppendDataRow(out, {std::string("ab"), std::nullopt, std::string("")});
  EXPECT_EQ(out, "D\0\0\0\x14\0\x03\0\0\0\x02" "ab\xff\xff\xff\xff\0\0\0\0"s);
}

TEST(BackendMessage, RowDescription) {
  std::string out;
  AppendRowDescription(out, {{"n", 1700, -1, (10 << 16 | 2) + 4}});
  EXPECT_EQ(out, "T\0\0\0\x1a\0\x01n\0\0\0\0\0\0\0\0\0\x06\xa4\xff\xff\0\x0a\0\x06\0\0"s);
}

TEST(BackendMessage, ErrorResponseFields) {
  std::string out;
  AppendErrorResponse(out, Exception("42601", "syntax error at or near \"x\"", 3, "a hint", "a detail"), 10);
  const std::string body = "SERROR\0VERROR\0C42601\0Msyntax error at or near \"x\"\0Da detail\0Ha hint\0P13\0\0"s;
  ASSERT_EQ(out.size(), 5 + body.size());
  EXPECT_EQ(out[0], 'E');
  EXPECT_EQ(static_cast<unsigned char>(out[4]), body.size() + 4);
  EXPECT_EQ(out.substr(5), body);
  out.clear();
  AppendErrorResponse(out, Exception("08P01", "bad"), 0, ErrorSeverity::kFatal);
  EXPECT_EQ(out.substr(5), "SFATAL\0VFATAL\0C08P01\0Mbad\0\0"s);
}

}  // namespace
}  // namespace cairn::pgwire

// Decoding of the extended query protocol's messages (Parse, Bind, Describe/Close, Execute) from
// untrusted bytes: well-formed messages, and every way a count or length can lie.
#include <gtest/gtest.h>

#include <string>

#include "pgwire/byte_order.h"
#include "pgwire/frontend_message.h"

namespace cairn::pgwire {
namespace {

std::string Int16(int16_t value) {
  std::string out;
  AppendBigEndian16(out, static_cast<uint16_t>(value));
  return out;
}
std::string Int32(int32_t value) {
  std::string out;
  AppendBigEndian32(out, static_cast<uint32_t>(value));
  return out;
}
std::string CString(std::string_view text) { return std::string(text) + '\0'; }

template <typename F>
void ExpectMalformed(F&& decode, const std::string& message_part) {
  try {
    decode();
    FAIL() << "no exception; expected one containing: " << message_part;
  } catch (const MalformedMessage& error) {
    EXPECT_EQ(error.sqlstate(), "08P01");
    EXPECT_NE(std::string(error.what()).find(message_part), std::string::npos) << error.what();
  }
}

TEST(ExtendedMessage, DecodesParse) {
  const std::string body = CString("s1") + CString("SELECT $1, $2") + Int16(2) + Int32(23) + Int32(0);
  const ParseMessage message = DecodeParse(body);
  EXPECT_EQ(message.name, "s1");
  EXPECT_EQ(message.query, "SELECT $1, $2");
  EXPECT_EQ(message.parameter_type_oids, (std::vector<uint32_t>{23, 0}));
}

TEST(ExtendedMessage, ParseCountsMustFit) {
  ExpectMalformed([] { DecodeParse(CString("") + CString("SELECT 1") + Int16(-1)); }, "negative");
  ExpectMalformed([] { DecodeParse(CString("") + CString("SELECT 1") + Int16(3) + Int32(23)); }, "do not fit");
  ExpectMalformed([] { DecodeParse(CString("") + CString("SELECT 1") + Int16(0) + "x"); }, "unexpected bytes");
  ExpectMalformed([] { DecodeParse(CString("") + "SELECT 1"); }, "no terminating zero byte");
  ExpectMalformed([] { DecodeParse(CString("") + CString("SELECT 1") + "\x00"); }, "runs past");
}

TEST(ExtendedMessage, DecodesBind) {
  const std::string body = CString("p") + CString("s") + Int16(1) + Int16(1) + Int16(3) + Int32(2) + "ab" +
                           Int32(-1) + Int32(0) + Int16(2) + Int16(0) + Int16(1);
  const BindMessage message = DecodeBind(body);
  EXPECT_EQ(message.portal, "p");
  EXPECT_EQ(message.statement, "s");
  EXPECT_EQ(message.parameter_formats, (std::vector<int16_t>{1}));
  ASSERT_EQ(message.parameters.size(), 3u);
  EXPECT_EQ(message.parameters[0], std::optional<std::string_view>("ab"));
  EXPECT_FALSE(message.parameters[1].has_value());
  EXPECT_EQ(message.parameters[2], std::optional<std::string_view>(""));
  EXPECT_EQ(message.result_formats, (std::vector<int16_t>{0, 1}));
}

TEST(ExtendedMessage, BindLengthsMustFit) {
  const std::string head = CString("") + CString("");
  // A value length beyond the message, a negative length other than -1, a huge count.
  ExpectMalformed([&] { DecodeBind(head + Int16(0) + Int16(1) + Int32(100) + "abc" + Int16(0)); }, "runs past");
  ExpectMalformed([&] { DecodeBind(head + Int16(0) + Int16(1) + Int32(-2) + Int16(0)); }, "length -2");
  ExpectMalformed([&] { DecodeBind(head + Int16(0) + Int16(32767) + Int32(0)); }, "do not fit");
  ExpectMalformed([&] { DecodeBind(head + Int16(1) + Int16(2) + Int16(0) + Int16(0)); }, "format code: 2");
  ExpectMalformed([&] { DecodeBind(head + Int16(2) + Int16(0) + Int16(0) + Int16(1) + Int32(0) + Int16(0)); },
                  "2 parameter formats but 1 parameters");
  ExpectMalformed([&] { DecodeBind(head + Int16(0) + Int16(0)); }, "runs past");  // no result format count
  ExpectMalformed([&] { DecodeBind(head + Int16(0) + Int16(0) + Int16(0) + "z"); }, "unexpected bytes");
}

TEST(ExtendedMessage, DecodesDescribeCloseAndExecute) {
  const TargetMessage describe = DecodeTarget("P" + CString("portal"));
  EXPECT_EQ(describe.kind, 'P');
  EXPECT_EQ(describe.name, "portal");
  ExpectMalformed([] { DecodeTarget("X" + CString("")); }, "subtype \"X\"");
  ExpectMalformed([] { DecodeTarget(""); }, "runs past");
  const ExecuteMessage execute = DecodeExecute(CString("") + Int32(10));
  EXPECT_EQ(execute.portal, "");
  EXPECT_EQ(execute.max_rows, 10);
  ExpectMalformed([] { DecodeExecute(CString("") + Int16(1)); }, "runs past");
}

}  // namespace
}  // namespace cairn::pgwire

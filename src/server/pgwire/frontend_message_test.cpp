// Decoding of untrusted client bytes: startup packets and message length bounds.
#include "pgwire/frontend_message.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "pgwire/protocol.h"

namespace cairn::pgwire {
namespace {

std::string Int32(uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16), static_cast<char>(value >> 8),
          static_cast<char>(value)};
}

void ExpectViolation(const std::function<void()>& action, const std::string& message_part) {
  try {
    action();
    FAIL() << "no exception; expected one containing: " << message_part;
  } catch (const Exception& error) {
    EXPECT_EQ(error.sqlstate(), "08P01");
    EXPECT_NE(std::string(error.what()).find(message_part), std::string::npos) << error.what();
  }
}

TEST(FrontendMessage, ReadsBigEndian) { EXPECT_EQ(ReadUint32("\x00\x03\x00\x01"), 0x00030001u); }

TEST(FrontendMessage, DecodesStartupMessage) {
  std::string body = Int32(kProtocolVersion3) + std::string("user\0alice\0database\0db\0\0", 24);
  StartupPacket packet = DecodeStartupPacket(body);
  EXPECT_EQ(packet.kind, StartupPacket::Kind::kStartup);
  EXPECT_EQ(packet.Parameter("user"), "alice");
  EXPECT_EQ(packet.Parameter("database"), "db");
  EXPECT_EQ(packet.Parameter("application_name"), "");
}

TEST(FrontendMessage, DecodesEncryptionAndCancelRequests) {
  EXPECT_EQ(DecodeStartupPacket(Int32(kSslRequestCode)).kind, StartupPacket::Kind::kSslRequest);
  EXPECT_EQ(DecodeStartupPacket(Int32(kGssEncRequestCode)).kind, StartupPacket::Kind::kGssEncRequest);
  StartupPacket cancel = DecodeStartupPacket(Int32(kCancelRequestCode) + Int32(7) + Int32(0xdeadbeef));
  EXPECT_EQ(cancel.kind, StartupPacket::Kind::kCancelRequest);
  EXPECT_EQ(cancel.process_id, 7u);
  EXPECT_EQ(cancel.secret_key, 0xdeadbeefu);
}

TEST(FrontendMessage, RejectsUnknownProtocolVersion) {
  ExpectViolation([] { DecodeStartupPacket(Int32(2u << 16) + std::string("user\0a\0\0", 8)); },
                  "unsupported frontend protocol 2.0");
  ExpectViolation([] { DecodeStartupPacket(Int32(0x47455420)); }, "unsupported frontend protocol");  // "GET "
}

TEST(FrontendMessage, RejectsTruncatedStartupPackets) {
  ExpectViolation([] { DecodeStartupPacket(std::string("\x00\x03", 2)); }, "invalid length");
  // Parameter list without its final zero byte, a name without a value, a value cut short.
  ExpectViolation([] { DecodeStartupPacket(Int32(kProtocolVersion3) + std::string("user\0a\0", 7)); }, "zero byte");
  ExpectViolation([] { DecodeStartupPacket(Int32(kProtocolVersion3) + std::string("user\0", 5)); }, "zero byte");
  ExpectViolation([] { DecodeStartupPacket(Int32(kProtocolVersion3) + std::string("user\0ali", 8)); }, "no terminating");
  ExpectViolation([] { DecodeStartupPacket(Int32(kProtocolVersion3)); }, "zero byte");
  // Bytes after the terminator, wrong-sized requests, and no user.
  ExpectViolation([] { DecodeStartupPacket(Int32(kProtocolVersion3) + std::string("user\0a\0\0x", 9)); },
                  "unexpected bytes");
  ExpectViolation([] { DecodeStartupPacket(Int32(kSslRequestCode) + "x"); }, "encryption request");
  ExpectViolation([] { DecodeStartupPacket(Int32(kCancelRequestCode) + Int32(1)); }, "cancel request");
  ExpectViolation([] { DecodeStartupPacket(Int32(kProtocolVersion3) + std::string("database\0d\0\0", 12)); },
                  "no PostgreSQL user name");
}

TEST(FrontendMessage, BoundsLengths) {
  CheckStartupPacketLength(8);
  CheckStartupPacketLength(kMaxStartupPacketLength);
  ExpectViolation([] { CheckStartupPacketLength(7); }, "invalid length of startup packet: 7");
  ExpectViolation([] { CheckStartupPacketLength(kMaxStartupPacketLength + 1); }, "10001");
  ExpectViolation([] { CheckStartupPacketLength(0xffffffffu); }, "invalid length");
  CheckMessageLength('Q', 4);
  CheckMessageLength('Q', kMaxMessageLength);
  ExpectViolation([] { CheckMessageLength('Q', 3); }, "invalid message length 3 for message type \"Q\"");
  ExpectViolation([] { CheckMessageLength('\x01', kMaxMessageLength + 1); }, "type 0x01");
  ExpectViolation([] { CheckMessageLength('Q', 0xffffffffu); }, "invalid message length");
}

TEST(FrontendMessage, FieldReaderChecksBounds) {
  FieldReader reader(std::string_view("SELECT 1\0", 9));
  EXPECT_EQ(reader.ReadCString(), "SELECT 1");
  reader.ExpectEnd();
  ExpectViolation([] { FieldReader("SELECT 1").ReadCString(); }, "no terminating zero byte");
  ExpectViolation(
      [] {
        FieldReader extra(std::string_view("a\0b", 3));
        extra.ReadCString();
        extra.ExpectEnd();
      },
      "unexpected bytes");
}

}  // namespace
}  // namespace cairn::pgwire

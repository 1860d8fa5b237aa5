#include "pgwire/frontend_message.h"

#include <fmt/format.h>

#include "cairn/exception.h"
#include "pgwire/protocol.h"

namespace cairn::pgwire {

namespace {

[[noreturn]] void Violation(std::string message) {
  throw Exception(sqlstate::kProtocolViolation, std::move(message));
}

}  // namespace

uint32_t ReadUint32(const char* bytes) {
  const auto* b = reinterpret_cast<const unsigned char*>(bytes);
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

void CheckStartupPacketLength(uint32_t length) {
  if (length < 8 || length > kMaxStartupPacketLength) Violation(fmt::format("invalid length of startup packet: {}", length));
}

void CheckMessageLength(char type, uint32_t length) {
  if (length < kMinMessageLength || length > kMaxMessageLength) {
    const auto byte = static_cast<unsigned char>(type);
    Violation(fmt::format("invalid message length {} for message type {}", length,
                          byte >= 0x20 && byte < 0x7f ? fmt::format("\"{}\"", type) : fmt::format("0x{:02x}", byte)));
  }
}

std::string StartupPacket::Parameter(std::string_view name) const {
  for (const auto& [key, value] : parameters) {
    if (key == name) return value;
  }
  return "";
}

StartupPacket DecodeStartupPacket(std::string_view body) {
  if (body.size() < 4) Violation("invalid length of startup packet");
  const uint32_t code = ReadUint32(body.data());
  StartupPacket packet;
  if (code == kSslRequestCode || code == kGssEncRequestCode) {
    if (body.size() != 4) Violation("invalid length of encryption request");
    packet.kind = code == kSslRequestCode ? StartupPacket::Kind::kSslRequest : StartupPacket::Kind::kGssEncRequest;
    return packet;
  }
  if (code == kCancelRequestCode) {
    if (body.size() != 12) Violation("invalid length of cancel request");
    packet.kind = StartupPacket::Kind::kCancelRequest;
    packet.process_id = ReadUint32(body.data() + 4);
    packet.secret_key = ReadUint32(body.data() + 8);
    return packet;
  }
  if (code >> 16 != 3) {
    Violation(fmt::format("unsupported frontend protocol {}.{}: server supports 3.0 to 3.0", code >> 16, code & 0xffff));
  }
  // Minor versions above 0 are accepted as 3.0 (PostgreSQL would send NegotiateProtocolVersion;
  // no 3.x client needs it yet).
  FieldReader reader(body.substr(4));
  while (true) {
    if (reader.remaining() == 0) Violation("startup packet's parameter list does not end with a zero byte");
    std::string_view name = reader.ReadCString();
    if (name.empty()) break;
    std::string_view value = reader.ReadCString();
    packet.parameters.emplace_back(std::string(name), std::string(value));
  }
  reader.ExpectEnd();
  if (packet.Parameter("user").empty()) Violation("no PostgreSQL user name specified in startup packet");
  return packet;
}

std::string_view FieldReader::ReadCString() {
  const size_t end = body_.find('\0', position_);
  if (end == std::string_view::npos) Violation("invalid string in message: no terminating zero byte");
  std::string_view text = body_.substr(position_, end - position_);
  position_ = end + 1;
  return text;
}

void FieldReader::ExpectEnd() const {
  if (position_ != body_.size()) Violation("invalid message format: unexpected bytes at its end");
}

}  // namespace cairn::pgwire

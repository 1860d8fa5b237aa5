#include "pgwire/frontend_message.h"

#include <fmt/format.h>

#include "cairn/exception.h"
#include "pgwire/byte_order.h"
#include "pgwire/protocol.h"

namespace cairn::pgwire {

namespace {

[[noreturn]] void Violation(std::string message) { throw MalformedMessage(std::move(message)); }

}  // namespace

uint32_t ReadUint32(const char* bytes) { return ReadBigEndian32(bytes); }

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

char FieldReader::ReadByte() { return ReadBytes(1)[0]; }

int16_t FieldReader::ReadInt16() { return static_cast<int16_t>(ReadBigEndian16(ReadBytes(2).data())); }

int32_t FieldReader::ReadInt32() { return static_cast<int32_t>(ReadBigEndian32(ReadBytes(4).data())); }

std::string_view FieldReader::ReadBytes(size_t count) {
  if (count > body_.size() - position_) {
    Violation(fmt::format("invalid message format: a field of {} bytes runs past the message's end", count));
  }
  std::string_view bytes = body_.substr(position_, count);
  position_ += count;
  return bytes;
}

void FieldReader::ExpectEnd() const {
  if (position_ != body_.size()) Violation("invalid message format: unexpected bytes at its end");
}

namespace {

/// A count field (Int16) that must not be negative, and whose `item_bytes`-sized items must fit
/// in what is left of the message (so a huge count cannot make us allocate).
size_t ReadCount(FieldReader& reader, const char* what, size_t item_bytes) {
  const int16_t count = reader.ReadInt16();
  if (count < 0) Violation(fmt::format("invalid message format: negative number of {} ({})", what, count));
  if (static_cast<size_t>(count) * item_bytes > reader.remaining()) {
    Violation(fmt::format("invalid message format: {} {} do not fit in the message", count, what));
  }
  return static_cast<size_t>(count);
}

std::vector<int16_t> ReadFormatCodes(FieldReader& reader, const char* what) {
  const size_t count = ReadCount(reader, what, 2);
  std::vector<int16_t> formats(count);
  for (int16_t& format : formats) {
    format = reader.ReadInt16();
    if (format != 0 && format != 1) Violation(fmt::format("unsupported format code: {}", format));
  }
  return formats;
}

}  // namespace

ParseMessage DecodeParse(std::string_view body) {
  FieldReader reader(body);
  ParseMessage message;
  message.name = reader.ReadCString();
  message.query = reader.ReadCString();
  const size_t count = ReadCount(reader, "parameter types", 4);
  message.parameter_type_oids.resize(count);
  for (uint32_t& oid : message.parameter_type_oids) oid = static_cast<uint32_t>(reader.ReadInt32());
  reader.ExpectEnd();
  return message;
}

BindMessage DecodeBind(std::string_view body) {
  FieldReader reader(body);
  BindMessage message;
  message.portal = reader.ReadCString();
  message.statement = reader.ReadCString();
  message.parameter_formats = ReadFormatCodes(reader, "parameter format codes");
  const size_t count = ReadCount(reader, "parameter values", 4);
  message.parameters.reserve(count);
  for (size_t i = 0; i < count; i++) {
    const int32_t length = reader.ReadInt32();
    if (length == -1) {
      message.parameters.emplace_back(std::nullopt);
    } else if (length < 0) {
      Violation(fmt::format("invalid message format: parameter {} has length {}", i + 1, length));
    } else {
      message.parameters.emplace_back(reader.ReadBytes(static_cast<size_t>(length)));
    }
  }
  message.result_formats = ReadFormatCodes(reader, "result format codes");
  reader.ExpectEnd();
  if (message.parameter_formats.size() > 1 && message.parameter_formats.size() != message.parameters.size()) {
    Violation(fmt::format("bind message has {} parameter formats but {} parameters", message.parameter_formats.size(),
                          message.parameters.size()));
  }
  return message;
}

TargetMessage DecodeTarget(std::string_view body) {
  FieldReader reader(body);
  TargetMessage message;
  message.kind = reader.ReadByte();
  if (message.kind != 'S' && message.kind != 'P') {
    const auto byte = static_cast<unsigned char>(message.kind);
    Violation(fmt::format("invalid DESCRIBE/CLOSE message subtype {}", byte >= 0x20 && byte < 0x7f
                                                                              ? fmt::format("\"{}\"", message.kind)
                                                                              : fmt::format("0x{:02x}", byte)));
  }
  message.name = reader.ReadCString();
  reader.ExpectEnd();
  return message;
}

ExecuteMessage DecodeExecute(std::string_view body) {
  FieldReader reader(body);
  ExecuteMessage message;
  message.portal = reader.ReadCString();
  message.max_rows = reader.ReadInt32();
  reader.ExpectEnd();
  return message;
}

}  // namespace cairn::pgwire

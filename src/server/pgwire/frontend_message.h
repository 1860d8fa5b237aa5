// Decoding of what a PostgreSQL client sends: the startup-phase packet (StartupMessage,
// SSLRequest, GSSENCRequest, CancelRequest) and the fields of regular messages. Every byte is
// untrusted: each length is checked against its bounds (protocol.h) before anything is read,
// and a violation throws MalformedMessage (SQLSTATE 08P01, protocol_violation), after which
// the session sends an ErrorResponse and closes.
// Source: PostgreSQL 15 documentation, 55.2 "Message Flow" and 55.7 "Message Formats".
//
// Thread-safety: stateless functions; a FieldReader is used by one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cairn/exception.h"

namespace cairn::pgwire {

/// A message that breaks the protocol's framing or structure (SQLSTATE 08P01): the session
/// answers with a FATAL ErrorResponse and closes. Errors about what a well-formed message asks
/// for are plain cairn::Exceptions (ERROR; the session goes on).
class MalformedMessage : public Exception {
 public:
  explicit MalformedMessage(std::string message) : Exception(sqlstate::kProtocolViolation, std::move(message)) {}
};

/// Reads a big-endian 32-bit integer from the first 4 bytes of `bytes`. REQUIRES: size >= 4.
uint32_t ReadUint32(const char* bytes);

/// Checks the length field of a startup-phase packet (it counts itself): throws 08P01 when it
/// is below 8 (length and code) or above kMaxStartupPacketLength.
void CheckStartupPacketLength(uint32_t length);

/// Checks the length field of a regular message of type `type`: throws 08P01 when it is below
/// kMinMessageLength or above kMaxMessageLength.
void CheckMessageLength(char type, uint32_t length);

/// A decoded startup-phase packet.
struct StartupPacket {
  enum class Kind { kStartup, kSslRequest, kGssEncRequest, kCancelRequest };
  Kind kind = Kind::kStartup;
  /// kStartup: the name/value pairs in order ("user", "database", "application_name", ...).
  std::vector<std::pair<std::string, std::string>> parameters;
  /// kCancelRequest: the process id and secret key of the session to cancel.
  uint32_t process_id = 0;
  uint32_t secret_key = 0;

  /// The value of parameter `name`, or "" when absent.
  std::string Parameter(std::string_view name) const;
};

/// Decodes a startup-phase packet's body: the bytes after its length field (code first).
/// Throws 08P01 for an unsupported protocol version ("unsupported frontend protocol 2.0"),
/// a wrong-sized request, a parameter list not ending in a zero byte, a name without a value,
/// or a StartupMessage without "user".
StartupPacket DecodeStartupPacket(std::string_view body);

/// Reads the fields of one regular message's body in order, checking every bound. Throws 08P01
/// when a field runs past the end of the body.
class FieldReader {
 public:
  explicit FieldReader(std::string_view body) : body_(body) {}
  /// A zero-terminated string (without its terminator).
  std::string_view ReadCString();
  /// One byte.
  char ReadByte();
  /// A big-endian Int16 / Int32 (signed, as the protocol's counts and lengths are).
  int16_t ReadInt16();
  int32_t ReadInt32();
  /// The next `count` bytes.
  std::string_view ReadBytes(size_t count);
  /// REQUIRES nothing; throws 08P01 unless every byte was read.
  void ExpectEnd() const;
  size_t remaining() const { return body_.size() - position_; }

 private:
  std::string_view body_;
  size_t position_ = 0;
};

/// Parse ('P'): prepare `query` as statement `name` ("" = the unnamed statement), with the
/// type OIDs of its first parameters (0 = unspecified).
struct ParseMessage {
  std::string_view name;
  std::string_view query;
  std::vector<uint32_t> parameter_type_oids;
};

/// Bind ('B'): portal `portal` from statement `statement` with parameter values (nullopt =
/// NULL) and the format codes of the parameters and result columns (0 text, 1 binary; none =
/// all text, one = that one for all, else one per item). The views point into the message body.
struct BindMessage {
  std::string_view portal;
  std::string_view statement;
  std::vector<int16_t> parameter_formats;
  std::vector<std::optional<std::string_view>> parameters;
  std::vector<int16_t> result_formats;
};

/// Describe ('D') and Close ('C'): a prepared statement ('S') or a portal ('P') by name.
struct TargetMessage {
  char kind = 'S';
  std::string_view name;
};

/// Execute ('E'): run portal `portal`, returning at most `max_rows` rows (0 = all).
struct ExecuteMessage {
  std::string_view portal;
  int32_t max_rows = 0;
};

/// Decoders of the extended query protocol's messages (55.7), each from a whole message body.
/// Every count and length is checked against the body before it is used; a negative count, a
/// length past the end, a format code other than 0 or 1, a Describe/Close kind other than 'S'
/// or 'P', or bytes left over throw 08P01.
ParseMessage DecodeParse(std::string_view body);
BindMessage DecodeBind(std::string_view body);
TargetMessage DecodeTarget(std::string_view body);
ExecuteMessage DecodeExecute(std::string_view body);

}  // namespace cairn::pgwire

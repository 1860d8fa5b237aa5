// PostgreSQL frontend/backend protocol version 3: the constants Cairn's server uses — request
// codes of the startup phase, message type bytes, and the limits that bound what an untrusted
// client may send. Source: PostgreSQL 15 documentation, chapter 55 "Frontend/Backend Protocol"
// (55.7 "Message Formats").
//
// Thread-safety: constants only.
#pragma once

#include <cstdint>

namespace cairn::pgwire {

/// Protocol version 3.0 as a StartupMessage carries it (major << 16 | minor).
inline constexpr uint32_t kProtocolVersion3 = 3u << 16;
/// The "version" fields of the special startup-phase requests.
inline constexpr uint32_t kSslRequestCode = 80877103;
inline constexpr uint32_t kGssEncRequestCode = 80877104;
inline constexpr uint32_t kCancelRequestCode = 80877102;

/// Largest startup-phase packet accepted, in bytes including the length field (PostgreSQL's
/// MAX_STARTUP_PACKET_LENGTH).
inline constexpr uint32_t kMaxStartupPacketLength = 10000;
/// Largest regular message accepted, in bytes including the length field (1 GiB, PostgreSQL's
/// PQ_LARGE_MESSAGE_LIMIT).
inline constexpr uint32_t kMaxMessageLength = 1u << 30;
/// A length field counts itself, so no message is shorter than 4 bytes.
inline constexpr uint32_t kMinMessageLength = 4;

/// Frontend message types (the first byte of a regular message).
namespace frontend {
inline constexpr char kQuery = 'Q';
inline constexpr char kTerminate = 'X';
inline constexpr char kParse = 'P';
inline constexpr char kBind = 'B';
inline constexpr char kDescribe = 'D';
inline constexpr char kExecute = 'E';
inline constexpr char kSync = 'S';
inline constexpr char kFlush = 'H';
inline constexpr char kClose = 'C';
inline constexpr char kCopyData = 'd';
inline constexpr char kCopyDone = 'c';
inline constexpr char kCopyFail = 'f';
inline constexpr char kFunctionCall = 'F';
}  // namespace frontend

/// Backend message types.
namespace backend {
inline constexpr char kAuthentication = 'R';
inline constexpr char kParameterStatus = 'S';
inline constexpr char kBackendKeyData = 'K';
inline constexpr char kReadyForQuery = 'Z';
inline constexpr char kRowDescription = 'T';
inline constexpr char kDataRow = 'D';
inline constexpr char kCommandComplete = 'C';
inline constexpr char kEmptyQueryResponse = 'I';
inline constexpr char kErrorResponse = 'E';
inline constexpr char kNoticeResponse = 'N';
inline constexpr char kParseComplete = '1';
inline constexpr char kBindComplete = '2';
inline constexpr char kCloseComplete = '3';
inline constexpr char kNoData = 'n';
inline constexpr char kPortalSuspended = 's';
inline constexpr char kParameterDescription = 't';
inline constexpr char kCopyInResponse = 'G';
inline constexpr char kCopyOutResponse = 'H';
inline constexpr char kCopyData = 'd';
inline constexpr char kCopyDone = 'c';
}  // namespace backend

/// Format codes of parameters and result columns.
enum class FormatCode : int16_t { kText = 0, kBinary = 1 };

/// ReadyForQuery's transaction status byte.
enum class TransactionStatus : char {
  kIdle = 'I',         // not in a transaction block
  kInBlock = 'T',      // inside BEGIN ... COMMIT
  kFailedBlock = 'E',  // inside a block that failed: commands are ignored until its end
};

}  // namespace cairn::pgwire

// Cairn's error model: one exception type carrying a PostgreSQL SQLSTATE.
//
// Inside the engine every failure that a user can cause is thrown as cairn::Exception with the
// SQLSTATE PostgreSQL would use (Appendix A, "PostgreSQL Error Codes"). The public API catches
// it at the boundary (Connection::query returns an error QueryResult), so user input never
// reaches an assertion or a crash. See docs/design/error-model.md.
//
// Thread-safety: immutable after construction.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace cairn {

/// SQLSTATE codes Cairn raises (PostgreSQL Appendix A names).
namespace sqlstate {
inline constexpr const char* kSyntaxError = "42601";
inline constexpr const char* kUndefinedTable = "42P01";
inline constexpr const char* kUndefinedColumn = "42703";
inline constexpr const char* kUndefinedFunction = "42883";
inline constexpr const char* kAmbiguousColumn = "42702";
inline constexpr const char* kDuplicateTable = "42P07";
inline constexpr const char* kDuplicateColumn = "42701";
inline constexpr const char* kDatatypeMismatch = "42804";
inline constexpr const char* kGroupingError = "42803";
inline constexpr const char* kInvalidColumnReference = "42P10";
inline constexpr const char* kFeatureNotSupported = "0A000";
inline constexpr const char* kDivisionByZero = "22012";
inline constexpr const char* kInvalidTextRepresentation = "22P02";
inline constexpr const char* kInvalidBinaryRepresentation = "22P03";
inline constexpr const char* kInvalidDatetimeFormat = "22007";
inline constexpr const char* kDatetimeFieldOverflow = "22008";
inline constexpr const char* kIntervalFieldOverflow = "22015";
inline constexpr const char* kCharacterNotInRepertoire = "22021";
inline constexpr const char* kInvalidEscapeSequence = "22025";
inline constexpr const char* kNumericValueOutOfRange = "22003";
inline constexpr const char* kInvalidParameterValue = "22023";
inline constexpr const char* kStringDataRightTruncation = "22001";
inline constexpr const char* kCardinalityViolation = "21000";
inline constexpr const char* kNotNullViolation = "23502";
inline constexpr const char* kUniqueViolation = "23505";
inline constexpr const char* kCheckViolation = "23514";
inline constexpr const char* kReadOnlySqlTransaction = "25006";    // a write on a read-only database
inline constexpr const char* kActiveSqlTransaction = "25001";      // cannot run inside a transaction block
inline constexpr const char* kNoActiveSqlTransaction = "25P01";
inline constexpr const char* kInFailedSqlTransaction = "25P02";
inline constexpr const char* kObjectInUse = "55006";               // another process writes the directory
inline constexpr const char* kUndefinedFile = "58P01";
inline constexpr const char* kIoError = "58030";
inline constexpr const char* kDataCorrupted = "XX001";
inline constexpr const char* kConfigFileError = "F0000";
inline constexpr const char* kInternalError = "XX000";
inline constexpr const char* kDiskFull = "53100";
inline constexpr const char* kOutOfMemory = "53200";
inline constexpr const char* kQueryCanceled = "57014";
inline constexpr const char* kStatementTooComplex = "54001";
inline constexpr const char* kProgramLimitExceeded = "54000";
inline constexpr const char* kTooManyArguments = "54023";    // e.g. a runaway recursive query
inline constexpr const char* kUndefinedParameter = "42P02";        // there is no parameter $n
inline constexpr const char* kIndeterminateDatatype = "42P18";     // could not determine data type of parameter
inline constexpr const char* kProtocolViolation = "08P01";         // wrong number of parameters (API)
inline constexpr const char* kInvalidSqlStatementName = "26000";   // prepared statement does not exist
inline constexpr const char* kDuplicatePreparedStatement = "42P05";
inline constexpr const char* kDuplicateCursor = "42P03";             // a portal of that name exists
inline constexpr const char* kInvalidCursorName = "34000";           // portal does not exist
inline constexpr const char* kDuplicateSchema = "42P06";
inline constexpr const char* kDuplicateObject = "42710";
inline constexpr const char* kUndefinedObject = "42704";
inline constexpr const char* kInvalidSchemaName = "3F000";         // schema does not exist
inline constexpr const char* kReservedName = "42939";
inline constexpr const char* kDependentObjectsStillExist = "2BP01";
inline constexpr const char* kInvalidTableDefinition = "42P16";    // CREATE OR REPLACE VIEW changes a column
inline constexpr const char* kWrongObjectType = "42809";           // DROP VIEW on a table, ...
inline constexpr const char* kInvalidRecursion = "42P17";          // a view that refers to itself
}  // namespace sqlstate

class Exception : public std::runtime_error {
 public:
  /// `position`: 1-based character offset into the SQL text, for syntax and binding errors.
  /// `hint`: advice on what to change (PostgreSQL's HINT field), empty if none.
  /// `detail`: more about the error (PostgreSQL's DETAIL field, e.g. "Key (id)=(1) already
  /// exists."), empty if none.
  Exception(std::string sqlstate, std::string message, std::optional<int> position = std::nullopt,
            std::string hint = {}, std::string detail = {})
      : std::runtime_error(message), sqlstate_(std::move(sqlstate)), position_(position), hint_(std::move(hint)),
        detail_(std::move(detail)) {}

  const std::string& sqlstate() const { return sqlstate_; }
  std::optional<int> position() const { return position_; }
  /// PostgreSQL's HINT: what the user could change; empty when there is none.
  const std::string& hint() const { return hint_; }
  /// PostgreSQL's DETAIL; empty when there is none.
  const std::string& detail() const { return detail_; }

 private:
  std::string sqlstate_;
  std::optional<int> position_;
  std::string hint_;
  std::string detail_;
};

}  // namespace cairn

// CopyFromSource: the rows of a text or csv file read by `COPY table FROM 'file'`, as a
// TableSource whose columns are the COPY's target columns (docs/sql/copy.md). Each line is split
// by a CopyTextReader; each field is converted with its column type's input function — a cast
// from text, as PostgreSQL's COPY calls the type's input function (no type sniffing: '007' into
// a text column stays '007').
//
// Errors (cairn::Exception, with PostgreSQL's CONTEXT in the message): 22P04 "missing data for
// column "c"" / "extra data after last expected column" / a header that does not match
// (HEADER match); the cast's own error (22P02, 22003, 22007, ...) with the line and column
// (`COPY t, line 3, column a: "abc"`); the reader's 22P04 / 22021. Opening the file: 58P01 when
// it does not exist, 58030 for other failures, naming the path.
//
// The file is one scan partition, read sequentially by one thread (lines in file order).
//
// Thread-safety: the source is immutable; its one scan is read by one thread.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/copy_text_reader.h"
#include "function/table/table_source.h"
#include "io/file_system.h"

namespace cairn {

/// What COPY FROM does with the first line of a text or csv file.
enum class CopyHeader : uint8_t {
  kNone,   // HEADER false: the first line is data
  kSkip,   // HEADER true: the first line is skipped
  kMatch,  // HEADER match: the first line must name the target columns, in order
};

struct CopyFromTextOptions {
  CopyTextReaderOptions reader;
  CopyHeader header = CopyHeader::kNone;
  /// csv only, per target column: FORCE_NOT_NULL (an unquoted NULL string is the string) and
  /// FORCE_NULL (a quoted NULL string is NULL too). Empty = no column.
  std::vector<bool> force_not_null;
  std::vector<bool> force_null;
};

/// Opens `path` through `file_system` and returns a source yielding its rows as `columns` (the
/// target columns: names for messages and HEADER match, types to convert to). Throws the file
/// system's error when the file cannot be opened (58P01 when missing).
std::shared_ptr<TableSource> CreateCopyFromSource(FileSystem& file_system, const std::string& path,
                                                  CopyFromTextOptions options, std::vector<ColumnDefinition> columns);

}  // namespace cairn

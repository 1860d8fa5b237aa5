// DecodingError: how Parquet value/level decoders report malformed page data.
//
// Decoders throw cairn::Exception(sqlstate::kDataCorrupted, "corrupt page data: <what>"); the
// ColumnReader, which knows the file and column, catches it and rethrows with that context.
//
// Thread-safety: stateless.
#pragma once

#include <string>

#include "cairn/exception.h"

namespace cairn::parquet {

/// Throws cairn::Exception(kDataCorrupted) describing malformed encoded data.
[[noreturn]] inline void ThrowDecodingError(const std::string& what) {
  throw Exception(sqlstate::kDataCorrupted, "corrupt page data: " + what);
}

}  // namespace cairn::parquet

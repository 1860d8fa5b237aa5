// CsvOptions: how to read a CSV file — dialect (delimiter, quote, escape), header, NULL
// spellings, column names/types, and how much of the file the sniffer samples.
//
// Every option can be left to auto-detection (CsvSniffer), which mimics DuckDB's read_csv so
// that ordinary files get the same column names and types in Cairn as in DuckDB.
//
// Thread-safety: a plain value type.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cairn/types.h"

namespace cairn {

/// Default of CsvOptions::scan_range_bytes (8 MiB).
constexpr idx_t kCsvScanRangeBytes = idx_t{8} << 20;

struct CsvOptions {
  /// Field separator; nullopt = sniff among ',', ';', '\t', '|'.
  std::optional<char> delimiter;
  /// Quote character (RFC 4180: '"'). '\0' disables quoting.
  char quote = '"';
  /// Escape character inside quoted fields. Equal to `quote` means RFC 4180 doubling ("").
  char escape = '"';
  /// Whether the first (non-skipped) row holds column names; nullopt = sniff.
  std::optional<bool> header;
  /// Unquoted field texts that mean NULL. The default {""} makes an empty unquoted field NULL
  /// (a quoted empty field "" is always the empty string). E.g. {"", "NA"}.
  std::vector<std::string> null_strings = {""};
  /// Explicit column types by column name (case-insensitive); other columns are sniffed.
  std::map<std::string, LogicalType> column_types;
  /// Replaces the first names.size() column names (header names or column0, column1, ...).
  std::vector<std::string> column_names;
  /// Lines skipped at the start of each file, before the header.
  idx_t skip_rows = 0;
  /// Rows the sniffer samples to detect types (DuckDB's default: 20480).
  idx_t sample_size = 20480;
  /// strptime-style format of DATE values (read_csv's dateformat, e.g. "%d/%m/%Y"; see
  /// formats/strptime_format.h). Set, it replaces DATE format sniffing: only values it parses
  /// make a column DATE, and every DATE column is read with it. nullopt = sniff.
  std::optional<std::string> date_format;
  /// strptime-style format of TIMESTAMP values (read_csv's timestampformat); as date_format.
  std::optional<std::string> timestamp_format;
  /// A file larger than this many bytes is scanned as byte ranges of about this size, read in
  /// parallel (CsvSource); 0 reads every file whole. Tests lower it to get many ranges.
  idx_t scan_range_bytes = kCsvScanRangeBytes;
};

}  // namespace cairn

// datasources.json: the seed's way of saying how a data directory is opened (the Parquet data
// source of sqlexec: `name`, `type: parquet`, `writable`, `options.writable`,
// `options.compression`, `options.flush_interval` such as "10s" or "1m"). Cairn reads
// `<data_dir>/datasources.json` when it exists; the entry of type "parquet" whose `name` is the
// data directory (its path as given, its absolute path, its last path segment, or ".") applies
// to the directory. Entries of other types are checked for shape and otherwise ignored.
//
// Errors: F0000 naming the file and the entry ("datasources.json: datasources[1] (\"analytics\"):
// ...") for invalid JSON, missing or mistyped fields, an unknown compression or a bad duration.
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace cairn {

class FileSystem;

/// What the entry for a directory sets; unset fields keep the caller's defaults.
struct DatasourceSettings {
  std::optional<bool> writable;
  std::optional<std::string> compression;  // as written: snappy, gzip, zstd, lz4, none
  std::optional<std::chrono::milliseconds> flush_interval;
};

/// A Go-style duration as the seed writes them: a sequence of <number><unit> with units ms, s,
/// m, h ("10s", "1m", "1h30m", "500ms"). nullopt when `text` is not one.
std::optional<std::chrono::milliseconds> ParseFlushInterval(const std::string& text);

/// The settings `<data_dir>/datasources.json` gives `data_dir`, or nullopt when there is no file
/// or no entry names the directory. Throws F0000 (see above), 58030 when it cannot be read.
std::optional<DatasourceSettings> ReadDatasourcesFile(FileSystem& file_system, const std::string& data_dir);

}  // namespace cairn

// `cairn generate tpch`: writes the TPC-H tables with dbgen's rows as Parquet files and a
// table_mappings.json (include/cairn/tpch.h, docs/sql/tpch.md):
//
//   cairn generate tpch --sf N --out DIR [--threads K] [--tables region,nation,...]
//
// Prints one line per table (rows, files) and the elapsed time.
//
// Thread-safety: called once, from main().
#pragma once

#include <optional>
#include <string>

#include "cairn/tpch.h"

namespace cairn::shell {

/// The command line of `cairn generate`, parsed.
struct ParsedGenerateArguments {
  TpchOptions options;
  bool help = false;
  /// Why the command line is invalid; nullopt when it is valid.
  std::optional<std::string> error;
};

/// Parses argv of `cairn generate` (argv[0] == "generate"). Pure; never throws.
ParsedGenerateArguments ParseGenerateArguments(int argc, const char* const* argv);

/// The --help text.
std::string GenerateUsage();

/// Runs `cairn generate` with argv[0] == "generate". Returns the exit status: 0 on success, 1
/// for an invalid command line or a failed generation (the error on stderr with its SQLSTATE).
int RunGenerateCommand(int argc, const char* const* argv);

}  // namespace cairn::shell

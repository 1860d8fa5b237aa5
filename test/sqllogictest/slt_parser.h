// SltParser: reads sqllogictest script text into records (format: README.md here).
//
// Conditions (`skipif`/`onlyif` ENGINE) apply to the next record; the engine name is "cairn".
// `mode skip` ... `mode unskip` marks records skipped. `loop VAR START END` ... `endloop` is
// expanded here: the body is repeated for VAR = START .. END-1 with `${VAR}` substituted.
// `require FEATURE` skips the whole file unless FEATURE is in kKnownFeatures.
// `hash-threshold` and `#` comment lines are ignored. Malformed records become kInvalid
// records (never exceptions), so a broken file reports failures instead of stopping the run.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "slt_record.h"

namespace cairn::slt {

/// The engine name skipif/onlyif compare against.
inline constexpr std::string_view kEngineName = "cairn";
/// Features `require` accepts.
inline constexpr std::string_view kKnownFeatures[] = {"parquet", "csv"};

/// Parses a whole script.
SltScript ParseSltScript(std::string_view text);

}  // namespace cairn::slt

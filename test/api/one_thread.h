// OneThread(): DatabaseOptions with one worker thread, for API tests that fork processes or
// want deterministic scheduling.
//
// Thread-safety: a pure function.
#pragma once

#include "cairn/database.h"

namespace cairn::testing {

inline DatabaseOptions OneThread() {
  DatabaseOptions options;
  options.threads = 1;
  return options;
}

}  // namespace cairn::testing

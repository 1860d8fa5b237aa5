// UnaryStringKernel: the kernel of a text → text scalar function given as
// `op(std::string_view input, std::string& output)` (lower, md5, quote_ident, ...): one reused
// buffer per call, NULL in gives NULL out.
//
// Thread-safety: the kernel keeps no state between calls.
#pragma once

#include <string>
#include <string_view>

#include "function/scalar_function.h"
#include "function/vector_executor.h"

namespace cairn::function {

template <class OP>
ScalarKernel UnaryStringKernel(OP op) {
  return [op](DataChunk& args, Vector& result) {
    std::string buffer;
    executor::UnaryExecute<string_t, string_t>(args.data[0], result, args.size(), [&](const string_t& s) {
      buffer.clear();
      op(s.view(), buffer);
      return executor::MakeResultString(result, buffer);
    });
  };
}

}  // namespace cairn::function

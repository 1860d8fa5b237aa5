// libFuzzer target for ChunkSerializer::Deserialize, whose input comes from disk (write-ahead
// log records). Property: any bytes decode or throw cairn::Exception XX001 — never a crash, a
// sanitizer report, a hang or an allocation out of proportion to the input. Oracle beyond "no
// crash": a chunk that decodes re-encodes to bytes that decode back to the same encoding
// (encode(decode(encode(decode(x)))) == encode(decode(x))), so what the decoder accepts is
// exactly what the encoder can write. Seeds: test/fuzz/chunk_serializer_fuzz/ (chunks of every
// type with NULLs). Built with -DCAIRN_FUZZ=ON (clang); run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "cairn/exception.h"
#include "vector/chunk_serializer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using cairn::ChunkSerializer;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  cairn::DataChunk chunk;
  try {
    chunk = ChunkSerializer::Deserialize(input);
  } catch (const cairn::Exception& e) {
    if (e.sqlstate() != cairn::sqlstate::kDataCorrupted) {
      std::fprintf(stderr, "unexpected SQLSTATE %s: %s\n", e.sqlstate().c_str(), e.what());
      std::abort();
    }
    return 0;
  }
  const std::string once = ChunkSerializer::Serialize(chunk);
  const std::string twice = ChunkSerializer::Serialize(ChunkSerializer::Deserialize(once));
  if (once != twice) {
    std::fprintf(stderr, "re-encoding a decoded chunk is not stable\n");
    std::abort();
  }
  return 0;
}

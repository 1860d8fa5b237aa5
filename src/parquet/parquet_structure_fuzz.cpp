// Structure-aware libFuzzer target for the Parquet reader. Random bit flips rarely get past
// the footer's and page headers' first checks; this target's custom mutator parses its input
// as a Parquet file (ParseParquetFileLayout), picks ONE structural field and gives it a
// meaningful wrong value, leaving the rest of the file valid so the change reaches the deep
// decoders:
//   - definition levels: v1 level length prefix, RLE/bit-packed run headers, RLE run values,
//     bit-packed bytes;
//   - dictionary indices: the bit-width byte, run headers, run values, packed bytes;
//   - PLAIN BYTE_ARRAY length prefixes; DELTA_* header varints (block size, miniblock count,
//     value count, first value);
//   - page header integers (type, sizes, num_values, num_nulls, encodings, level lengths) and
//     booleans (is_compressed);
//   - footer integers (row counts, column chunk offsets and sizes, types, codecs, schema
//     fields, statistics counts) and binaries (statistics bounds, names) — a length-changing
//     edit rewrites the footer length and the offsets it shifts.
// Inputs it cannot parse fall back to libFuzzer's byte mutation (LLVMFuzzerMutate).
//
// The property checked is the reader's: any input reads or throws cairn::Exception — never a
// crash, a sanitizer report, a hang or a leak. Seeds: test/fuzz/parquet_structure_fuzz/.
// Built with -DCAIRN_FUZZ=ON (clang); run by scripts/fuzz.sh.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

#include "cairn/exception.h"
#include "parquet/test_support/parquet_file_layout.h"
#include "parquet/test_support/read_every_value.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

using cairn::parquet::ParquetFileLayout;
using Random = std::minstd_rand;

/// A wrong-but-plausible replacement for an integer `v`: boundaries, off-by-one, scaled,
/// sign-flipped, small and huge values.
int64_t InterestingInteger(Random& rng, int64_t v) {
  static constexpr int64_t kFixed[] = {0,          1,          -1,         2,          7,         8,
                                       31,         32,         33,         63,         64,        65,
                                       127,        128,        255,        256,        1024,      2048,
                                       4096,       65535,      65536,      1 << 20,    1 << 30,   INT32_MAX,
                                       INT32_MIN,  UINT32_MAX, INT64_MAX,  INT64_MIN,  -2,        -128};
  // Unsigned arithmetic: wraps instead of overflowing near the int64 limits.
  const uint64_t u = static_cast<uint64_t>(v);
  switch (rng() % 8) {
    case 0: return static_cast<int64_t>(u + 1);
    case 1: return static_cast<int64_t>(u - 1);
    case 2: return static_cast<int64_t>(u * 2);
    case 3: return v / 2;
    case 4: return static_cast<int64_t>(0 - u);
    case 5: return static_cast<int64_t>(u + rng() % 64 - 32);
    case 6: return static_cast<int64_t>(rng()) * static_cast<int64_t>(rng() % 3 + 1);
    default: return kFixed[rng() % (sizeof(kFixed) / sizeof(kFixed[0]))];
  }
}

uint64_t InterestingUnsigned(Random& rng, uint64_t v) { return static_cast<uint64_t>(InterestingInteger(rng, static_cast<int64_t>(v))); }

void MutateRange(Random& rng, std::string& data, size_t begin, size_t end) {
  if (begin >= end) return;
  size_t pos = begin + rng() % (end - begin);
  switch (rng() % 4) {
    case 0: data[pos] = static_cast<char>(0xFF); break;
    case 1: data[pos] = static_cast<char>(data[pos] ^ (1 << (rng() % 8))); break;
    case 2: data[pos] = static_cast<char>(rng()); break;
    default: std::memset(&data[begin], static_cast<int>(rng() & 0xFF), end - begin); break;
  }
}

void MutateRuns(Random& rng, std::string& data, const cairn::parquet::HybridRunsLayout& runs) {
  size_t kinds = (runs.run_headers.empty() ? 0 : 1) + (runs.rle_values.empty() ? 0 : 1) + (runs.packed_data.empty() ? 0 : 1);
  if (kinds == 0) return;
  for (int attempt = 0; attempt < 8; attempt++) {
    switch (rng() % 3) {
      case 0:
        if (runs.run_headers.empty()) break;
        {
          const auto& header = runs.run_headers[rng() % runs.run_headers.size()];
          uint64_t value = header.value;
          switch (rng() % 3) {
            case 0: value ^= 1; break;  // RLE <-> bit-packed
            case 1: value = (InterestingUnsigned(rng, value >> 1) << 1) | (value & 1); break;
            default: value = InterestingUnsigned(rng, value); break;
          }
          cairn::parquet::PatchVarintSameWidth(data, header, value);
        }
        return;
      case 1:
        if (runs.rle_values.empty()) break;
        {
          const auto& range = runs.rle_values[rng() % runs.rle_values.size()];
          MutateRange(rng, data, range.begin, range.end);
        }
        return;
      default:
        if (runs.packed_data.empty()) break;
        {
          const auto& range = runs.packed_data[rng() % runs.packed_data.size()];
          MutateRange(rng, data, range.begin, range.end);
        }
        return;
    }
  }
}

/// Applies one structural mutation; returns false if none applied.
bool MutateStructure(Random& rng, std::string& data, const ParquetFileLayout& layout) {
  for (int attempt = 0; attempt < 16; attempt++) {
    unsigned choice = rng() % 10;
    if (choice <= 5 && !layout.pages.empty()) {
      const auto& page = layout.pages[rng() % layout.pages.size()];
      switch (choice) {
        case 0:  // page header integer
          if (page.header_integers.empty()) continue;
          {
            const auto& field = page.header_integers[rng() % page.header_integers.size()];
            cairn::parquet::ReplaceThriftInteger(data, layout, field, InterestingInteger(rng, field.value));
          }
          return true;
        case 1:  // definition levels
          if (page.levels_length_prefix != SIZE_MAX && rng() % 4 == 0) {
            uint32_t length;
            std::memcpy(&length, data.data() + page.levels_length_prefix, 4);
            length = static_cast<uint32_t>(InterestingInteger(rng, length));
            std::memcpy(&data[page.levels_length_prefix], &length, 4);
            return true;
          }
          if (page.definition_levels.run_headers.empty()) continue;
          MutateRuns(rng, data, page.definition_levels);
          return true;
        case 2:  // dictionary indices
          if (page.index_bit_width == SIZE_MAX) continue;
          if (rng() % 4 == 0 || page.indices.run_headers.empty()) {
            uint8_t width = static_cast<uint8_t>(data[page.index_bit_width]);
            data[page.index_bit_width] = static_cast<char>(InterestingInteger(rng, width));
            return true;
          }
          MutateRuns(rng, data, page.indices);
          return true;
        case 3:  // BYTE_ARRAY lengths
          if (page.byte_array_lengths.empty()) continue;
          {
            size_t pos = page.byte_array_lengths[rng() % page.byte_array_lengths.size()];
            uint32_t length;
            std::memcpy(&length, data.data() + pos, 4);
            length = static_cast<uint32_t>(InterestingInteger(rng, length));
            std::memcpy(&data[pos], &length, 4);
          }
          return true;
        case 4:  // DELTA header
          if (page.delta_header.empty()) continue;
          {
            const auto& field = page.delta_header[rng() % page.delta_header.size()];
            cairn::parquet::PatchVarintSameWidth(data, field, InterestingUnsigned(rng, field.value));
          }
          return true;
        default:  // header booleans, or raw bytes of an uncompressed body
          if (!page.header_booleans.empty() && rng() % 2 == 0) {
            size_t pos = page.header_booleans[rng() % page.header_booleans.size()];
            data[pos] = static_cast<char>(data[pos] ^ 0x03);  // type nibble 1 <-> 2
            return true;
          }
          if (!page.body_uncompressed || page.body_begin >= page.body_end) continue;
          MutateRange(rng, data, page.body_begin, page.body_end);
          return true;
      }
    }
    if (choice <= 8 && !layout.footer_integers.empty()) {
      const auto& field = layout.footer_integers[rng() % layout.footer_integers.size()];
      cairn::parquet::ReplaceThriftInteger(data, layout, field, InterestingInteger(rng, field.value));
      return true;
    }
    if (!layout.footer_binaries.empty()) {
      const auto& range = layout.footer_binaries[rng() % layout.footer_binaries.size()];
      MutateRange(rng, data, range.begin, range.end);
      return true;
    }
  }
  return false;
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  Random rng(seed);
  // Mostly structural, sometimes plain byte mutation so libFuzzer's own strategies still apply.
  if (rng() % 8 != 0) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
      ParquetFileLayout layout = cairn::parquet::ParseParquetFileLayout(bytes);
      if (MutateStructure(rng, bytes, layout) && bytes.size() <= max_size) {
        std::memcpy(data, bytes.data(), bytes.size());
        return bytes.size();
      }
    } catch (const cairn::Exception&) {
      // Not a file the layout walker understands: mutate bytes instead.
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    // The seeds hold at most a few hundred rows per row group; a mutated row count would only
    // make the target spend its time decoding the same run again.
    cairn::parquet::ReadEveryValue(std::string(reinterpret_cast<const char*>(data), size), 20000);
  } catch (const cairn::Exception&) {
    // Corrupt input is reported as cairn::Exception: fine.
  }
  return 0;
}

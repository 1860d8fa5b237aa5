// Robustness: truncated and bit-flipped versions of real files must make the reader throw
// cairn::Exception (or read garbage values), never crash, hang or throw anything else.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "cairn/exception.h"
#include "parquet/test_support/read_every_value.h"

namespace cairn::parquet {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in("test/data/parquet/" + name, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/// Opens `bytes` and reads every flat column of every row group. Returns true if it all
/// worked, false if a cairn::Exception was thrown; any other exception fails the test.
bool ReadEverything(std::string bytes) {
  try {
    ReadEveryValue(std::move(bytes), 10000000);  // corrupt row counts: stop, reading more proves nothing
    return true;
  } catch (const Exception&) {
    return false;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "unexpected exception type: " << e.what();
    return false;
  }
}

class CorruptionTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorruptionTest, TruncatedFilesThrow) {
  std::string bytes = ReadFixture(GetParam());
  ASSERT_FALSE(bytes.empty());
  ASSERT_TRUE(ReadEverything(bytes));
  for (size_t length : {size_t(0), size_t(3), size_t(11), size_t(12), bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_FALSE(ReadEverything(bytes.substr(0, length))) << "length " << length;
  }
  // Cut the body but keep a valid-looking tail (footer intact, chunks truncated).
  std::string tail = bytes.substr(bytes.size() - 200);
  EXPECT_FALSE(ReadEverything(bytes.substr(0, 4) + tail));
}

TEST_P(CorruptionTest, BitFlipsNeverCrash) {
  std::string original = ReadFixture(GetParam());
  std::mt19937 rng(1234);
  for (int round = 0; round < 300; round++) {
    std::string bytes = original;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; f++) {
      // Half the flips hit the footer region, where metadata lives.
      size_t position = (round % 2) ? bytes.size() - 1 - rng() % std::min<size_t>(bytes.size(), 3000)
                                    : rng() % bytes.size();
      bytes[position] = static_cast<char>(bytes[position] ^ (1 << (rng() % 8)));
    }
    ReadEverything(std::move(bytes));
  }
}

INSTANTIATE_TEST_SUITE_P(Fixtures, CorruptionTest,
                         ::testing::Values("codec_snappy.parquet", "codec_gzip.parquet", "types_zstd_v1.parquet",
                                           "types_zstd_v2.parquet", "nested.parquet"));

}  // namespace
}  // namespace cairn::parquet

#include "common/utf8_text.h"

#include <gtest/gtest.h>

#include <string>

namespace cairn::utf8 {
namespace {

size_t Find(const std::string& s) { return FindInvalidText(s.data(), s.size()); }

TEST(Utf8TextTest, AcceptsWellFormedText) {
  EXPECT_EQ(Find(""), 0u);
  EXPECT_EQ(Find("plain ascii, longer than eight bytes"), 36u);
  const std::string mixed = "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xED\x9F\xBF \xEE\x80\x80 \xF4\x8F\xBF\xBF end";
  EXPECT_EQ(Find(mixed), mixed.size());
  EXPECT_EQ(Find("\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF\xF0\x90\x80\x80"), 14u);  // each length's bounds
}

TEST(Utf8TextTest, RejectsWhatTable37Excludes) {
  EXPECT_EQ(Find("ab\xC3\x28"), 2u);                       // continuation missing
  EXPECT_EQ(Find("abcdefgh\xC0\x80"), 8u);                 // overlong NUL
  EXPECT_EQ(Find("\xC1\xBF"), 0u);                         // overlong 2-byte
  EXPECT_EQ(Find("\xE0\x9F\xBF"), 0u);                     // overlong 3-byte
  EXPECT_EQ(Find("\xF0\x8F\xBF\xBF"), 0u);                 // overlong 4-byte
  EXPECT_EQ(Find("x\xED\xA0\x80"), 1u);                    // surrogate U+D800
  EXPECT_EQ(Find("x\xED\xBF\xBF"), 1u);                    // surrogate U+DFFF
  EXPECT_EQ(Find("\xF4\x90\x80\x80"), 0u);                 // U+110000
  EXPECT_EQ(Find("\xF5\x80\x80\x80"), 0u);                 // impossible lead bytes
  EXPECT_EQ(Find("\xFF"), 0u);
  EXPECT_EQ(Find("\x80"), 0u);                             // lone continuation
  EXPECT_EQ(Find("12345678\xE2\x82"), 8u);                 // cut off by the end
  EXPECT_EQ(Find(std::string("abc\0def", 7)), 3u);         // NUL in the tail
  EXPECT_EQ(Find(std::string("abcdefghij\0klmnopq", 18)), 10u);  // NUL in a word
  EXPECT_EQ(Find("\xC3\xA9\xC3"), 2u);
}

TEST(Utf8TextTest, FastPathFindsEveryPosition) {
  // An invalid byte at every offset of a long ASCII run, across word boundaries.
  for (size_t at = 0; at < 40; at++) {
    std::string s(40, 'a');
    s[at] = '\xFE';
    EXPECT_EQ(Find(s), at) << at;
    s[at] = '\0';
    EXPECT_EQ(Find(s), at) << at;
  }
}

TEST(Utf8TextTest, DescribesAsPostgreSql) {
  EXPECT_EQ(DescribeInvalidSequence("\xC3\x28zz", 4), "0xc3 0x28");
  EXPECT_EQ(DescribeInvalidSequence("\xED\xA0\x80", 3), "0xed 0xa0 0x80");
  EXPECT_EQ(DescribeInvalidSequence("\xF4\x90\x80\x80", 4), "0xf4 0x90 0x80 0x80");
  EXPECT_EQ(DescribeInvalidSequence("\xE2\x82", 2), "0xe2 0x82");  // truncated: what is there
  EXPECT_EQ(DescribeInvalidSequence("\xFF\x41", 2), "0xff");
  EXPECT_EQ(DescribeInvalidSequence("\x80\x41", 2), "0x80");
  EXPECT_EQ(DescribeInvalidSequence(std::string("\0a", 2).data(), 2), "0x00");
}

}  // namespace
}  // namespace cairn::utf8

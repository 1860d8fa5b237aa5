#include "formats/csv_boundary_finder.h"

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "formats/csv_test_fixture.h"
#include "formats/csv_tokenizer.h"

namespace cairn {
namespace {

std::optional<CsvRowStart> Find(const std::string& text, idx_t offset, char quote = '"', char escape = '"') {
  return CsvBoundaryFinder::FromString(text, ',', quote, escape)->RowStartAtOrAfter(offset);
}

CsvRowStart At(idx_t offset, uint64_t line) { return CsvRowStart{offset, line}; }

TEST(CsvBoundaryFinderTest, RowStraddlingTheBoundaryBelongsToTheRangeBefore) {
  const std::string text = "1,ab\n22,cd\n333,ef\n";  // rows start at 0, 5, 11; size 18
  EXPECT_EQ(Find(text, 0), At(0, 1));
  EXPECT_EQ(Find(text, 1), At(5, 2));
  EXPECT_EQ(Find(text, 4), At(5, 2));   // the boundary on the row's LF
  EXPECT_EQ(Find(text, 5), At(5, 2));   // a row starting right at the boundary is the range's
  EXPECT_EQ(Find(text, 6), At(11, 3));
  EXPECT_EQ(Find(text, 12), At(18, 4));  // no row starts after: the end of the file
  EXPECT_EQ(Find(text, 100), At(18, 4));
}

TEST(CsvBoundaryFinderTest, NewlinesInsideQuotesAreNotRowEnds) {
  // Row 1 spans lines 1-3 (a quoted field with two LFs, one of them followed by text that
  // looks like a row of its own); row 2 starts on line 4.
  const std::string text = "1,\"x\n2,y\n3\",z\n4,w,v\n";
  const idx_t row2 = text.find("4,w");
  for (idx_t offset = 1; offset <= row2; offset++) EXPECT_EQ(Find(text, offset), At(row2, 4)) << offset;
  EXPECT_EQ(Find(text, row2 + 1), At(text.size(), 5));
}

TEST(CsvBoundaryFinderTest, DoubledQuotesAndLiteralQuotesInUnquotedFields) {
  // "" inside a quoted field escapes a quote (the field stays open over the LF); a quote in the
  // middle of an unquoted field is literal (it opens nothing).
  const std::string text = "\"a\"\"\nb\",1\nab\"c,2\nd,3\n";
  const idx_t row2 = text.find("ab\"c");
  const idx_t row3 = text.find("d,3");
  EXPECT_EQ(Find(text, 1), At(row2, 3));
  EXPECT_EQ(Find(text, row2 + 1), At(row3, 4));
}

TEST(CsvBoundaryFinderTest, BackslashEscapes) {
  // With escape '\\', a backslash escapes the quote (and any byte, an LF included).
  const std::string text = "\"a\\\"\n,b\\\n\",1\nc,2\n";
  const idx_t row2 = text.find("c,2");
  for (idx_t offset = 1; offset <= row2; offset++) EXPECT_EQ(Find(text, offset, '"', '\\'), At(row2, 4)) << offset;
}

TEST(CsvBoundaryFinderTest, CrlfAndLoneCr) {
  const std::string crlf = "a,b\r\nc,d\r\ne,f";  // rows at 0, 5, 10
  EXPECT_EQ(Find(crlf, 1), At(5, 2));
  EXPECT_EQ(Find(crlf, 4), At(5, 2));  // between CR and LF: the row starts after the LF
  EXPECT_EQ(Find(crlf, 5), At(5, 2));
  EXPECT_EQ(Find(crlf, 9), At(10, 3));
  const std::string lone = "a,b\rc,d\re,f\r";  // a lone CR ends a row: rows at 0, 4, 8
  EXPECT_EQ(Find(lone, 1), At(4, 2));
  EXPECT_EQ(Find(lone, 5), At(8, 3));
  EXPECT_EQ(Find(lone, 9), At(12, 4));
  // A CR inside quotes is data (and, as in the tokenizer, not a line); CRLF inside quotes
  // counts its LF.
  const std::string quoted = "\"a\rb\r\nc\",1\r\nd,2\r\n";
  EXPECT_EQ(Find(quoted, 1), At(quoted.find("d,2"), 3));
}

TEST(CsvBoundaryFinderTest, FileWithoutTrailingNewline) {
  const std::string text = "a,b\nc,d";
  EXPECT_EQ(Find(text, 4), At(4, 2));
  EXPECT_EQ(Find(text, 5), At(7, 2));  // in the last row: the end of the file
}

TEST(CsvBoundaryFinderTest, RangeWithNoRowStart) {
  // One row is longer than a range: consecutive boundaries inside it give the same row start,
  // so the ranges between them are empty.
  const std::string text = "1,\"" + std::string(100, 'x') + "\n" + std::string(100, 'y') + "\"\n2,z\n";
  auto finder = CsvBoundaryFinder::FromString(text, ',', '"', '"');
  const idx_t row2 = text.find("2,z");
  EXPECT_EQ(finder->RowStartAtOrAfter(10), At(row2, 3));
  EXPECT_EQ(finder->RowStartAtOrAfter(50), At(row2, 3));  // not before the previous answer
  EXPECT_EQ(finder->RowStartAtOrAfter(row2), At(row2, 3));
  EXPECT_EQ(finder->RowStartAtOrAfter(row2 + 1), At(text.size(), 4));
}

TEST(CsvBoundaryFinderTest, StartsFromTheDataStartWithItsLine) {
  // A header and skipped lines are before the data start; its line number carries on.
  const std::string text = "skipped \"line\nh1,h2\n1,2\n3,4\n";
  const idx_t data = text.find("1,2");
  auto finder = CsvBoundaryFinder::FromString(text, ',', '"', '"', At(data, 3));
  EXPECT_EQ(finder->RowStartAtOrAfter(data + 1), At(text.find("3,4"), 4));
}

TEST(CsvBoundaryFinderTest, MalformedTextStopsTheFinder) {
  // Text after a closing quote: the tokenizer rejects it, so no boundary is trusted after it.
  auto finder = CsvBoundaryFinder::FromString("a,b\n\"x\"y,1\nc,d\ne,f\n", ',', '"', '"');
  EXPECT_EQ(finder->RowStartAtOrAfter(1), At(4, 2));
  EXPECT_EQ(finder->RowStartAtOrAfter(5), std::nullopt);
  EXPECT_EQ(finder->RowStartAtOrAfter(15), std::nullopt);  // and stays stopped
  // A quoted field open at the end of the file.
  EXPECT_EQ(Find("a,b\n\"c,d\ne,f\n", 5), std::nullopt);
  EXPECT_EQ(Find("a,\"b\\", 3, '"', '\\'), std::nullopt);
  // A closing quote at the very end is fine.
  EXPECT_EQ(Find("a,\"b\"", 3), At(5, 1));
}

TEST(CsvBoundaryFinderTest, WithoutQuotingNewlinesAlwaysEndRows) {
  const std::string text = "a\"b,c\n\"d,e\n";
  EXPECT_EQ(Find(text, 1, '\0', '\0'), At(6, 2));
  EXPECT_EQ(Find(text, 7, '\0', '\0'), At(11, 3));
}

TEST(CsvBoundaryFinderTest, DialectsItCannotFollow) {
  EXPECT_TRUE(CsvBoundaryFinder::SupportsDialect(',', '"', '"'));
  EXPECT_TRUE(CsvBoundaryFinder::SupportsDialect('\t', '\0', '\0'));
  EXPECT_TRUE(CsvBoundaryFinder::SupportsDialect('|', '\'', '\\'));
  EXPECT_FALSE(CsvBoundaryFinder::SupportsDialect('\n', '"', '"'));
  EXPECT_FALSE(CsvBoundaryFinder::SupportsDialect(',', '\r', '\r'));
  EXPECT_FALSE(CsvBoundaryFinder::SupportsDialect(',', ',', ','));
  EXPECT_FALSE(CsvBoundaryFinder::SupportsDialect(',', '"', ','));
}

// The oracle: the tokenizer reading the whole text. Every row start it reaches (the offset after
// each row, with the line of the next) must be what the finder answers for every boundary
// between the previous row start (exclusive) and it (inclusive).
std::vector<CsvRowStart> TokenizerRowStarts(const std::string& text, char quote, char escape) {
  auto tokenizer = CsvTokenizer::FromString("t.csv", text, ',', quote, escape);
  std::vector<CsvRowStart> starts{At(0, 1)};
  std::vector<CsvField> fields;
  uint64_t line;
  while (tokenizer->NextRow(fields, line)) starts.push_back(At(tokenizer->bytes_consumed(), tokenizer->line()));
  return starts;
}

TEST(CsvBoundaryFinderTest, AgreesWithTheTokenizerOnRandomText) {
  // Random texts of quoted and unquoted fields with embedded delimiters, quotes, LFs, CRs and
  // CRLFs (no blank lines, which the tokenizer skips without showing their starts).
  std::mt19937 rng(42);
  const char* pieces[] = {"a", "bc", ",", "\"", "\"\"", "\n", "\r\n", "\r", "\\", "x\"y"};
  testing_csv::TempDir dir;
  int checked = 0;
  for (int round = 0; round < 300; round++) {
    const bool backslash = round % 3 == 0;
    const char escape = backslash ? '\\' : '"';
    std::string text;
    const int rows = 1 + static_cast<int>(rng() % 8);
    for (int r = 0; r < rows; r++) {
      const int fields = 1 + static_cast<int>(rng() % 3);
      for (int f = 0; f < fields; f++) {
        if (f) text += ',';
        std::string body = "v";
        for (int k = static_cast<int>(rng() % 4); k > 0; k--) body += pieces[rng() % std::size(pieces)];
        if (rng() % 2) {  // quoted: escape its quotes (and, with '\\', its escapes)
          std::string quoted = "\"";
          for (char c : body) {
            if (c == '"' || (backslash && c == '\\')) quoted += escape;
            quoted += c;
          }
          text += quoted + "\"";
        } else {  // unquoted: no delimiter or terminator inside
          for (char c : body) {
            if (c != ',' && c != '\n' && c != '\r') text += c;
          }
        }
      }
      const char* ends[] = {"\n", "\r\n", "\r"};
      if (r + 1 < rows || rng() % 2) text += ends[rng() % 3];
    }
    std::vector<CsvRowStart> starts;
    try {
      starts = TokenizerRowStarts(text, '"', escape);
    } catch (const Exception&) {
      continue;  // not well-formed (e.g. a lone CR before an LF that closes nothing)
    }
    if (starts.back().offset != text.size()) starts.push_back(At(text.size(), starts.back().line));
    // A fresh finder per boundary, one finder asked every boundary in turn, and the same over
    // the text as a file read in blocks of 1 and 5 bytes (states carried across blocks).
    auto sweeping = CsvBoundaryFinder::FromString(text, ',', '"', escape);
    const std::string path = dir.Write("random.csv", text);
    CsvBoundaryFinder tiny_blocks(FileSystem::Local(), path, ',', '"', escape, At(0, 1), 1);
    CsvBoundaryFinder small_blocks(FileSystem::Local(), path, ',', '"', escape, At(0, 1), 5);
    size_t next = 0;
    for (idx_t offset = 0; offset <= text.size(); offset++) {
      while (starts[next].offset < offset) next++;
      ASSERT_EQ(Find(text, offset, '"', escape), starts[next]) << "offset " << offset << " of:\n" << text;
      ASSERT_EQ(sweeping->RowStartAtOrAfter(offset), starts[next]) << "offset " << offset << " of:\n" << text;
      ASSERT_EQ(tiny_blocks.RowStartAtOrAfter(offset), starts[next]) << "offset " << offset << " of:\n" << text;
      ASSERT_EQ(small_blocks.RowStartAtOrAfter(offset), starts[next]) << "offset " << offset << " of:\n" << text;
    }
    checked++;
  }
  EXPECT_GT(checked, 250);  // the generator makes well-formed text
}

TEST(CsvBoundaryFinderTest, ReadsAFileInBlocks) {
  // A file read through a block much smaller than the rows: boundaries inside quoted fields,
  // CRLFs and "" pairs that straddle blocks.
  testing_csv::TempDir dir;
  std::string text;
  std::vector<CsvRowStart> starts;
  uint64_t line = 1;
  for (int i = 0; i < 200; i++) {
    starts.push_back(At(text.size(), line));
    text += std::to_string(i) + ",\"multi\r\nline \"\"" + std::to_string(i) + "\"\" value\"," + std::string(i % 7, 'z') + "\r\n";
    line += 2;
  }
  starts.push_back(At(text.size(), line));
  const std::string path = dir.Write("blocks.csv", text);
  for (idx_t block : {1, 3, 7, 64}) {
    CsvBoundaryFinder finder(FileSystem::Local(), path, ',', '"', '"', At(0, 1), block);
    size_t next = 0;
    for (idx_t offset = 0; offset <= text.size(); offset += 5) {
      while (starts[next].offset < offset) next++;
      ASSERT_EQ(finder.RowStartAtOrAfter(offset), starts[next]) << "block " << block << " offset " << offset;
    }
  }
}

}  // namespace
}  // namespace cairn

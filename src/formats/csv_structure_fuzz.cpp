// libFuzzer target with a structure-aware mutator for CSV text, and two oracles:
//
//  1. Block-size independence. The tokenizer streams a file through a buffer of `block_size`
//     bytes; how the text falls across blocks must never change the rows it returns (a silent
//     wrong answer: an earlier defect returned pieces of later rows when a row ended exactly at
//     a block boundary). Every input is tokenized with the default 1 MiB block and with a tiny
//     block (16..79 bytes, chosen from the input), row by row (NextRow) and in batches
//     (NextBatch, as the reader does); rows, fields, quoted flags and line numbers must be
//     identical, or both runs must fail with the same SQLSTATE. A difference aborts.
//  2. Range independence. A scan may cut a file into byte ranges (CsvSource's parallel scan,
//     CsvBoundaryFinder); where the cuts fall must never change the rows. The text is read
//     whole and in ranges of 1..64 bytes (chosen from the input), partitions in order: the
//     rows (every value, as text) must be identical, or both reads must fail. (Which error
//     comes first may differ: a sequential read converts a batch column by column.)
//  3. The whole reader (sniffing, tokenizing, UTF-8 validation, type conversion) must read the
//     text or throw cairn::Exception: never crash, hang or leak (ASan+UBSan).
//
// The mutator splits the text into rows and fields and edits that structure: duplicates,
// drops and reorders rows; adds or removes fields; quotes fields, breaks quotes, embeds
// delimiters, quotes and newlines in quoted fields; swaps the delimiter and the line endings;
// replaces fields by edge-case values (number, date and timestamp boundaries, NULL-like text,
// long fields, invalid UTF-8); adds a byte order mark or blank lines. One mutation in eight is
// left to libFuzzer's byte-level mutator. Seeds: test/fuzz/csv_structure_fuzz/.
//
// Built with -DCAIRN_FUZZ=ON (clang), run with `make fuzz FUZZ_TARGET=csv_structure_fuzz`.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cairn/exception.h"
#include "formats/csv_source.h"
#include "formats/csv_tokenizer.h"
#include "io/in_memory_file_system.h"

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

namespace {

using Random = std::minstd_rand;

constexpr char kDelimiters[] = {',', ';', '\t', '|'};

/// The text as rows of fields, split on the first delimiter found and on '\n' (quotes are not
/// interpreted: mutations should also produce text a strict parser would not).
struct CsvText {
  char delimiter = ',';
  std::string line_end = "\n";
  std::vector<std::vector<std::string>> rows;

  static CsvText Parse(const std::string& text) {
    CsvText csv;
    for (char d : kDelimiters) {
      if (text.find(d) != std::string::npos) {
        csv.delimiter = d;
        break;
      }
    }
    if (text.find("\r\n") != std::string::npos) csv.line_end = "\r\n";
    std::string line;
    auto flush_line = [&] {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> fields;
      size_t start = 0;
      for (;;) {
        size_t at = line.find(csv.delimiter, start);
        fields.push_back(line.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + 1;
      }
      csv.rows.push_back(std::move(fields));
      line.clear();
    };
    for (char c : text) {
      if (c == '\n') {
        flush_line();
      } else {
        line.push_back(c);
      }
    }
    if (!line.empty()) flush_line();
    return csv;
  }

  std::string Render() const {
    std::string out;
    for (const auto& row : rows) {
      for (size_t f = 0; f < row.size(); f++) {
        if (f > 0) out.push_back(delimiter);
        out += row[f];
      }
      out += line_end;
    }
    return out;
  }
};

const char* const kEdgeValues[] = {
    "0", "-0", "+1", "1e308", "1e309", "-1e-400", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "2147483648", "NaN", "-inf", "Infinity", "0x1F", "1_000", " 12 ", "12.",
    ".5", "1.7976931348623157e308", "4.9e-324", "00012", "1,5", "TRUE", "f", "yes", "", "NULL", "NA",
    "\"\"", "\"", "\"\"\"", "2024-02-29", "2023-02-29", "0001-01-01", "9999-12-31", "10000-01-01",
    "2024-13-01", "2024-01-01 23:59:59.999999", "2024-01-01 24:00:00", "2024-01-01T10:00:00Z",
    "2024-01-01 10:00:00+05:30", "1970-01-01 00:00:00", "294277-01-01 00:00:00", "12:30", "\\N",
    "caf\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xef\xbb\xbf", "a\\\"b"};

const char* const kInvalidUtf8[] = {"\xc3\x28", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82",
                                    "\xff", "\x80", "" /* a NUL byte, added below */};

std::string& PickField(Random& rng, CsvText& csv) {
  auto& row = csv.rows[rng() % csv.rows.size()];
  if (row.empty()) row.emplace_back();
  return row[rng() % row.size()];
}

std::string Quote(const std::string& field) {
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

/// Applies one structural mutation. Returns false if the text has nothing to mutate.
bool MutateStructure(Random& rng, CsvText& csv) {
  if (csv.rows.empty()) csv.rows.push_back({"a", "b"});
  auto& rows = csv.rows;
  switch (rng() % 16) {
    case 0: {  // duplicate a row (possibly many times: crosses block boundaries)
      size_t r = rng() % rows.size();
      size_t copies = rng() % 4 == 0 ? 1 + rng() % 64 : 1;
      auto row = rows[r];
      rows.insert(rows.begin() + r, copies, row);
      return true;
    }
    case 1:  // drop a row
      if (rows.size() < 2) return false;
      rows.erase(rows.begin() + rng() % rows.size());
      return true;
    case 2: {  // swap two rows
      std::swap(rows[rng() % rows.size()], rows[rng() % rows.size()]);
      return true;
    }
    case 3: {  // add a field (ragged rows)
      auto& row = rows[rng() % rows.size()];
      row.insert(row.begin() + rng() % (row.size() + 1), kEdgeValues[rng() % std::size(kEdgeValues)]);
      return true;
    }
    case 4: {  // remove a field
      auto& row = rows[rng() % rows.size()];
      if (row.size() < 2) return false;
      row.erase(row.begin() + rng() % row.size());
      return true;
    }
    case 5: {  // quote a field, embedding a delimiter, a quote or a newline
      std::string& field = PickField(rng, csv);
      const char* inserts[] = {",", ";", "\t", "|", "\"", "\n", "\r\n", "\r", "\n\n"};
      std::string text = field;
      text.insert(rng() % (text.size() + 1), inserts[rng() % std::size(inserts)]);
      field = Quote(text);
      return true;
    }
    case 6: {  // break quoting: a lone quote somewhere, or text after a closing quote
      std::string& field = PickField(rng, csv);
      if (rng() % 2) {
        field.insert(rng() % (field.size() + 1), "\"");
      } else {
        field = Quote(field) + "x";
      }
      return true;
    }
    case 7:  // an edge-case value
      PickField(rng, csv) = kEdgeValues[rng() % std::size(kEdgeValues)];
      return true;
    case 8: {  // the same edge value down a whole column (drives type sniffing)
      const char* value = kEdgeValues[rng() % std::size(kEdgeValues)];
      size_t column = rng() % 4;
      for (auto& row : rows) {
        if (column < row.size()) row[column] = value;
      }
      return true;
    }
    case 9: {  // invalid UTF-8 in a field
      std::string& field = PickField(rng, csv);
      size_t i = rng() % std::size(kInvalidUtf8);
      std::string bad = i + 1 == std::size(kInvalidUtf8) ? std::string(1, '\0') : std::string(kInvalidUtf8[i]);
      field.insert(rng() % (field.size() + 1), bad);
      return true;
    }
    case 10:  // another delimiter
      csv.delimiter = kDelimiters[rng() % std::size(kDelimiters)];
      return true;
    case 11: {  // other line endings
      const char* ends[] = {"\n", "\r\n", "\r"};
      csv.line_end = ends[rng() % std::size(ends)];
      return true;
    }
    case 12: {  // a long field (longer than the small block)
      std::string& field = PickField(rng, csv);
      field.append(16 + rng() % 300, static_cast<char>('a' + rng() % 26));
      if (rng() % 2) field = Quote(field);
      return true;
    }
    case 13:  // blank lines
      rows.insert(rows.begin() + rng() % (rows.size() + 1), std::vector<std::string>{""});
      return true;
    case 14:  // a byte order mark before the first field
      rows[0].empty() ? rows[0].push_back("\xef\xbb\xbf") : (void)rows[0][0].insert(0, "\xef\xbb\xbf");
      return true;
    default: {  // escape-style backslashes inside a quoted field
      std::string& field = PickField(rng, csv);
      field = "\"" + field + "\\\"" + "\"";
      return true;
    }
  }
}

/// A row as the tokenizer returned it.
struct TokenizedRow {
  uint64_t line;
  std::vector<std::pair<std::string, uint32_t>> fields;
  bool operator==(const TokenizedRow&) const = default;
};

/// Rows of the whole file, or the rows before the error that stopped the tokenizer and the
/// error (SQLSTATE and message, which names the line).
struct Tokenized {
  std::vector<TokenizedRow> rows;
  std::optional<std::string> error;

  /// Equal results: the same rows, or the same error. Rows returned before an error may differ
  /// in number (a batch that fails returns nothing of itself, and batches end at different
  /// rows), but not in content.
  bool Matches(const Tokenized& other) const {
    if (error != other.error) return false;
    if (!error) return rows == other.rows;
    const size_t common = std::min(rows.size(), other.rows.size());
    return std::equal(rows.begin(), rows.begin() + common, other.rows.begin());
  }
};

Tokenized TokenizeRows(cairn::FileSystem& fs, cairn::idx_t block_size) {
  Tokenized out;
  try {
    cairn::CsvTokenizer tokenizer(fs, "/input.csv", ',', '"', '"', block_size);
    std::vector<cairn::CsvField> fields;
    uint64_t line = 0;
    while (tokenizer.NextRow(fields, line)) {
      TokenizedRow row{line, {}};
      for (auto& f : fields) row.fields.emplace_back(std::string(f.view()), f.quoted);
      out.rows.push_back(std::move(row));
    }
  } catch (const cairn::Exception& e) {
    out.error = e.sqlstate() + " " + e.what();
  }
  return out;
}

Tokenized TokenizeBatches(cairn::FileSystem& fs, cairn::idx_t block_size, cairn::idx_t columns) {
  Tokenized out;
  try {
    cairn::CsvTokenizer tokenizer(fs, "/input.csv", ',', '"', '"', block_size);
    std::vector<int> slots;
    for (cairn::idx_t c = 0; c < columns; c++) slots.push_back(static_cast<int>(c));
    cairn::CsvBatch batch;
    // Small batches: many batch ends, some of them at block boundaries.
    while (tokenizer.NextBatch(batch, 3, columns, slots) > 0) {
      for (cairn::idx_t r = 0; r < batch.row_count; r++) {
        TokenizedRow row{batch.row_lines[r], {}};
        for (cairn::idx_t c = 0; c < columns; c++) row.fields.emplace_back(std::string(batch.fields[c][r].view()), batch.fields[c][r].quoted);
        out.rows.push_back(std::move(row));
      }
    }
  } catch (const cairn::Exception& e) {
    out.error = e.sqlstate() + " " + e.what();
  }
  return out;
}

[[noreturn]] void Mismatch(const char* what) {
  std::fprintf(stderr, "csv_structure_fuzz: %s differ between block sizes\n", what);
  std::abort();
}

void CheckBlockSizeIndependence(cairn::FileSystem& fs, const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
  const cairn::idx_t small_block = 16 + h % 64;
  const Tokenized reference = TokenizeRows(fs, 1 << 20);
  if (!TokenizeRows(fs, small_block).Matches(reference)) Mismatch("NextRow rows");
  if (reference.rows.empty()) return;
  const cairn::idx_t columns = reference.rows[0].fields.size();
  if (!TokenizeBatches(fs, small_block, columns).Matches(TokenizeBatches(fs, 1 << 20, columns))) {
    Mismatch("NextBatch rows");
  }
}

/// Every row of a scan of /input.csv in ranges of `range_bytes` (0: whole), values as text, or
/// nullopt if the read failed.
std::optional<std::vector<std::string>> ReadRows(cairn::FileSystem& fs, cairn::idx_t range_bytes) {
  try {
    cairn::CsvOptions options;
    options.scan_range_bytes = range_bytes;
    auto source = cairn::CreateCsvSource(fs, {"/input.csv"}, options);
    cairn::ScanRequest request;
    std::vector<cairn::LogicalType> types;
    for (cairn::idx_t i = 0; i < source->columns().size(); i++) {
      request.column_ids.push_back(i);
      types.push_back(source->columns()[i].type);
    }
    auto scan = source->Scan(request);
    std::vector<std::string> rows;
    while (auto partition = scan->NextPartition()) {
      cairn::DataChunk chunk;
      chunk.Initialize(types);
      while (partition->Next(chunk)) {
        for (cairn::idx_t r = 0; r < chunk.size(); r++) {
          std::string row;
          for (cairn::idx_t c = 0; c < chunk.ColumnCount(); c++) row += chunk.GetValue(c, r).ToString() + '\x1f';
          rows.push_back(std::move(row));
        }
        chunk.Reset();
      }
    }
    return rows;
  } catch (const cairn::Exception&) {
    return std::nullopt;
  }
}

void CheckRangeIndependence(cairn::FileSystem& fs, const uint8_t* data, size_t size) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < size; i++) h = (h ^ data[i]) * 16777619u;
  const auto whole = ReadRows(fs, 0);
  const auto ranges = ReadRows(fs, 1 + (h >> 8) % 64);
  if (whole.has_value() != ranges.has_value() || (whole && *whole != *ranges)) {
    std::fprintf(stderr, "csv_structure_fuzz: rows differ between a whole and a ranged read (%s / %s)\n",
                 whole ? "read" : "failed", ranges ? "read" : "failed");
    std::abort();
  }
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned int seed) {
  Random rng(seed);
  if (rng() % 8 != 0) {
    CsvText csv = CsvText::Parse(std::string(reinterpret_cast<const char*>(data), size));
    const int mutations = 1 + static_cast<int>(rng() % 3);
    bool changed = false;
    for (int m = 0; m < mutations; m++) changed |= MutateStructure(rng, csv);
    std::string text = csv.Render();
    if (changed && text.size() <= max_size) {
      std::memcpy(data, text.data(), text.size());
      return text.size();
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  cairn::InMemoryFileSystem fs;
  {
    auto file = fs.OpenForWrite("/input.csv", cairn::WriteMode::kTruncate);
    file->Append(data, size);
    file->Close();
  }
  CheckBlockSizeIndependence(fs, data, size);
  CheckRangeIndependence(fs, data, size);  // reads every row, whole and in ranges
  return 0;
}

#include "result_renderer.h"

#include <ostream>

#include "cairn/query_result.h"
#include "csv_renderer.h"
#include "json_renderer.h"
#include "markdown_renderer.h"
#include "table_renderer.h"

namespace cairn::shell {

std::unique_ptr<ResultRenderer> MakeResultRenderer(OutputFormat format, std::ostream& out) {
  switch (format) {
    case OutputFormat::kCsv: return std::make_unique<CsvRenderer>(out);
    case OutputFormat::kJson: return std::make_unique<JsonRenderer>(out);
    case OutputFormat::kMarkdown: return std::make_unique<MarkdownRenderer>(out);
    case OutputFormat::kTable: break;
  }
  return std::make_unique<TableRenderer>(out);
}

bool RenderQueryResult(QueryResult& result, ResultRenderer& renderer, const std::ostream* out) {
  if (result.has_error()) return false;
  if (result.ColumnCount() == 0) {
    // Drain the stream in case the statement does its work while being pulled.
    while (result.fetch() != nullptr) {
    }
    if (result.has_error()) return false;
    renderer.Command(result.command_tag());
    return true;
  }
  // Pull the first chunk before printing anything, so a query that fails at once (a corrupt
  // file, a cast error) prints only its error, not an empty table.
  std::unique_ptr<DataChunk> chunk = result.fetch();
  if (result.has_error()) return false;
  renderer.Begin(DescribeColumns(result.names(), result.types()));
  TextBatch batch;
  for (; chunk; chunk = result.fetch()) {
    if (chunk->size() == 0) continue;
    FormatChunk(*chunk, batch);
    renderer.Rows(batch);
    if (out != nullptr && out->fail()) break;  // e.g. a full disk: no use computing the rest
  }
  renderer.End();
  return !result.has_error();
}

}  // namespace cairn::shell

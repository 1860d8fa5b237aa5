// ResultRenderer: prints one statement's result in an output format, streaming — rows arrive in
// batches as QueryResult::fetch() produces them, so output starts before the query ends. The
// table format is the exception: it buffers up to TableRenderer::kMaxBufferedRows rows to
// compute column widths (see table_renderer.h).
//
// Protocol: Begin(columns), then Rows(batch) zero or more times, then End(); or Command(tag)
// alone for a statement that returns no columns (CREATE ..., SET ...).
//
// Thread-safety: a renderer is used by one thread.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "output_format.h"
#include "text_batch.h"

namespace cairn {
class QueryResult;
}

namespace cairn::shell {

class ResultRenderer {
 public:
  virtual ~ResultRenderer() = default;
  virtual void Begin(const std::vector<ColumnInfo>& columns) = 0;
  virtual void Rows(const TextBatch& batch) = 0;
  /// Called after the last batch (also when the stream stopped on an error).
  virtual void End() = 0;
  /// A statement without result columns finished with PostgreSQL's command tag.
  virtual void Command(const std::string& tag) = 0;
};

/// A renderer for `format` writing to `out`.
std::unique_ptr<ResultRenderer> MakeResultRenderer(OutputFormat format, std::ostream& out);

/// Streams every chunk of `result` through `renderer`. Returns false if the result is (or
/// becomes, mid-stream) an error result; the caller reports result.error(). When `out` (the
/// renderer's stream, may be null) fails, stops pulling rows (the caller drops the result,
/// which cancels the query) and returns true: the failure is the caller's to report.
bool RenderQueryResult(QueryResult& result, ResultRenderer& renderer, const std::ostream* out = nullptr);

}  // namespace cairn::shell

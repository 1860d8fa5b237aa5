#include "shell.h"

#include <chrono>
#include <cstdio>
#include <fstream>

#include "cairn/query_result.h"
#include "error_report.h"
#include "result_renderer.h"
#include "statement_splitter.h"

namespace cairn::shell {

Shell::Shell(Database& database, OutputFormat format, std::ostream& out, std::ostream& err)
    : database_(database), connection_(database), format_(format), out_(out), err_(err) {}

void Shell::PrintError(std::string_view message) {
  out_.flush();
  err_ << message;
  if (message.empty() || message.back() != '\n') err_ << '\n';
  err_.flush();
}

bool Shell::RunStatement(std::string_view statement) {
  auto start = std::chrono::steady_clock::now();
  bool ok = true;
  try {
    std::unique_ptr<QueryResult> result = connection_.query(statement);
    if (result == nullptr) {
      PrintError("Error: the engine returned no result (SQLSTATE XX000)");
      return false;
    }
    std::unique_ptr<ResultRenderer> renderer = MakeResultRenderer(format_, out_);
    if (!RenderQueryResult(*result, *renderer)) {
      ok = false;
      PrintError(FormatErrorReport(result->error(), statement));
    }
  } catch (const Exception& error) {
    ok = false;
    PrintError(FormatErrorReport(error, statement));
  } catch (const std::exception& error) {
    ok = false;
    PrintError(std::string("Error: ") + error.what() + " (SQLSTATE XX000)");
  }
  if (timer_) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    char text[64];
    std::snprintf(text, sizeof(text), "Run Time: %.3f s\n", seconds);
    out_ << text;
  }
  out_.flush();
  return ok;
}

bool Shell::RunText(std::string_view text) {
  std::string_view trimmed = TrimWhitespace(text);
  if (trimmed.starts_with('.')) return RunDotCommand(trimmed);
  SplitResult split = SplitSqlStatements(text);
  bool ok = true;
  for (const SqlStatement& statement : split.statements) {
    if (quit_requested_) return ok;
    ok &= RunStatement(statement.text);
  }
  if (!split.remainder_blank && !quit_requested_) ok &= RunStatement(TrimWhitespace(split.remainder));
  return ok;
}

bool Shell::RunFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    PrintError("Error: cannot open file '" + path + "' (SQLSTATE 58P01)");
    return false;
  }
  if (read_depth_ >= kMaxReadDepth) {
    PrintError("Error: .read nested too deeply reading '" + path + "' (SQLSTATE 54001)");
    return false;
  }
  ++read_depth_;
  StreamLineReader reader(in);
  bool ok = RunInput(reader);
  --read_depth_;
  return ok;
}

bool Shell::RunInput(LineReader& reader) {
  bool ok = true;
  std::string buffer;
  while (!quit_requested_) {
    bool at_statement_start = IsBlankSql(buffer);
    std::optional<std::string> line = reader.ReadLine(at_statement_start ? kPrompt : kContinuationPrompt);
    if (!line) break;
    std::string_view trimmed = TrimWhitespace(*line);
    if (at_statement_start && trimmed.starts_with('.')) {
      buffer.clear();
      ok &= RunDotCommand(trimmed);
      continue;
    }
    buffer.append(*line);
    buffer.push_back('\n');
    SplitResult split = SplitSqlStatements(buffer);
    for (const SqlStatement& statement : split.statements) {
      ok &= RunStatement(statement.text);
      if (quit_requested_) break;
    }
    buffer = split.remainder_blank ? std::string() : std::string(split.remainder);
  }
  if (!reader.interactive() && !quit_requested_ && !IsBlankSql(buffer)) {
    ok &= RunStatement(TrimWhitespace(buffer));
  }
  return ok;
}

}  // namespace cairn::shell

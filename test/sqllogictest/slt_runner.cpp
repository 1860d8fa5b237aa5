#include "slt_runner.h"

#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <map>
#include <fstream>
#include <sstream>

#include "cairn/connection.h"
#include "cairn/database.h"
#include "cairn/exception.h"
#include "slt_parser.h"

namespace cairn::slt {
namespace {

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

// A fresh directory under $TMPDIR (or /tmp), removed on destruction.
class TempDirectory {
 public:
  TempDirectory() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/cairn_slt_XXXXXX";
    if (char* made = mkdtemp(pattern.data())) path_ = made;
  }
  ~TempDirectory() {
    if (path_.empty()) return;
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Indent(const std::string& text) {
  std::string result;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) result += "    " + line + "\n";
  return result;
}

}  // namespace

SltRunner::SltRunner(std::string data_dir, std::ostream& report) : data_dir_(std::move(data_dir)), report_(report) {
  std::error_code ignored;
  std::filesystem::path absolute = std::filesystem::absolute(data_dir_, ignored);
  if (!absolute.empty()) data_dir_ = absolute.lexically_normal().string();
  while (data_dir_.size() > 1 && data_dir_.back() == '/') data_dir_.pop_back();
}

TextRows SltRunner::ResultRows(const QueryResult& result) {
  TextRows rows(result.RowCount());
  for (idx_t row = 0; row < result.RowCount(); ++row) {
    rows[row].reserve(result.ColumnCount());
    for (idx_t column = 0; column < result.ColumnCount(); ++column) {
      Value value = result.GetValue(column, row);
      if (value.IsNull()) {
        rows[row].push_back("NULL");
        continue;
      }
      std::string text = value.ToString();
      rows[row].push_back(text.empty() ? "(empty)" : std::move(text));
    }
  }
  return rows;
}

RunCounts SltRunner::RunFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report_ << path << ": cannot read the file\n";
    return RunCounts{0, 1, 0};
  }
  std::stringstream text;
  text << in.rdbuf();
  return RunScript(path, ParseSltScript(text.str()));
}

RunCounts SltRunner::RunScript(const std::string& path, const SltScript& script) {
  RunCounts counts;
  if (script.skip_reason) {
    report_ << path << ": skipped (" << *script.skip_reason << ")\n";
    counts.skipped = static_cast<int>(script.records.size());
    return counts;
  }
  TempDirectory test_dir;
  if (test_dir.path().empty()) {
    report_ << path << ": cannot create a temporary directory\n";
    return RunCounts{0, 1, 0};
  }
  std::string data_dir = data_dir_;
  if (!std::filesystem::is_directory(data_dir)) data_dir = test_dir.path();

  std::unique_ptr<Database> database;
  std::map<std::string, std::unique_ptr<Connection>> connections;  // "default" and named ones
  std::string current = "default";
  DatabaseOptions options;
  // (Re)opens the database on `data_dir` with `options`; every connection starts anew.
  auto open = [&]() -> std::string {
    connections.clear();
    database.reset();
    try {
      database = std::make_unique<Database>(data_dir, options);
      connections["default"] = std::make_unique<Connection>(*database);
    } catch (const std::exception& error) {
      return std::string("cannot open a database on '") + data_dir + "': " + error.what();
    }
    current = "default";
    return "";
  };
  if (std::string problem = open(); !problem.empty()) {
    report_ << path << ": " << problem << "\n";
    return RunCounts{0, 1, 0};
  }

  auto substitute = [&](std::string text) {
    text = ReplaceAll(std::move(text), "__TEST_DIR__", test_dir.path());
    return ReplaceAll(std::move(text), "__DATA_DIR__", data_dir_);
  };
  auto fail = [&](const SltRecord& record, const std::string& sql, const std::string& reason,
                  const std::string& details = "") {
    ++counts.failed;
    report_ << path << ":" << record.line << ": " << reason << "\n";
    if (!sql.empty()) report_ << "  SQL:\n" << Indent(sql);
    report_ << details;
  };

  for (const SltRecord& record : script.records) {
    if (record.kind == SltRecord::Kind::kHalt) break;
    if (record.kind == SltRecord::Kind::kInvalid) {
      fail(record, "", "invalid record: " + record.message);
      continue;
    }
    if (record.skip) {
      ++counts.skipped;
      continue;
    }
    if (record.kind == SltRecord::Kind::kLoad || record.kind == SltRecord::Kind::kRestart) {
      if (record.kind == SltRecord::Kind::kLoad) {
        data_dir = substitute(record.sql);
        std::error_code ignored;
        std::filesystem::create_directories(data_dir, ignored);
        options = DatabaseOptions{};
        options.writable = record.label == "writable";
        options.flush_interval = std::chrono::milliseconds(0);
      }
      if (std::string problem = open(); !problem.empty()) {
        fail(record, "", problem);
        break;
      }
      ++counts.passed;
      continue;
    }
    if (record.kind == SltRecord::Kind::kConnection) {
      current = record.sql;
      if (!connections.count(current)) connections[current] = std::make_unique<Connection>(*database);
      continue;
    }
    Connection* connection = connections[current].get();
    std::string sql = substitute(record.sql);
    std::unique_ptr<QueryResult> result;
    try {
      result = connection->query(sql);
      if (result && !result->has_error()) result->Materialize();
    } catch (const std::exception& error) {
      fail(record, sql, std::string("the engine threw instead of returning an error result: ") + error.what());
      continue;
    }
    if (!result) {
      fail(record, sql, "the engine returned no result");
      continue;
    }
    std::string error_text;
    if (result->has_error()) {
      error_text = result->error_message() + " (SQLSTATE " + result->error().sqlstate() + ")";
    }

    switch (record.kind) {
      case SltRecord::Kind::kStatementOk:
        if (result->has_error()) {
          fail(record, sql, "statement failed: " + error_text);
        } else {
          ++counts.passed;
        }
        break;
      case SltRecord::Kind::kStatementError: {
        std::string expected = substitute(record.message);
        if (!result->has_error()) {
          fail(record, sql, "statement succeeded but an error was expected" +
                                (expected.empty() ? std::string() : " matching '" + expected + "'"));
        } else if (!ErrorMatches(expected, result->error().sqlstate(), result->error_message())) {
          fail(record, sql, "wrong error", "  expected an error matching:\n" + Indent(expected) +
                                               "  actual error:\n" + Indent(error_text));
        } else {
          ++counts.passed;
        }
        break;
      }
      case SltRecord::Kind::kQuery: {
        if (result->has_error()) {
          fail(record, sql, "query failed: " + error_text);
          break;
        }
        SltRecord expanded = record;
        for (std::string& line : expanded.expected) line = substitute(std::move(line));
        TextRows actual = ResultRows(*result);
        std::optional<std::string> mismatch = CompareQueryResult(expanded, result->ColumnCount(), actual);
        if (mismatch) {
          std::string expected_text;
          for (const std::string& line : expanded.expected) expected_text += line + "\n";
          fail(record, sql, "wrong result: " + *mismatch,
               "  expected:\n" + Indent(expected_text) + "  actual:\n" + Indent(FormatRows(actual)));
        } else {
          ++counts.passed;
        }
        break;
      }
      case SltRecord::Kind::kHalt:
      case SltRecord::Kind::kInvalid:
        break;
    }
  }
  return counts;
}

}  // namespace cairn::slt

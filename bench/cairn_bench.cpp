// cairn_bench: times queries in-process through Cairn's public API (include/cairn/cairn.h) and
// prints the timings as JSON — the Cairn half of bench/run.mjs, which times DuckDB the same way.
//
//   cairn_bench --data-dir DIR --query-file FILE [--repetitions N] [--threads T]
//
// The query file holds queries each introduced by a "-- name: <id>" line and ended by ";"
// (bench/flights_queries.sql). Every query runs once to warm up (file cache, metadata), then N
// times (default 5); one timing covers Connection::query plus fetching every result chunk. A
// failing query is reported with its error and does not stop the others.
//
// Output (stdout):
//   {"threads": T, "repetitions": N, "queries": [{"name": .., "median_ms": .., "times_ms": [..],
//    "rows": .., "error": null | "message"}]}
// Exit status: 0 when every query ran, 1 when some failed, 2 on bad arguments or a data directory
// that does not open.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "cairn/cairn.h"

namespace {

struct BenchQuery {
  std::string name;
  std::string sql;
};

struct Arguments {
  std::string data_dir;
  std::string query_file;
  int repetitions = 5;
  unsigned threads = 0;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::cerr << "cairn_bench: " << problem << "\n"
            << "usage: cairn_bench --data-dir DIR --query-file FILE [--repetitions N] [--threads T]\n";
  std::exit(2);
}

Arguments ParseArguments(int argc, char** argv) {
  Arguments arguments;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Usage("missing value after " + flag);
    const std::string value = argv[++i];
    if (flag == "--data-dir") {
      arguments.data_dir = value;
    } else if (flag == "--query-file") {
      arguments.query_file = value;
    } else if (flag == "--repetitions") {
      arguments.repetitions = std::atoi(value.c_str());
      if (arguments.repetitions < 1) Usage("--repetitions must be at least 1");
    } else if (flag == "--threads") {
      arguments.threads = static_cast<unsigned>(std::atoi(value.c_str()));
    } else {
      Usage("unknown flag " + flag);
    }
  }
  if (arguments.data_dir.empty() || arguments.query_file.empty())
    Usage("--data-dir and --query-file are required");
  return arguments;
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n;");
  return text.substr(begin, end - begin + 1);
}

// Splits the query file at "-- name:" lines; other comment lines are dropped.
std::vector<BenchQuery> ReadQueries(const std::string& path) {
  std::ifstream in(path);
  if (!in) Usage("cannot read query file " + path);
  std::vector<BenchQuery> queries;
  std::string line;
  std::string sql;
  std::string name;
  auto finish = [&] {
    if (!name.empty() && !Trim(sql).empty()) queries.push_back({name, Trim(sql)});
    sql.clear();
  };
  const std::string marker = "-- name:";
  while (std::getline(in, line)) {
    if (line.rfind(marker, 0) == 0) {
      finish();
      name = Trim(line.substr(marker.size()));
    } else if (line.rfind("--", 0) != 0) {
      sql += line;
      sql += '\n';
    }
  }
  finish();
  if (queries.empty()) Usage("no \"-- name:\" queries in " + path);
  return queries;
}

// Runs `sql` to completion; returns rows fetched, or sets `error`.
cairn::idx_t RunOnce(cairn::Connection& connection, const std::string& sql, std::string& error) {
  auto result = connection.query(sql);
  cairn::idx_t rows = 0;
  if (!result->has_error()) {
    while (auto chunk = result->fetch()) rows += chunk->size();
  }
  if (result->has_error()) error = result->error_message();
  return rows;
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = ParseArguments(argc, argv);
  const std::vector<BenchQuery> queries = ReadQueries(arguments.query_file);

  cairn::DatabaseOptions options;
  options.threads = arguments.threads;
  std::unique_ptr<cairn::Database> database;
  try {
    database = std::make_unique<cairn::Database>(arguments.data_dir, options);
  } catch (const std::exception& e) {
    std::cerr << "cairn_bench: cannot open " << arguments.data_dir << ": " << e.what() << "\n";
    return 2;
  }
  cairn::Connection connection(*database);

  nlohmann::json report;
  report["threads"] = arguments.threads == 0 ? std::thread::hardware_concurrency() : arguments.threads;
  report["repetitions"] = arguments.repetitions;
  report["queries"] = nlohmann::json::array();
  bool all_ran = true;
  for (const BenchQuery& query : queries) {
    nlohmann::json entry;
    entry["name"] = query.name;
    std::string error;
    cairn::idx_t rows = RunOnce(connection, query.sql, error);  // warm-up
    std::vector<double> times_ms;
    for (int repetition = 0; error.empty() && repetition < arguments.repetitions; ++repetition) {
      const auto start = std::chrono::steady_clock::now();
      rows = RunOnce(connection, query.sql, error);
      const auto stop = std::chrono::steady_clock::now();
      times_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
    }
    entry["rows"] = rows;
    entry["times_ms"] = times_ms;
    if (error.empty()) {
      std::vector<double> sorted = times_ms;
      std::sort(sorted.begin(), sorted.end());
      const size_t n = sorted.size();
      entry["median_ms"] = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      entry["error"] = nullptr;
    } else {
      entry["median_ms"] = nullptr;
      entry["error"] = error;
      all_ran = false;
    }
    std::cerr << "cairn_bench: " << query.name << (error.empty() ? " done" : " failed: " + error) << "\n";
    report["queries"].push_back(std::move(entry));
  }
  std::cout << report.dump(2) << std::endl;
  return all_ran ? 0 : 1;
}

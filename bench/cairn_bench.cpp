// cairn_bench: times queries in-process through Cairn's public API (include/cairn/cairn.h) and
// prints the timings as JSON — the Cairn half of bench/run.mjs, which times DuckDB the same way.
//
//   cairn_bench --data-dir DIR --query-file FILE [--repetitions N] [--threads T] [--memory-limit SIZE]
//   cairn_bench --data-dir DIR --latency-file FILE [--repetitions N] [--threads T]
//
// --memory-limit runs SET memory_limit = 'SIZE' (e.g. 2GB) on the connection first.
// The query file holds queries each introduced by a "-- name: <id>" line and ended by ";"
// (bench/flights_queries.sql). Every query runs once to warm up (file cache, metadata), then N
// times (default 5); one timing covers Connection::query plus fetching every result chunk. A
// failing query is reported with its error and does not stop the others.
//
// With --latency-file (bench/latency_queries.sql, queries named `long` and `short`) it measures
// fairness instead: the short query's latency on its own (idle), then while the long query runs
// over and over on a second connection (loaded). The first long run is awaited for 300 ms so its
// tasks fill every worker; each sample runs the short query to completion, 20 ms apart, N * 4
// samples (at least 10). The long query is interrupted when sampling ends.
//
// Output (stdout):
//   {"threads": T, "repetitions": N, "queries": [{"name": .., "median_ms": .., "times_ms": [..],
//    "rows": .., "error": null | "message"}], "peak_rss_kb": the process's peak resident set}
//   --latency-file: {"threads": T, "latency": {"idle_median_ms": .., "loaded_median_ms": ..,
//    "loaded_max_ms": .., "loaded_times_ms": [..], "long_runs_started": .., "error": null | ".."}}
// Exit status: 0 when every query ran, 1 when some failed, 2 on bad arguments or a data directory
// that does not open.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sys/resource.h>
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
  std::string latency_file;
  int repetitions = 5;
  unsigned threads = 0;
  std::string memory_limit;  // empty: the database's
};

[[noreturn]] void Usage(const std::string& problem) {
  std::cerr << "cairn_bench: " << problem << "\n"
            << "usage: cairn_bench --data-dir DIR (--query-file FILE | --latency-file FILE)"
               " [--repetitions N] [--threads T] [--memory-limit SIZE]\n";
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
    } else if (flag == "--latency-file") {
      arguments.latency_file = value;
    } else if (flag == "--repetitions") {
      arguments.repetitions = std::atoi(value.c_str());
      if (arguments.repetitions < 1) Usage("--repetitions must be at least 1");
    } else if (flag == "--threads") {
      arguments.threads = static_cast<unsigned>(std::atoi(value.c_str()));
    } else if (flag == "--memory-limit") {
      arguments.memory_limit = value;
    } else {
      Usage("unknown flag " + flag);
    }
  }
  if (arguments.data_dir.empty() || arguments.query_file.empty() == arguments.latency_file.empty())
    Usage("--data-dir and one of --query-file, --latency-file are required");
  return arguments;
}

std::string Trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = text.find_last_not_of(" \t\r\n;");
  return text.substr(begin, end - begin + 1);
}

// The process's peak resident set in KiB: VmHWM of /proc/self/status, which belongs to this
// program image (getrusage's ru_maxrss survives exec, so under a large parent such as node it
// reports the parent's size); ru_maxrss where /proc is missing.
long PeakResidentKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
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

double Median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  if (n == 0) return 0;
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

double MillisecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// The --latency-file measurement (see the file comment).
nlohmann::json MeasureLatencyUnderLoad(cairn::Database& database, const std::vector<BenchQuery>& queries,
                                       int repetitions) {
  std::string long_sql;
  std::string short_sql;
  for (const BenchQuery& query : queries) {
    if (query.name == "long") long_sql = query.sql;
    if (query.name == "short") short_sql = query.sql;
  }
  if (long_sql.empty() || short_sql.empty()) Usage("the latency file needs queries named long and short");
  const int samples = std::max(10, repetitions * 4);
  nlohmann::json latency;
  std::string error;
  cairn::Connection probe(database);
  std::vector<double> idle;
  RunOnce(probe, short_sql, error);  // warm-up
  for (int i = 0; i < samples && error.empty(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    RunOnce(probe, short_sql, error);
    idle.push_back(MillisecondsSince(start));
  }

  cairn::Connection load(database);
  std::atomic<bool> stop{false};
  std::atomic<int> long_runs{0};
  std::string load_error;
  std::thread loader([&] {
    while (!stop.load()) {
      long_runs++;
      std::string run_error;
      RunOnce(load, long_sql, run_error);
      if (!run_error.empty() && !stop.load()) {
        load_error = run_error;
        return;
      }
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::vector<double> loaded;
  for (int i = 0; i < samples && error.empty(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    RunOnce(probe, short_sql, error);
    loaded.push_back(MillisecondsSince(start));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  stop = true;
  load.interrupt();
  loader.join();
  if (error.empty()) error = load_error;

  latency["idle_median_ms"] = Median(idle);
  latency["loaded_median_ms"] = Median(loaded);
  latency["loaded_max_ms"] = loaded.empty() ? 0.0 : *std::max_element(loaded.begin(), loaded.end());
  latency["loaded_times_ms"] = loaded;
  latency["long_runs_started"] = long_runs.load();
  latency["error"] = error.empty() ? nlohmann::json(nullptr) : nlohmann::json(error);
  return latency;
}

}  // namespace

int main(int argc, char** argv) {
  const Arguments arguments = ParseArguments(argc, argv);
  const bool latency_mode = !arguments.latency_file.empty();
  const std::vector<BenchQuery> queries =
      ReadQueries(latency_mode ? arguments.latency_file : arguments.query_file);

  cairn::DatabaseOptions options;
  options.threads = arguments.threads;
  std::unique_ptr<cairn::Database> database;
  try {
    database = std::make_unique<cairn::Database>(arguments.data_dir, options);
  } catch (const std::exception& e) {
    std::cerr << "cairn_bench: cannot open " << arguments.data_dir << ": " << e.what() << "\n";
    return 2;
  }
  nlohmann::json report;
  report["threads"] = arguments.threads == 0 ? std::thread::hardware_concurrency() : arguments.threads;
  if (latency_mode) {
    report["latency"] = MeasureLatencyUnderLoad(*database, queries, arguments.repetitions);
    std::cout << report.dump(2) << std::endl;
    return report["latency"]["error"].is_null() ? 0 : 1;
  }
  cairn::Connection connection(*database);
  if (!arguments.memory_limit.empty()) {
    auto set = connection.query("SET memory_limit = '" + arguments.memory_limit + "'");
    if (set->has_error()) Usage(std::string("--memory-limit: ") + set->error().what());
    report["memory_limit"] = arguments.memory_limit;
  }

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
  report["peak_rss_kb"] = PeakResidentKilobytes();
  std::cout << report.dump(2) << std::endl;
  return all_ran ? 0 : 1;
}

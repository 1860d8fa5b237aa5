#include "generate_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <iostream>

#include "cairn/exception.h"

namespace cairn::shell {

std::string GenerateUsage() {
  return "Usage: cairn generate tpch --sf N --out DIR [--threads K] [--tables T1,T2,...]\n"
         "\n"
         "Writes the eight TPC-H tables with exactly the rows of the reference generator dbgen\n"
         "for scale factor N as Parquet files in DIR, and a table_mappings.json registering them.\n"
         "\n"
         "  --sf N           scale factor, 0.01 to 10000 (SF 1: 6,001,215 lineitem rows)\n"
         "  --out DIR        output directory (created if missing)\n"
         "  --threads K      worker threads (default: one per core)\n"
         "  --tables LIST    only these tables (comma-separated names)\n"
         "  --help           show this help\n";
}

ParsedGenerateArguments ParseGenerateArguments(int argc, const char* const* argv) {
  ParsedGenerateArguments parsed;
  CLI::App app("cairn generate", "cairn generate");
  app.set_help_flag();
  app.add_flag("-h,--help", parsed.help);
  std::string benchmark;
  app.add_option("BENCHMARK", benchmark);
  std::optional<std::string> scale;
  app.add_option("--sf", scale);
  app.add_option("--out", parsed.options.output_directory);
  std::optional<std::string> threads;
  app.add_option("--threads", threads);
  std::string tables;
  app.add_option("--tables", tables);
  app.allow_extras();
  try {
    app.parse(argc, const_cast<char**>(argv));
  } catch (const CLI::ParseError& error) {
    parsed.error = error.what();
    return parsed;
  }
  if (!app.remaining().empty()) {
    const std::string extra = app.remaining().front();
    parsed.error = extra.size() > 1 && extra[0] == '-' ? "unknown option '" + extra + "'"
                                                       : "unexpected argument '" + extra + "'";
    return parsed;
  }
  if (parsed.help) return parsed;
  if (benchmark != "tpch") {
    parsed.error = benchmark.empty() ? "missing benchmark name (only 'tpch' is available)"
                                     : "unknown benchmark '" + benchmark + "' (only 'tpch' is available)";
    return parsed;
  }
  if (!scale) {
    parsed.error = "missing --sf";
    return parsed;
  }
  try {
    size_t used = 0;
    parsed.options.scale_factor = std::stod(*scale, &used);
    if (used != scale->size() || !std::isfinite(parsed.options.scale_factor))
      throw std::invalid_argument(*scale);
  } catch (const std::exception&) {
    parsed.error = "invalid scale factor '" + *scale + "'";
    return parsed;
  }
  if (parsed.options.output_directory.empty()) {
    parsed.error = "missing --out";
    return parsed;
  }
  if (threads) {
    try {
      size_t used = 0;
      const long value = std::stol(*threads, &used);
      if (used != threads->size() || value < 1 || value > 1024) throw std::out_of_range(*threads);
      parsed.options.threads = static_cast<unsigned>(value);
    } catch (const std::exception&) {
      parsed.error = "invalid thread count '" + *threads + "' (expected 1 to 1024)";
      return parsed;
    }
  }
  size_t start = 0;
  while (!tables.empty() && start <= tables.size()) {
    const size_t comma = std::min(tables.find(',', start), tables.size());
    const std::string name = tables.substr(start, comma - start);
    if (name.empty()) {
      parsed.error = "empty table name in --tables '" + tables + "'";
      return parsed;
    }
    parsed.options.tables.push_back(name);
    start = comma + 1;
  }
  return parsed;
}

int RunGenerateCommand(int argc, const char* const* argv) {
  const ParsedGenerateArguments parsed = ParseGenerateArguments(argc, argv);
  if (parsed.error) {
    std::cerr << "cairn generate: " << *parsed.error
              << "\nTry 'cairn generate --help' for more information.\n";
    return 1;
  }
  if (parsed.help) {
    std::cout << GenerateUsage() << std::flush;
    return 0;
  }
  const auto started = std::chrono::steady_clock::now();
  try {
    const std::vector<TpchTableResult> results = GenerateTpch(parsed.options);
    for (const auto& table : results) {
      std::cout << fmt::format("{:<9} {:>12} rows  {} file{}\n", table.name, table.rows, table.files.size(),
                               table.files.size() == 1 ? "" : "s");
    }
  } catch (const Exception& error) {
    std::cerr << "Error: " << error.what() << " (SQLSTATE " << error.sqlstate() << ")\n";
    if (!error.hint().empty()) std::cerr << "HINT: " << error.hint() << '\n';
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "Error: " << error.what() << '\n';
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << fmt::format("TPC-H SF {} written to {} in {:.1f} s\n", parsed.options.scale_factor,
                           parsed.options.output_directory, seconds)
            << std::flush;
  return 0;
}

}  // namespace cairn::shell

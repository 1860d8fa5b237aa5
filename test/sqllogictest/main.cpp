// cairn_sqllogictest: runs sqllogictest files (README.md here) against Cairn.
//
//   cairn_sqllogictest [--data-dir DIR] FILE_OR_DIR...
//
// Directories are searched recursively for *.slt files (run in sorted order). Failing records
// are reported as they happen; the last line is exactly "N passed, M failed" (records).
// Exit status: 0 if nothing failed, 1 otherwise (or on a bad command line / missing path).
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "slt_runner.h"

namespace {

constexpr const char* kUsage =
    "Usage: cairn_sqllogictest [--data-dir DIR] FILE_OR_DIR...\n"
    "Runs sqllogictest (*.slt) files; directories are searched recursively.\n"
    "  --data-dir DIR  the directory each file's database opens and __DATA_DIR__ names\n"
    "                  (default: $CAIRN_TEST_DATA, else test/data)\n";

}  // namespace

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  const char* env_data_dir = std::getenv("CAIRN_TEST_DATA");
  std::string data_dir = env_data_dir && *env_data_dir ? env_data_dir : "test/data";
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--data-dir" && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (arg.starts_with("--data-dir=")) {
      data_dir = arg.substr(std::string("--data-dir=").size());
    } else if (arg.starts_with("-")) {
      std::cerr << "cairn_sqllogictest: unknown option '" << arg << "'\n" << kUsage;
      return 1;
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) {
    std::cerr << kUsage;
    return 1;
  }

  std::vector<std::string> files;
  bool missing = false;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (fs::is_directory(input, error)) {
      std::vector<std::string> found;
      for (fs::recursive_directory_iterator it(input, error), end; !error && it != end; it.increment(error)) {
        if (it->is_regular_file(error) && it->path().extension() == ".slt") found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(input, error)) {
      files.push_back(input);
    } else {
      std::cerr << input << ": no such file or directory\n";
      missing = true;
    }
  }

  cairn::slt::SltRunner runner(data_dir, std::cout);
  cairn::slt::RunCounts total;
  for (const std::string& file : files) {
    cairn::slt::RunCounts counts = runner.RunFile(file);
    std::cout << std::flush;
    total += counts;
  }
  if (total.skipped > 0) std::cout << total.skipped << (total.skipped == 1 ? " record" : " records") << " skipped\n";
  std::cout << files.size() << (files.size() == 1 ? " file" : " files") << " run\n";
  std::cout << total.passed << " passed, " << total.failed << " failed\n";
  return (total.failed > 0 || missing) ? 1 : 0;
}

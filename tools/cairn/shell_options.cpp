#include "shell_options.h"

#include <CLI/CLI.hpp>
#include <charconv>
#include <optional>
#include <string_view>

namespace cairn::shell {

std::string ShellUsage() {
  return "Usage: cairn [DATA_DIR] [options]\n"
         "\n"
         "Opens DATA_DIR (default: the current directory) and runs SQL against its tables.\n"
         "Without -c or -f, reads statements from the terminal (or from stdin when it is not one).\n"
         "\n"
         "Options:\n"
         "  -c SQL           run SQL (may repeat; statements or a dot command)\n"
         "  -f FILE          run the SQL script FILE (may repeat)\n"
         "  --format FORMAT  output format: table (default), csv, json, markdown\n"
         "  --threads N      worker threads (default: one per core)\n"
         "  --writable       open DATA_DIR for writing: CREATE TABLE, INSERT, UPDATE, DELETE\n"
         "  --help           show this help\n"
         "  --version        show the version\n"
         "\n"
         "Exit status is 1 if any statement from -c, -f or piped stdin fails.\n"
         "Type .help in the shell for its dot commands.\n";
}

ParsedArguments ParseShellArguments(int argc, const char* const* argv) {
  ParsedArguments parsed;
  ShellOptions& options = parsed.options;
  CLI::App app("cairn", "cairn");
  app.set_help_flag();  // --help prints ShellUsage(), not CLI11's generated text
  app.add_flag("-h,--help", options.help);
  app.add_flag("--version", options.version);
  // -c and -f interleave: each occurrence is appended as it is parsed, keeping their order.
  app.add_option_function<std::string>(
         "-c,--command", [&options](const std::string& sql) { options.actions.push_back({ShellAction::Kind::kCommand, sql}); })
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  app.add_option_function<std::string>(
         "-f,--file", [&options](const std::string& path) { options.actions.push_back({ShellAction::Kind::kFile, path}); })
      ->trigger_on_parse()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  std::optional<std::string> format;
  app.add_option("--format", format);
  std::optional<std::string> threads;
  app.add_option("--threads", threads);
  app.add_flag("--writable", options.writable);
  app.add_option("DATA_DIR", options.data_dir);
  app.allow_extras();  // reported below with the shell's own messages

  try {
    // CLI11 wants argv[0] too; it does not modify the strings.
    app.parse(argc, const_cast<char**>(argv));
  } catch (const CLI::ParseError& error) {
    parsed.error = error.what();
    return parsed;
  }
  bool options_done = false;
  for (const std::string& extra : app.remaining()) {
    if (extra == "--" && !options_done) {
      options_done = true;  // the end-of-options marker itself
      continue;
    }
    if (!options_done && extra.size() > 1 && extra[0] == '-') {
      parsed.error = "unknown option '" + extra + "'";
    } else {
      parsed.error = "unexpected argument '" + extra + "' (the data directory is already '" + options.data_dir + "')";
    }
    return parsed;
  }
  if (format) {
    if (auto parsed_format = ParseOutputFormat(*format)) {
      options.format = *parsed_format;
    } else {
      parsed.error = "unknown format '" + *format + "' (expected table, csv, json or markdown)";
      return parsed;
    }
  }
  if (threads) {
    unsigned count = 0;
    auto [end, ec] = std::from_chars(threads->data(), threads->data() + threads->size(), count);
    if (threads->empty() || ec != std::errc() || end != threads->data() + threads->size() || count > 4096) {
      parsed.error = "invalid thread count '" + *threads + "' (expected an integer from 0 to 4096)";
      return parsed;
    }
    options.threads = count;
  }
  return parsed;
}

}  // namespace cairn::shell

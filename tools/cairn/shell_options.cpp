#include "shell_options.h"

#include <charconv>
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
         "  --help           show this help\n"
         "  --version        show the version\n"
         "\n"
         "Exit status is 1 if any statement from -c, -f or piped stdin fails.\n"
         "Type .help in the shell for its dot commands.\n";
}

ParsedArguments ParseShellArguments(int argc, const char* const* argv) {
  ParsedArguments parsed;
  ShellOptions& options = parsed.options;
  bool have_data_dir = false;
  bool options_done = false;
  auto fail = [&](std::string message) {
    if (!parsed.error) parsed.error = std::move(message);
  };

  for (int i = 1; i < argc && !parsed.error; ++i) {
    std::string_view arg = argv[i];
    if (!options_done && arg.size() > 1 && arg[0] == '-') {
      if (arg == "--") {
        options_done = true;
        continue;
      }
      std::string_view name = arg;
      std::optional<std::string_view> inline_value;
      if (arg.starts_with("--")) {
        size_t equals = arg.find('=');
        if (equals != std::string_view::npos) {
          name = arg.substr(0, equals);
          inline_value = arg.substr(equals + 1);
        }
      }
      auto value = [&]() -> std::optional<std::string> {
        if (inline_value) return std::string(*inline_value);
        if (i + 1 >= argc) {
          fail("option " + std::string(name) + " needs a value");
          return std::nullopt;
        }
        return std::string(argv[++i]);
      };
      if (name == "--help" || name == "-h") {
        options.help = true;
      } else if (name == "--version") {
        options.version = true;
      } else if (name == "-c" || name == "--command") {
        if (auto v = value()) options.actions.push_back({ShellAction::Kind::kCommand, *v});
      } else if (name == "-f" || name == "--file") {
        if (auto v = value()) options.actions.push_back({ShellAction::Kind::kFile, *v});
      } else if (name == "--format") {
        if (auto v = value()) {
          if (auto format = ParseOutputFormat(*v)) {
            options.format = *format;
          } else {
            fail("unknown format '" + *v + "' (expected table, csv, json or markdown)");
          }
        }
      } else if (name == "--threads") {
        if (auto v = value()) {
          unsigned threads = 0;
          auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), threads);
          if (v->empty() || ec != std::errc() || end != v->data() + v->size() || threads > 4096) {
            fail("invalid thread count '" + *v + "' (expected an integer from 0 to 4096)");
          } else {
            options.threads = threads;
          }
        }
      } else {
        fail("unknown option '" + std::string(arg) + "'");
      }
      continue;
    }
    if (have_data_dir) {
      fail("unexpected argument '" + std::string(arg) + "' (the data directory is already '" + options.data_dir + "')");
      continue;
    }
    options.data_dir = std::string(arg);
    have_data_dir = true;
  }
  return parsed;
}

}  // namespace cairn::shell

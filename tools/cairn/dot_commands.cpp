// The shell's dot commands (Shell::RunDotCommand): .help, .quit/.exit, .tables, .schema,
// .timer, .mode, .read. See PrintHelp for their syntax.
#include <vector>

#include "shell.h"
#include "cairn/statement_splitter.h"

namespace cairn::shell {
namespace {

// Splits `text` at runs of whitespace; '...' or "..." keep spaces inside an argument (the
// quotes are removed).
std::vector<std::string> SplitArguments(std::string_view text) {
  std::vector<std::string> arguments;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::string argument;
    if (text[i] == '\'' || text[i] == '"') {
      char quote = text[i++];
      while (i < text.size() && text[i] != quote) argument.push_back(text[i++]);
      if (i < text.size()) ++i;
    } else {
      while (i < text.size() && text[i] != ' ' && text[i] != '\t') argument.push_back(text[i++]);
    }
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

// `name` as a SQL identifier: double-quoted with inner quotes doubled.
std::string QuoteIdentifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

}  // namespace

void Shell::PrintHelp() {
  out_ << ".exit                 Exit the shell (also .quit, or Ctrl-D)\n"
          ".help                 Show this message\n"
          ".mode [FORMAT]        Show or set the output format: table, csv, json, markdown\n"
          ".quit                 Exit the shell\n"
          ".read FILE            Run the SQL script FILE\n"
          ".schema [TABLE]       Describe TABLE's columns (every table when omitted)\n"
          ".tables               List the tables\n"
          ".timer on|off         Print each statement's run time\n";
  out_.flush();
}

bool Shell::RunDotCommand(std::string_view line) {
  line = TrimSqlWhitespace(line);
  std::vector<std::string> arguments = SplitArguments(line);
  if (arguments.empty()) return true;
  const std::string command = arguments[0];
  auto usage = [&](const char* text) {
    PrintError(std::string("Error: usage: ") + text);
    return false;
  };

  if (command == ".quit" || command == ".exit") {
    quit_requested_ = true;
    return true;
  }
  if (command == ".help") {
    PrintHelp();
    return true;
  }
  if (command == ".timer") {
    if (arguments.size() != 2 || (arguments[1] != "on" && arguments[1] != "off")) return usage(".timer on|off");
    timer_ = arguments[1] == "on";
    return true;
  }
  if (command == ".mode") {
    if (arguments.size() == 1) {
      out_ << OutputFormatName(format_) << '\n';
      out_.flush();
      return true;
    }
    std::optional<OutputFormat> format = arguments.size() == 2 ? ParseOutputFormat(arguments[1]) : std::nullopt;
    if (!format) return usage(".mode table|csv|json|markdown");
    format_ = *format;
    return true;
  }
  if (command == ".read") {
    if (arguments.size() != 2) return usage(".read FILE");
    return RunFile(arguments[1]);
  }
  if (command == ".tables") {
    if (arguments.size() != 1) return usage(".tables");
    return RunStatement("SHOW TABLES");
  }
  if (command == ".schema") {
    if (arguments.size() > 2) return usage(".schema [TABLE]");
    if (arguments.size() == 2) {
      // `ns.table` names a table of namespace ns.
      const std::string& name = arguments[1];
      size_t dot = name.find('.');
      if (dot != std::string::npos && dot > 0 && dot + 1 < name.size()) {
        return RunStatement("DESCRIBE " + QuoteIdentifier(name.substr(0, dot)) + "." + QuoteIdentifier(name.substr(dot + 1)));
      }
      return RunStatement("DESCRIBE " + QuoteIdentifier(name));
    }
    bool ok = true;
    for (const CatalogEntry& table : database_.catalog().tables(/*include_system=*/false)) {
      bool qualified = table.namespace_name != Catalog::kDefaultNamespace;
      out_ << (qualified ? table.namespace_name + "." : "") << table.name << ":\n";
      ok &= RunStatement("DESCRIBE " + QuoteIdentifier(table.namespace_name) + "." + QuoteIdentifier(table.name));
    }
    return ok;
  }
  PrintError("Error: unknown command '" + command + "'; enter .help for the list");
  return false;
}

}  // namespace cairn::shell

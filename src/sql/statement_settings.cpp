#include <algorithm>

#include "common/ascii.h"
#include "cairn/exception.h"
#include "common/memory_limit.h"
#include "sql/optimizer/optimizer.h"
#include "sql/postgres_settings.h"
#include "sql/utility_statements.h"

namespace cairn {

namespace {

constexpr const char* kUndefinedObject = "42704";

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\n");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t\n");
  return text.substr(begin, end - begin + 1);
}

std::string ConstantText(const PgQuery__Node* node) {
  if (node->node_case == PG_QUERY__NODE__NODE_A_CONST) {
    const PgQuery__AConst& constant = *node->a_const;
    switch (constant.val_case) {
      case PG_QUERY__A__CONST__VAL_SVAL: return constant.sval->sval;
      case PG_QUERY__A__CONST__VAL_IVAL: return std::to_string(constant.ival->ival);
      case PG_QUERY__A__CONST__VAL_FVAL: return constant.fval->fval;
      case PG_QUERY__A__CONST__VAL_BOOLVAL: return constant.boolval->boolval ? "true" : "false";
      default: break;
    }
  }
  if (node->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) return ConstantText(node->type_cast->arg);
  throw Exception(sqlstate::kInvalidParameterValue, "SET expects a constant value");
}

bool ParseBool(const std::string& name, const std::string& text) {
  std::string value = Lower(Trim(text));
  if (value == "true" || value == "on" || value == "1" || value == "yes" || value == "t") return true;
  if (value == "false" || value == "off" || value == "0" || value == "no" || value == "f") return false;
  throw Exception(sqlstate::kInvalidParameterValue, "parameter \"" + name + "\" requires a Boolean value");
}

idx_t ParsePositiveCount(const std::string& name, const std::string& text) {
  const std::string value = Trim(text);
  size_t used = 0;
  unsigned long long count = 0;
  try {
    count = std::stoull(value, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != value.size() || count == 0 || value[0] == '-') {
    throw Exception(sqlstate::kInvalidParameterValue, "parameter \"" + name + "\" requires a positive integer value");
  }
  return static_cast<idx_t>(count);
}

std::vector<std::string> ParseRuleList(const std::string& text) {
  std::vector<std::string> rules;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string rule = Lower(Trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (!rule.empty()) {
      const auto& known = Optimizer::RuleNames();
      if (std::find(known.begin(), known.end(), rule) == known.end()) {
        std::string list;
        for (const auto& name : known) list += (list.empty() ? "" : ", ") + name;
        throw Exception(sqlstate::kInvalidParameterValue,
                        "unknown optimizer rule \"" + rule + "\" (rules: " + list + ")");
      }
      rules.push_back(rule);
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return rules;
}

std::string SettingValue(const std::string& name, const ClientSettings& settings) {
  if (name == "search_path") return SearchPathText(settings.search_path);
  if (name == "enable_optimizer") return settings.enable_optimizer ? "true" : "false";
  if (name == "max_recursive_iterations") return std::to_string(settings.max_recursive_iterations);
  if (name == "temp_directory") return settings.temp_directory;
  if (name == "memory_limit") {
    uint64_t limit = settings.memory_limit ? settings.memory_limit : settings.database_memory_limit;
    return limit ? FormatMemorySize(limit) : "";
  }
  std::string list;
  for (const auto& rule : settings.disabled_optimizers) list += (list.empty() ? "" : ",") + rule;
  return list;
}

void CheckSettingName(const std::string& name) {
  if (name != "enable_optimizer" && name != "disabled_optimizers" && name != "memory_limit" &&
      name != "max_recursive_iterations" && name != "search_path" && name != "temp_directory") {
    throw Exception(kUndefinedObject, "unrecognized configuration parameter \"" + name + "\"");
  }
}

}  // namespace

PlannedStatement PlanSet(const PgQuery__VariableSetStmt& statement, ClientSettings& settings) {
  PlannedStatement prepared;
  prepared.command_tag = "SET";
  std::string name = Lower(statement.name ? statement.name : "");
  if (statement.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI) {
    // SET TRANSACTION ... / SET SESSION CHARACTERISTICS AS TRANSACTION ...: the isolation level
    // and access mode Cairn runs every transaction with are accepted, others refused.
    for (size_t i = 0; i < statement.n_args; i++) {
      const PgQuery__Node* arg = statement.args[i];
      if (arg->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !arg->def_elem->arg) continue;
      const std::string option = arg->def_elem->defname;
      const std::string value = Lower(ConstantText(arg->def_elem->arg));
      if (option == "transaction_isolation") {
        NormalizePostgresSetting("transaction_isolation", value);
      } else if ((option == "transaction_read_only" || option == "transaction_deferrable") &&
                 (value == "false" || value == "0")) {
        // the default
      } else {
        throw Exception(sqlstate::kFeatureNotSupported, "SET " + option + " = " + value + " is not supported");
      }
    }
    return prepared;
  }
  if (std::optional<std::string> canonical = PostgresSettingName(name)) {
    switch (statement.kind) {
      case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
        settings.postgres_settings.erase(*canonical);
        if (statement.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET) prepared.command_tag = "RESET";
        return prepared;
      case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
        std::string value;
        for (size_t i = 0; i < statement.n_args; i++) value += (i > 0 ? ", " : "") + ConstantText(statement.args[i]);
        settings.postgres_settings[*canonical] = NormalizePostgresSetting(*canonical, value);
        return prepared;
      }
      case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_CURRENT:
      case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      default:
        break;
    }
  }
  switch (statement.kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL: {
      uint64_t database_memory_limit = settings.database_memory_limit;
      settings = ClientSettings{};
      settings.database_memory_limit = database_memory_limit;
      prepared.command_tag = "RESET";
      return prepared;
    }
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
      CheckSettingName(name);
      if (name == "enable_optimizer") settings.enable_optimizer = ClientSettings{}.enable_optimizer;
      if (name == "disabled_optimizers") settings.disabled_optimizers.clear();
      if (name == "memory_limit") settings.memory_limit = 0;
      if (name == "max_recursive_iterations") settings.max_recursive_iterations = ClientSettings{}.max_recursive_iterations;
      if (name == "search_path") settings.search_path = ClientSettings{}.search_path;
      if (name == "temp_directory") settings.temp_directory.clear();
      if (statement.kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET) prepared.command_tag = "RESET";
      return prepared;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE: {
      CheckSettingName(name);
      if (name == "search_path") {
        // SET search_path TO a, "B", public: each argument one namespace name, as given
        // (identifiers arrive folded or quoted; a string literal may hold a comma list).
        std::vector<std::string> path;
        for (size_t i = 0; i < statement.n_args; i++) {
          std::string item = ConstantText(statement.args[i]);
          size_t start = 0;
          while (start <= item.size()) {
            size_t comma = item.find(',', start);
            std::string part = Trim(item.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (part.size() >= 2 && part.front() == '"' && part.back() == '"') part = part.substr(1, part.size() - 2);
            if (!part.empty()) path.push_back(part);
            if (comma == std::string::npos) break;
            start = comma + 1;
          }
        }
        settings.search_path = std::move(path);
        return prepared;
      }
      std::string value;
      for (size_t i = 0; i < statement.n_args; i++) value += (i > 0 ? "," : "") + ConstantText(statement.args[i]);
      if (name == "enable_optimizer") {
        settings.enable_optimizer = ParseBool(name, value);
      } else if (name == "memory_limit") {
        settings.memory_limit = ParseMemorySize(value, name);
      } else if (name == "max_recursive_iterations") {
        settings.max_recursive_iterations = ParsePositiveCount(name, value);
      } else if (name == "temp_directory") {
        if (value.find('\0') != std::string::npos) {
          throw Exception(sqlstate::kInvalidParameterValue, "invalid value for parameter \"temp_directory\"");
        }
        settings.temp_directory = value;
      } else {
        settings.disabled_optimizers = ParseRuleList(value);
      }
      return prepared;
    }
    default:
      break;
  }
  throw Exception(sqlstate::kFeatureNotSupported, "this form of SET is not supported yet");
}

std::string SearchPathText(const std::vector<std::string>& search_path) {
  std::string text;
  for (const auto& name : search_path) {
    bool plain = !name.empty() && name != "$user";
    for (char c : name) plain = plain && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
    text += (text.empty() ? "" : ", ") + (plain ? name : "\"" + name + "\"");
  }
  return text;
}

PlannedStatement PlanShow(const PgQuery__VariableShowStmt& statement, const ClientSettings& settings) {
  std::string name = Lower(statement.name ? statement.name : "");
  PlannedStatement prepared;
  prepared.command_tag = "SHOW";
  if (name == "all") {
    std::vector<std::vector<std::optional<std::string>>> rows;
    for (const char* setting : {"disabled_optimizers", "enable_optimizer", "max_recursive_iterations", "memory_limit",
                                "search_path", "temp_directory"}) {
      rows.push_back({std::string(setting), SettingValue(setting, settings)});
    }
    for (const std::string& setting : PostgresSettingNames()) {
      rows.push_back({setting, PostgresSettingValue(setting, settings)});
    }
    std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return Lower(*a[0]) < Lower(*b[0]); });
    prepared.plan = MakeVarcharValues({"name", "setting"}, rows);
  } else if (std::optional<std::string> canonical = PostgresSettingName(name)) {
    prepared.plan = MakeVarcharValues({*canonical}, {{PostgresSettingValue(*canonical, settings)}});
  } else {
    CheckSettingName(name);
    prepared.plan = MakeVarcharValues({name}, {{SettingValue(name, settings)}});
  }
  prepared.names = prepared.plan->names;
  return prepared;
}

}  // namespace cairn

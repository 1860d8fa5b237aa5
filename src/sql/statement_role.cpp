// CREATE ROLE / CREATE USER, ALTER ROLE / ALTER USER and DROP ROLE / DROP USER (PostgreSQL 15
// documentation, SQL commands CREATE ROLE, ALTER ROLE, DROP ROLE): the roles that may log in to
// `cairn serve` with a password (SCRAM-SHA-256). Cairn keeps a role's name, whether it may log in,
// and its password's SCRAM verifier (cairn/password_verifier.h) in catalog.json; the privilege
// options (SUPERUSER, CREATEDB, ...) and memberships are refused with 0A000 — every role may
// read and write everything.
#include "cairn/exception.h"
#include "cairn/password_verifier.h"
#include "sql/utility_statements.h"

namespace cairn {

namespace {

/// The options of a CREATE/ALTER ROLE that Cairn keeps.
struct RoleOptions {
  std::optional<bool> can_login;
  std::optional<std::string> password;  // "" = PASSWORD NULL (no password)
};

RoleOptions ReadRoleOptions(PgQuery__Node** options, size_t count) {
  RoleOptions out;
  for (size_t i = 0; i < count; i++) {
    if (options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    const PgQuery__DefElem& option = *options[i]->def_elem;
    const std::string name = option.defname;
    const PgQuery__Node* arg = option.arg;
    if (name == "canlogin") {
      out.can_login = !arg || (arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN ? arg->boolean->boolval
                                                                                : arg->node_case != PG_QUERY__NODE__NODE_INTEGER ||
                                                                                      arg->integer->ival != 0);
    } else if (name == "password") {
      if (!arg || arg->node_case != PG_QUERY__NODE__NODE_STRING) {
        out.password = "";
      } else {
        const std::string text = arg->string->sval;
        if (text.empty()) {
          // PostgreSQL: an empty password is no password (with a NOTICE); Cairn refuses it.
          throw Exception(sqlstate::kInvalidParameterValue, "empty password: use PASSWORD NULL for a role without one");
        }
        out.password = IsScramVerifier(text) ? text : MakeScramVerifier(text);
      }
    } else if (name == "inherit") {
      // INHERIT is what Cairn does (roles have no memberships to inherit from).
    } else {
      throw Exception(sqlstate::kFeatureNotSupported,
                      "role option \"" + name + "\" is not supported: Cairn's roles hold only LOGIN and PASSWORD");
    }
  }
  return out;
}

std::string RoleName(const PgQuery__Node* node) {
  if (node->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC) {
    const PgQuery__RoleSpec& spec = *node->role_spec;
    if (spec.roletype != PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING) {
      throw Exception(sqlstate::kFeatureNotSupported, "only roles named explicitly are supported here");
    }
    return spec.rolename;
  }
  throw Exception(sqlstate::kSyntaxError, "a role name is expected");
}

}  // namespace

PlannedStatement PlanCreateRole(const PgQuery__CreateRoleStmt& statement, Catalog& catalog) {
  if (statement.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_GROUP) {
    throw Exception(sqlstate::kFeatureNotSupported, "CREATE GROUP is not supported: Cairn's roles have no memberships");
  }
  const RoleOptions options = ReadRoleOptions(statement.options, statement.n_options);
  RoleEntry role;
  role.name = statement.role;
  // CREATE USER implies LOGIN, CREATE ROLE NOLOGIN, as in PostgreSQL.
  role.can_login = options.can_login.value_or(statement.stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER);
  role.password = options.password.value_or("");
  catalog.create_role(role);
  PlannedStatement planned;
  planned.command_tag = "CREATE ROLE";
  return planned;
}

PlannedStatement PlanAlterRole(const PgQuery__AlterRoleStmt& statement, Catalog& catalog) {
  if (!statement.role) throw Exception(sqlstate::kSyntaxError, "ALTER ROLE needs a role name");
  PgQuery__Node spec = PG_QUERY__NODE__INIT;
  spec.node_case = PG_QUERY__NODE__NODE_ROLE_SPEC;
  spec.role_spec = statement.role;
  const std::string name = RoleName(&spec);
  const RoleOptions options = ReadRoleOptions(statement.options, statement.n_options);
  catalog.alter_role(name, options.can_login, options.password);
  PlannedStatement planned;
  planned.command_tag = "ALTER ROLE";
  return planned;
}

PlannedStatement PlanDropRole(const PgQuery__DropRoleStmt& statement, Catalog& catalog, std::vector<Notice>* notices) {
  // Every name is checked before anything is dropped, as PostgreSQL does.
  std::vector<std::string> names;
  for (size_t i = 0; i < statement.n_roles; i++) {
    const std::string name = RoleName(statement.roles[i]);
    if (!catalog.find_role(name)) {
      if (!statement.missing_ok) throw Exception(sqlstate::kUndefinedObject, "role \"" + name + "\" does not exist");
      if (notices) notices->push_back({"NOTICE", "00000", "role \"" + name + "\" does not exist, skipping"});
      continue;
    }
    names.push_back(name);
  }
  for (const std::string& name : names) catalog.drop_role(name);
  PlannedStatement planned;
  planned.command_tag = "DROP ROLE";
  return planned;
}

}  // namespace cairn

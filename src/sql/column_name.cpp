// FigureColumnName: PostgreSQL 15's FigureColnameInternal rules over libpg_query's parse tree.
// Each rule returns a strength: 2 for a name taken from a column or function, 1 for a fallback
// keyword or type name (which a stronger name inside a cast or CASE overrides), 0 for none.
#include "sql/column_name.h"

#include "sql/binder.h"
#include "sql/parser.h"

namespace cairn {
namespace {

const char* SqlValueFunctionName(PgQuery__SQLValueFunctionOp op) {
  switch (op) {
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE: return "current_date";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N: return "current_time";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N: return "current_timestamp";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N: return "localtime";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N: return "localtimestamp";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE: return "current_role";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER: return "current_user";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER: return "session_user";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG: return "current_catalog";
    case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA: return "current_schema";
    default: return nullptr;
  }
}

/// The last string field of a name list (a column reference's fields, a function's or type's
/// qualified name), or "" when it ends in `*` or is empty.
std::string LastName(PgQuery__Node** names, size_t count) {
  if (count == 0 || names[count - 1]->node_case != PG_QUERY__NODE__NODE_STRING) return "";
  return NodeString(names[count - 1]);
}

int Figure(const PgQuery__Node* node, std::string& name) {
  if (node == nullptr) return 0;
  switch (node->node_case) {
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
      std::string last = LastName(node->column_ref->fields, node->column_ref->n_fields);
      if (last.empty()) return 0;
      name = last;
      return 2;
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: {
      // x[1] keeps x's name; x.field takes the field's name.
      const PgQuery__AIndirection& indirection = *node->a_indirection;
      for (size_t i = indirection.n_indirection; i-- > 0;) {
        if (indirection.indirection[i]->node_case == PG_QUERY__NODE__NODE_STRING) {
          name = NodeString(indirection.indirection[i]);
          return 2;
        }
      }
      return Figure(indirection.arg, name);
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL: {
      std::string last = LastName(node->func_call->funcname, node->func_call->n_funcname);
      if (last.empty()) return 0;
      name = last;
      return 2;
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      if (node->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF) {
        name = "nullif";
        return 2;
      }
      return 0;
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      int strength = Figure(node->type_cast->arg, name);
      if (strength <= 1 && node->type_cast->type_name != nullptr) {
        std::string type = LastName(node->type_cast->type_name->names, node->type_cast->type_name->n_names);
        if (!type.empty()) {
          name = type;
          return 1;
        }
      }
      return strength;
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: return Figure(node->collate_clause->arg, name);
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
      name = "grouping";
      return 2;
    case PG_QUERY__NODE__NODE_SUB_LINK:
      switch (node->sub_link->sub_link_type) {
        case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
          name = "exists";
          return 2;
        case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
          name = "array";
          return 2;
        case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: {
          // The name of the subquery's single output column (its alias, else its own figured
          // name); a set operation's first input names it.
          const PgQuery__Node* select = node->sub_link->subselect;
          if (select == nullptr || select->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) return 0;
          const PgQuery__SelectStmt* statement = select->select_stmt;
          while (statement->op != PG_QUERY__SET_OPERATION__SETOP_NONE && statement->larg != nullptr) {
            statement = statement->larg;
          }
          if (statement->n_target_list == 0 ||
              statement->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET) {
            return 0;
          }
          const PgQuery__ResTarget& target = *statement->target_list[0]->res_target;
          if (target.name != nullptr && *target.name) {
            name = target.name;
          } else if (Figure(target.val, name) == 0) {
            name = "?column?";
          }
          return 2;
        }
        default: return 0;
      }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      int strength = Figure(node->case_expr->defresult, name);
      if (strength <= 1) {
        name = "case";
        return 1;
      }
      return strength;
    }
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      name = "array";
      return 2;
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      name = "row";
      return 2;
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      name = "coalesce";
      return 2;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      name = node->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
      return 2;
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      const char* keyword = SqlValueFunctionName(node->sqlvalue_function->op);
      if (keyword == nullptr) return 0;
      name = keyword;
      return 2;
    }
    default: return 0;
  }
}

}  // namespace

std::string FigureColumnName(const PgQuery__Node* node) {
  std::string name;
  if (Figure(node, name) == 0) return "?column?";
  return name;
}

}  // namespace cairn

// The catalog functions of PostgreSQL's pg_catalog that clients such as psql call in their
// catalog queries: format_type, pg_get_userbyid, pg_table_is_visible, pg_type_is_visible,
// pg_function_is_visible, pg_get_expr, pg_get_indexdef, pg_get_constraintdef, pg_get_viewdef,
// obj_description, col_description, shobj_description, current_database, current_schema,
// current_schemas, version, has_table_privilege (and has_schema/database_privilege),
// pg_encoding_to_char, pg_get_function_result, pg_get_function_arguments,
// pg_relation_size, pg_table_size, pg_total_relation_size, pg_indexes_size, pg_size_pretty,
// pg_relation_is_publishable, pg_get_statisticsobjdef_columns, pg_get_partkeydef,
// pg_tablespace_location, pg_database_size, current_setting; and the casts
// to regclass, regtype, regnamespace, regproc and regrole.
//
// They answer from a PgCatalogSnapshot taken each time a chunk of rows is evaluated (so a
// prepared statement sees the catalog as it is when it runs; they are volatile, never folded
// into constants); the sizes read the files when called. Oids are bigint.
// Casting an oid to a reg* type gives its name as text (PostgreSQL's reg* output), so
// `c.oid::regclass::text` and ORDER BY on it work; casting text to a reg* type looks the name
// up and gives the oid.
//
// Thread-safety: the bound kernels only read immutable snapshots (and the catalog, whose
// accessors lock); they may run on several threads.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cairn/catalog.h"
#include "function/scalar_function.h"

namespace cairn {

/// The catalog function `name` (lower case, without a pg_catalog prefix) for
/// `argument_types`, with `arguments` set to the types the caller must cast to, or nullopt
/// when `name` is not one of these functions. `search_path` is the session's (for
/// pg_table_is_visible and current_schema). Throws 42883 when the name is one of them but no
/// overload takes these arguments.
std::optional<ScalarFunction> BindPgCatalogFunction(Catalog& catalog, const std::vector<std::string>& search_path,
                                                    const std::string& name,
                                                    const std::vector<LogicalType>& argument_types);

/// True for the type names handled by BindPgCatalogCast: regclass, regtype, regnamespace,
/// regproc, regprocedure, regrole (lower case, without a pg_catalog prefix).
bool IsPgRegType(const std::string& type_name);

/// The cast of a `source` value to reg* type `type_name`: from an integer (an oid) to its name
/// (varchar), or from text to the oid (bigint; 42P01/42704/3F000/42883 when the name does not
/// exist). Throws 42846 for other source types.
ScalarFunction BindPgCatalogCast(Catalog& catalog, const std::vector<std::string>& search_path,
                                 const std::string& type_name, const LogicalType& source);

}  // namespace cairn

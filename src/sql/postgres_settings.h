// PostgreSQL's session settings that clients and drivers set or read on connecting (psql, libpq,
// JDBC, node-postgres, BI tools: `SET application_name`, `SET extra_float_digits = 3`,
// `SET DateStyle = ISO`, `SET TIME ZONE 'UTC'`, `SHOW transaction_isolation`, ...), beside
// Cairn's own settings (statement_settings.cpp). A value Cairn honours is accepted and kept per
// session; one it cannot honour is refused rather than silently ignored: Cairn's output is
// UTF8, ISO dates in UTC, PostgreSQL-style intervals and shortest-exact floats, so
// `client_encoding` other than UTF8, another DateStyle, a time zone other than UTC or a
// non-zero statement_timeout is 0A000 (the server's own statement_timeout is a `cairn serve`
// option, docs/server.md). Source: PostgreSQL 15 documentation, chapter 20 "Server
// Configuration" (20.11 "Client Connection Defaults").
//
// Thread-safety: stateless functions over a session's ClientSettings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sql/planner.h"

namespace cairn {

/// The canonical spelling of PostgreSQL setting `name` (any case: "datestyle" → "DateStyle"), or
/// nullopt when it is not one Cairn knows.
std::optional<std::string> PostgresSettingName(const std::string& name);

/// Checks `value` for setting `canonical_name` and returns it normalized (as SHOW prints it).
/// Throws 22023 for a malformed value, 0A000 for one Cairn cannot honour, 55P02 for a
/// read-only setting (server_version, integer_datetimes, ...) set to another value.
std::string NormalizePostgresSetting(const std::string& canonical_name, const std::string& value);

/// The session's value of `canonical_name`: what SET gave it, else its default.
std::string PostgresSettingValue(const std::string& canonical_name, const ClientSettings& settings);

/// Every PostgreSQL setting Cairn knows, canonical names in alphabetical order (SHOW ALL).
const std::vector<std::string>& PostgresSettingNames();

}  // namespace cairn

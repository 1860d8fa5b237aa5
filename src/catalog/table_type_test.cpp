// Table types from YAML: the shipped types load and follow their rules, a full file parses into
// every field, each kind of mistake is F0000 naming the file, the line and the entry, and a data
// directory's types/ adds to and replaces built-in types.
#include "catalog/table_type.h"

#include <gtest/gtest.h>

#include "cairn/exception.h"
#include "io/in_memory_file_system.h"

namespace cairn {
namespace {

TEST(TableTypeTest, ShippedTypesLoad) {
  auto types = BuiltinTableTypes();
  ASSERT_EQ(types.size(), 3u);
  for (const char* name : {"otel_logs_and_spans", "metrics", "events"}) {
    SCOPED_TRACE(name);
    ASSERT_TRUE(types.count(name));
    const TableTypeDefinition& type = types.at(name);
    EXPECT_EQ(type.name, name);
    EXPECT_EQ(type.source, "types/" + std::string(name) + ".yaml");
    EXPECT_FALSE(type.description.empty());
    ASSERT_FALSE(type.columns.empty());
    EXPECT_EQ(type.columns[0].name, "project_id");
    EXPECT_EQ(type.columns[0].type, LogicalType(TypeId::VARCHAR));
    EXPECT_FALSE(type.columns[0].nullable);
    EXPECT_TRUE(type.options.count("retention"));
    auto timestamp = type.FindColumn("timestamp");
    ASSERT_TRUE(timestamp);
    EXPECT_EQ(type.columns[*timestamp].type, LogicalType(TypeId::TIMESTAMP_TZ));
    EXPECT_FALSE(type.columns[*timestamp].nullable);
    for (const auto& c : type.columns) EXPECT_FALSE(c.comment.empty()) << c.name;
  }
  const TableTypeDefinition& otel = types.at("otel_logs_and_spans");
  for (const char* column : {"observed_timestamp", "trace_id", "span_id", "parent_span_id", "name", "kind", "status_code",
                             "status_message", "level", "severity_text", "severity_number", "body", "service_name"}) {
    EXPECT_TRUE(otel.FindColumn(column)) << column;
  }
  EXPECT_EQ(otel.columns[*otel.FindColumn("duration")].type, LogicalType(TypeId::BIGINT));
  EXPECT_EQ(otel.columns[*otel.FindColumn("attributes")].type, LogicalType(TypeId::JSON));
  EXPECT_EQ(otel.columns[*otel.FindColumn("resource")].type, LogicalType(TypeId::JSON));
  EXPECT_EQ(otel.primary_key, (std::vector<std::string>{"project_id", "timestamp", "id"}));
  const TableTypeDefinition& metrics = types.at("metrics");
  for (const char* column : {"name", "description", "unit", "type", "attributes", "resource"}) {
    EXPECT_TRUE(metrics.FindColumn(column)) << column;
  }
  EXPECT_EQ(metrics.columns[*metrics.FindColumn("value")].type, LogicalType(TypeId::DOUBLE));
  const TableTypeDefinition& events = types.at("events");
  for (const char* column : {"event_type", "source", "actor"}) EXPECT_TRUE(events.FindColumn(column)) << column;
  const auto& payload = events.columns[*events.FindColumn("payload")];
  EXPECT_EQ(payload.type, LogicalType(TypeId::JSON));
  EXPECT_EQ(payload.default_value, std::optional<std::string>("{}"));
}

TEST(TableTypeTest, ParsesEveryField) {
  TableTypeDefinition type = ParseTableType(R"(
name: audit
description: Who did what
columns:
  - {name: project_id, type: VARCHAR, nullable: false}
  - name: at
    type: timestamp with time zone
    comment: when
  - name: amount
    type: NUMERIC(12, 2)
    default: "0.00"
  - name: tags
    type: text[]
  - name: ok
    type: boolean
    nullable: yes
primary_key: [project_id, at]
partition_by: [project_id]
sort_by: [at]
options:
  retention: 7 days
  flush_policy: 1000 rows
)",
                                  "audit.yaml");
  EXPECT_EQ(type.name, "audit");
  EXPECT_EQ(type.description, "Who did what");
  EXPECT_EQ(type.source, "audit.yaml");
  ASSERT_EQ(type.columns.size(), 5u);
  EXPECT_EQ(type.columns[1].type_name, "timestamp with time zone");
  EXPECT_EQ(type.columns[1].type, LogicalType(TypeId::TIMESTAMP_TZ));
  EXPECT_FALSE(type.columns[1].nullable);  // a primary key column
  EXPECT_EQ(type.columns[1].comment, "when");
  EXPECT_EQ(type.columns[2].type, LogicalType::Decimal(12, 2));
  EXPECT_EQ(type.columns[2].default_value, std::optional<std::string>("0.00"));
  EXPECT_TRUE(type.columns[2].nullable);
  EXPECT_EQ(type.columns[3].type.id(), TypeId::ARRAY);
  EXPECT_TRUE(type.columns[4].nullable);
  EXPECT_EQ(type.primary_key, (std::vector<std::string>{"project_id", "at"}));
  EXPECT_EQ(type.partition_by, (std::vector<std::string>{"project_id"}));
  EXPECT_EQ(type.sort_by, (std::vector<std::string>{"at"}));
  EXPECT_EQ(type.options, (std::map<std::string, std::string>{{"flush_policy", "1000 rows"}, {"retention", "7 days"}}));
  auto definitions = type.ColumnDefinitions();
  ASSERT_EQ(definitions.size(), 5u);
  EXPECT_EQ(definitions[2].name, "amount");
  EXPECT_EQ(definitions[2].type, LogicalType::Decimal(12, 2));
  EXPECT_FALSE(definitions[0].nullable);
  EXPECT_EQ(type.FindColumn("AMOUNT"), std::optional<idx_t>(2));
  EXPECT_FALSE(type.FindColumn("missing"));
}

/// The F0000 message ParseTableType gives for `yaml` (named bad.yaml), or "" if it parses.
std::string ErrorOf(const std::string& yaml) {
  try {
    ParseTableType(yaml, "bad.yaml");
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError) << e.what();
    return e.what();
  }
  return "";
}

const char* kHeader = "name: t\ncolumns:\n  - {name: project_id, type: VARCHAR, nullable: false}\n";

TEST(TableTypeTest, ErrorsNameFileLineAndEntry) {
  EXPECT_EQ(ErrorOf("name: [t\ncolumns: 1\n"), "bad.yaml:2: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(ErrorOf(""), "bad.yaml: the file holds no table type");
  EXPECT_EQ(ErrorOf("- a\n- b\n"), "bad.yaml:1: a table type must be a mapping (name, columns, ...)");
  EXPECT_EQ(ErrorOf("columns: []\n"), "bad.yaml:1: missing \"name\"");
  EXPECT_EQ(ErrorOf("name: Logs\n"),
            "bad.yaml:1: type name \"Logs\" is not a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 bytes)");
  EXPECT_EQ(ErrorOf("name: t\n"), "bad.yaml:1: type \"t\": missing \"columns\"");
  EXPECT_EQ(ErrorOf("name: t\ncolums: []\n"),
            "bad.yaml:2: type \"t\": unknown table type key \"colums\" (expected one of: name, description, columns, "
            "primary_key, partition_by, sort_by, options)");
  EXPECT_EQ(ErrorOf("name: t\ncolumns: []\n"), "bad.yaml:2: type \"t\": \"columns\" must be a non-empty list");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - name: v\n    type: DUBBLE\n"),
            "bad.yaml:5: type \"t\": column \"v\": unknown SQL type \"DUBBLE\"");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - name: v\n"), "bad.yaml:4: type \"t\": column \"v\": missing \"type\"");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - {name: v, type: int}\n  - {name: v, type: text}\n"),
            "bad.yaml:5: type \"t\": column \"v\": duplicate column name");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - {name: v, type: int, nulable: false}\n"),
            "bad.yaml:4: type \"t\": column \"v\": unknown column key \"nulable\" (expected one of: name, type, "
            "nullable, default, comment)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - {name: v, type: int, nullable: perhaps}\n"),
            "bad.yaml:4: type \"t\": column \"v\": \"nullable\" must be true or false");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - {name: v, type: int, default: abc}\n"),
            "bad.yaml:4: type \"t\": column \"v\": default \"abc\" is not a value of type INTEGER: invalid input syntax "
            "for type integer: \"abc\"");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - {name: V, type: int}\n"),
            "bad.yaml:4: type \"t\": column name \"V\" is not a lower-case SQL identifier ([a-z_][a-z0-9_]*, at most 63 "
            "bytes)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - just a name\n"),
            "bad.yaml:4: type \"t\": each column must be a mapping with name and type");
  EXPECT_EQ(ErrorOf("name: t\ncolumns:\n  - {name: ts, type: timestamp}\n"),
            "bad.yaml:3: type \"t\": the first column must be project_id VARCHAR with nullable: false (every table "
            "belongs to a project)");
  EXPECT_EQ(ErrorOf("name: t\ncolumns:\n  - {name: project_id, type: VARCHAR}\n"),
            "bad.yaml:3: type \"t\": the first column must be project_id VARCHAR with nullable: false (every table "
            "belongs to a project)");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "primary_key: [project_id, nope]\n"),
            "bad.yaml:4: type \"t\": \"primary_key\" names column \"nope\", which the type does not have");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "sort_by: [project_id, project_id]\n"),
            "bad.yaml:4: type \"t\": \"sort_by\" lists column \"project_id\" twice");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "  - {name: v, type: int, nullable: true}\nprimary_key: [v]\n"),
            "bad.yaml:4: type \"t\": column \"v\": a primary key column cannot be nullable: true");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "options:\n  retention: [1, 2]\n"),
            "bad.yaml:5: type \"t\": option \"retention\" must be a single value");
  EXPECT_EQ(ErrorOf(std::string(kHeader) + "---\nname: u\n"),
            "bad.yaml:5: a file holds one table type (found several YAML documents)");
  EXPECT_EQ(ErrorOf("name: t\ncolumns:\n  - {name: project_id, type: VARCHAR, nullable: false\n"),
            "bad.yaml:4: invalid YAML: end of map flow not found");
}

void WriteFile(InMemoryFileSystem& fs, const std::string& path, const std::string& text) {
  auto file = fs.OpenForWrite(path, WriteMode::kTruncate);
  file->Append(text.data(), text.size());
  file->Close();
}

TEST(TableTypeTest, DataDirectoryTypesAddToAndReplaceBuiltIns) {
  InMemoryFileSystem fs;
  fs.CreateDirectories("data");
  // No types/ directory: the built-ins.
  EXPECT_EQ(LoadTableTypes(fs, "data").size(), 3u);
  fs.CreateDirectories("data/types");
  WriteFile(fs, "data/types/audit.yaml", std::string(kHeader) + "description: audit trail\n");
  WriteFile(fs, "data/types/metrics.yml", "name: metrics\ncolumns:\n  - {name: project_id, type: text, nullable: false}\n");
  WriteFile(fs, "data/types/README.md", "not a type");
  auto types = LoadTableTypes(fs, "data/");
  ASSERT_EQ(types.size(), 4u);
  EXPECT_EQ(types.at("t").source, "data/types/audit.yaml");
  EXPECT_EQ(types.at("metrics").source, "data/types/metrics.yml");
  EXPECT_EQ(types.at("metrics").columns.size(), 1u);
  EXPECT_EQ(types.at("events").source, "types/events.yaml");

  WriteFile(fs, "data/types/zz.yaml", std::string(kHeader));
  try {
    LoadTableTypes(fs, "data");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError);
    EXPECT_STREQ(e.what(), "data/types/zz.yaml: type \"t\" is also defined by data/types/audit.yaml");
  }
  WriteFile(fs, "data/types/zz.yaml", "name: broken\ncolumns:\n  - {name: project_id, type: VARCHAR, nullable: false}\n  - {name: x, type: nonsense}\n");
  try {
    LoadTableTypes(fs, "data");
    FAIL();
  } catch (const Exception& e) {
    EXPECT_EQ(e.sqlstate(), sqlstate::kConfigFileError);
    EXPECT_STREQ(e.what(), "data/types/zz.yaml:4: type \"broken\": column \"x\": unknown SQL type \"nonsense\"");
  }
}

}  // namespace
}  // namespace cairn

#include "main/write_execution.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_set>

#include "execution/executor.h"
#include "execution/physical_planner.h"
#include "function/cast.h"

namespace cairn {

namespace {

/// PostgreSQL's NOTICE for CREATE TABLE IF NOT EXISTS of a table that exists.
void NoticeExists(WriteSession& session, const std::string& name) {
  if (session.notices) {
    session.notices->push_back({"NOTICE", sqlstate::kDuplicateTable, "relation \"" + name + "\" already exists, skipping"});
  }
}

class ChunkListStream final : public ResultStream {
 public:
  explicit ChunkListStream(std::vector<std::unique_ptr<DataChunk>> chunks) : chunks_(std::move(chunks)) {}
  std::unique_ptr<DataChunk> Next() override {
    while (next_ < chunks_.size()) {
      auto chunk = std::move(chunks_[next_++]);
      if (chunk && chunk->size() > 0) return chunk;
    }
    return nullptr;
  }

 private:
  std::vector<std::unique_ptr<DataChunk>> chunks_;
  size_t next_ = 0;
};

std::unique_ptr<QueryResult> Done(const std::string& tag) {
  return std::make_unique<QueryResult>(std::vector<std::string>{}, std::vector<LogicalType>{}, nullptr, tag);
}

void RequireNoBlock(const Transaction& transaction, const std::string& what) {
  if (transaction.in_block()) {
    throw Exception(sqlstate::kActiveSqlTransaction, what + " cannot run inside a transaction block", std::nullopt,
                    "Run it outside BEGIN ... COMMIT: changes to table definitions are not transactional in Cairn yet.");
  }
}

/// Columns [start, start + count) of `chunk` as an owned, flat chunk.
DataChunk CopyColumns(const DataChunk& chunk, idx_t start, idx_t count) {
  DataChunk out;
  std::vector<LogicalType> types;
  for (idx_t c = 0; c < count; c++) types.push_back(chunk.data[start + c].type());
  out.Initialize(types, std::max<idx_t>(chunk.size(), 1));
  for (idx_t c = 0; c < count; c++) {
    out.data[c].CopyFrom(chunk.data[start + c], SelectionVector::Incremental(), chunk.size(), 0);
  }
  out.SetCardinality(chunk.size());
  return out;
}

/// PostgreSQL's "Failing row contains (...)" detail for row `row` of the new-row columns.
std::string FailingRow(const DataChunk& chunk, idx_t start, idx_t count, idx_t row) {
  std::string out = "Failing row contains (";
  for (idx_t c = 0; c < count; c++) {
    Value value = chunk.GetValue(start + c, row);
    out += (c ? ", " : "") + (value.IsNull() ? std::string("null") : value.ToString());
  }
  return out + ").";
}

/// What a change query produced, gathered over its chunks.
struct CollectedChanges {
  std::vector<uint64_t> deleted;
  std::vector<DataChunk> old_rows;  // only when the table has unique indexes
  std::vector<DataChunk> new_rows;
  std::vector<DataChunk> conflicting;  // ON CONFLICT DO UPDATE: proposed rows whose key is taken
  std::vector<std::unique_ptr<DataChunk>> returned;
  idx_t affected = 0;
};

/// Rows `keep` of `rows` (all of its columns), as a slice of it.
void KeepRows(DataChunk& rows, const std::vector<sel_t>& keep) {
  if (keep.size() == rows.size()) return;
  SelectionVector sel(std::max<idx_t>(keep.size(), 1));
  for (idx_t i = 0; i < keep.size(); i++) sel.set_index(i, keep[i]);
  rows.Slice(sel, keep.size());
}

/// Runs `dml`'s change query against `snapshot`, checks NOT NULL and CHECK on each new row,
/// applies ON CONFLICT's partition, and gathers the change into `out`.
void CollectChanges(DmlPlan& dml, WriteSession& session, const std::shared_ptr<const StorageSnapshot>& snapshot,
                    const std::vector<UniqueIndex>& indexes, CollectedChanges& out) {
  const idx_t n = dml.columns.size();
  std::weak_ptr<QueryExecution> execution;
  auto stream = ExecutePlan(CreatePhysicalPlan(*dml.plan), session.database.scheduler(),
                            session.database.CreateQueryMemoryTracker(session.settings.memory_limit, session.settings.temp_directory), &execution,
                            session.parameters, snapshot);
  if (session.track) session.track(execution);
  std::set<uint64_t> seen_positions;
  // ON CONFLICT: the keys this statement already proposed, per index.
  std::vector<std::unordered_set<std::string>> statement_keys(indexes.size());
  const bool on_conflict = dml.on_conflict_do_nothing || dml.on_conflict_update;
  while (auto chunk = stream->Next()) {
    DataChunk& rows = *chunk;
    if (dml.rowid_column) {
      // UPDATE ... FROM may match a row several times: it changes once (PostgreSQL's rule).
      std::vector<sel_t> keep;
      for (idx_t row = 0; row < rows.size(); row++) {
        Value rowid = rows.GetValue(*dml.rowid_column, row);
        if (seen_positions.insert(static_cast<uint64_t>(rowid.GetInt64())).second) keep.push_back(static_cast<sel_t>(row));
      }
      KeepRows(rows, keep);
    }
    if (rows.size() == 0) continue;
    if (dml.new_row_start) {
      const idx_t start = *dml.new_row_start;
      for (idx_t c = 0; c < n; c++) {
        if (dml.columns[c].nullable) continue;
        for (idx_t row = 0; row < rows.size(); row++) {
          if (rows.GetValue(start + c, row).IsNull()) {
            throw Exception(sqlstate::kNotNullViolation,
                            fmt::format("null value in column \"{}\" of relation \"{}\" violates not-null constraint",
                                        dml.columns[c].name, dml.table_name),
                            std::nullopt, "", FailingRow(rows, start, n, row));
          }
        }
      }
      for (idx_t k = 0; k < dml.check_names.size(); k++) {
        for (idx_t row = 0; row < rows.size(); row++) {
          Value passed = rows.GetValue(dml.check_start + k, row);
          if (!passed.IsNull() && !passed.GetBool()) {
            throw Exception(sqlstate::kCheckViolation,
                            fmt::format("new row for relation \"{}\" violates check constraint \"{}\"", dml.table_name,
                                        dml.check_names[k]),
                            std::nullopt, "", FailingRow(rows, start, n, row));
          }
        }
      }
      if (on_conflict) {
        DataChunk candidate = CopyColumns(rows, start, n);
        std::vector<std::vector<std::string>> keys;
        for (const auto& index : indexes) keys.push_back(index.Keys(candidate));
        std::vector<sel_t> fresh;
        std::vector<sel_t> taken;
        for (idx_t row = 0; row < rows.size(); row++) {
          bool conflict = false;
          for (idx_t i = 0; i < indexes.size(); i++) {
            const std::string& key = keys[i][row];
            if (key.empty()) continue;
            const bool arbiter = dml.conflict_columns.empty() || indexes[i].columns() == dml.conflict_columns ||
                                 std::is_permutation(indexes[i].columns().begin(), indexes[i].columns().end(),
                                                     dml.conflict_columns.begin(), dml.conflict_columns.end());
            if (!arbiter) continue;
            if (statement_keys[i].count(key)) {
              if (dml.on_conflict_update) {
                throw Exception(sqlstate::kCardinalityViolation,
                                "ON CONFLICT DO UPDATE command cannot affect row a second time", std::nullopt,
                                "Ensure that no rows proposed for insertion within the same command have duplicate "
                                "constrained values.");
              }
              conflict = true;
            }
            if (indexes[i].Contains(key)) conflict = true;
          }
          for (idx_t i = 0; i < indexes.size(); i++) {
            if (!keys[i][row].empty()) statement_keys[i].insert(keys[i][row]);
          }
          (conflict ? taken : fresh).push_back(static_cast<sel_t>(row));
        }
        if (dml.on_conflict_update && !taken.empty()) {
          DataChunk conflicting;
          conflicting.Initialize(candidate.GetTypes(), taken.size());
          SelectionVector sel(taken.size());
          for (idx_t i = 0; i < taken.size(); i++) sel.set_index(i, taken[i]);
          for (idx_t c = 0; c < n; c++) conflicting.data[c].CopyFrom(candidate.data[c], sel, taken.size(), 0);
          conflicting.SetCardinality(taken.size());
          out.conflicting.push_back(std::move(conflicting));
        }
        KeepRows(rows, fresh);
        if (rows.size() == 0) continue;
      }
      out.new_rows.push_back(CopyColumns(rows, start, n));
    }
    if (dml.rowid_column) {
      for (idx_t row = 0; row < rows.size(); row++) {
        out.deleted.push_back(static_cast<uint64_t>(rows.GetValue(*dml.rowid_column, row).GetInt64()));
      }
      if (dml.old_row_start && !indexes.empty()) out.old_rows.push_back(CopyColumns(rows, *dml.old_row_start, n));
    }
    if (dml.has_returning) {
      out.returned.push_back(std::make_unique<DataChunk>(CopyColumns(rows, dml.returning_start, dml.returning_types.size())));
    }
    out.affected += rows.size();
  }
}

std::unique_ptr<QueryResult> ExecuteDml(DmlPlan& dml, WriteSession& session) {
  Transaction& transaction = session.transaction;
  StorageManager& storage = session.database.storage();
  bool created = false;
  if (dml.create_table) {
    RequireNoBlock(transaction, "CREATE TABLE AS");
    storage.RequireWritable();
    const auto& create = *dml.create_table;
    created = storage.CreateTable(create.namespace_name, create.name, create.definition, create.if_not_exists);
    if (!created) {  // IF NOT EXISTS of an existing table
      NoticeExists(session, create.name);
      return Done("CREATE TABLE AS");
    }
    auto entry = session.database.catalog().find(create.namespace_name, create.name);
    if (!entry) throw Exception(sqlstate::kInternalError, "created table not found");
    dml.table = entry->id;
    if (!create.with_data) return Done("CREATE TABLE AS");
  }
  CollectedChanges changes;
  transaction.BeginStatement();
  try {
    transaction.WritableTable(dml.table);
    std::shared_ptr<const StorageSnapshot> snapshot = transaction.ReadSnapshot();
    const auto& indexes = transaction.indexes(dml.table);
    CollectChanges(dml, session, snapshot, indexes, changes);
    if (dml.on_conflict_update && !changes.conflicting.empty()) {
      // The existing rows the proposed ones collide with are updated (EXCLUDED = the proposed).
      dml.excluded_rows->SetRows(std::make_shared<const std::vector<DataChunk>>(std::move(changes.conflicting)));
      CollectedChanges updates;
      CollectChanges(*dml.on_conflict_update, session, snapshot, indexes, updates);
      dml.excluded_rows->SetRows(nullptr);
      changes.deleted = std::move(updates.deleted);
      changes.old_rows = std::move(updates.old_rows);
      for (auto& rows : updates.new_rows) changes.new_rows.push_back(std::move(rows));
      for (auto& rows : updates.returned) changes.returned.push_back(std::move(rows));
      changes.affected += updates.affected;
    }
    transaction.Apply(dml.table, changes.deleted, changes.old_rows, changes.new_rows);
    transaction.EndStatement();
  } catch (...) {
    if (dml.excluded_rows) dml.excluded_rows->SetRows(nullptr);
    transaction.AbortStatement();
    if (created) {
      try {
        auto entry = session.database.catalog().find(dml.create_table->namespace_name, dml.create_table->name);
        if (entry) storage.DropTable(*entry);
      } catch (...) {
      }
    }
    throw;
  }
  const idx_t affected = changes.affected;
  std::string tag;
  switch (dml.kind) {
    case DmlPlan::Kind::INSERT:
      tag = dml.create_table ? fmt::format("SELECT {}", affected) : fmt::format("INSERT 0 {}", affected);
      break;
    case DmlPlan::Kind::UPDATE:
      tag = fmt::format("UPDATE {}", affected);
      break;
    case DmlPlan::Kind::DELETE:
      tag = fmt::format("DELETE {}", affected);
      break;
    case DmlPlan::Kind::TRUNCATE:
      tag = "TRUNCATE TABLE";
      break;
  }
  if (!dml.has_returning) return Done(tag);
  return std::make_unique<QueryResult>(dml.returning_names, dml.returning_types,
                                       std::make_unique<ChunkListStream>(std::move(changes.returned)), tag);
}

/// The rows of a table after ADD / DROP COLUMN: `old` rows in, new rows out.
std::function<DataChunk(const DataChunk&)> RewriteFor(const std::vector<AlterTableCommand>& commands,
                                                      const TableDefinition& before, DatabaseInstance& database) {
  // A renamed column is rewritten too, so the files' column names stay the table's (what any
  // Parquet reader sees).
  bool changes_columns = false;
  for (const auto& c : commands) {
    changes_columns = changes_columns || c.kind == AlterTableCommand::Kind::ADD_COLUMN ||
                      c.kind == AlterTableCommand::Kind::DROP_COLUMN || c.kind == AlterTableCommand::Kind::RENAME_COLUMN;
  }
  if (!changes_columns) return nullptr;
  // The new columns as sources: an old column index, or a constant (the added column's
  // default, evaluated once as PostgreSQL does for a non-volatile default).
  struct Source {
    std::optional<idx_t> old_column;
    Value constant;
  };
  std::vector<std::string> names;
  std::vector<Source> sources;
  for (idx_t i = 0; i < before.columns.size(); i++) {
    names.push_back(before.columns[i].name);
    sources.push_back(Source{i, Value()});
  }
  for (const auto& command : commands) {
    if (command.kind == AlterTableCommand::Kind::DROP_COLUMN) {
      auto it = std::find(names.begin(), names.end(), command.name);
      if (it == names.end()) continue;
      sources.erase(sources.begin() + (it - names.begin()));
      names.erase(it);
    } else if (command.kind == AlterTableCommand::Kind::ADD_COLUMN) {
      if (std::find(names.begin(), names.end(), command.column.name) != names.end()) continue;
      LogicalType type = ParseTypeName(command.column.type);
      Value constant = Value::Null(type);
      if (command.column.default_value) {
        auto connection_result = [&]() -> Value {
          ClientSettings settings;
          Planner planner(database.catalog(), settings);
          PlannedStatement planned = planner.Plan("SELECT CAST((" + *command.column.default_value + ") AS " +
                                                  type.ToString() + ")");
          auto stream = ExecutePlan(std::move(planned.plan), database.scheduler());
          auto chunk = stream->Next();
          if (!chunk || chunk->size() != 1) throw Exception(sqlstate::kInternalError, "default did not give one value");
          return chunk->GetValue(0, 0);
        };
        constant = connection_result();
      } else if (!command.column.nullable) {
        // NOT NULL without a default: fine only for an empty table (checked by the caller).
      }
      names.push_back(command.column.name);
      sources.push_back(Source{std::nullopt, constant});
    }
  }
  return [sources](const DataChunk& old) {
    DataChunk out;
    std::vector<LogicalType> types;
    for (const auto& s : sources) types.push_back(s.old_column ? old.data[*s.old_column].type() : s.constant.type());
    out.Initialize(types, std::max<idx_t>(old.size(), 1));
    for (idx_t c = 0; c < sources.size(); c++) {
      if (sources[c].old_column) {
        out.data[c].CopyFrom(old.data[*sources[c].old_column], SelectionVector::Incremental(), old.size(), 0);
      } else {
        for (idx_t row = 0; row < old.size(); row++) out.data[c].SetValue(row, sources[c].constant);
      }
    }
    out.SetCardinality(old.size());
    return out;
  };
}

void ExecuteAlter(WriteStatement& statement, WriteSession& session) {
  RequireNoBlock(session.transaction, "ALTER TABLE");
  StorageManager& storage = session.database.storage();
  storage.RequireWritable();
  const CatalogEntry& table = statement.tables[0];
  const TableDefinition before = table.definition();
  // Checked with the writer held, after the checkpoint AlterTable starts with: no write can
  // slip in between the check and the change.
  auto validate = [&](const std::shared_ptr<const StorageSnapshot>& snapshot) {
    auto data = snapshot->Find(table.id);
    const idx_t rows = data ? data->live_rows() : 0;
    for (const auto& command : statement.alter) {
      if (command.kind == AlterTableCommand::Kind::ADD_COLUMN && !command.column.nullable &&
          !command.column.default_value && rows > 0) {
        throw Exception(sqlstate::kNotNullViolation, fmt::format("column \"{}\" of relation \"{}\" contains null values",
                                                                 command.column.name, table.name));
      }
      if (command.kind == AlterTableCommand::Kind::SET_NOT_NULL && rows > 0) {
        // Every existing row must have a value.
        ClientSettings settings;
        Planner planner(session.database.catalog(), settings);
        std::string quoted_table = "\"" + table.namespace_name + "\".\"" + table.name + "\"";
        std::string quoted_column = "\"" + command.name + "\"";
        PlannedStatement planned =
            planner.Plan("SELECT count(*) FROM " + quoted_table + " WHERE " + quoted_column + " IS NULL");
        auto stream = ExecutePlan(std::move(planned.plan), session.database.scheduler(), nullptr, nullptr, snapshot);
        auto chunk = stream->Next();
        if (chunk && chunk->GetValue(0, 0).GetInt64() > 0) {
          throw Exception(sqlstate::kNotNullViolation,
                          fmt::format("column \"{}\" of relation \"{}\" contains null values", command.name, table.name));
        }
      }
    }
  };
  auto change = [&](CatalogEntry& entry) {
    TableDefinition definition = entry.definition();
    for (const auto& command : statement.alter) {
      auto column = std::find_if(definition.columns.begin(), definition.columns.end(),
                                 [&](const ColumnSchema& c) { return c.name == command.name; });
      switch (command.kind) {
        case AlterTableCommand::Kind::ADD_COLUMN:
          if (std::none_of(definition.columns.begin(), definition.columns.end(),
                           [&](const ColumnSchema& c) { return c.name == command.column.name; })) {
            definition.columns.push_back(command.column);
          }
          break;
        case AlterTableCommand::Kind::DROP_COLUMN:
          if (column != definition.columns.end()) {
            std::string name = column->name;
            definition.columns.erase(column);
            auto uses = [&](const std::vector<std::string>& key) {
              return std::find(key.begin(), key.end(), name) != key.end();
            };
            if (uses(definition.primary_key)) definition.primary_key.clear();
            definition.unique_keys.erase(std::remove_if(definition.unique_keys.begin(), definition.unique_keys.end(), uses),
                                         definition.unique_keys.end());
            definition.checks.erase(
                std::remove_if(definition.checks.begin(), definition.checks.end(),
                               [&](const CheckConstraint& c) { return c.expression.find(name) != std::string::npos; }),
                definition.checks.end());
          }
          break;
        case AlterTableCommand::Kind::RENAME_COLUMN:
          if (column != definition.columns.end()) {
            column->name = command.new_name;
            for (auto& key : definition.primary_key) {
              if (key == command.name) key = command.new_name;
            }
            for (auto& unique : definition.unique_keys) {
              for (auto& key : unique) {
                if (key == command.name) key = command.new_name;
              }
            }
          }
          break;
        case AlterTableCommand::Kind::RENAME_TABLE:
          entry.name = command.new_name;
          break;
        case AlterTableCommand::Kind::SET_DEFAULT:
          if (column != definition.columns.end()) column->default_value = command.column.default_value;
          break;
        case AlterTableCommand::Kind::SET_NOT_NULL:
          if (column != definition.columns.end()) column->nullable = false;
          break;
        case AlterTableCommand::Kind::DROP_NOT_NULL:
          if (column != definition.columns.end()) column->nullable = true;
          break;
      }
    }
    if (!(definition == entry.definition())) {
      SchemaVersion version;
      version.version = entry.versions.back().version + 1;
      version.created_at = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
      version.definition = std::move(definition);
      entry.versions.push_back(std::move(version));
    }
  };
  storage.AlterTable(table, change, RewriteFor(statement.alter, before, session.database), validate);
}

}  // namespace

std::unique_ptr<QueryResult> ExecuteWrite(WriteStatement& statement, const std::string& command_tag,
                                          WriteSession& session) {
  Transaction& transaction = session.transaction;
  StorageManager& storage = session.database.storage();
  switch (statement.kind) {
    case WriteStatement::Kind::BEGIN:
      transaction.Begin();
      return Done("BEGIN");
    case WriteStatement::Kind::COMMIT: {
      // PostgreSQL: COMMIT of a failed block rolls it back and says ROLLBACK; without a block
      // it warns and says COMMIT.
      const bool failed = transaction.in_block() && transaction.failed();
      transaction.Commit();
      return Done(failed ? "ROLLBACK" : "COMMIT");
    }
    case WriteStatement::Kind::ROLLBACK:
      transaction.Rollback();
      return Done("ROLLBACK");
    case WriteStatement::Kind::CHECKPOINT:
      RequireNoBlock(transaction, "CHECKPOINT");
      storage.RequireWritable();
      storage.Checkpoint();
      return Done("CHECKPOINT");
    case WriteStatement::Kind::CREATE_TABLE: {
      RequireNoBlock(transaction, "CREATE TABLE");
      storage.RequireWritable();
      const auto& create = *statement.create;
      if (!storage.CreateTable(create.namespace_name, create.name, create.definition, create.if_not_exists)) {
        NoticeExists(session, create.name);
      }
      return Done("CREATE TABLE");
    }
    case WriteStatement::Kind::DROP_TABLES:
      RequireNoBlock(transaction, "DROP TABLE");
      storage.RequireWritable();
      for (const auto& table : statement.tables) storage.DropTable(table);
      return Done("DROP TABLE");
    case WriteStatement::Kind::TRUNCATE:
      transaction.BeginStatement();
      try {
        for (const auto& table : statement.tables) transaction.Truncate(table.id);
        transaction.EndStatement();
      } catch (...) {
        transaction.AbortStatement();
        throw;
      }
      return Done("TRUNCATE TABLE");
    case WriteStatement::Kind::ALTER_TABLE:
      ExecuteAlter(statement, session);
      return Done("ALTER TABLE");
    case WriteStatement::Kind::DML:
      return ExecuteDml(*statement.dml, session);
  }
  return Done(command_tag);
}

}  // namespace cairn

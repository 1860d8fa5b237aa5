// duckdb_oracle.mjs: DuckDB (via @duckdb/node-api) as the reference engine for differential
// tests. A query's answer comes back as text, cell by cell, in the form Cairn prints it, with a
// per-column "kind" that tells the comparison how to match values (exact text, exact decimal,
// floating point within a tolerance, bytes, booleans).
//
// DuckDB renders each cell itself (every column cast to VARCHAR in an outer SELECT), except:
//   BLOB                  hex(col): compared as bytes, whatever escape form Cairn prints
//   TIMESTAMP_S/_MS/_NS   cast to TIMESTAMP (microseconds) first, Cairn's only precision
// The session time zone is UTC, so TIMESTAMPTZ prints as '2020-01-01 00:00:00+00'.
import { DuckDBInstance } from '@duckdb/node-api';

/** How result cells of a DuckDB type are compared. */
export function kindOf(duckType) {
  const type = duckType.toUpperCase();
  if (type === 'BOOLEAN') return 'bool';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(type)) return 'int';
  if (type.startsWith('DECIMAL')) return 'decimal';
  if (type === 'FLOAT') return 'float';
  if (type === 'DOUBLE') return 'double';
  if (type === 'BLOB') return 'blob';
  if (type === 'TIMESTAMP WITH TIME ZONE') return 'timestamptz';
  return 'text';
}

function quoteIdentifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

function renderExpression(name, duckType) {
  const column = `q.${quoteIdentifier(name)}`;
  const type = duckType.toUpperCase();
  if (type === 'BLOB') return `hex(${column})`;
  if (type === 'TIMESTAMP_S' || type === 'TIMESTAMP_MS' || type === 'TIMESTAMP_NS') return `${column}::TIMESTAMP::VARCHAR`;
  return `${column}::VARCHAR`;
}

export class DuckDBOracle {
  /** Opens an in-memory DuckDB with default settings (threads = cores) and UTC time zone. */
  static async open() {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDBOracle(instance, connection);
  }

  constructor(instance, connection) {
    this.instance = instance;
    this.connection = connection;
  }

  /**
   * Cairn reads CSV as PostgreSQL's COPY does: an unquoted empty field is NULL, a quoted empty
   * field ("") is the empty string. DuckDB reads both as NULL unless told otherwise, so its
   * read_csv calls get allow_quoted_nulls = false.
   */
  static dialect(sql) {
    return sql.replace(/read_csv\(('(?:[^']|'')*')\)/g, 'read_csv($1, allow_quoted_nulls = false)');
  }

  /** Column names and DuckDB type names of `sql`'s result. Throws DuckDB's error. */
  async describe(sql) {
    sql = DuckDBOracle.dialect(sql);
    const reader = await this.connection.runAndReadAll(`DESCRIBE ${sql}`);
    return reader.getRowObjectsJson().map((row) => ({ name: row.column_name, type: row.column_type }));
  }

  /**
   * Runs `sql`; returns { columns: [{name, type, kind}], rows: [[string|null, ...], ...] }.
   * Row order is the query's (the outer projection keeps it). Throws DuckDB's error.
   */
  async query(sql) {
    sql = DuckDBOracle.dialect(sql);
    const columns = (await this.describe(sql)).map((column) => ({ ...column, kind: kindOf(column.type) }));
    if (columns.length === 0) return { columns, rows: [] };
    const names = new Set(columns.map((column) => column.name));
    if (names.size !== columns.length) {
      throw new Error(`result columns must have distinct names to be compared: ${columns.map((c) => c.name).join(', ')}`);
    }
    const projection = columns.map((column) => renderExpression(column.name, column.type)).join(', ');
    const reader = await this.connection.runAndReadAll(`SELECT ${projection} FROM (${sql}) AS q`);
    const rows = reader.getRows().map((row) => row.map((cell) => (cell === null ? null : String(cell))));
    return { columns, rows };
  }

  /** Runs a statement for its effect (SET, CREATE VIEW, ...). */
  async run(sql) {
    await this.connection.run(sql);
  }

  close() {
    this.connection.closeSync();
  }
}

// Generates the Parquet fixtures of this directory with DuckDB (npm install @duckdb/node-api;
// node generate_fixtures.js). src/catalog/project_table_source_test.cpp places them under
// projects/<id>/otel_logs_and_spans/ of an in-memory data directory; its expected values follow
// the SQL below.
import { DuckDBInstance } from '@duckdb/node-api';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const out = here + '/';
  await con.run(`SET TimeZone='UTC'`);
  const copy = (sql, name) => con.run(`COPY (${sql}) TO '${out}${name}' (FORMAT parquet)`);
  // No project_id column; duration BIGINT as declared; attributes as JSON text in a VARCHAR.
  await copy(`SELECT 'a' || i::VARCHAR AS id, TIMESTAMPTZ '2024-05-01 00:00:00+00' + INTERVAL (i) MINUTE AS timestamp,
                     CASE WHEN i = 2 THEN 'error' ELSE 'info' END AS level, 'acme log ' || i::VARCHAR AS body,
                     (i * 1000)::BIGINT AS duration, '{"n":' || i::VARCHAR || '}' AS attributes
              FROM range(1, 4) t(i)`, 'acme_logs.parquet');
  // Its own project_id (matching its directory), duration as INTEGER (read as BIGINT), no body,
  // a column the type does not declare, columns in another order.
  await copy(`SELECT 'x' AS extra, (i * 7)::INTEGER AS duration, 'acme' AS project_id, 'warn' AS level,
                     'a' || i::VARCHAR AS id, TIMESTAMPTZ '2024-05-02 00:00:00+00' + INTERVAL (i) MINUTE AS timestamp
              FROM range(4, 6) t(i)`, 'acme_spans.parquet');
  await copy(`SELECT 'globex' AS project_id, 'g' || i::VARCHAR AS id, TIMESTAMPTZ '2024-05-03 00:00:00+00' AS timestamp,
                     'debug' AS level, 'globex log ' || i::VARCHAR AS body
              FROM range(1, 3) t(i)`, 'globex_logs.parquet');
  // Broken files: rows of another project, a column of the wrong type, a NOT NULL column missing.
  await copy(`SELECT 'globex' AS project_id, 'w1' AS id, TIMESTAMPTZ '2024-05-04 00:00:00+00' AS timestamp`, 'other_project.parquet');
  await copy(`SELECT 'b1' AS id, TIMESTAMPTZ '2024-05-04 00:00:00+00' AS timestamp, 'slow' AS duration`, 'text_duration.parquet');
  await copy(`SELECT TIMESTAMPTZ '2024-05-04 00:00:00+00' AS timestamp, 'no id' AS body`, 'no_id.parquet');
})().catch(e => { console.error(e); process.exit(1); });

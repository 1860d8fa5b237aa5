// Generates the schema-evolution fixtures of this directory with DuckDB (node generate_fixtures.mjs):
// files of one table whose columns were added, dropped and widened over time, read by
// test/sql/files/schema_evolution.slt and test/sql/registry/schema_evolution.slt.
//   events/   three monthly files: `note` added in February, `kind` and `ratio` dropped in
//             March; id INTEGER -> BIGINT, amount DECIMAL(9,2) -> (12,3) -> (5,1), ratio FLOAT ->
//             DOUBLE
//   stats/    `v` INTEGER over three row groups, then BIGINT beyond INTEGER's range; `w` only in
//             the second file (row-group statistics after widening)
//   hive/     year=2023 and year=2024 partitions; year=2024 holds two files that differ (`extra`)
//   groups/   Hive partitions of one file each: k=1 (id, v), k=2 (v, id): the same columns in
//             another order, k=3 (id, v, w): one more column
//   bad/      `v` is VARCHAR in one file and BIGINT in the other (an incompatible change)
//   unsigned/ `u` is UTINYINT, then TINYINT (widens to SMALLINT)
//   case/     `Score` in one file, `score` in the next (one column: names fold like identifiers)
//   csv/      two CSV files, the second with an added column
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

await (async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const out = path.dirname(fileURLToPath(import.meta.url)) + '/';
  for (const dir of ['events', 'hive/year=2023', 'hive/year=2024', 'bad', 'unsigned', 'case', 'csv', 'stats', 'groups/k=1', 'groups/k=2', 'groups/k=3']) {
    fs.mkdirSync(out + dir, { recursive: true });
  }
  const copy = (sql, file, options = '') =>
    con.run(`COPY (${sql}) TO '${out}${file}' (FORMAT parquet${options ? ', ' + options : ''})`);
  // DuckDB infers the VALUES types; cast them to the intended ones.
  await copy(`SELECT id::INTEGER AS id, kind, amount::DECIMAL(9,2) AS amount, ratio::FLOAT AS ratio
              FROM (VALUES (1, 'click', 10.50, 0.5), (2, 'view', 20.25, 1.5), (3, 'click', NULL, 2.5)) t(id, kind, amount, ratio)`,
             'events/2024-01.parquet');
  await copy(`SELECT (i + 4)::BIGINT AS id, CASE WHEN i % 2 = 0 THEN 'view' ELSE 'buy' END AS kind,
                     (i * 1.125)::DECIMAL(12,3) AS amount, (i / 4.0)::DOUBLE AS ratio,
                     CASE WHEN i = 2 THEN NULL ELSE 'n' || i::VARCHAR END AS note
              FROM range(4) t(i)`, 'events/2024-02.parquet');
  await copy(`SELECT * FROM (VALUES (3000000000::BIGINT, 7.5::DECIMAL(5,1), 'late', 1::SMALLINT),
                                    (9::BIGINT, NULL::DECIMAL(5,1), NULL, 2::SMALLINT)) t(id, amount, note, tag)`,
             'events/2024-03.parquet');
  await copy(`SELECT i::INTEGER AS v FROM range(5000) t(i)`, 'stats/a.parquet', 'ROW_GROUP_SIZE 2048');
  await copy(`SELECT (3000000000 + i)::BIGINT AS v, i / 2.0 AS w FROM range(100) t(i)`, 'stats/b.parquet');
  await copy(`SELECT 1::INTEGER AS id, 10::INTEGER AS v UNION ALL SELECT 2, 20`, 'hive/year=2023/part-0.parquet');
  await copy(`SELECT 3::BIGINT AS id, 30::INTEGER AS v, 'x' AS extra`, 'hive/year=2024/part-0.parquet');
  await copy(`SELECT 4::INTEGER AS id, 40::INTEGER AS v`, 'hive/year=2024/part-1.parquet');
  await copy(`SELECT 1::INTEGER AS id, 10::INTEGER AS v`, 'groups/k=1/a.parquet');
  await copy(`SELECT 20::INTEGER AS v, 2::INTEGER AS id`, 'groups/k=2/b.parquet');
  await copy(`SELECT 3::INTEGER AS id, 30::INTEGER AS v, 'w3' AS w`, 'groups/k=3/c.parquet');
  await copy(`SELECT 1::INTEGER AS id, 'one' AS v`, 'bad/a.parquet');
  await copy(`SELECT 2::INTEGER AS id, 2::BIGINT AS v`, 'bad/b.parquet');
  await copy(`SELECT 200::UTINYINT AS u`, 'unsigned/a.parquet');
  await copy(`SELECT (-100)::TINYINT AS u`, 'unsigned/b.parquet');
  await copy(`SELECT 1::INTEGER AS id, 5::INTEGER AS "Score"`, 'case/a.parquet');
  await copy(`SELECT 2::INTEGER AS id, 6::INTEGER AS score`, 'case/b.parquet');
  fs.writeFileSync(out + 'csv/a.csv', 'id,name\n1,ann\n2,bob\n');
  fs.writeFileSync(out + 'csv/b.csv', 'id,score,name\n3,7,cy\n');
})();

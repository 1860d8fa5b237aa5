// schema_evolution.mjs: differential checks of schema evolution — files of one table that
// gained, lost, reordered and widened columns, written by DuckDB, read by both engines with
// read_parquet(glob, union_by_name = true) and compared cell by cell.
//
// The files (OUT_DIR/evolving, 20,000 rows each, row groups of 4,096 rows):
//   v1.parquet  id INTEGER, amount DECIMAL(9,2), score FLOAT, kind VARCHAR, small TINYINT,
//               code UTINYINT
//   v2.parquet  id BIGINT (past INTEGER's range), amount DECIMAL(12,4), score DOUBLE, kind,
//               note VARCHAR (added), small INTEGER, code TINYINT
//   v3.parquet  columns reordered; kind and score dropped, flag BOOLEAN added, amount
//               DECIMAL(18,1), small BIGINT
// and the same three in Hive directories (OUT_DIR/evolving_hive/version=N/data.parquet).
// DuckDB widens these types as Cairn does (BIGINT, DECIMAL(21,4), DOUBLE, SMALLINT); where the
// rules differ (DuckDB also unites e.g. VARCHAR with BIGINT as VARCHAR, where Cairn raises
// 42804) no check is made here: test/sql/files/schema_evolution.slt covers Cairn's error.
//
// A check is { file, name, sql, unordered? } as in checks.mjs.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

const kRows = 20000;
const kVersions = {
  v1: `SELECT i::INTEGER AS id, ((i % 20000) * 1.25 - 7000)::DECIMAL(9,2) AS amount,
              CASE WHEN i % 9 = 0 THEN NULL ELSE ((i * 7) % 1000 / 1000.0)::FLOAT END AS score,
              'k' || (i % 13)::VARCHAR AS kind, (i % 200 - 100)::TINYINT AS small, (i % 256)::UTINYINT AS code
       FROM range(${kRows}) t(i)`,
  v2: `SELECT CASE WHEN i % 5 = 0 THEN 3000000000 + i ELSE ${kRows} + i END::BIGINT AS id,
              (i * 0.0625 - 300)::DECIMAL(12,4) AS amount, (i % 997) / 997.0 AS score,
              CASE WHEN i % 4 = 0 THEN NULL ELSE 'k' || (i % 17)::VARCHAR END AS kind,
              CASE WHEN i % 3 = 0 THEN NULL ELSE 'note ' || (i % 50)::VARCHAR END AS note,
              (i * 1000 - 5000000)::INTEGER AS small, (i % 256 - 128)::TINYINT AS code
       FROM range(${kRows}) t(i)`,
  v3: `SELECT (i % 100)::TINYINT AS code, i % 2 = 0 AS flag, (${2 * kRows} + i)::BIGINT AS id,
              CASE WHEN i % 7 = 0 THEN NULL ELSE 'late ' || (i % 11)::VARCHAR END AS note,
              (i::BIGINT * 5000000000)::BIGINT AS small, (i * 1000000.5 - 123)::DECIMAL(18,1) AS amount
       FROM range(${kRows}) t(i)`,
};

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/** Writes the evolving files under `outDir` unless they are current (a stamp of this file). */
export async function generateEvolving(outDir, { log = console.log } = {}) {
  const stamp = createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).digest('hex');
  const stampFile = path.join(outDir, 'evolving.stamp');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return;
  log(`generating schema-evolution files in ${outDir}`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const dir of ['evolving', 'evolving_hive']) rmSync(path.join(outDir, dir), { recursive: true, force: true });
  for (const [version, sql] of Object.entries(kVersions)) {
    const flat = path.join(outDir, 'evolving', `${version}.parquet`);
    const hiveDir = path.join(outDir, 'evolving_hive', `version=${version}`);
    mkdirSync(path.dirname(flat), { recursive: true });
    mkdirSync(hiveDir, { recursive: true });
    for (const target of [flat, path.join(hiveDir, 'data.parquet')]) {
      await connection.run(`COPY (${sql}) TO ${quote(target)} (FORMAT parquet, ROW_GROUP_SIZE 4096)`);
    }
  }
  connection.closeSync();
  writeFileSync(stampFile, stamp);
}

/** The differential checks over the files generateEvolving wrote under `outDir`. */
export function evolutionChecks(outDir) {
  const flat = `read_parquet(${quote(path.join(outDir, 'evolving', '*.parquet'))}, union_by_name = true)`;
  const hive = `read_parquet(${quote(path.join(outDir, 'evolving_hive', '*', '*.parquet'))}, union_by_name = true)`;
  const checks = [];
  const add = (file, name, sql, options = {}) => checks.push({ file, name, sql, ...options });
  for (const [file, src] of [['evolving/*.parquet', flat], ['evolving_hive/*/*.parquet', hive]]) {
    add(file, 'count(*)', `SELECT count(*) AS n FROM ${src}`);
    add(file, 'united types', `SELECT typeof(id) AS id, typeof(amount) AS amount, typeof(score) AS score,
                                      typeof(kind) AS kind, typeof(small) AS small, typeof(code) AS code,
                                      typeof(note) AS note, typeof(flag) AS flag FROM ${src} LIMIT 1`);
    for (const column of ['id', 'amount', 'small', 'code']) {
      add(file, `aggregates of ${column}`, `SELECT count(${column}) AS non_null, min(${column}) AS low,
                                                   max(${column}) AS high, sum(${column}) AS total FROM ${src}`);
    }
    add(file, 'aggregates of score', `SELECT count(score) AS non_null, min(score) AS low, max(score) AS high FROM ${src}`);
    for (const column of ['kind', 'note']) {
      add(file, `aggregates of ${column}`, `SELECT count(${column}) AS non_null, min(${column}) AS low, max(${column}) AS high,
                                                   count(DISTINCT ${column}) AS distinct_values FROM ${src}`);
    }
    add(file, 'aggregates of flag', `SELECT count(flag) AS non_null, sum(CASE WHEN flag THEN 1 ELSE 0 END) AS trues FROM ${src}`);
    // Filters on columns some files lack, and on widened columns (pushed to row-group statistics).
    add(file, 'note IS NULL', `SELECT count(*) AS n, min(id) AS low, max(id) AS high FROM ${src} WHERE note IS NULL`);
    add(file, 'note = constant', `SELECT count(*) AS n, min(id) AS low FROM ${src} WHERE note = 'note 7'`);
    add(file, 'kind IS NOT NULL', `SELECT count(*) AS n FROM ${src} WHERE kind IS NOT NULL`);
    add(file, 'flag', `SELECT count(*) AS n FROM ${src} WHERE flag`);
    add(file, 'id beyond INTEGER', `SELECT count(*) AS n, min(id) AS low FROM ${src} WHERE id > 2147483647`);
    add(file, 'id range', `SELECT count(*) AS n, sum(id) AS total FROM ${src} WHERE id >= 10000 AND id < 25000`);
    add(file, 'id equal', `SELECT id, amount, small, code, note FROM ${src} WHERE id = 12345 OR id = 3000000005 ORDER BY id`);
    add(file, 'amount range', `SELECT count(*) AS n, min(amount) AS low FROM ${src} WHERE amount BETWEEN -10 AND 10.5`);
    add(file, 'amount equal', `SELECT count(*) AS n FROM ${src} WHERE amount = 1.25`);
    add(file, 'small beyond INTEGER', `SELECT count(*) AS n FROM ${src} WHERE small > 3000000000`);
    add(file, 'code negative', `SELECT count(*) AS n, min(code) AS low FROM ${src} WHERE code < 0`);
    add(file, 'score above', `SELECT count(*) AS n FROM ${src} WHERE score > 0.5`);
    add(file, 'group by kind', `SELECT kind, count(*) AS n, sum(amount) AS total FROM ${src} GROUP BY kind ORDER BY kind NULLS FIRST`);
    add(file, 'rows across files', `SELECT id, amount, score, kind, small, code, note, flag FROM ${src}
                                    WHERE id % 997 = 0 ORDER BY id`);
  }
  add('evolving_hive/*/*.parquet', 'partition key last', `SELECT version, count(*) AS n, count(note) AS notes, count(kind) AS kinds
                                                          FROM ${hive} GROUP BY version ORDER BY version`);
  add('evolving_hive/*/*.parquet', 'partition filter', `SELECT count(*) AS n, min(id) AS low FROM ${hive}
                                                        WHERE version = 'v3' AND note IS NULL`);
  return checks;
}

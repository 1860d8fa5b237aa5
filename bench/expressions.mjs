// expressions.mjs: expression-level optimizations against DuckDB, in the same run — IN lists of
// constants (hash-set probes), plans that are empty without scanning (LIMIT 0, contradictions),
// and constant folding (TPC-H Q1's `date '1998-12-01' - interval '90' day`).
//
// Queries are generated here (IN lists of 4 .. 10,000 terms over generate_series of 1 M and
// 10 M rows) plus queries over flights-3m.parquet (vega-datasets, 3 M rows written by Polars).
// Cairn runs in-process through cairn_bench, DuckDB in-process through @duckdb/node-api, both
// at --threads (default 2); each query runs once to warm up, then the median of --repetitions
// (default 3) is reported. --baseline BINARY also times another cairn_bench (an older build) on
// the same queries, for before/after figures.
//
// Usage: node bench/expressions.mjs [--build-dir DIR] [--repetitions N] [--threads T]
//        [--baseline PATH/TO/cairn_bench] [--only PREFIX[,PREFIX]]
// (--only: the queries whose names start with one of the prefixes)
// Prints a Markdown table (no file is written: results go to bench/results/ by hand, with notes).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { machineDescription, median } from './machine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArguments(argv) {
  const options = { buildDir: 'build', repetitions: 3, threads: 2, baseline: null, only: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--threads') options.threads = Number(argv[++i]);
    else if (argv[i] === '--baseline') options.baseline = path.resolve(argv[++i]);
    else if (argv[i] === '--only') options.only = argv[++i];
    else {
      console.error('usage: node bench/expressions.mjs [--build-dir DIR] [--repetitions N] [--threads T] [--baseline BINARY] [--only PREFIX]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** `terms` integers: every third one from 1 (a narrow range: Cairn tests a bitmap), or with
 *  `stride` 1000003 spread over billions (Cairn probes its hash table). */
function inList(terms, stride = 3) {
  return Array.from({ length: terms }, (_, i) => stride * i + 1).join(', ');
}

function buildQueries() {
  const queries = [];
  for (const rows of [1_000_000, 10_000_000]) {
    const label = `${rows / 1_000_000}m`;
    for (const terms of rows === 1_000_000 ? [10_000] : [2, 4, 16, 100, 10_000]) {
      queries.push({ name: `in_${terms}_${label}`,
                     sql: `SELECT count(*) FROM generate_series(1, ${rows}) AS t(x) WHERE x IN (${inList(terms)})` });
    }
    for (const terms of rows === 1_000_000 ? [10_000] : [4, 16, 10_000]) {
      queries.push({ name: `in_wide_${terms}_${label}`,
                     sql: `SELECT count(*) FROM generate_series(1, ${rows}) AS t(x) WHERE x::bigint IN (${inList(terms, 1000003)})` });
    }
    queries.push({ name: `in_float_16_${label}`,
                   sql: `SELECT count(*) FROM generate_series(1, ${rows}) AS t(x) WHERE x::float8 IN (${inList(16)})` });
    queries.push({ name: `not_in_10000_${label}`,
                   sql: `SELECT count(*) FROM generate_series(1, ${rows}) AS t(x) WHERE x NOT IN (${inList(10_000)})` });
  }
  queries.push({ name: 'in_text_1000_flights',
                 sql: `SELECT count(*) FROM flights WHERE origin IN (${Array.from({ length: 1000 }, (_, i) => `'A${i}'`).join(', ')}, 'SEA', 'LAX')` });
  queries.push({ name: 'limit_0_flights', sql: 'SELECT * FROM flights LIMIT 0' });
  queries.push({ name: 'where_false_flights', sql: 'SELECT origin, count(*) FROM flights WHERE false GROUP BY origin' });
  queries.push({ name: 'where_1_eq_0_join', sql: 'SELECT count(*) FROM flights f JOIN flights g ON f.origin = g.destination WHERE 1 = 0' });
  queries.push({ name: 'folded_date_filter',
                 sql: "SELECT count(*) FROM flights WHERE date <= timestamp '2001-03-01' - interval '30' day" });
  queries.push({ name: 'folded_arithmetic_filter', sql: 'SELECT count(*) FROM flights WHERE delay > 2 * 3 + 4 - 1' });
  return queries;
}

async function timeDuckDB(queries, flights, threads, repetitions) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  await connection.run(`CREATE VIEW flights AS SELECT * FROM read_parquet('${flights}')`);
  const results = {};
  for (const query of queries) {
    const times = [];
    let answer = null;
    for (let i = 0; i <= repetitions; i++) {
      const started = performance.now();
      const reader = await connection.runAndReadAll(query.sql);
      if (i > 0) times.push(performance.now() - started);
      answer = JSON.stringify(reader.getRows().slice(0, 5).map((row) => row.map(String)));
    }
    results[query.name] = { median_ms: median(times), answer };
    process.stderr.write(`duckdb: ${query.name} ${median(times).toFixed(1)} ms\n`);
  }
  connection.closeSync();
  return results;
}

function timeCairn(binary, dataDir, queryFile, threads, repetitions, label) {
  const run = spawnSync(binary, ['--data-dir', dataDir, '--query-file', queryFile, '--repetitions', String(repetitions),
                                 '--threads', String(threads)],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`${binary} exited with ${run.status ?? run.signal}`);
  const results = {};
  for (const entry of JSON.parse(run.stdout).queries) {
    results[entry.name] = entry;
    process.stderr.write(`${label}: ${entry.name} ${entry.error ? 'error: ' + entry.error : entry.median_ms.toFixed(1) + ' ms'}\n`);
  }
  return results;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const flights = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
  const dataDir = path.join(options.buildDir, 'bench-data', 'expressions');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'table_mappings.json'), JSON.stringify({ tables: [{ table_name: 'flights', file_path: flights }] }, null, 2));
  const prefixes = options.only.split(',');
  const queries = buildQueries().filter((query) => prefixes.some((prefix) => query.name.startsWith(prefix)));
  const queryFile = path.join(dataDir, 'queries.sql');
  writeFileSync(queryFile, queries.map((query) => `-- name: ${query.name}\n${query.sql};\n`).join('\n'));

  const duckdb = await timeDuckDB(queries, flights, options.threads, options.repetitions);
  const cairn = timeCairn(path.join(options.buildDir, 'cairn_bench'), dataDir, queryFile, options.threads, options.repetitions, 'cairn');
  const baseline = options.baseline
    ? timeCairn(options.baseline, dataDir, queryFile, options.threads, options.repetitions, 'baseline') : null;

  const machine = machineDescription(root);
  console.log(`machine: ${machine.cores} cores, ${machine.cpu}; commit ${machine.commit}; threads ${options.threads}; ` +
              `median of ${options.repetitions} after a warm-up`);
  const header = ['query', ...(baseline ? ['cairn before ms'] : []), 'cairn ms', 'duckdb ms', 'cairn / duckdb'];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  const format = (entry) => (entry == null ? 'n/a' : entry.error ? 'error' : entry.median_ms.toFixed(1));
  for (const query of queries) {
    const c = cairn[query.name];
    const d = duckdb[query.name];
    const ratio = c && !c.error ? `${(c.median_ms / d.median_ms).toFixed(2)}x` : 'n/a';
    console.log(`| ${[query.name, ...(baseline ? [format(baseline[query.name])] : []), format(c), format(d), ratio].join(' | ')} |`);
  }
}

await main();

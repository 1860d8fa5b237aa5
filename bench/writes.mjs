// writes.mjs: benchmarks writable tables next to SQLite and DuckDB, in the same run on the same
// machine, and records the figures in bench/results/<date>-writes.md.
//
//   1. single-row autocommit INSERTs: the same script of N `INSERT INTO t VALUES (...)`
//      statements through `cairn DIR --writable -f` (WAL fsync per commit) and through the
//      `sqlite3` shell (journal_mode=WAL, synchronous=FULL: an fsync per commit too);
//      inserts per second.
//   2. bulk load: `CREATE TABLE t AS SELECT * FROM read_parquet('flights-3m.parquet')` (3 M rows)
//      in Cairn (durable in the WAL when it returns; then CHECKPOINT writes Parquet) and in
//      DuckDB (a database file, then CHECKPOINT); rows per second.
//   3. `COPY flights TO 'x.parquet'` in both (Cairn from the managed table, DuckDB from its
//      table); rows per second.
//   4. query speed on the managed table versus the same rows as a registered file (Cairn, the
//      queries of bench/flights_queries.sql that read only `flights`), medians of 3.
//
// Usage: node bench/writes.mjs [--build-dir DIR] [--inserts N] [--no-record]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { machineDescription } from './machine.mjs';
import { readQueries } from './query_file.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArguments(argv) {
  const options = { buildDir: 'build', inserts: 2000, record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--inserts') options.inserts = Math.max(10, Number(argv[++i]));
    else if (argv[i] === '--no-record') options.record = false;
    else {
      console.error('usage: node bench/writes.mjs [--build-dir DIR] [--inserts N] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** Runs a command, returns seconds of wall time; throws with its output on failure. */
function timed(command, args, input) {
  const started = performance.now();
  const run = spawnSync(command, args, { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0 || /Error/.test(run.stderr ?? '')) {
    throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  }
  return seconds;
}

/** Seconds the statement itself took in `cairn DIR --writable` (the shell's .timer). */
function timedStatement(command, dir, sql) {
  const run = spawnSync(command, [dir, '--writable', '-c', '.timer on', '-c', sql], { encoding: 'utf8' });
  const match = /Run Time: ([0-9.]+) s/.exec(run.stdout + run.stderr);
  if (run.status !== 0 || !match) throw new Error(`${sql} failed: ${run.stderr}`);
  return Number(match[1]);
}

async function duckTimed(connection, sql) {
  const started = performance.now();
  await connection.run(sql);
  return (performance.now() - started) / 1000;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const cairn = path.join(options.buildDir, 'cairn');
  const flights = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
  const work = mkdtempSync(path.join(os.tmpdir(), 'cairn-writes-bench-'));
  const figures = {};
  try {
    // 1. single-row autocommit INSERTs
    const n = options.inserts;
    const rows = [];
    for (let i = 0; i < n; i++) rows.push(`INSERT INTO t VALUES (${i}, 'name ${i}', ${i * 1.5});`);
    const script = rows.join('\n') + '\n';
    const cairnDir = path.join(work, 'inserts');
    mkdirSync(cairnDir);
    timed(cairn, [cairnDir, '--writable', '-c', 'CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE PRECISION)']);
    writeFileSync(path.join(work, 'inserts.sql'), script);
    const cairnInsert = timed(cairn, [cairnDir, '--writable', '-f', path.join(work, 'inserts.sql')]);
    const sqliteDb = path.join(work, 'inserts.sqlite');
    timed('sqlite3', [sqliteDb], 'PRAGMA journal_mode=WAL;\nCREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT, score DOUBLE PRECISION);\n');
    const sqliteInsert = timed('sqlite3', [sqliteDb], 'PRAGMA journal_mode=WAL;\nPRAGMA synchronous=FULL;\n' + script);
    figures.inserts = { n, cairn_per_s: n / cairnInsert, sqlite_per_s: n / sqliteInsert };
    process.stderr.write(`inserts: cairn ${figures.inserts.cairn_per_s.toFixed(0)}/s, sqlite ${figures.inserts.sqlite_per_s.toFixed(0)}/s\n`);

    // 2. bulk load of 3 M rows, 3. COPY TO
    const loadDir = path.join(work, 'load');
    mkdirSync(loadDir);
    copyFileSync(flights, path.join(loadDir, 'flights-3m.parquet'));
    // The shell's process ends with a clean close, which checkpoints: its time is the load plus
    // writing the Parquet files; the load alone (durable in the WAL) runs with a statement
    // after it that holds the process open only as long as it takes.
    const probeDir = path.join(work, 'probe');
    mkdirSync(probeDir);
    copyFileSync(flights, path.join(probeDir, 'flights-3m.parquet'));
    const cairnLoadOnly = timedStatement(cairn, probeDir,
      "CREATE TABLE flights AS SELECT * FROM read_parquet('flights-3m.parquet')");
    const cairnCtas = timed(cairn, [loadDir, '--writable', '-c',
      "CREATE TABLE flights AS SELECT * FROM read_parquet('flights-3m.parquet')"]);
    const cairnCheckpoint = Math.max(0, cairnCtas - cairnLoadOnly);
    const cairnCopy = timed(cairn, [loadDir, '-c', `COPY flights TO '${path.join(work, 'cairn-out.parquet')}' (FORMAT parquet)`]);
    const duck = await DuckDBInstance.create(path.join(work, 'duck.db'));
    const connection = await duck.connect();
    const duckCtas = await duckTimed(connection, `CREATE TABLE flights AS SELECT * FROM read_parquet('${flights}')`);
    const duckCheckpoint = await duckTimed(connection, 'CHECKPOINT');
    const duckCopy = await duckTimed(connection, `COPY flights TO '${path.join(work, 'duck-out.parquet')}' (FORMAT parquet)`);
    const rowsLoaded = 3_000_000;
    figures.load = {
      cairn_ctas_s: cairnCtas, cairn_checkpoint_s: cairnCheckpoint, duck_ctas_s: duckCtas, duck_checkpoint_s: duckCheckpoint,
      cairn_copy_s: cairnCopy, duck_copy_s: duckCopy, rows: rowsLoaded,
    };
    process.stderr.write(`load: cairn ${cairnCtas.toFixed(2)} s + checkpoint ${cairnCheckpoint.toFixed(2)} s, duckdb ${duckCtas.toFixed(2)} s + ${duckCheckpoint.toFixed(2)} s\n`);

    // 4. the managed table versus the same rows as a registered file
    const queries = readQueries(path.join(here, 'flights_queries.sql')).filter((q) => !/airports/.test(q.sql));
    const fileDir = path.join(work, 'file');
    mkdirSync(fileDir);
    copyFileSync(flights, path.join(fileDir, 'flights-3m.parquet'));
    writeFileSync(path.join(fileDir, 'table_mappings.json'), JSON.stringify({
      tables: [{ table_name: 'flights', file_path: path.join(fileDir, 'flights-3m.parquet') }],
    }));
    const queryFile = path.join(work, 'queries.sql');
    writeFileSync(queryFile, queries.map((q) => `-- name: ${q.name}\n${q.sql.trim().replace(/;$/, '')};\n`).join('\n'));
    const bench = path.join(options.buildDir, 'cairn_bench');
    const runBench = (dir) => {
      const run = spawnSync(bench, ['--data-dir', dir, '--query-file', queryFile, '--repetitions', '3'], { encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`cairn_bench on ${dir}: ${run.stderr}`);
      return JSON.parse(run.stdout).queries;
    };
    const managed = runBench(loadDir);
    const file = runBench(fileDir);
    figures.queries = managed.map((q, i) => ({ name: q.name, managed_ms: q.median_ms, file_ms: file[i].median_ms }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }

  const machine = machineDescription(root);
  const date = new Date().toISOString().slice(0, 10);
  const f = figures;
  const ratio = (a, b) => (a / b).toFixed(2);
  const lines = [
    `# Writable tables: write and read speed (${date})`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB; commit ${machine.commit}.`,
    'Recorded by `node bench/writes.mjs` (part of `make bench`); one run, so read the ratios. Durability on both',
    'sides: Cairn fsyncs its WAL per commit; SQLite runs journal_mode=WAL, synchronous=FULL; DuckDB writes a',
    'database file and CHECKPOINTs.',
    '',
    '## Single-row autocommit INSERTs',
    '',
    '| rows | Cairn (inserts/s) | SQLite (inserts/s) | Cairn / SQLite |',
    '|---|---|---|---|',
    `| ${f.inserts.n} | ${f.inserts.cairn_per_s.toFixed(0)} | ${f.inserts.sqlite_per_s.toFixed(0)} | ${ratio(f.inserts.cairn_per_s, f.inserts.sqlite_per_s)} |`,
    '',
    'Both read the same script of INSERT statements through their shells (`cairn -f`, `sqlite3`).',
    '',
    '## Bulk load and COPY TO (flights-3m.parquet, 3,000,000 rows)',
    '',
    '| step | Cairn | DuckDB | Cairn time / DuckDB time |',
    '|---|---|---|---|',
    `| CREATE TABLE AS SELECT, then CHECKPOINT (Cairn: the shell's clean close) | ${f.load.cairn_ctas_s.toFixed(2)} s (${(f.load.rows / f.load.cairn_ctas_s / 1e6).toFixed(2)} M rows/s) | ${(f.load.duck_ctas_s + f.load.duck_checkpoint_s).toFixed(2)} s (${(f.load.rows / (f.load.duck_ctas_s + f.load.duck_checkpoint_s) / 1e6).toFixed(2)} M rows/s) | ${ratio(f.load.cairn_ctas_s, f.load.duck_ctas_s + f.load.duck_checkpoint_s)} |`,
    `| of which CREATE TABLE AS SELECT (durable on return) | ${(f.load.cairn_ctas_s - f.load.cairn_checkpoint_s).toFixed(2)} s | ${f.load.duck_ctas_s.toFixed(2)} s | ${ratio(f.load.cairn_ctas_s - f.load.cairn_checkpoint_s, f.load.duck_ctas_s)} |`,
    `| of which CHECKPOINT | ${f.load.cairn_checkpoint_s.toFixed(2)} s | ${f.load.duck_checkpoint_s.toFixed(2)} s | ${ratio(f.load.cairn_checkpoint_s, f.load.duck_checkpoint_s)} |`,
    `| COPY flights TO parquet | ${f.load.cairn_copy_s.toFixed(2)} s (${(f.load.rows / f.load.cairn_copy_s / 1e6).toFixed(2)} M rows/s) | ${f.load.duck_copy_s.toFixed(2)} s (${(f.load.rows / f.load.duck_copy_s / 1e6).toFixed(2)} M rows/s) | ${ratio(f.load.cairn_copy_s, f.load.duck_copy_s)} |`,
    '',
    'Cairn times are whole `cairn` processes (startup included, ~30 ms) except the CREATE TABLE AS line',
    '(the statement alone, in a separate directory); DuckDB runs in-process. The managed table was written',
    "by Cairn's Parquet writer (snappy, dictionary, 122,880-row groups); the registered file is the",
    'Polars-written original (zstd), so per-query differences include the two files\' encodings.',
    '',
    '## Queries: managed table versus the same rows as a registered file (Cairn)',
    '',
    '| query | managed table (ms) | registered file (ms) | managed / file |',
    '|---|---|---|---|',
    ...f.queries.map((q) => `| ${q.name} | ${q.managed_ms.toFixed(1)} | ${q.file_ms.toFixed(1)} | ${ratio(q.managed_ms, q.file_ms)} |`),
    '',
  ];
  const text = lines.join('\n');
  console.log(text);
  if (options.record) {
    const out = path.join(root, 'bench', 'results', `${date}-writes.md`);
    writeFileSync(out, text);
    console.log(`recorded ${path.relative(root, out)}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

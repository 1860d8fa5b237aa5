// scan_filters.mjs: filters evaluated in the Parquet scan, page skipping and the top-N cut-off
// (docs/design/scan-filters.md) — Cairn before (SET disabled_optimizers = 'scan_filters,
// top_n_cutoff': filters only prune row groups, TOP_N ranks every row) and after (the default),
// next to DuckDB, in the same run on the same files:
//   - TPC-H Q6, Q12, Q14, Q19 on `cairn generate tpch` data (DIR/bench-data/tpch-sf<N>, made on
//     first use, as bench/tpch.mjs does);
//   - selective filters and a top-N over vega-datasets' flights-3m.parquet;
//   - top-N over flights x10 (30 M rows, DIR/bench-data/flights_x10.parquet, made by DuckDB as
//     bench/breakers.mjs makes it).
// Cairn runs through bench/cairn_bench, DuckDB in-process through @duckdb/node-api over views
// of read_parquet, both with all cores: a warm-up, then --repetitions timed runs, median.
//
// Usage: node bench/scan_filters.mjs [--build-dir DIR] [--sf 1] [--repetitions N] [--no-record]
// Writes bench/results/<YYYY-MM-DD>-scan-late-materialization.md unless --no-record.
import { DuckDBInstance } from '@duckdb/node-api';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const kOff = "SET disabled_optimizers = 'scan_filters,top_n_cutoff'; ";
const kOn = 'RESET disabled_optimizers; ';

function parseArguments(argv) {
  const options = { buildDir: 'build', sf: 1, repetitions: 5, record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--sf') options.sf = Number(argv[++i]);
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--no-record') options.record = false;
    else {
      console.error('usage: node bench/scan_filters.mjs [--build-dir DIR] [--sf N] [--repetitions N] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/** One Cairn process over `dataDir` timing every query twice: before and after. */
function timeCairn(bench, dataDir, queries, repetitions, scratch, label) {
  const file = path.join(scratch, `${label}.sql`);
  writeFileSync(file, queries.map((q) => `-- name: ${q.name}__off\n${kOff}${q.sql};\n\n-- name: ${q.name}__on\n${kOn}${q.sql};\n`).join('\n'));
  const run = spawnSync(bench, ['--data-dir', dataDir, '--query-file', file, '--repetitions', String(repetitions)],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`cairn_bench exited with ${run.status ?? run.signal}`);
  const result = {};
  for (const q of JSON.parse(run.stdout).queries) result[q.name] = q;
  return result;
}

async function timeDuckDB(views, queries, repetitions) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  for (const [name, source] of Object.entries(views)) await connection.run(`CREATE VIEW ${name} AS SELECT * FROM ${source}`);
  const result = {};
  for (const query of queries) {
    const times = [];
    let rows = 0;
    for (let i = 0; i <= repetitions; i++) {
      const started = performance.now();
      const answer = await connection.run(query.sql);  // materialized inside DuckDB
      rows = Number(answer.rowCount);
      if (i > 0) times.push(performance.now() - started);
    }
    result[query.name] = { median_ms: median(times), rows };
    process.stderr.write(`duckdb: ${query.name} ${median(times).toFixed(0)} ms\n`);
  }
  connection.closeSync();
  return result;
}

/** DuckDB views over the tables of a Cairn data directory (its table_mappings.json). */
function viewsOf(dataDir) {
  const views = {};
  const mappings = JSON.parse(readFileSync(path.join(dataDir, 'table_mappings.json'), 'utf8'));
  for (const table of mappings.tables) {
    const files = table.partitions ?? [table.file_path];
    views[table.table_name] = `read_parquet([${files.map((f) => `'${path.join(dataDir, f)}'`).join(', ')}])`;
  }
  return views;
}

async function makeFlightsX10(file) {
  if (existsSync(file)) return;
  const flights = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
  process.stderr.write(`generating ${path.relative(root, file)} (10 x flights-3m, unique id)...\n`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (
      SELECT r.range * 3000000 + f.rn AS id, f.date, f.delay, f.distance, f.origin, f.destination
      FROM (SELECT row_number() OVER () - 1 AS rn, * FROM read_parquet('${flights}')) AS f, range(10) AS r
      ORDER BY r.range, f.rn)
    TO '${file}.tmp' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  renameSync(`${file}.tmp`, file);
}

const kFlightsQueries = [
  { name: 'count_selective_filter', sql: "SELECT count(*) FROM flights WHERE delay > 300 AND origin = 'ORD'" },
  { name: 'filter_group_by', sql: 'SELECT origin, count(*) AS n, max(delay) AS worst FROM flights WHERE distance > 1000 AND delay > 60 GROUP BY origin ORDER BY n DESC, origin LIMIT 10' },
  { name: 'route_rows', sql: "SELECT date, delay, distance FROM flights WHERE origin = 'SFO' AND destination = 'JFK'" },
  { name: 'date_range_sum', sql: "SELECT count(*), sum(delay), sum(distance) FROM flights WHERE date >= TIMESTAMP '2001-03-01 00:00:00' AND date < TIMESTAMP '2001-03-08 00:00:00'" },
  { name: 'top_n_delay', sql: 'SELECT date, origin, destination, delay FROM flights ORDER BY delay DESC, date, origin, destination LIMIT 10' },
];

const kX10Queries = [
  { name: 'x10_top_delay', sql: 'SELECT * FROM flights_x10 ORDER BY delay DESC, id LIMIT 10' },
  { name: 'x10_top_distance', sql: 'SELECT id, origin, destination, distance FROM flights_x10 ORDER BY distance, id LIMIT 100' },
  { name: 'x10_latest', sql: 'SELECT * FROM flights_x10 ORDER BY date DESC, id LIMIT 20' },
  { name: 'x10_last_ids', sql: 'SELECT * FROM flights_x10 ORDER BY id DESC LIMIT 10' },
];

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const bench = path.join(options.buildDir, 'cairn_bench');
  const cairn = path.join(options.buildDir, 'cairn');
  for (const binary of [bench, cairn]) if (!existsSync(binary)) throw new Error(`${binary} is not built`);
  const dataRoot = path.join(options.buildDir, 'bench-data');
  mkdirSync(dataRoot, { recursive: true });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cairn-scan-bench-'));
  const sections = [];
  try {
    // TPC-H.
    const tpchDir = path.join(dataRoot, `tpch-sf${String(options.sf).replace('.', '_')}`);
    if (!existsSync(path.join(tpchDir, 'table_mappings.json'))) {
      const run = spawnSync(cairn, ['generate', 'tpch', '--sf', String(options.sf), '--out', tpchDir], { stdio: 'inherit' });
      if (run.status !== 0) throw new Error('cairn generate tpch failed');
    }
    const tpch = ['q06', 'q12', 'q14', 'q19'].map((name) => ({
      name, sql: readFileSync(path.join(here, 'tpch', `${name}.sql`), 'utf8').trim().replace(/;$/, '') }));
    sections.push({ title: `TPC-H SF ${options.sf}`, queries: tpch,
                    cairn: timeCairn(bench, tpchDir, tpch, options.repetitions, scratch, 'tpch'),
                    duckdb: await timeDuckDB(viewsOf(tpchDir), tpch, options.repetitions) });
    // flights-3m.
    const flights = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
    const flightsDir = path.join(scratch, 'flights');
    mkdirSync(flightsDir);
    writeFileSync(path.join(flightsDir, 'table_mappings.json'),
                  JSON.stringify({ tables: [{ table_name: 'flights', file_path: flights }] }));
    sections.push({ title: 'flights-3m', queries: kFlightsQueries,
                    cairn: timeCairn(bench, flightsDir, kFlightsQueries, options.repetitions, scratch, 'flights'),
                    duckdb: await timeDuckDB({ flights: `read_parquet('${flights}')` }, kFlightsQueries, options.repetitions) });
    // flights x10.
    const x10 = path.join(dataRoot, 'flights_x10.parquet');
    await makeFlightsX10(x10);
    const x10Dir = path.join(scratch, 'x10');
    mkdirSync(x10Dir);
    writeFileSync(path.join(x10Dir, 'table_mappings.json'),
                  JSON.stringify({ tables: [{ table_name: 'flights_x10', file_path: x10 }] }));
    sections.push({ title: 'flights x10 (30 M rows), top-N', queries: kX10Queries,
                    cairn: timeCairn(bench, x10Dir, kX10Queries, options.repetitions, scratch, 'x10'),
                    duckdb: await timeDuckDB({ flights_x10: `read_parquet('${x10}')` }, kX10Queries, options.repetitions) });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const lines = [];
  for (const section of sections) {
    lines.push(`### ${section.title}`, '',
               '| query | cairn before ms | cairn after ms | after vs before | duckdb ms | after / duckdb | rows |',
               '| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
    for (const q of section.queries) {
      const before = section.cairn[`${q.name}__off`];
      const after = section.cairn[`${q.name}__on`];
      const duck = section.duckdb[q.name];
      const fmt = (r) => (r && !r.error ? r.median_ms.toFixed(0) : `error: ${r?.error ?? 'missing'}`);
      const ok = before && after && !before.error && !after.error;
      const speedup = ok ? `${(before.median_ms / after.median_ms).toFixed(2)}x` : '';
      const vsDuck = ok && duck ? `${(after.median_ms / duck.median_ms).toFixed(2)}x` : '';
      const rows = ok && before.rows !== after.rows ? `${before.rows} vs ${after.rows} (MISMATCH)` : String(after?.rows ?? '');
      lines.push(`| ${q.name} | ${fmt(before)} | ${fmt(after)} | ${speedup} | ${duck ? duck.median_ms.toFixed(0) : ''} | ${vsDuck} | ${rows} |`);
    }
    lines.push('');
  }
  const table = lines.join('\n');
  console.log(table);
  if (options.record) {
    const date = new Date().toISOString().slice(0, 10);
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).stdout.trim();
    const header = [`# Parquet scan: filters in the scan, page skipping, top-N cut-off — ${date}`, '',
                    `- machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
                    `- commit: ${commit}${dirty ? ' (with uncommitted changes)' : ''}`,
                    `- method: bench/scan_filters.mjs; a warm-up then the median of ${options.repetitions} runs, all cores; ` +
                    "Cairn before = `SET disabled_optimizers = 'scan_filters,top_n_cutoff'` in the same process as after; " +
                    'DuckDB in-process over read_parquet views of the same files', ''];
    const out = path.join(here, 'results', `${date}-scan-late-materialization.md`);
    writeFileSync(out, header.join('\n') + '\n' + table + '\n');
    console.log(`recorded ${path.relative(root, out)}`);
  }
}

await main();

// csv_scan.mjs: the scan of one large CSV file. Cairn's parallel scan in byte ranges (this
// build), Cairn's sequential scan of one file by one thread (--before: a cairn_bench built from a
// commit before the parallel scan; optional) and DuckDB's read_csv, on the same file in the
// same run, at 1 thread and at every core.
//
// Data: TPC-H lineitem at --sf (default 1.5: 9 M rows) made by `cairn generate tpch`, written
// as CSV with a header by Cairn's COPY ... TO (l_comment values holding a comma are quoted), in
// DIR/bench-data/csv-scan/ on first use (about 1.1 GB at SF 1.5).
// Queries: count and sums of two columns (little conversion work per row), and a wider one
// that also converts a date and a string column. Every answer of Cairn (the `cairn` shell,
// once) is compared with DuckDB's. Timing: --repetitions rounds (default 5), each running every
// engine and query once per thread count, interleaved; the median per cell.
//
// Usage: node bench/csv_scan.mjs [--build-dir DIR] [--before PATH/TO/cairn_bench] [--sf N]
//                                [--repetitions N] [--no-record]
// Writes bench/results/<YYYY-MM-DD>-csv-scan.md unless --no-record.
import { DuckDBInstance } from '@duckdb/node-api';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { machineDescription, median } from './machine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

const kQueries = [
  { name: 'count_sum', sql: 'SELECT count(*) AS n, sum(l_quantity) AS quantity, sum(l_extendedprice) AS price FROM lineitem' },
  { name: 'wide', sql: 'SELECT count(*) AS n, sum(l_extendedprice * (1 - l_discount)) AS revenue, min(l_shipdate) AS first_ship, ' +
                       'max(l_comment) AS last_comment, count(DISTINCT l_returnflag) AS flags FROM lineitem' },
];

function parseArguments(argv) {
  const options = { buildDir: 'build', before: null, sf: 1.5, repetitions: 5, record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--before') options.before = path.resolve(argv[++i]);
    else if (argv[i] === '--sf') options.sf = Number(argv[++i]);
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--no-record') options.record = false;
    else {
      console.error('usage: node bench/csv_scan.mjs [--build-dir DIR] [--before CAIRN_BENCH] [--sf N] [--repetitions N] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** Makes DIR/lineitem-sf<N>.csv unless it exists; returns its path. */
function generateCsv(cairn, dataDir, sf) {
  const csv = path.join(dataDir, `lineitem-sf${sf}.csv`);
  if (existsSync(csv)) return csv;
  const parquetDir = path.join(dataDir, `tpch-sf${sf}-lineitem`);
  process.stderr.write(`generating TPC-H lineitem at SF ${sf} and writing it as CSV...\n`);
  if (!existsSync(path.join(parquetDir, 'table_mappings.json'))) {
    execFileSync(cairn, ['generate', 'tpch', '--sf', String(sf), '--out', parquetDir, '--tables', 'lineitem'], { stdio: 'inherit' });
  }
  const tmp = `${csv}.tmp.csv`;
  execFileSync(cairn, [parquetDir, '-c', `COPY (SELECT * FROM lineitem) TO '${tmp.replaceAll("'", "''")}' (FORMAT csv, HEADER)`],
               { stdio: 'inherit' });
  renameSync(tmp, csv);
  return csv;
}

/** Times the queries in one cairn_bench process; {results: {name: {median_ms, rows, error}}} or {missing}. */
function timeCairn(bench, dataDir, queryFile, threads, repetitions) {
  if (!existsSync(bench)) return { missing: `${bench} is not built` };
  const run = spawnSync(bench, ['--data-dir', dataDir, '--query-file', queryFile, '--repetitions', String(repetitions),
                                '--threads', String(threads)],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) return { missing: `${bench} exited with ${run.status ?? run.signal}` };
  const results = {};
  for (const entry of JSON.parse(run.stdout).queries) results[entry.name] = entry;
  return { results };
}

/** A DuckDB connection with `threads` threads and a view `lineitem` over the CSV file. */
async function openDuckDB(csv, threads) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  await connection.run(`CREATE VIEW lineitem AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')`);
  return connection;
}

/** Runs `sql` once in DuckDB: { ms, answer (first row as text) }. */
async function timeDuckDB(connection, sql) {
  const started = performance.now();
  const reader = await connection.runAndReadAll(sql);
  return { ms: performance.now() - started, answer: reader.getRows()[0].map((value) => String(value)) };
}

/** Cairn's answer (one row) through the shell, as text. */
function cairnAnswer(cairn, dataDir, sql) {
  const out = execFileSync(cairn, [dataDir, '--format', 'csv', '-c', sql], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return lines[lines.length - 1].split(',').map((field) => field.replace(/^"|"$/g, ''));
}

/** Whether two answers agree: numbers within a relative 1e-9 (sums of doubles in another order), else text. */
function sameAnswer(a, b) {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const [p, q] = [Number(x), Number(b[i])];
    if (x !== '' && b[i] !== '' && Number.isFinite(p) && Number.isFinite(q)) return Math.abs(p - q) <= 1e-9 * Math.max(1, Math.abs(p), Math.abs(q));
    return x === b[i];
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const cairn = path.join(options.buildDir, 'cairn');
  const bench = path.join(options.buildDir, 'cairn_bench');
  const dataDir = path.join(options.buildDir, 'bench-data', 'csv-scan');
  mkdirSync(dataDir, { recursive: true });
  const csv = generateCsv(cairn, dataDir, options.sf);
  const bytes = statSync(csv).size;
  const tableDir = path.join(dataDir, 'table');
  mkdirSync(tableDir, { recursive: true });
  writeFileSync(path.join(tableDir, 'table_mappings.json'), JSON.stringify({ tables: [{ table_name: 'lineitem', file_path: csv }] }, null, 2));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cairn-csv-scan-'));
  const queryFile = path.join(scratch, 'queries.sql');
  writeFileSync(queryFile, kQueries.map((query) => `-- name: ${query.name}\n${query.sql};\n`).join('\n'));

  const cores = os.cpus().length;
  const threadCounts = cores > 1 ? [1, cores] : [1];
  console.log(`CSV scan benchmark: ${path.basename(csv)} (${(bytes / 2 ** 30).toFixed(2)} GiB), threads ${threadCounts.join(' and ')}, ` +
              `median of ${options.repetitions} rounds`);
  // Rounds interleave the engines, so that load from other processes on a shared machine
  // falls on all of them alike: in each round every engine runs every query once per thread
  // count (cairn_bench warms up before its timed run; DuckDB warmed up once before the rounds).
  const loadBefore = os.loadavg()[0];
  const duckdb = {};
  for (const threads of threadCounts) {
    duckdb[threads] = await openDuckDB(csv, threads);
    for (const query of kQueries) await timeDuckDB(duckdb[threads], query.sql);
  }
  const samples = {};  // `${engine} ${threads} ${query}` -> [ms]
  const errors = {};
  const missing = {};
  const add = (key, ms) => (samples[key] ??= []).push(ms);
  const answers = {};
  for (let round = 0; round < options.repetitions; round++) {
    for (const threads of threadCounts) {
      for (const [engine, binary] of [['after', bench], ['before', options.before]]) {
        if (!binary) continue;
        const run = timeCairn(binary, tableDir, queryFile, threads, 1);
        if (run.missing) missing[engine] = run.missing;
        for (const [name, entry] of Object.entries(run.results ?? {})) {
          if (entry.error) errors[`${engine} ${threads} ${name}`] = entry.error;
          else add(`${engine} ${threads} ${name}`, entry.median_ms);
        }
      }
      for (const query of kQueries) {
        const { ms, answer } = await timeDuckDB(duckdb[threads], query.sql);
        add(`duckdb ${threads} ${query.name}`, ms);
        answers[query.name] = answer;
      }
    }
    process.stderr.write(`round ${round + 1} of ${options.repetitions} done\n`);
  }
  for (const connection of Object.values(duckdb)) connection.closeSync();
  const loadAfter = os.loadavg()[0];
  rmSync(scratch, { recursive: true, force: true });

  const notes = [];
  for (const query of kQueries) {
    const expected = answers[query.name];
    const actual = cairnAnswer(cairn, tableDir, query.sql);
    const same = sameAnswer(actual, expected);
    notes.push(`${query.name}: Cairn ${same ? 'agrees with' : 'DIFFERS from'} DuckDB (${actual.join(', ')}${same ? '' : ` vs ${expected.join(', ')}`})`);
  }
  for (const [engine, why] of Object.entries(missing)) notes.push(`Cairn ${engine} did not run: ${why}`);
  for (const [key, error] of Object.entries(errors)) notes.push(`${key} failed: ${error}`);

  const ms = (key) => (samples[key] ? median(samples[key]) : null);
  const fmt = (value) => (value == null ? 'n/a' : value.toFixed(0));
  const ratio = (a, b) => (a == null || b == null ? 'n/a' : `${(a / b).toFixed(2)}`);
  const header = ['query', 'threads', 'Cairn before ms', 'Cairn after ms', 'DuckDB ms', 'before / after', 'after / DuckDB', 'before / DuckDB'];
  const rows = [];
  for (const query of kQueries) {
    for (const threads of threadCounts) {
      const after = ms(`after ${threads} ${query.name}`);
      const before = ms(`before ${threads} ${query.name}`);
      const duck = ms(`duckdb ${threads} ${query.name}`);
      rows.push([query.name, threads, fmt(before), fmt(after), fmt(duck), ratio(before, after), ratio(after, duck), ratio(before, duck)]);
    }
  }
  console.log([header.join(' | '), ...rows.map((row) => row.join(' | '))].join('\n'));
  console.log(`  load average (1 min): ${loadBefore.toFixed(2)} before the rounds, ${loadAfter.toFixed(2)} after`);
  for (const note of notes) console.log(`  ${note}`);
  if (!options.record) return;
  if (missing.after) {
    console.log('bench/results not written: Cairn did not run');
    return;
  }
  const machine = machineDescription(root);
  const date = new Date().toISOString().slice(0, 10);
  const out = path.join(here, 'results', `${date}-csv-scan.md`);
  writeFileSync(out, [
    `# Scan of one large CSV file, ${date}`,
    '',
    `- machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memory_gb} GiB RAM`,
    `- commit: ${machine.commit} ("after": parallel scan in byte ranges); "before": ${options.before ? 'the sequential scan (cairn_bench built from the commit before it)' : 'not run'}`,
    `- data: TPC-H lineitem SF ${options.sf} (cairn generate tpch) as one CSV file with a header, written by Cairn's COPY TO: ` +
      `${(bytes / 2 ** 30).toFixed(2)} GiB, in the page cache`,
    '- Cairn: cairn_bench (in-process, every result chunk fetched); DuckDB: @duckdb/node-api, `read_csv` in a view; both at the threads shown',
    `- method: ${options.repetitions} rounds, each running every engine and query once per thread count (interleaved, so load ` +
      'from other processes falls on all alike); the median per cell; cairn_bench warms up before each timed run, DuckDB once ' +
      `before the rounds. Ratios are time / time (below 1: the first is faster). Load average (1 min) of the shared machine: ` +
      `${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...notes.map((note) => `- ${note}`),
    '',
    'Queries:',
    '',
    ...kQueries.map((query) => `- ${query.name}: \`${query.sql}\``),
    '',
  ].join('\n'));
  console.log(`wrote ${path.relative(root, out)}`);
}

await main();

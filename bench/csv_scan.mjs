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
// once) is compared with DuckDB's; cairn_bench and DuckDB time a warm-up and then
// --repetitions runs (median).
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
  const options = { buildDir: 'build', before: null, sf: 1.5, repetitions: 3, record: true };
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

async function timeDuckDB(csv, threads, repetitions) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  await connection.run(`CREATE VIEW lineitem AS SELECT * FROM read_csv('${csv.replaceAll("'", "''")}')`);
  const results = {};
  for (const query of kQueries) {
    const times = [];
    let answer = null;
    for (let i = 0; i <= repetitions; i++) {
      const started = performance.now();
      const reader = await connection.runAndReadAll(query.sql);
      if (i > 0) times.push(performance.now() - started);  // i == 0 is the warm-up
      answer = reader.getRows()[0].map((value) => String(value));
    }
    results[query.name] = { median_ms: median(times), answer };
  }
  connection.closeSync();
  return results;
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
              `median of ${options.repetitions} after a warm-up`);
  const runs = {};
  for (const threads of threadCounts) {
    runs[threads] = {
      after: timeCairn(bench, tableDir, queryFile, threads, options.repetitions),
      before: options.before ? timeCairn(options.before, tableDir, queryFile, threads, options.repetitions) : null,
      duckdb: await timeDuckDB(csv, threads, options.repetitions),
    };
  }
  rmSync(scratch, { recursive: true, force: true });

  const notes = [];
  for (const query of kQueries) {
    const expected = runs[threadCounts[0]].duckdb[query.name].answer;
    const actual = cairnAnswer(cairn, tableDir, query.sql);
    const same = sameAnswer(actual, expected);
    notes.push(`${query.name}: Cairn ${same ? 'agrees with' : 'DIFFERS from'} DuckDB (${actual.join(', ')}${same ? '' : ` vs ${expected.join(', ')}`})`);
  }

  const ms = (entry) => (entry == null ? null : entry.error ? null : entry.median_ms);
  const fmt = (value) => (value == null ? 'n/a' : value.toFixed(0));
  const ratio = (a, b) => (a == null || b == null ? 'n/a' : `${(a / b).toFixed(2)}`);
  const header = ['query', 'threads', 'Cairn before ms', 'Cairn after ms', 'DuckDB ms', 'before / after', 'after / DuckDB', 'before / DuckDB'];
  const rows = [];
  for (const query of kQueries) {
    for (const threads of threadCounts) {
      const run = runs[threads];
      const after = ms(run.after.results?.[query.name]);
      const before = ms(run.before?.results?.[query.name]);
      const duck = run.duckdb[query.name].median_ms;
      rows.push([query.name, threads, fmt(before), fmt(after), fmt(duck), ratio(before, after), ratio(after, duck), ratio(before, duck)]);
      for (const [label, result] of [['after', run.after], ['before', run.before]]) {
        if (result?.missing) notes.push(`Cairn ${label} did not run: ${result.missing}`);
        const error = result?.results?.[query.name]?.error;
        if (error) notes.push(`${query.name} failed in Cairn ${label} at ${threads} threads: ${error}`);
      }
    }
  }
  console.log([header.join(' | '), ...rows.map((row) => row.join(' | '))].join('\n'));
  for (const note of [...new Set(notes)]) console.log(`  ${note}`);
  if (!options.record) return;
  if (runs[threadCounts[0]].after.missing) {
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
    `- method: one warm-up run, then the median of ${options.repetitions} runs; ratios are time / time (below 1: the first is faster)`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
    ...[...new Set(notes)].map((note) => `- ${note}`),
    '',
    'Queries:',
    '',
    ...kQueries.map((query) => `- ${query.name}: \`${query.sql}\``),
    '',
  ].join('\n'));
  console.log(`wrote ${path.relative(root, out)}`);
}

await main();

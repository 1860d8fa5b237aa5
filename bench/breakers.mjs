// breakers.mjs: do Cairn's pipeline breakers (hash aggregation, hash-join build, sort) scale
// with threads? Runs bench/breaker_queries.sql over a 30,000,000-row Parquet file at 1 and at 2
// threads in Cairn and in DuckDB, in the same run, and records the figures in bench/results/.
//
// The data is flights-3m.parquet (vega-datasets) repeated ten times with a unique BIGINT `id`,
// written once by DuckDB (zstd, default row groups) into <build>/bench-data/flights_x10.parquet.
// Both engines produce every result row without converting values to text or JavaScript
// (DuckDB: run() materializes its result natively; Cairn: cairn_bench fetches every chunk), one
// warm-up then the median of --repetitions runs (default 3).
//
// Usage: node bench/breakers.mjs [--build-dir DIR] [--repetitions N] [--threads 1,2] [--query NAME[,NAME]]
//                                [--memory-limit SIZE] [--no-record]
// --query runs only the named queries (e.g. --query full_sort). --memory-limit sets both
// engines' memory limit (SET memory_limit = 'SIZE' in each, e.g. 2GB): Cairn and DuckDB spill
// the GROUP BYs and the sort to temporary files past it.
// Writes bench/results/<YYYY-MM-DD>-breakers.md (with --memory-limit: -breakers-memory-limit.md)
// when Cairn ran (not with --no-record). Peak RSS is not comparable here: DuckDB runs inside
// this node process; cairn_bench reports its own.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { machineDescription, median } from './machine.mjs';
import { readQueries } from './query_file.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const kRepeat = 10;

function parseArguments(argv) {
  const options = { buildDir: 'build', repetitions: 3, threads: [1, 2], record: true, queries: null, memoryLimit: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--threads') options.threads = argv[++i].split(',').map(Number);
    else if (argv[i] === '--no-record') options.record = false;
    else if (argv[i] === '--query') options.queries = argv[++i].split(',');
    else if (argv[i] === '--memory-limit') options.memoryLimit = argv[++i];
    else {
      console.error('usage: node bench/breakers.mjs [--build-dir DIR] [--repetitions N] [--threads 1,2] [--query NAME[,NAME]] [--memory-limit SIZE] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

async function generateData(file) {
  if (existsSync(file)) return;
  const flights = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
  process.stderr.write(`generating ${path.relative(root, file)} (${kRepeat} x flights-3m, unique id)...\n`);
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (
      SELECT r.range * 3000000 + f.rn AS id, f.date, f.delay, f.distance, f.origin, f.destination
      FROM (SELECT row_number() OVER () - 1 AS rn, * FROM read_parquet('${flights}')) AS f, range(${kRepeat}) AS r
      ORDER BY r.range, f.rn)
    TO '${file}.tmp' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.tmp`, file);
}

async function timeDuckDB(queries, file, threads, repetitions, memoryLimit) {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  if (memoryLimit) await connection.run(`SET memory_limit = '${memoryLimit}'`);
  await connection.run(`CREATE VIEW flights_x10 AS SELECT * FROM read_parquet('${file}')`);
  const results = {};
  for (const query of queries) {
    const times = [];
    let rows = 0;
    for (let i = 0; i <= repetitions; i++) {
      const started = performance.now();
      // run() materializes the result inside DuckDB without converting values to JavaScript
      // (streaming chunk by chunk through the Node binding costs more than the query itself).
      const result = await connection.run(query.sql);
      rows = Number(result.rowCount);
      if (i > 0) times.push(performance.now() - started);  // i == 0 is the warm-up
    }
    results[query.name] = { median_ms: median(times), rows };
    process.stderr.write(`duckdb ${threads}t: ${query.name} ${median(times).toFixed(0)} ms\n`);
  }
  connection.closeSync();
  return results;
}

function timeCairn(binary, dataDir, queryFile, threads, repetitions, memoryLimit) {
  if (!existsSync(binary)) return { missing: `${binary} is not built` };
  const run = spawnSync(binary, ['--data-dir', dataDir, '--query-file', queryFile, '--repetitions', String(repetitions),
                                 '--threads', String(threads), ...(memoryLimit ? ['--memory-limit', memoryLimit] : [])],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) return { missing: `cairn_bench exited with ${run.status ?? run.signal}` };
  const results = {};
  const report = JSON.parse(run.stdout);
  for (const entry of report.queries) {
    results[entry.name] = entry;
    process.stderr.write(`cairn ${threads}t: ${entry.name} ${entry.error ? 'error: ' + entry.error : entry.median_ms.toFixed(0) + ' ms'}\n`);
  }
  return { results, peak_rss_kb: report.peak_rss_kb };
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const dataDir = path.join(options.buildDir, 'bench-data');
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'flights_x10.parquet');
  await generateData(file);
  let queryFile = path.join(here, 'breaker_queries.sql');
  let queries = readQueries(queryFile);
  // cairn_bench opens a data directory: map the table there.
  const cairnDir = path.join(dataDir, 'breakers');
  mkdirSync(cairnDir, { recursive: true });
  if (options.queries) {
    const unknown = options.queries.filter((name) => !queries.some((query) => query.name === name));
    if (unknown.length > 0) {
      console.error(`unknown query: ${unknown.join(', ')} (known: ${queries.map((query) => query.name).join(', ')})`);
      process.exit(2);
    }
    queries = queries.filter((query) => options.queries.includes(query.name));
    // cairn_bench reads a query file: write the selected queries to one.
    queryFile = path.join(cairnDir, 'selected_queries.sql');
    writeFileSync(queryFile, queries.map((query) => `-- name: ${query.name}\n${query.sql};\n`).join('\n'));
  }
  writeFileSync(path.join(cairnDir, 'table_mappings.json'),
                JSON.stringify({ tables: [{ table_name: 'flights_x10', file_path: file }] }, null, 2));

  console.log(`breaker benchmark: ${queries.length} queries over ${kRepeat * 3} M rows, threads ${options.threads.join(' and ')}, ` +
              `median of ${options.repetitions} after a warm-up`);
  const runs = {};
  for (const threads of options.threads) {
    runs[threads] = {
      duckdb: await timeDuckDB(queries, file, threads, options.repetitions, options.memoryLimit),
      cairn: timeCairn(path.join(options.buildDir, 'cairn_bench'), cairnDir, queryFile, threads, options.repetitions,
                       options.memoryLimit),
    };
  }

  const format = (entry) => (entry == null ? 'n/a' : entry.error ? 'error' : entry.median_ms.toFixed(0));
  const header = ['query', ...options.threads.flatMap((t) => [`cairn ${t}t ms`, `duckdb ${t}t ms`, `ratio ${t}t`])];
  const rows = [];
  const notes = [];
  let cairnScales = true;
  for (const query of queries) {
    const row = [query.name];
    for (const threads of options.threads) {
      const c = runs[threads].cairn.results?.[query.name];
      const d = runs[threads].duckdb[query.name];
      row.push(format(c), format(d), c && !c.error ? `${(c.median_ms / d.median_ms).toFixed(2)}x` : 'n/a');
      if (c && !c.error && c.rows !== d.rows) notes.push(`${query.name} at ${threads} threads: cairn returned ${c.rows} rows, duckdb ${d.rows}`);
      if (c?.error) notes.push(`${query.name} at ${threads} threads failed in Cairn: ${c.error}`);
    }
    if (options.threads.length >= 2) {
      const [low, high] = [options.threads[0], options.threads[options.threads.length - 1]];
      const slow = runs[low].cairn.results?.[query.name];
      const fast = runs[high].cairn.results?.[query.name];
      const speedup = slow && fast && !slow.error && !fast.error ? slow.median_ms / fast.median_ms : null;
      if (speedup === null || speedup <= 1) cairnScales = false;
      const duckSpeedup = runs[low].duckdb[query.name].median_ms / runs[high].duckdb[query.name].median_ms;
      row.push(speedup === null ? 'n/a' : `${speedup.toFixed(2)}x`, `${duckSpeedup.toFixed(2)}x`);
    }
    rows.push(row);
  }
  if (options.threads.length >= 2) header.push('cairn speedup', 'duckdb speedup');
  console.log([header.join(' | '), ...rows.map((r) => r.join(' | '))].join('\n'));
  for (const note of notes) console.log(`  ${note}`);
  if (options.threads.length >= 2) {
    console.log(`Cairn faster at ${options.threads.at(-1)} threads than at ${options.threads[0]} for every query: ${cairnScales ? 'yes' : 'NO'}`);
  }

  if (!options.record) return;
  if (Object.values(runs).some((run) => run.cairn.missing)) {
    console.log('bench/results not written: Cairn did not run');
    return;
  }
  const machine = machineDescription(root);
  const date = new Date().toISOString().slice(0, 10);
  const out = path.join(here, 'results', `${date}-breakers${options.memoryLimit ? '-memory-limit' : ''}.md`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, [
    `# Pipeline-breaker scaling benchmark, ${date}`,
    '',
    `- machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memory_gb} GiB RAM`,
    `- commit: ${machine.commit}`,
    `- DuckDB ${(await import('@duckdb/node-api')).version?.() ?? ''} via @duckdb/node-api; Cairn cairn_bench; both in-process, threads as in the columns`,
    `- data: flights-3m.parquet x ${kRepeat} with a unique id (${kRepeat * 3} M rows, written by DuckDB, zstd); queries in bench/breaker_queries.sql`,
    `- method: one warm-up run, then median of ${options.repetitions} runs, every result row produced (DuckDB materializes it natively, Cairn fetches every chunk)`,
    ...(options.memoryLimit ? [`- memory limit: SET memory_limit = '${options.memoryLimit}' in both engines (both spill past it); Cairn's peak RSS: ${
      options.threads.map((t) => `${runs[t].cairn.peak_rss_kb ? (runs[t].cairn.peak_rss_kb / 1024).toFixed(0) + ' MiB' : 'n/a'} at ${t}t`).join(', ')}`] : []),
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map((h, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    ...(options.threads.length >= 2
      ? [`Cairn faster at ${options.threads.at(-1)} threads than at ${options.threads[0]} for every query: **${cairnScales ? 'yes' : 'no'}**.`]
      : []),
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n'));
  console.log(`wrote ${path.relative(root, out)}`);
}

await main();

// run.mjs: benchmarks Cairn against DuckDB on vega-datasets' flights-3m.parquet + airports.csv,
// in the same run on the same machine, and records the figures in bench/results/.
//
// Both engines run in-process with all cores: DuckDB through @duckdb/node-api (default threads
// = cores), Cairn through bench/cairn_bench (its public C++ API). Each query runs once to warm
// up, then --repetitions times (default 5); the median is reported. Timings on shared machines
// are noisy: read the ratios, not the absolute figures.
//
// It also measures fairness (cairn_bench --latency-file bench/latency_queries.sql): the median
// latency of a short query on one connection while a long query keeps every worker busy on
// another, next to the same short query's latency on an idle engine.
//
// Usage: node bench/run.mjs [--build-dir DIR] [--repetitions N] [--no-record]
// Writes bench/results/<YYYY-MM-DD>-flights.md when Cairn ran (not with --no-record).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

import { machineDescription, median } from './machine.mjs';
import { readQueries } from './query_file.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArguments(argv) {
  const options = { buildDir: 'build', repetitions: 5, record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--no-record') options.record = false;
    else {
      console.error('usage: node bench/run.mjs [--build-dir DIR] [--repetitions N] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

async function timeDuckDB(queries, flights, airports, repetitions) {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0];
  await connection.run(`CREATE VIEW flights AS SELECT * FROM read_parquet('${flights}')`);
  await connection.run(`CREATE VIEW airports AS SELECT * FROM read_csv('${airports}')`);
  const results = {};
  for (const query of queries) {
    const first = await connection.runAndReadAll(query.sql);  // warm-up
    const times = [];
    for (let i = 0; i < repetitions; i++) {
      const started = performance.now();
      await connection.runAndReadAll(query.sql);
      times.push(performance.now() - started);
    }
    results[query.name] = { median_ms: median(times), rows: first.currentRowCount };
    process.stderr.write(`duckdb: ${query.name} ${median(times).toFixed(1)} ms\n`);
  }
  connection.closeSync();
  return { threads: Number(threads), results };
}

function timeCairn(binary, dataDir, queryFile, repetitions) {
  if (!existsSync(binary)) return { missing: `${binary} is not built` };
  const run = spawnSync(binary, ['--data-dir', dataDir, '--query-file', queryFile, '--repetitions', String(repetitions)],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) return { missing: `cairn_bench exited with ${run.status ?? run.signal}` };
  const report = JSON.parse(run.stdout);
  const results = {};
  for (const entry of report.queries) results[entry.name] = entry;
  return { threads: report.threads, results };
}

function timeCairnLatency(binary, dataDir, latencyFile, repetitions) {
  if (!existsSync(binary)) return { missing: `${binary} is not built` };
  const run = spawnSync(binary, ['--data-dir', dataDir, '--latency-file', latencyFile, '--repetitions', String(repetitions)],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0 && run.status !== 1) return { missing: `cairn_bench exited with ${run.status ?? run.signal}` };
  return JSON.parse(run.stdout).latency;
}

function latencyLine(latency) {
  if (latency.missing) return `short query latency under load: n/a (${latency.missing})`;
  if (latency.error) return `short query latency under load: failed: ${latency.error}`;
  return `short query latency while a long query runs (median of ${latency.loaded_times_ms.length}): ` +
    `${latency.loaded_median_ms.toFixed(1)} ms (max ${latency.loaded_max_ms.toFixed(1)} ms; ` +
    `idle ${latency.idle_median_ms.toFixed(2)} ms)`;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const vega = path.join(root, 'node_modules', 'vega-datasets', 'data');
  const flights = path.join(vega, 'flights-3m.parquet');
  const airports = path.join(vega, 'airports.csv');
  const queryFile = path.join(here, 'flights_queries.sql');
  const queries = readQueries(queryFile);

  // Cairn's data directory: the two tables mapped onto the npm files.
  const dataDir = path.join(options.buildDir, 'bench-data');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'table_mappings.json'), JSON.stringify({
    tables: [{ table_name: 'flights', file_path: flights }, { table_name: 'airports', file_path: airports }],
  }, null, 2));

  console.log(`benchmark: ${queries.length} queries, ${options.repetitions} timed repetitions after a warm-up, median`);
  const duck = await timeDuckDB(queries, flights, airports, options.repetitions);
  const cairn = timeCairn(path.join(options.buildDir, 'cairn_bench'), dataDir, queryFile, options.repetitions);

  const lines = [];
  const header = `${'query'.padEnd(24)} ${'cairn ms'.padStart(10)} ${'duckdb ms'.padStart(10)} ${'cairn/duckdb'.padStart(13)}`;
  lines.push(header, '-'.repeat(header.length));
  const ratios = [];
  const table = [];
  for (const query of queries) {
    const d = duck.results[query.name];
    const c = cairn.results?.[query.name];
    let cairnText = 'n/a';
    let ratioText = 'n/a';
    if (c && c.error) cairnText = 'error';
    else if (c && c.median_ms != null) {
      cairnText = c.median_ms.toFixed(1);
      const ratio = c.median_ms / d.median_ms;
      ratios.push(ratio);
      ratioText = `${ratio.toFixed(2)}x`;
      if (c.rows !== d.rows) ratioText += ` (rows: cairn ${c.rows}, duckdb ${d.rows})`;
    }
    lines.push(`${query.name.padEnd(24)} ${cairnText.padStart(10)} ${d.median_ms.toFixed(1).padStart(10)} ${ratioText.padStart(13)}`);
    table.push({ name: query.name, cairn: cairnText, duckdb: d.median_ms.toFixed(1), ratio: ratioText, error: c?.error });
  }
  const geomean = ratios.length ? Math.exp(ratios.reduce((sum, r) => sum + Math.log(r), 0) / ratios.length) : null;
  lines.push('-'.repeat(header.length));
  lines.push(geomean === null
    ? `geometric mean of ratios: n/a (${cairn.missing ?? 'no Cairn timings'})`
    : `geometric mean of ratios (cairn/duckdb, lower is better): ${geomean.toFixed(2)}x over ${ratios.length} queries` +
      (ratios.length < queries.length ? ` (${queries.length - ratios.length} without a Cairn timing)` : ''));
  const latency = timeCairnLatency(path.join(options.buildDir, 'cairn_bench'), dataDir,
                                   path.join(here, 'latency_queries.sql'), options.repetitions);
  lines.push(latencyLine(latency));
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  lines.push(`load average at the end: ${load}`);
  console.log(lines.join('\n'));
  for (const row of table.filter((r) => r.error)) console.log(`  ${row.name}: ${row.error}`);

  if (!options.record) return;
  if (geomean === null) {
    console.log('bench/results not written: Cairn did not run');
    return;
  }
  const machine = machineDescription(root);
  const date = new Date().toISOString().slice(0, 10);
  const file = path.join(here, 'results', `${date}-flights.md`);
  mkdirSync(path.dirname(file), { recursive: true });
  const markdown = [
    `# flights-3m benchmark, ${date}`,
    '',
    `- machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memory_gb} GiB RAM`,
    `- commit: ${machine.commit}`,
    `- DuckDB ${(await import('@duckdb/node-api')).version?.() ?? ''} via @duckdb/node-api, ${duck.threads} threads; Cairn cairn_bench, ${cairn.threads} threads`,
    `- data: vega-datasets flights-3m.parquet (3,000,000 rows) and airports.csv; queries in bench/flights_queries.sql`,
    `- method: one warm-up run, then median of ${options.repetitions} runs, result fully fetched, both in-process`,
    '',
    '| query | Cairn ms | DuckDB ms | Cairn/DuckDB |',
    '| --- | ---: | ---: | ---: |',
    ...table.map((r) => `| ${r.name} | ${r.cairn} | ${r.duckdb} | ${r.ratio} |`),
    '',
    `Geometric mean of ratios: **${geomean.toFixed(2)}x** over ${ratios.length} of ${queries.length} queries ` +
      "(lower is better; 1.00 = DuckDB's speed).",
    ...table.filter((r) => r.error).map((r) => `- ${r.name} failed in Cairn: ${r.error}`),
    '',
    '## Fairness',
    '',
    `${latencyLine(latency)}. Queries in bench/latency_queries.sql: \`short\` on one connection while ` +
      '`long` runs repeatedly on another, 20 ms between samples; load average at the end of the run: ' + `${load}.`,
    '',
  ].join('\n');
  writeFileSync(file, markdown);
  console.log(`wrote ${path.relative(root, file)}`);
}

await main();

// tpch.mjs: the 22 TPC-H queries (bench/tpch/qNN.sql, validation parameters) in Cairn and in
// DuckDB on the same Parquet files — dbgen's data written by `cairn generate tpch` — in the same
// run, and records the figures in bench/results/<date>-tpch-sf<N>.md.
//
// Each query runs in a fresh process per engine (Cairn: bench/cairn_bench through the public C++
// API; DuckDB: @duckdb/node-api in a child node process over views of read_parquet), both on
// all cores: one warm-up, then --repetitions timed runs (default 5), median reported. The peak
// resident set of each process is recorded too (DuckDB's includes node's own, about 50 MB; the
// baseline of an idle node process is printed next to it). Row counts of the two engines are
// compared; answers themselves are checked by test/tpch/answers.mjs.
//
// Usage: node bench/tpch.mjs [--build-dir DIR] [--sf 1] [--repetitions N] [--filter q05]
//                            [--memory-limit SIZE] [--no-record]
// The data lives in DIR/bench-data/tpch-sf<N> (generated on first use, then reused).
// --memory-limit runs both engines under SET memory_limit = 'SIZE' (e.g. 2GB: both spill past
// it); the record is then <date>-tpch-sf<N>-memory-limit-<SIZE>.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { machineDescription, median } from './machine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const kTables = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];

function parseArguments(argv) {
  const options = { buildDir: 'build', sf: 1, repetitions: 5, filter: '', record: true, duckdbChild: null,
                    memoryLimit: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--sf') options.sf = Number(argv[++i]);
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--filter') options.filter = argv[++i];
    else if (argv[i] === '--no-record') options.record = false;
    else if (argv[i] === '--memory-limit') options.memoryLimit = argv[++i];
    else if (argv[i] === '--duckdb-child') options.duckdbChild = argv[++i];  // internal
    else {
      console.error('usage: node bench/tpch.mjs [--build-dir DIR] [--sf N] [--repetitions N] [--filter qNN] ' +
                    '[--memory-limit SIZE] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** The child process timing one query in DuckDB: prints {median_ms, times_ms, rows, peak_rss_kb}. */
async function duckdbChild(spec) {
  const { dataDir, sql, repetitions, memoryLimit } = JSON.parse(readFileSync(spec, 'utf8'));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  if (memoryLimit) await connection.run(`SET memory_limit = '${memoryLimit}'`);
  // The files table_mappings.json registers: a file or glob (file_path) or a list of files
  // (partitions), relative to the data directory.
  const mappings = JSON.parse(readFileSync(path.join(dataDir, 'table_mappings.json'), 'utf8'));
  const quote = (file) => `'${path.resolve(dataDir, file).replaceAll("'", "''")}'`;
  for (const table of kTables) {
    const entry = (mappings.tables ?? []).find((t) => t.table_name === table);
    const files = entry?.file_path ? [entry.file_path] : entry?.partitions;
    if (!files?.length) throw new Error(`table_mappings.json has no files for ${table}`);
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet([${files.map(quote).join(', ')}])`);
  }
  const first = await connection.runAndReadAll(sql);  // warm-up
  const times = [];
  for (let i = 0; i < repetitions; i++) {
    const started = performance.now();
    await connection.runAndReadAll(sql);
    times.push(performance.now() - started);
  }
  connection.closeSync();
  const threads = os.availableParallelism();
  process.stdout.write(JSON.stringify({ median_ms: median(times), times_ms: times, rows: first.currentRowCount,
                                        peak_rss_kb: process.resourceUsage().maxRSS, threads }));
}

function generate(cairn, sf, dataDir) {
  if (existsSync(path.join(dataDir, 'table_mappings.json'))) return null;
  mkdirSync(dataDir, { recursive: true });
  console.log(`generating TPC-H SF ${sf} into ${path.relative(root, dataDir)} ...`);
  const started = performance.now();
  const run = spawnSync(cairn, ['generate', 'tpch', '--sf', String(sf), '--out', dataDir], { stdio: 'inherit' });
  if (run.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`cairn generate tpch exited with ${run.status ?? run.signal}`);
  }
  return (performance.now() - started) / 1000;
}

function timeCairn(bench, dataDir, name, sql, repetitions, scratch, memoryLimit) {
  const file = path.join(scratch, `${name}.sql`);
  writeFileSync(file, `-- name: ${name}\n${sql};\n`);
  const run = spawnSync(bench, ['--data-dir', dataDir, '--query-file', file, '--repetitions', String(repetitions),
                                ...(memoryLimit ? ['--memory-limit', memoryLimit] : [])],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) return { error: `cairn_bench exited with ${run.status ?? run.signal}` };
  const report = JSON.parse(run.stdout);
  return { ...report.queries[0], peak_rss_kb: report.peak_rss_kb, threads: report.threads };
}

function timeDuckDB(dataDir, sql, repetitions, scratch, name, memoryLimit) {
  const spec = path.join(scratch, `${name}.json`);
  writeFileSync(spec, JSON.stringify({ dataDir, sql, repetitions, memoryLimit }));
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--duckdb-child', spec],
                        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: root, maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) return { error: `duckdb child exited with ${run.status}: ${run.stderr.trim().split('\n').pop()}` };
  return JSON.parse(run.stdout);
}

function idleNodeRssKb() {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.resourceUsage().maxRSS))'],
                        { encoding: 'utf8' });
  return Number(run.stdout);
}

const mb = (kb) => (kb / 1024).toFixed(0);

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.duckdbChild) return duckdbChild(options.duckdbChild);
  const cairn = path.join(options.buildDir, 'cairn');
  const bench = path.join(options.buildDir, 'cairn_bench');
  for (const binary of [cairn, bench]) {
    if (!existsSync(binary)) throw new Error(`${binary} is not built (make build)`);
  }
  const sfName = String(options.sf).replace('.', '_');
  const dataDir = path.join(options.buildDir, 'bench-data', `tpch-sf${sfName}`);
  const generateSeconds = generate(cairn, options.sf, dataDir);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cairn-tpch-bench-'));
  const queries = [];
  for (let q = 1; q <= 22; q++) {
    const name = `q${String(q).padStart(2, '0')}`;
    if (options.filter && !name.includes(options.filter)) continue;
    queries.push({ name, sql: readFileSync(path.join(here, 'tpch', `${name}.sql`), 'utf8').trim().replace(/;$/, '') });
  }
  console.log(`TPC-H SF ${options.sf}: ${queries.length} queries, ${options.repetitions} timed runs after a warm-up, median; ` +
              'one process per query and engine' + (options.memoryLimit ? `; memory_limit ${options.memoryLimit}` : ''));
  const rows = [];
  try {
    for (const query of queries) {
      const c = timeCairn(bench, dataDir, query.name, query.sql, options.repetitions, scratch, options.memoryLimit);
      const d = timeDuckDB(dataDir, query.sql, options.repetitions, scratch, query.name, options.memoryLimit);
      const ratio = !c.error && !d.error ? c.median_ms / d.median_ms : null;
      rows.push({ name: query.name, c, d, ratio });
      console.log(`${query.name}: cairn ${c.error ? `error: ${c.error}` : `${c.median_ms.toFixed(1)} ms`}, ` +
                  `duckdb ${d.error ? `error: ${d.error}` : `${d.median_ms.toFixed(1)} ms`}` +
                  (ratio !== null ? `, ${ratio.toFixed(2)}x` : '') +
                  (!c.error && !d.error && c.rows !== d.rows ? ` ROWS DIFFER (cairn ${c.rows}, duckdb ${d.rows})` : ''));
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const ratios = rows.filter((r) => r.ratio !== null).map((r) => r.ratio);
  const geomean = ratios.length ? Math.exp(ratios.reduce((s, r) => s + Math.log(r), 0) / ratios.length) : null;
  const worst = rows.filter((r) => r.ratio !== null).sort((a, b) => b.ratio - a.ratio)[0];
  const summary = geomean === null ? 'geometric mean of Cairn/DuckDB: n/a'
    : `geometric mean of Cairn/DuckDB: ${geomean.toFixed(2)} over ${ratios.length} queries; ` +
      `slowest relative to DuckDB: ${worst.name} (${worst.ratio.toFixed(2)}x); ` +
      `queries above 2.0x: ${rows.filter((r) => r.ratio > 2).map((r) => r.name).join(', ') || 'none'}`;
  console.log(summary);
  if (!options.record || rows.length === 0) return;

  const idle = idleNodeRssKb();
  const date = new Date().toISOString().slice(0, 10);
  const machine = machineDescription(root);
  const lines = [
    `# TPC-H SF ${options.sf}: Cairn and DuckDB, ${date}` +
      (options.memoryLimit ? `, under SET memory_limit = '${options.memoryLimit}'` : ''),
    '',
    `Data: \`cairn generate tpch --sf ${options.sf}\` (dbgen's rows, Parquet)` +
      (generateSeconds !== null ? `, generated in ${generateSeconds.toFixed(1)} s in this run.` : ', generated by an earlier run.'),
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB RAM. Commit ${machine.commit}.`,
    `Method: \`node bench/tpch.mjs --sf ${options.sf}` +
      (options.memoryLimit ? ` --memory-limit ${options.memoryLimit}\` (both engines under the limit; both spill past it)` : '\` (make bench)') +
      ': one process per query and engine, ' +
      `a warm-up then the median of ${options.repetitions} runs; Cairn through bench/cairn_bench (public C++ API), ` +
      `DuckDB through @duckdb/node-api in a child node process over views of read_parquet; both engines ` +
      `on all cores (Cairn ${rows[0].c.threads ?? '?'} threads, DuckDB ${rows[0].d.threads ?? '?'}). Peak RSS is ` +
      `the process's (DuckDB's includes node: an idle node process peaks at ${mb(idle)} MB).`,
    '',
    summary + '.',
    '',
    '| query | rows | Cairn ms | DuckDB ms | Cairn / DuckDB | Cairn peak RSS MB | DuckDB peak RSS MB |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    lines.push(`| ${r.name} | ${r.c.rows ?? ''} | ${r.c.error ? 'error' : r.c.median_ms.toFixed(1)} | ` +
               `${r.d.error ? 'error' : r.d.median_ms.toFixed(1)} | ${r.ratio !== null ? r.ratio.toFixed(2) : 'n/a'} | ` +
               `${r.c.peak_rss_kb ? mb(r.c.peak_rss_kb) : ''} | ${r.d.peak_rss_kb ? mb(r.d.peak_rss_kb) : ''} |`);
  }
  const suffix = options.memoryLimit ? `-memory-limit-${options.memoryLimit.replace(/[^0-9A-Za-z.]/g, '')}` : '';
  const out = path.join(here, 'results', `${date}-tpch-sf${sfName}${suffix}.md`);
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`recorded ${path.relative(root, out)}`);
}

main().catch((error) => {
  console.error(error.stack ?? String(error));
  process.exit(1);
});

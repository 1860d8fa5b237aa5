// breakers.mjs: Cairn's pipeline breakers (hash aggregation, COUNT(DISTINCT), hash-join build,
// sort, top-N) on tens of millions of rows, next to DuckDB in the same run: time, scaling from 1
// to 2 threads, and peak memory. Runs bench/breaker_queries.sql and records the figures in
// bench/results/.
//
// The data is flights-3m.parquet (vega-datasets) repeated --scale times (default 10: 30,000,000
// rows; 30: 90,000,000) with a unique BIGINT `id`, written once by DuckDB (zstd, default row
// groups) into <build>/bench-data/flights_x<scale>.parquet; the queries' `flights_x10` names that
// table. Every query runs in a fresh process per engine and thread count — cairn_bench for
// Cairn, a child node process for DuckDB (@duckdb/node-api) — so each engine's peak RSS (VmHWM)
// is its own; the DuckDB figure includes the node runtime's (reported as "idle node"). Both
// produce every result row without converting values to text or JavaScript (DuckDB: run()
// materializes its result natively; Cairn: cairn_bench fetches every chunk), one warm-up then
// the median of --repetitions runs (default 3).
//
// Usage: node bench/breakers.mjs [--build-dir DIR] [--scale N] [--repetitions N] [--threads 1,2]
//                                [--query NAME[,NAME]] [--memory-limit SIZE] [--cgroup SIZE] [--no-record]
// --query runs only the named queries (e.g. --query full_sort). --memory-limit sets both
// engines' memory limit (SET memory_limit = 'SIZE' in each, e.g. 2GB): both spill past it.
// --cgroup runs every process inside a memory cgroup of SIZE (cgroup v2 memory.max or v1
// memory.limit_in_bytes; needs root): the kernel kills a process that exceeds it, and each
// engine sizes its default memory limit from it. A killed run is reported, not timed.
// Writes bench/results/<YYYY-MM-DD>-breakers[-x<scale>][-memory-limit][-cgroup].md when Cairn ran
// (not with --no-record).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { machineDescription, median } from './machine.mjs';
import { readQueries } from './query_file.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const kUsage = 'usage: node bench/breakers.mjs [--build-dir DIR] [--scale N] [--repetitions N] [--threads 1,2] ' +
               '[--query NAME[,NAME]] [--memory-limit SIZE] [--cgroup SIZE] [--no-record]';

function parseArguments(argv) {
  const options = { buildDir: 'build', scale: 10, repetitions: 3, threads: [1, 2], record: true, queries: null,
                    memoryLimit: null, cgroup: null, duckdbChild: null };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--scale') options.scale = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--repetitions') options.repetitions = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--threads') options.threads = argv[++i].split(',').map(Number);
    else if (argv[i] === '--no-record') options.record = false;
    else if (argv[i] === '--query') options.queries = argv[++i].split(',');
    else if (argv[i] === '--memory-limit') options.memoryLimit = argv[++i];
    else if (argv[i] === '--cgroup') options.cgroup = argv[++i];
    else if (argv[i] === '--duckdb-child') options.duckdbChild = argv[++i];
    else {
      console.error(kUsage);
      process.exit(2);
    }
  }
  if (!Number.isInteger(options.scale)) {
    console.error(`--scale must be a whole number\n${kUsage}`);
    process.exit(2);
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** This process's peak resident set (VmHWM) in KiB. */
function peakRssKb() {
  const match = /VmHWM:\s*(\d+)\s*kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : null;
}

/** Bytes of a size such as 2GB, 512MB or 1.5GiB (1024-based, as both engines read memory_limit). */
function parseSize(text) {
  const match = /^\s*([\d.]+)\s*([kmgt]?)i?b?\s*$/i.exec(text);
  if (!match) throw new Error(`not a size: ${text}`);
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4 }[match[2].toLowerCase()];
  return Math.round(Number(match[1]) * 1024 ** power);
}

/** A fresh memory cgroup limited to `bytes`: { procs: its cgroup.procs path, remove() }. */
function createMemoryCgroup(bytes) {
  const name = `cairn-bench-${process.pid}`;
  if (existsSync('/sys/fs/cgroup/cgroup.controllers')) {  // cgroup v2, unified hierarchy
    const dir = path.join('/sys/fs/cgroup', name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'memory.max'), String(bytes));
    try { writeFileSync(path.join(dir, 'memory.swap.max'), '0'); } catch {}
    return { procs: path.join(dir, 'cgroup.procs'), remove: () => rmdirSync(dir) };
  }
  const dir = path.join('/sys/fs/cgroup/memory', name);  // cgroup v1 memory controller
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'memory.limit_in_bytes'), String(bytes));
  try { writeFileSync(path.join(dir, 'memory.memsw.limit_in_bytes'), String(bytes)); } catch {}
  return { procs: path.join(dir, 'cgroup.procs'), remove: () => rmdirSync(dir) };
}

/** Runs `command` with `args`, inside the cgroup whose cgroup.procs is `procs` when given. */
function run(command, args, procs, options) {
  if (!procs) return spawnSync(command, args, options);
  return spawnSync('/bin/sh', ['-c', 'echo $$ > "$0" && exec "$@"', procs, command, ...args], options);
}

async function generateData(file, scale) {
  if (existsSync(file)) return;
  const flights = path.join(root, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet');
  process.stderr.write(`generating ${path.relative(root, file)} (${scale} x flights-3m, unique id)...\n`);
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run(`COPY (
      SELECT r.range * 3000000 + f.rn AS id, f.date, f.delay, f.distance, f.origin, f.destination
      FROM (SELECT row_number() OVER () - 1 AS rn, * FROM read_parquet('${flights}')) AS f, range(${scale}) AS r
      ORDER BY r.range, f.rn)
    TO '${file}.tmp' (FORMAT parquet, COMPRESSION zstd)`);
  connection.closeSync();
  renameSync(`${file}.tmp`, file);
}

/** The DuckDB child: times one query, prints {median_ms, rows, peak_rss_kb} or {error}. */
async function duckdbChild(specFile) {
  const spec = JSON.parse(readFileSync(specFile, 'utf8'));
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:', { threads: String(spec.threads) });
  const connection = await instance.connect();
  if (spec.memoryLimit) await connection.run(`SET memory_limit = '${spec.memoryLimit}'`);
  await connection.run(`CREATE VIEW ${spec.table} AS SELECT * FROM read_parquet('${spec.file}')`);
  const times = [];
  let rows = 0;
  try {
    for (let i = 0; i <= spec.repetitions; i++) {
      const started = performance.now();
      // run() materializes the result inside DuckDB without converting values to JavaScript
      // (streaming chunk by chunk through the Node binding costs more than the query itself).
      const result = await connection.run(spec.sql);
      rows = Number(result.rowCount);
      if (i > 0) times.push(performance.now() - started);  // i == 0 is the warm-up
    }
  } catch (error) {
    process.stdout.write(JSON.stringify({ error: String(error.message ?? error).split('\n')[0], peak_rss_kb: peakRssKb() }));
    return;
  }
  connection.closeSync();
  process.stdout.write(JSON.stringify({ median_ms: median(times), rows, peak_rss_kb: peakRssKb() }));
}

/** What a child that did not report tells: a kill by the kernel or its exit status. */
function failure(child, what) {
  if (child.signal === 'SIGKILL') return `${what} killed (SIGKILL: out of memory)`;
  return `${what} exited with ${child.status ?? child.signal}: ${(child.stderr ?? '').trim().split('\n').pop()}`;
}

function timeDuckDB(query, table, file, threads, options, scratch, procs) {
  const spec = path.join(scratch, `${query.name}-${threads}.json`);
  writeFileSync(spec, JSON.stringify({ sql: query.sql, table, file, threads, repetitions: options.repetitions,
                                       memoryLimit: options.memoryLimit }));
  const child = run(process.execPath, [fileURLToPath(import.meta.url), '--duckdb-child', spec], procs,
                    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], cwd: root, maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0 || !child.stdout) return { error: failure(child, 'duckdb child') };
  return JSON.parse(child.stdout);
}

function timeCairn(query, dataDir, threads, options, scratch, procs) {
  const binary = path.join(options.buildDir, 'cairn_bench');
  const queryFile = path.join(scratch, `${query.name}.sql`);
  writeFileSync(queryFile, `-- name: ${query.name}\n${query.sql};\n`);
  const child = run(binary, ['--data-dir', dataDir, '--query-file', queryFile, '--repetitions', String(options.repetitions),
                             '--threads', String(threads), ...(options.memoryLimit ? ['--memory-limit', options.memoryLimit] : [])],
                    procs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  if ((child.status !== 0 && child.status !== 1) || !child.stdout) return { error: failure(child, 'cairn_bench') };
  const report = JSON.parse(child.stdout);
  return { ...report.queries[0], peak_rss_kb: report.peak_rss_kb };
}

/** Peak RSS of a node process that loaded DuckDB and opened a database: DuckDB's figures include it. */
function idleNodeRssKb() {
  const child = spawnSync(process.execPath, ['--input-type=module', '-e',
    `const { DuckDBInstance } = await import('@duckdb/node-api'); const i = await DuckDBInstance.create(':memory:');
     await (await i.connect()).run('SELECT 1');
     process.stdout.write(/VmHWM:\\s*(\\d+)/.exec((await import('node:fs')).readFileSync('/proc/self/status', 'utf8'))[1]);`],
    { encoding: 'utf8', cwd: root });
  return Number(child.stdout) || null;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.duckdbChild) return duckdbChild(options.duckdbChild);
  if (!existsSync(path.join(options.buildDir, 'cairn_bench'))) throw new Error('cairn_bench is not built (make build)');
  const dataDir = path.join(options.buildDir, 'bench-data');
  mkdirSync(dataDir, { recursive: true });
  const table = `flights_x${options.scale}`;
  const file = path.join(dataDir, `${table}.parquet`);
  await generateData(file, options.scale);
  let queries = readQueries(path.join(here, 'breaker_queries.sql'));
  if (options.queries) {
    const unknown = options.queries.filter((name) => !queries.some((query) => query.name === name));
    if (unknown.length > 0) {
      console.error(`unknown query: ${unknown.join(', ')} (known: ${queries.map((query) => query.name).join(', ')})`);
      process.exit(2);
    }
    queries = queries.filter((query) => options.queries.includes(query.name));
  }
  queries = queries.map((query) => ({ ...query, sql: query.sql.replaceAll('flights_x10', table) }));
  // cairn_bench opens a data directory: map the table there.
  const cairnDir = path.join(dataDir, `breakers-x${options.scale}`);
  mkdirSync(cairnDir, { recursive: true });
  writeFileSync(path.join(cairnDir, 'table_mappings.json'),
                JSON.stringify({ tables: [{ table_name: table, file_path: file }] }, null, 2));
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'cairn-breakers-'));
  const cgroup = options.cgroup ? createMemoryCgroup(parseSize(options.cgroup)) : null;

  console.log(`breaker benchmark: ${queries.length} queries over ${options.scale * 3} M rows, threads ${options.threads.join(' and ')}, ` +
              `median of ${options.repetitions} after a warm-up${options.cgroup ? `, in a ${options.cgroup} memory cgroup` : ''}`);
  const runs = {};
  try {
    for (const threads of options.threads) {
      runs[threads] = { cairn: {}, duckdb: {} };
      for (const query of queries) {
        for (const engine of ['duckdb', 'cairn']) {
          const result = engine === 'duckdb'
            ? timeDuckDB(query, table, file, threads, options, scratch, cgroup?.procs)
            : timeCairn(query, cairnDir, threads, options, scratch, cgroup?.procs);
          runs[threads][engine][query.name] = result;
          const rss = result.peak_rss_kb ? `, ${(result.peak_rss_kb / 1024).toFixed(0)} MiB` : '';
          process.stderr.write(`${engine} ${threads}t: ${query.name} ${result.error ? 'error: ' + result.error : result.median_ms.toFixed(0) + ' ms'}${rss}\n`);
        }
      }
    }
  } finally {
    cgroup?.remove();
    rmSync(scratch, { recursive: true, force: true });
  }
  const idleNode = idleNodeRssKb();

  const ms = (entry) => (entry.error ? 'failed' : entry.median_ms.toFixed(0));
  const mib = (entry) => (entry.peak_rss_kb ? (entry.peak_rss_kb / 1024).toFixed(0) : 'n/a');
  const header = ['query', ...options.threads.flatMap((t) => [`cairn ${t}t ms`, `duckdb ${t}t ms`, `ratio ${t}t`,
                                                              `cairn ${t}t MiB`, `duckdb ${t}t MiB`])];
  const rows = [];
  const notes = [];
  let cairnScales = true;
  for (const query of queries) {
    const row = [query.name];
    for (const threads of options.threads) {
      const c = runs[threads].cairn[query.name];
      const d = runs[threads].duckdb[query.name];
      row.push(ms(c), ms(d), !c.error && !d.error ? `${(c.median_ms / d.median_ms).toFixed(2)}x` : 'n/a', mib(c), mib(d));
      if (!c.error && !d.error && c.rows !== d.rows) notes.push(`${query.name} at ${threads} threads: cairn returned ${c.rows} rows, duckdb ${d.rows}`);
      if (c.error) notes.push(`${query.name} at ${threads} threads failed in Cairn: ${c.error}`);
      if (d.error) notes.push(`${query.name} at ${threads} threads failed in DuckDB: ${d.error}`);
    }
    if (options.threads.length >= 2) {
      const [low, high] = [options.threads[0], options.threads[options.threads.length - 1]];
      const speedup = (engine) => {
        const slow = runs[low][engine][query.name];
        const fast = runs[high][engine][query.name];
        return slow.error || fast.error ? null : slow.median_ms / fast.median_ms;
      };
      const cairnSpeedup = speedup('cairn');
      const duckSpeedup = speedup('duckdb');
      if (cairnSpeedup === null || cairnSpeedup <= 1) cairnScales = false;
      row.push(cairnSpeedup === null ? 'n/a' : `${cairnSpeedup.toFixed(2)}x`, duckSpeedup === null ? 'n/a' : `${duckSpeedup.toFixed(2)}x`);
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
  const machine = machineDescription(root);
  const date = new Date().toISOString().slice(0, 10);
  const suffix = `${options.scale !== 10 ? `-x${options.scale}` : ''}${options.memoryLimit ? '-memory-limit' : ''}${options.cgroup ? '-cgroup' : ''}`;
  const out = path.join(here, 'results', `${date}-breakers${suffix}.md`);
  mkdirSync(path.dirname(out), { recursive: true });
  const { version } = await import('@duckdb/node-api');
  writeFileSync(out, [
    `# Pipeline-breaker benchmark, ${date}`,
    '',
    `- machine: ${machine.cores} cores (nproc), ${machine.cpu}, ${machine.memory_gb} GiB RAM`,
    `- commit: ${machine.commit}`,
    `- DuckDB ${version?.() ?? ''} via @duckdb/node-api in a child node process; Cairn cairn_bench; one fresh process per engine, query and thread count`,
    `- data: flights-3m.parquet x ${options.scale} with a unique id (${options.scale * 3} M rows, written by DuckDB, zstd); queries in bench/breaker_queries.sql`,
    `- method: one warm-up run, then median of ${options.repetitions} runs, every result row produced (DuckDB materializes it natively, Cairn fetches every chunk)`,
    `- peak RSS: each process's VmHWM; DuckDB's includes the node runtime (an idle node with DuckDB loaded: ${idleNode ? (idleNode / 1024).toFixed(0) + ' MiB' : 'n/a'})`,
    ...(options.memoryLimit ? [`- memory limit: SET memory_limit = '${options.memoryLimit}' in both engines (both spill past it)`] : []),
    ...(options.cgroup ? [`- every process ran in a memory cgroup of ${options.cgroup} (the kernel kills a process above it); no SET memory_limit unless noted above`] : []),
    `- command: \`node bench/breakers.mjs${options.scale !== 10 ? ` --scale ${options.scale}` : ''} --threads ${options.threads.join(',')}` +
      `${options.memoryLimit ? ` --memory-limit ${options.memoryLimit}` : ''}${options.cgroup ? ` --cgroup ${options.cgroup}` : ''}\``,
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

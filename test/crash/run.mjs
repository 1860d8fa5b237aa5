// run.mjs: the crash test of writable tables. Each round starts a writer
// (cairn_crash_harness writer) committing numbered transactions, kills it with SIGKILL at a
// random moment, and checks the directory it left: Cairn reopens it (recovery) and finds every
// acknowledged transaction and nothing partial (cairn_crash_harness check), and DuckDB reads
// every Parquet file the catalog lists with the rows Cairn reports. Rounds share one directory,
// so recovery also meets the leftovers of earlier crashes (torn WAL tails, orphan files).
//
// Usage: node test/crash/run.mjs [--build-dir DIR] [--kills N] [--seed S] [--keep] [--report FILE]
//   --report FILE  also write a Markdown summary (what `make soak` records in bench/results/)
// Prints one line per round and ends with "N passed, M failed" (rounds); exit 1 on failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArguments(argv) {
  const options = { buildDir: 'build', kills: 20, seed: 1, keep: false, report: '' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--build-dir') options.buildDir = argv[++i];
    else if (arg === '--kills') options.kills = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--report') options.report = argv[++i];
    else {
      console.error(`unknown argument ${arg}\nusage: node test/crash/run.mjs [--build-dir DIR] [--kills N] [--seed S] [--keep]`);
      process.exit(2);
    }
  }
  return options;
}

/// A small deterministic generator (mulberry32), so a failing run can be repeated with --seed.
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/// Runs the writer for `ms` milliseconds, kills it, returns the last acknowledged number.
function runWriter(harness, dir, seed, ms) {
  return new Promise((resolve, reject) => {
    const child = spawn(harness, ['writer', dir, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') {
        reject(new Error(`writer ended by itself (code ${code}, signal ${signal}): ${err.trim()}`));
        return;
      }
      const lines = out.split('\n').filter((l) => /^\d+$/.test(l));
      resolve(lines.length ? Number(lines[lines.length - 1]) : 0);
    });
  });
}

/// Opens every Parquet file the catalog lists for any writable table in DuckDB, checking each
/// one's row count against the catalog; returns the rows of `ledger`.
async function duckdbRows(connection, dir) {
  const catalog = JSON.parse(readFileSync(path.join(dir, 'catalog.json'), 'utf8'));
  let ledgerRows = 0;
  for (const table of catalog.tables.filter((t) => t.type === 'TABLE')) {
    for (const file of table.data_files) {
      const reader = await connection.runAndReadAll(
        `SELECT count(*) AS n FROM read_parquet('${path.join(dir, file.path).replaceAll("'", "''")}')`);
      const n = Number(reader.getRows()[0][0]);
      if (n !== file.row_count) throw new Error(`${file.path}: DuckDB reads ${n} rows, the catalog lists ${file.row_count}`);
      if (table.name === 'ledger') ledgerRows += n;
    }
  }
  return ledgerRows;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const harness = path.resolve(root, options.buildDir, 'cairn_crash_harness');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cairn-crash-'));
  const random = makeRandom(options.seed);
  const duckdb = await DuckDBInstance.create(':memory:');
  const connection = await duckdb.connect();
  let passed = 0;
  let failed = 0;
  let acked = 0;
  const started = Date.now();
  const failures = [];
  for (let round = 1; round <= options.kills; round++) {
    const ms = 150 + Math.floor(random() * 900);
    const seed = options.seed * 100000 + round;
    try {
      const last = await runWriter(harness, dir, seed, ms);
      if (last > 0) acked = last;
      const check = spawnSync(harness, ['check', dir, String(acked)], { encoding: 'utf8' });
      const report = (check.stdout + check.stderr).trim();
      if (check.status !== 0) throw new Error(`check failed: ${report}`);
      const [, transactions, rows] = report.split(' ').map(Number);
      acked = transactions;  // the check may have found one committed before its acknowledgement
      const duckRows = await duckdbRows(connection, dir);
      if (duckRows !== rows) throw new Error(`DuckDB reads ${duckRows} rows of ledger, Cairn ${rows}`);
      console.log(`ok   round ${round}: killed after ${ms} ms, ${transactions} transactions, ${rows} rows (seed ${seed})`);
      passed++;
    } catch (error) {
      console.log(`FAIL round ${round} (seed ${seed}, ${ms} ms): ${error.message}`);
      failures.push(`round ${round} (seed ${seed}, ${ms} ms): ${error.message}`);
      failed++;
    }
  }
  if (options.report) {
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    const lines = [
      `# Crash soak: ${options.kills} kills`,
      '',
      `Run on ${new Date().toISOString().slice(0, 10)} with \`make soak\` (test/crash/run.mjs, seed ${options.seed}): a writer`,
      'committing numbered transactions (3 rows, a counter update, every 7th also a delete) was',
      'killed with SIGKILL after 150–1050 ms, then the directory was reopened writable (recovery)',
      'and checked: every acknowledged transaction present, at most one more, none partial, and',
      'DuckDB reading every Parquet file the catalog lists with the listed row counts.',
      '',
      `| kills | passed | failed | transactions at the end | wall time |`,
      `|---|---|---|---|---|`,
      `| ${options.kills} | ${passed} | ${failed} | ${acked} | ${seconds} s |`,
      '',
      failures.length ? '## Failures\n\n' + failures.map((f) => `- ${f}`).join('\n') : 'No failures.',
      '',
    ];
    writeFileSync(options.report, lines.join('\n'));
  }
  if (!options.keep) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});

// pgwire.mjs: load on `cairn serve` over the PostgreSQL protocol with pgbench, next to a real
// PostgreSQL 15 serving the same data in the same run, both over TCP on 127.0.0.1; records the
// figures in bench/results/<date>-pgwire.md.
//
// Data: `accounts (aid int PRIMARY KEY, bid int, abalance int, filler text)` with ROWS rows
// (default 100 000; bid = aid % 10), created by the same SQL in both (PostgreSQL answers point
// lookups from the primary key's B-tree; Cairn scans, pruned by the Parquet statistics once
// checkpointed — it has no index scans yet).
// Workloads (pgbench custom scripts, -n), each with 1 and 16 clients, `-M simple` and
// `-M prepared`, DURATION seconds each (default 5):
//   trivial  SELECT 1 (the protocol's and the session's own cost)
//   point    \set aid random(1, ROWS)  SELECT abalance FROM accounts WHERE aid = :aid
//   agg      \set bid random(0, 9)     SELECT count(*), sum(abalance) FROM accounts WHERE bid = :bid
// Reported: transactions per second, latency p50 and p99 (from pgbench's per-transaction log),
// failed transactions (must be 0), and the ratio Cairn / PostgreSQL of TPS.
//
// Usage: node bench/pgwire.mjs [--build-dir DIR] [--rows N] [--duration S] [--no-record]
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PostgresCluster } from '../test/postgres/cluster.mjs';
import { startServer } from '../test/server/serve.mjs';
import { machineDescription } from './machine.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

function parseArguments(argv) {
  const options = { buildDir: 'build', rows: 100000, duration: 5, record: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--rows') options.rows = Math.max(10, Number(argv[++i]));
    else if (argv[i] === '--duration') options.duration = Math.max(1, Number(argv[++i]));
    else if (argv[i] === '--no-record') options.record = false;
    else {
      console.error('usage: node bench/pgwire.mjs [--build-dir DIR] [--rows N] [--duration S] [--no-record]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

function findPgbench() {
  for (const dir of ['/usr/lib/postgresql/15/bin', ...(process.env.PATH || '').split(':')]) {
    const candidate = path.join(dir, 'pgbench');
    if (spawnSync('test', ['-x', candidate]).status === 0) return candidate;
  }
  throw new Error('pgbench is not installed (Debian postgresql-client; scripts/setup.sh installs it)');
}

/** Runs psql with one SQL string against host:port; throws on failure. */
function psql(port, user, database, sql) {
  const run = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', user,
    '-d', database, '-c', sql], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`psql failed on port ${port}: ${run.stderr}`);
  return run.stdout;
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

/** Runs one pgbench configuration; resolves { tps, p50, p99, failed, transactions }. */
function pgbench(binary, target, script, clients, mode, duration, workDir) {
  const logDir = mkdtempSync(path.join(workDir, 'log-'));
  const args = ['-n', '-h', '127.0.0.1', '-p', String(target.port), '-U', target.user, '-M', mode, '-f', script,
    '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(duration), '-l', '--log-prefix',
    path.join(logDir, 'tx'), target.database];
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd: workDir });
    let output = '';
    child.stdout.on('data', (d) => { output += d; });
    child.stderr.on('data', (d) => { output += d; });
    child.on('error', reject);
    child.on('close', (code) => {
      const tps = /tps = ([0-9.]+)/.exec(output);
      const failedMatch = /number of failed transactions: (\d+)/.exec(output);
      if (code !== 0 || !tps) {
        reject(new Error(`pgbench ${args.join(' ')} exited with ${code}:\n${output}`));
        return;
      }
      const latencies = [];
      for (const file of readdirSync(logDir)) {
        for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
          const fields = line.split(' ');
          if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);  // µs → ms
        }
      }
      latencies.sort((a, b) => a - b);
      rmSync(logDir, { recursive: true, force: true });
      resolve({ tps: Number(tps[1]), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99),
        failed: failedMatch ? Number(failedMatch[1]) : 0, transactions: latencies.length });
    });
  });
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const pgbenchBinary = findPgbench();
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-bench-pgwire-'));
  const dataDir = path.join(workDir, 'cairn-data');
  mkdirSync(dataDir);
  const cluster = new PostgresCluster({ tcp: true });
  let server;
  const cleanup = () => {
    cluster.stop();
    if (server) server.child.kill('SIGTERM');
    rmSync(workDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => { cleanup(); process.exit(130); });
  try {
    cluster.start();
    server = await startServer(path.join(options.buildDir, 'cairn'), dataDir);
    const targets = {
      PostgreSQL: { port: cluster.port, user: 'postgres', database: 'postgres' },
      Cairn: { port: server.port, user: 'cairn', database: 'cairn' },
    };
    const setup = `CREATE TABLE accounts (aid int PRIMARY KEY, bid int, abalance int, filler text);
      INSERT INTO accounts SELECT x, x % 10, 0, repeat(' ', 84) FROM generate_series(1, ${options.rows}) AS g(x)`;
    for (const [name, target] of Object.entries(targets)) {
      for (const statement of setup.split(';')) psql(target.port, target.user, target.database, statement);
      psql(target.port, target.user, target.database, name === 'Cairn' ? 'CHECKPOINT' : 'VACUUM ANALYZE accounts');
    }
    const scripts = {
      trivial: 'SELECT 1;\n',
      point: `\\set aid random(1, ${options.rows})\nSELECT abalance FROM accounts WHERE aid = :aid;\n`,
      agg: '\\set bid random(0, 9)\nSELECT count(*), sum(abalance) FROM accounts WHERE bid = :bid;\n',
    };
    const rows = [];
    for (const [workload, text] of Object.entries(scripts)) {
      const script = path.join(workDir, `${workload}.sql`);
      writeFileSync(script, text);
      for (const clients of [1, 16]) {
        for (const mode of ['simple', 'prepared']) {
          const results = {};
          for (const [name, target] of Object.entries(targets)) {
            results[name] = await pgbench(pgbenchBinary, target, script, clients, mode, options.duration, workDir);
          }
          const row = { workload, clients, mode, ...results };
          rows.push(row);
          console.log(`${workload.padEnd(8)} ${String(clients).padStart(2)} clients ${mode.padEnd(8)} ` +
            Object.entries(results).map(([name, r]) => `${name} ${r.tps.toFixed(0)} tps p50 ${r.p50.toFixed(3)} ms ` +
              `p99 ${r.p99.toFixed(3)} ms failed ${r.failed}`).join(' | '));
        }
      }
    }
    const failures = rows.reduce((sum, r) => sum + r.Cairn.failed + r.PostgreSQL.failed, 0);
    const table = ['| workload | clients | mode | Cairn TPS | PostgreSQL TPS | ratio | Cairn p50 / p99 ms | PostgreSQL p50 / p99 ms | failed |',
      '|---|---:|---|---:|---:|---:|---:|---:|---:|'];
    for (const r of rows) {
      table.push(`| ${r.workload} | ${r.clients} | ${r.mode} | ${r.Cairn.tps.toFixed(0)} | ${r.PostgreSQL.tps.toFixed(0)} | ` +
        `${(r.Cairn.tps / r.PostgreSQL.tps).toFixed(2)} | ${r.Cairn.p50.toFixed(3)} / ${r.Cairn.p99.toFixed(3)} | ` +
        `${r.PostgreSQL.p50.toFixed(3)} / ${r.PostgreSQL.p99.toFixed(3)} | ${r.Cairn.failed + r.PostgreSQL.failed} |`);
    }
    console.log(table.join('\n'));
    if (options.record) {
      const machine = machineDescription(root);
      const date = new Date().toISOString().slice(0, 10);
      const file = path.join(here, 'results', `${date}-pgwire.md`);
      writeFileSync(file, `# pgwire load: pgbench against cairn serve and PostgreSQL 15 (${date})\n\n` +
        `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memory_gb} GiB; commit ${machine.commit}. ` +
        'Absolute rates of one-client request/response loops depend on how idle the machine is (CPU ' +
        'wake-up latency); the ratios of one run are what compare.\n\n' +
        `\`node bench/pgwire.mjs\`: pgbench custom scripts, ${options.duration} s each, over TCP on 127.0.0.1; ` +
        `accounts has ${options.rows} rows (PostgreSQL: primary key B-tree; Cairn: checkpointed Parquet, ` +
        `no index scans yet). Ratio = Cairn TPS / PostgreSQL TPS. Workloads: trivial \`SELECT 1\`; point ` +
        `\`SELECT abalance FROM accounts WHERE aid = :aid\`; agg \`SELECT count(*), sum(abalance) FROM accounts ` +
        `WHERE bid = :bid\`.\n\n${table.join('\n')}\n\nFailed transactions in total: ${failures}.\n`);
      console.log(`recorded ${path.relative(root, file)}`);
    }
    if (failures > 0) process.exitCode = 1;
  } finally {
    cleanup();
  }
}

main().catch((error) => {
  console.error(error.stack || String(error));
  process.exit(1);
});

// psql_catalog.mjs: differential test of psql 15's backslash commands (\l, \l+, \dn, \dt, \dt+, \dv,
// \di, \d, \d table, \d+ table, \d view, \d index, \df name, \x, \timing) against `cairn serve` and a private PostgreSQL
// 15 cluster holding the same schema. psql builds each listing from its own queries over
// pg_catalog, so the outputs agree only when Cairn's pg_catalog tables and catalog functions
// answer those queries as PostgreSQL does (src/catalog/pg_catalog_tables.h).
//
// Both sides: a role and database named `cairn` (PostgreSQL: a superuser role `cairn` owning a
// database `cairn`, so owners print alike), and this schema: a table with PRIMARY KEY, UNIQUE,
// CHECK, NOT NULL, DEFAULTs and ten types; a second namespace with a table with a two-column
// UNIQUE constraint; a view; one row.
//
// Output is compared exactly, aligned layout included, except for these normalizations (each
// one for something that must differ):
//   - \dn: PostgreSQL 15's public schema is owned by the pseudo-role pg_database_owner, Cairn's
//     by its one role; and Cairn lists its `system` namespace (system.tables, ...), which
//     PostgreSQL does not have. Compared unaligned (-A), the system row and the row count
//     dropped.
//   - \l, \l+: PostgreSQL lists its own databases (postgres, template0, template1); only the
//     row of the `cairn` database is compared (unaligned), its size (\l+) as <size>.
//   - \dt+: sizes are the files' bytes (Parquet) versus heap pages; the Size column becomes
//     <size> (unaligned).
//   - \timing: the elapsed time becomes <ms>.
//
// The PostgreSQL cluster: initdb into a temporary directory (locale C.UTF-8), on a Unix socket
// only (listen_addresses=''), as the `postgres` user when run as root; stopped and removed on
// every exit path. Cairn: `cairn serve` on port 0 over a temporary writable directory.
//
// Usage: node test/server/psql_catalog.mjs [--build-dir DIR]
// Prints one line per command and ends with "N passed, M failed"; exit 1 on failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PostgresCluster } from '../postgres/cluster.mjs';
import { check, finish, parseTestArguments } from './harness.mjs';
import { startServer } from './serve.mjs';

const { cairn } = parseTestArguments('test/server/psql_catalog.mjs');
const asRoot = process.getuid && process.getuid() === 0;

const SCHEMA = `
CREATE SCHEMA sales;
CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL UNIQUE, price numeric(10,2) DEFAULT 0,
  qty bigint CHECK (qty > 0), created date, flag boolean DEFAULT true, score double precision,
  note varchar(20), at timestamp, tz timestamp with time zone);
CREATE TABLE sales.orders (order_id bigint PRIMARY KEY, item_id integer NOT NULL, amount numeric(12,2),
  placed_at timestamp with time zone, UNIQUE (item_id, placed_at));
CREATE VIEW cheap AS SELECT id, name FROM items WHERE price < 10;
INSERT INTO items VALUES (1, 'apple', 1.50, 3, '2024-01-02', true, 0.5, 'red', '2024-01-02 10:00:00', NULL);
`;

/// Each case: a name, psql's extra arguments, its commands, and the normalization (see above).
const CASES = [
  { name: '\\dn', args: ['-A'], commands: ['\\dn'], normalize: normalizeSchemas },
  { name: '\\l', args: ['-A'], commands: ['\\l'], normalize: (text) => text.split('\n').filter((l) => l.startsWith('cairn|')).join('\n') },
  { name: '\\l+', args: ['-A'], commands: ['\\l+'],
    normalize: (text) => text.split('\n').filter((l) => l.startsWith('cairn|')).map((l) => {
      const fields = l.split('|');
      fields[8] = '<size>';
      return fields.join('|');
    }).join('\n') },
  { name: '\\dt', commands: ['\\dt'] },
  { name: '\\dt sales.*', commands: ['\\dt sales.*'] },
  { name: '\\dt+', args: ['-A'], commands: ['\\dt+'], normalize: normalizeSizes },
  { name: '\\dv', commands: ['\\dv'] },
  { name: '\\di', commands: ['\\di'] },
  { name: '\\d', commands: ['\\d'] },
  { name: '\\d items', commands: ['\\d items'] },
  { name: '\\d+ items', commands: ['\\d+ items'] },
  { name: '\\d sales.orders', commands: ['\\d sales.orders'] },
  { name: '\\d cheap', commands: ['\\d cheap'] },
  { name: '\\d items_pkey', commands: ['\\d items_pkey'] },
  { name: '\\d sales.orders_item_id_placed_at_key', commands: ['\\d sales.orders_item_id_placed_at_key'] },
  { name: '\\d missing', commands: ['\\d missing'] },
  { name: '\\df initcap', commands: ['\\df initcap'] },
  { name: '\\df abs', commands: ['\\df abs'] },
  { name: '\\df strpos', commands: ['\\df strpos'] },
  { name: '\\df (no user functions)', commands: ['\\df'] },
  { name: '\\x with a query', commands: ['\\x on', 'SELECT id, name, price, flag, note FROM items ORDER BY id;'] },
  { name: '\\timing with a query', commands: ['\\timing on', 'SELECT count(*) FROM items;'],
    normalize: (text) => text.replace(/Time: [0-9.]+ ms/g, 'Time: <ms>') },
];

function normalizeSchemas(text) {
  return text.split('\n')
    .filter((line) => !line.startsWith('system|') && !/^\(\d+ rows?\)$/.test(line))
    .map((line) => line.replace(/\|pg_database_owner$/, '|cairn'))
    .join('\n');
}

function normalizeSizes(text) {
  // Schema|Name|Type|Owner|Persistence|Access method|Size|Description
  return text.split('\n').map((line) => {
    const fields = line.split('|');
    if (fields.length === 8 && fields[0] !== 'Schema') fields[6] = '<size>';
    return fields.join('|');
  }).join('\n');
}


/// Runs psql with its commands on stdin; resolves stdout + stderr (errors are part of the output).
function psql(connection, args, commands) {
  const base = ['-X', '-v', 'ON_ERROR_STOP=0', ...connection.args, ...args];
  const [file, argv] = connection.asPostgres && asRoot ? ['runuser', ['-u', 'postgres', '--', 'psql', ...base]] : ['psql', base];
  return new Promise((resolve, reject) => {
    // A directory every user may enter: psql run as `postgres` cannot change into a checkout
    // under /root.
    const child = spawn(file, argv, { env: { ...process.env, PGCONNECT_TIMEOUT: '10', PGTZ: 'UTC' }, cwd: os.tmpdir() });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', reject);
    child.on('close', () => resolve(out.replace(/psql:<stdin>:\d+: /g, '')));
    child.stdin.end(`${commands.join('\n')}\n`);
  });
}



async function main() {
  const cluster = new PostgresCluster();
  const cairnDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-psql-data-'));
  let server = null;
  const cleanup = () => {
    if (server) server.child.kill('SIGKILL');
    cluster.stop();
    rmSync(cairnDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { cleanup(); process.exit(1); });
  try {
    cluster.start();
    const admin = { asPostgres: true, args: ['-h', cluster.dir, '-p', String(cluster.port), '-U', 'postgres', '-d', 'postgres'] };
    await psql(admin, ['-q'], ['CREATE ROLE cairn SUPERUSER LOGIN;', 'CREATE DATABASE cairn OWNER cairn;']);
    const pg = { asPostgres: true, args: ['-h', cluster.dir, '-p', String(cluster.port), '-U', 'cairn', '-d', 'cairn'] };
    server = await startServer(cairn, cairnDir);
    const cairnConnection = { asPostgres: false, args: ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'cairn', '-d', 'cairn'] };
    for (const [side, connection] of [['PostgreSQL', pg], ['Cairn', cairnConnection]]) {
      const out = await psql(connection, ['-q'], [SCHEMA]);
      if (out.trim() !== '') throw new Error(`creating the schema in ${side} failed:\n${out}`);
    }
    for (const c of CASES) {
      const normalize = c.normalize || ((text) => text);
      const expected = normalize(await psql(pg, c.args || [], c.commands));
      const actual = normalize(await psql(cairnConnection, c.args || [], c.commands));
      const ok = expected === actual && expected.trim() !== '';
      check(c.name, ok);
      if (!ok || process.env.CAIRN_TEST_VERBOSE) console.log(`--- PostgreSQL 15:\n${expected}\n--- Cairn:\n${actual}`);
    }
  } catch (error) {
    check('setup', false, error.message);
  } finally {
    cleanup();
  }
  finish();
}

main();

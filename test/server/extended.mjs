// extended.mjs: the extended query protocol of `cairn serve`, differential against PostgreSQL 15.
// The same statements go to a private PostgreSQL cluster (test/postgres/cluster.mjs) and to
// `cairn serve`, through two clients:
//   - node-postgres (npm `pg`), which uses Parse/Bind/Describe/Execute/Sync for every query with
//     parameters: each case runs with results in text and in binary format, parameters in text
//     and (Buffers) in binary. Values are compared as the raw bytes the servers sent (the type
//     parsers are replaced by one that keeps the text or the hex of the bytes), with each
//     column's name, type OID, typmod and format, the command tag and row count, or the SQLSTATE
//     of an error.
//   - a raw protocol client (protocol_client.mjs) for what drivers hide: ParameterDescription of
//     a Describe, Execute row limits with PortalSuspended, skipping to Sync after an error, Close,
//     named statements and portals. The sequences of message types and their bodies must be
//     equal (ParameterStatus, BackendKeyData and error message texts aside).
// COPY FROM STDIN and TO STDOUT go through the raw client too (CopyData bytes compared joined).
// Also: concurrent clients with parameters, and cancelling a running Execute.
//
// Usage: node test/server/extended.mjs [--build-dir DIR] [--filter TEXT]
// Prints one line per check and ends with "N passed, M failed"; exit 1 on failure.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import pg from 'pg';

import { PostgresCluster } from '../postgres/cluster.mjs';
import { check, finish, parseTestArguments } from './harness.mjs';
import { bind, close, copyData, copyDone, cstring, describe, execute, flush, int32, message, parse, queryMessage, RawClient,
  sync } from './protocol_client.mjs';
import { startServer } from './serve.mjs';

const { cairn, filter } = parseTestArguments('test/server/extended.mjs', { filter: true });


// Keeps every value as the server sent it: text as is, binary as hex.
const rawTypes = { getTypeParser: (oid, format) => (value) => (format === 'binary' ? `\\x${value.toString('hex')}` : value) };

function int4(value) { const b = Buffer.alloc(4); b.writeInt32BE(value); return b; }
function int8(value) { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt(value)); return b; }
function float8(value) { const b = Buffer.alloc(8); b.writeDoubleBE(value); return b; }

/// The node-postgres cases: [sql, values]; each runs with text and with binary results.
const CASES = [
  // Result types, text and binary.
  ['SELECT true AS t, false AS f, NULL::boolean AS n', []],
  ['SELECT 1::int2 AS a, -32768::int2 AS b, 2147483647 AS c, -9223372036854775808::int8 AS d', []],
  ['SELECT 1.5::float4 AS a, -0.1::float8 AS b, \'Infinity\'::float8 AS c, \'1e300\'::float8 AS d', []],
  ['SELECT 0::numeric AS a, 1.50::numeric(5,2) AS b, -12345.678::numeric AS c, 0.0001::numeric AS d', []],
  ['SELECT 123456789012345678901234567890::numeric AS a, 1e20::numeric AS b, 0.000000001::numeric AS c', []],
  ['SELECT 99999999.99::numeric(10,2) AS a, (-0.5)::numeric(3,1) AS b, 10000::numeric AS c, 100000000::numeric AS d', []],
  // (varchar results are text: Cairn has one string type; docs/server.md)
  ['SELECT \'héllo wörld\'::text AS a, \'\'::text AS b', []],
  ['SELECT \'\\xdeadbeef\'::bytea AS a, \'\'::bytea AS b', []],
  ['SELECT \'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\'::uuid AS a', []],
  ['SELECT DATE \'2024-02-29\' AS a, DATE \'1999-12-31\' AS b, DATE \'2000-01-01\' AS c, DATE \'0044-03-15\' AS d', []],
  ['SELECT TIME \'13:45:06.789\' AS a, TIME \'00:00\' AS b', []],
  ['SELECT TIMESTAMP \'2024-01-01 10:00:00.5\' AS a, TIMESTAMP \'1970-01-01\' AS b, TIMESTAMP \'1900-06-01 12:00\' AS c', []],
  ['SELECT TIMESTAMPTZ \'2024-01-01 10:00:00+02\' AS a', []],
  ['SELECT INTERVAL \'1 year 2 months 3 days 04:05:06.5\' AS a, INTERVAL \'-1 day\' AS b', []],
  ['SELECT \'{"a": [1, 2]}\'::json AS a, \'{"b": 1, "a": 2}\'::jsonb AS b', []],
  ['SELECT ARRAY[1, 2, NULL]::int4[] AS a, ARRAY[\'x\', NULL, \'y z\']::text[] AS b, \'{}\'::int4[] AS c', []],
  ['SELECT ARRAY[1.5, -2]::float8[] AS a, ARRAY[true, false] AS b, ARRAY[1::int8] AS c, ARRAY[1.25::numeric] AS d', []],
  ['SELECT ARRAY[DATE \'2024-01-01\'] AS a', []],
  ['SELECT x, x * 2 AS y FROM generate_series(1, 5) AS g(x)', []],
  // Parameters in text, types inferred or declared by casts.
  ['SELECT $1::int + 1 AS a', ['41']],
  ['SELECT $1::int8 * 2 AS a, $2::text AS b', ['4000000000', 'héllo']],
  ['SELECT $1 || \'!\' AS a', ['unknown is text']],
  ['SELECT $1::numeric * 2 AS a', ['1.25']],
  ['SELECT $1::date + 1 AS a, $2::timestamp AS b', ['2024-02-28', '2024-01-01 10:00:00']],
  ['SELECT $1::bytea AS a, $2::uuid AS b', ['\\x0102ff', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11']],
  ['SELECT $1::int[] AS a', ['{1,2,3}']],
  ['SELECT $1::int IS NULL AS a, $2::text AS b', [null, null]],
  ['SELECT $1::boolean AS a, $2::float8 AS b', ['yes', '1e-5']],
  ['SELECT x FROM generate_series(1, 10) AS g(x) WHERE x > $1 AND x <= $2', ['3', '6']],
  // Parameters in binary (Buffers).
  ['SELECT $1::int4 + 1 AS a', [int4(41)]],
  ['SELECT $1::int8 AS a', [int8('-9000000000000')]],
  ['SELECT $1::float8 / 2 AS a', [float8(3.5)]],
  ['SELECT $1::bytea AS a', [Buffer.from([0, 1, 254, 255])]],
  // Errors.
  ['SELECT $1::int AS a', ['abc']],
  ['SELECT $1::int4 AS a', [Buffer.from([1, 2, 3])]],
  ['SELECT $1::int4 AS a', [Buffer.from([1, 2, 3, 4, 5])]],
  ['SELECT 1/0 AS a', []],
  ['SELECT * FROM no_such_table', []],
  ['SELEC 1', []],
  ['SELECT $1::int + $2::int AS a', ['1']],
];

/// Runs `sql` with `values` (and result format) on a client; a comparable summary.
async function run(client, sql, values, binary) {
  try {
    const result = await client.query({ text: sql, values, binary, types: rawTypes });
    return {
      command: result.command,
      rowCount: result.rowCount,
      fields: result.fields.map((f) => [f.name, f.dataTypeID, f.dataTypeModifier, f.format]),
      rows: result.rows.map((row) => result.fields.map((f) => row[f.name])),
    };
  } catch (error) {
    return { error: error.code || String(error) };
  }
}

async function testDriverCases(pgClient, cairnClient) {
  for (const [sql, values] of CASES) {
    if (filter && !sql.includes(filter)) continue;
    for (const binary of [false, true]) {
      const expected = await run(pgClient, sql, values, binary);
      const actual = await run(cairnClient, sql, values, binary);
      check(`${binary ? 'binary' : 'text  '} ${sql}`, JSON.stringify(expected) === JSON.stringify(actual),
        `PostgreSQL: ${JSON.stringify(expected)}\n     Cairn:      ${JSON.stringify(actual)}`);
    }
  }
}

async function testWrites(pgClient, cairnClient) {
  const statements = [
    ['CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL, price numeric(10,2))', []],
    ['INSERT INTO items VALUES ($1, $2, $3)', ['1', 'apple', '1.25']],
    ['INSERT INTO items VALUES ($1, $2, $3), ($4, $5, $6) RETURNING id, price', ['2', 'pear', '2.5', '3', 'fig', null]],
    ['INSERT INTO items VALUES ($1, $2, $3)', ['1', 'again', '0']],
    ['UPDATE items SET price = price * $1 WHERE id >= $2', ['2', '2']],
    ['SELECT * FROM items WHERE price IS NOT NULL ORDER BY id', []],
    ['DELETE FROM items WHERE name = $1 RETURNING *', ['fig']],
    ['BEGIN', []],
    ['INSERT INTO items VALUES ($1, $2, NULL)', ['9', 'kiwi']],
    ['ROLLBACK', []],
    ['SELECT count(*) FROM items', []],
    ['DROP TABLE items', []],
  ];
  for (const [sql, values] of statements) {
    const expected = await run(pgClient, sql, values, false);
    const actual = await run(cairnClient, sql, values, false);
    check(`write  ${sql}`, JSON.stringify(expected) === JSON.stringify(actual),
      `PostgreSQL: ${JSON.stringify(expected)}\n     Cairn:      ${JSON.stringify(actual)}`);
  }
}


/// A message as compared: its type and body, an ErrorResponse reduced to severity and SQLSTATE,
/// a NoticeResponse to severity, SQLSTATE and message.
function comparable(m) {
  if (m.type === 'E' || m.type === 'N') {
    const fields = {};
    let at = 0;
    while (at < m.body.length && m.body[at] !== 0) {
      const end = m.body.indexOf(0, at + 1);
      fields[String.fromCharCode(m.body[at])] = m.body.subarray(at + 1, end).toString();
      at = end + 1;
    }
    // Notices are compared with their text; errors by SQLSTATE (Cairn's messages may say more).
    return m.type === 'N' ? `${m.type}:${fields.S}:${fields.C}:${fields.M}` : `${m.type}:${fields.S}:${fields.C}`;
  }
  return `${m.type}:${m.body.toString('hex')}`;
}

const RAW_CASES = [
  ['Describe of a statement: ParameterDescription then RowDescription',
    [parse('s1', 'SELECT $1::int4 AS a, $2::text AS b'), describe('S', 's1'), sync]],
  ['declared parameter types in Parse (int8, unspecified, text)',
    [parse('s2', 'SELECT $1 AS a, $2::int4 + 1 AS b, $3 AS c', [20, 0, 25]), describe('S', 's2'),
      bind('', 's2', ['5', '6', 'x']), execute(''), sync]],
  ['Execute row limits: PortalSuspended, then the rest',
    [parse('', 'SELECT x FROM generate_series(1, 5) AS g(x)'), bind('p', '', []), describe('P', 'p'),
      execute('p', 2), execute('p', 2), execute('p', 2), sync]],
  ['binary and text results chosen per column',
    [parse('', 'SELECT 1::int4 AS a, 2::int8 AS b, \'c\'::text AS c'), bind('', '', [], [1, 0, 1]), describe('P', ''),
      execute(''), sync]],
  ['an error skips every message up to Sync',
    [parse('', 'SELECT 1 / (x - 1) FROM generate_series(1, 1) AS g(x)'), bind('', '', []), execute(''), parse('', 'SELECT 1'), bind('', '', []), execute(''),
      sync, parse('', 'SELECT 2 AS two'), bind('', '', []), execute(''), sync]],
  ['Close of statements and portals, then Bind of a closed statement fails',
    [parse('s3', 'SELECT 3'), close('S', 's3'), close('P', 'nope'), bind('', 's3', []), sync]],
  ['Bind of an unknown statement, Execute of an unknown portal',
    [bind('', 'missing', []), sync, execute('missing'), sync]],
  ['the wrong number of parameters',
    [parse('', 'SELECT $1::int4'), bind('', '', []), sync]],
  ['a named statement twice is an error; the unnamed one is replaced',
    [parse('dup', 'SELECT 1'), parse('dup', 'SELECT 2'), sync, parse('', 'SELECT 1'), parse('', 'SELECT 2'), sync]],
  ['an empty query', [parse('', ''), bind('', '', []), describe('P', ''), execute(''), sync]],
  ['utility statements: BEGIN, SET, SHOW, COMMIT',
    [parse('', 'BEGIN'), bind('', '', []), execute(''), sync,
      parse('', 'SHOW search_path'), bind('', '', []), describe('P', ''), execute(''), sync,
      parse('', 'COMMIT'), bind('', '', []), execute(''), sync]],
  ['Flush sends what is pending without Sync',
    [parse('', 'SELECT 42 AS n'), bind('', '', []), execute(''), flush, sync]],
  ['binary parameters: int4, int8, float8, numeric, bool, date, timestamp, text',
    [parse('', 'SELECT $1::int4 AS a, $2::int8 AS b, $3::float8 AS c, $4::numeric AS d, $5::bool AS e, ' +
      '$6::date AS f, $7::timestamp AS g, $8::text AS h'),
    bind('', '', [int4(-7), int8('123456789012'), float8(-2.5),
      Buffer.from([0, 2, 0, 0, 0x40, 0, 0, 2, 0, 12, 0x13, 0x88]),  // -12.50
      Buffer.from([1]), int4(-1), int8('86400000000'), Buffer.from('téxt')], [], [1]),
    execute(''), sync]],
  ['COPY FROM STDIN (text) and COPY TO STDOUT (text, csv with a header, a query)',
    [queryMessage('CREATE TABLE copy_t (id int, v text, d date)'),
      queryMessage('COPY copy_t FROM STDIN'), copyData('1\tone\t2024-01-01\n2\t\\N\t\\N\n'), copyData('3\tth'),
      copyData('ree\t1999-12-31\n'), copyDone,
      queryMessage('COPY copy_t (id, v) FROM STDIN (FORMAT csv)'), copyData('4,"a, ""quoted"" b"\n5,\n'), copyDone,
      queryMessage('COPY copy_t TO STDOUT'), queryMessage('COPY copy_t TO STDOUT (FORMAT csv, HEADER)'),
      queryMessage('COPY (SELECT id * 2 AS twice FROM copy_t ORDER BY id DESC) TO STDOUT'),
      queryMessage('DROP TABLE copy_t')]],
  ['COPY FROM STDIN: CopyFail, bad data, an unknown table, then the session goes on',
    [queryMessage('CREATE TABLE copy_u (id int)'),
      queryMessage('COPY copy_u FROM STDIN'), copyData('1\n'), message('f', cstring('client gave up')),
      queryMessage('COPY copy_u FROM STDIN'), copyData('1\nx\n'), copyDone,
      queryMessage('COPY no_such_table FROM STDIN'),
      queryMessage('SELECT count(*) FROM copy_u'), queryMessage('DROP TABLE copy_u')]],
  ['SET of reported settings sends ParameterStatus only when the value changed',
    [queryMessage("SET application_name = 'cairn test'"), queryMessage("SET DateStyle = 'ISO'"),
      queryMessage('SET extra_float_digits = 3'),
      queryMessage('RESET application_name'), queryMessage('SHOW extra_float_digits'),
      queryMessage('SHOW transaction_isolation'), queryMessage("SET client_encoding = 'UTF8'")]],
  ['NoticeResponse for IF EXISTS / IF NOT EXISTS that skip',
    [queryMessage('DROP TABLE IF EXISTS no_such_table'), queryMessage('DROP VIEW IF EXISTS no_such_view'),
      queryMessage('CREATE SCHEMA IF NOT EXISTS notice_s'), queryMessage('CREATE SCHEMA IF NOT EXISTS notice_s'),
      queryMessage('CREATE TABLE notice_s.t (a int)'), queryMessage('CREATE TABLE IF NOT EXISTS notice_s.t (a int)'),
      queryMessage('DROP TABLE notice_s.t'), queryMessage('DROP SCHEMA notice_s'),
      queryMessage('DROP SCHEMA IF EXISTS notice_s'),
      parse('', 'DROP TABLE IF EXISTS no_such_table'), bind('', '', []), execute(''), sync]],
  ['a Bind with parameters of the wrong binary length',
    [parse('', 'SELECT $1::int8'), bind('', '', [int4(1)], [], [1]), execute(''), sync]],
];

async function rawExchange(target, messages, connectParameters) {
  const client = new RawClient(target);
  await client.connect(connectParameters);
  // Everything is sent at once (COPY data too, pipelined as psql does); every Sync and Query
  // ends in one ReadyForQuery.
  for (const m of messages) client.send(m);
  let pending = messages.filter((m) => m[0] === 'S'.charCodeAt(0) || m[0] === 'Q'.charCodeAt(0)).length;
  const received = [];
  while (pending > 0) {
    received.push(...await client.until((r) => r.type === 'Z'));
    pending--;
  }
  if (messages.length > 0 && messages[messages.length - 1][0] === 'H'.charCodeAt(0)) {
    received.push(...await client.until((r) => r.type === 'C'));
  }
  client.end();
  // COPY TO STDOUT's rows may be cut into CopyData messages anywhere: compare their bytes joined.
  const joined = [];
  for (const m of received) {
    const last = joined[joined.length - 1];
    if (m.type === 'd' && last && last.type === 'd') last.body = Buffer.concat([last.body, m.body]);
    else joined.push({ type: m.type, body: m.body });
  }
  return joined.map(comparable);
}

async function testRawCases(cluster, port) {
  for (const [name, messages] of RAW_CASES) {
    if (filter && !name.includes(filter)) continue;
    const expected = await rawExchange({ path: path.join(cluster.dir, `.s.PGSQL.${cluster.port}`) }, messages,
      { user: 'postgres', database: 'postgres' });
    const actual = await rawExchange(port, messages);
    check(`raw    ${name}`, JSON.stringify(expected) === JSON.stringify(actual),
      `PostgreSQL: ${expected.join(' ')}\n     Cairn:      ${actual.join(' ')}`);
  }
}

async function testConcurrentClients(port) {
  const clients = await Promise.all(Array.from({ length: 24 }, async () => {
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'cairn', database: 'cairn' });
    await client.connect();
    return client;
  }));
  const started = performance.now();
  let wrong = 0;
  await Promise.all(clients.map(async (client, i) => {
    for (let j = 0; j < 25; j++) {
      const result = await client.query('SELECT $1::int * $2::int AS p, $3::text AS s', [i, j, `c${i}`]);
      if (result.rows[0].p !== i * j || result.rows[0].s !== `c${i}`) wrong++;
    }
  }));
  const ms = performance.now() - started;
  await Promise.all(clients.map((client) => client.end()));
  check(`24 concurrent clients × 25 parameterized queries, every answer right (${ms.toFixed(0)} ms)`, wrong === 0,
    `${wrong} wrong answers`);
}

async function testCancel(port) {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'cairn', database: 'cairn' });
  await client.connect();
  const running = client.query('SELECT count(*) FROM generate_series(1, $1::int8) a, generate_series(1, 1000000) b',
    ['100000000']).then(() => 'finished', (error) => error.code);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const canceller = new RawClient(port);
  canceller.send(Buffer.concat([int32(16), int32(80877102), int32(client.processID), int32(client.secretKey)]));
  const started = performance.now();
  const outcome = await running;
  const after = await client.query('SELECT $1::int AS v', [5]);
  check(`a CancelRequest stops a running Execute (57014 after ${(performance.now() - started).toFixed(0)} ms) and the session goes on`,
    outcome === '57014' && after.rows[0].v === 5, `outcome ${outcome}`);
  await client.end();
}

async function main() {
  const cluster = new PostgresCluster();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-extended-'));
  let server;
  const cleanup = () => {
    cluster.stop();
    if (server) server.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  };
  process.on('SIGINT', () => { cleanup(); process.exit(130); });
  try {
    cluster.start();
    server = await startServer(cairn, dataDir);
    const pgClient = new pg.Client({ host: cluster.dir, port: cluster.port, user: 'postgres', database: 'postgres' });
    const cairnClient = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'cairn', database: 'cairn' });
    await pgClient.connect();
    await cairnClient.connect();
    // The session settings Cairn has (docs/server.md).
    await pgClient.query("SET TimeZone = 'UTC'; SET extra_float_digits = 1");
    await testDriverCases(pgClient, cairnClient);
    await testWrites(pgClient, cairnClient);
    await pgClient.end();
    await cairnClient.end();
    await testRawCases(cluster, server.port);
    if (!filter) {
      await testConcurrentClients(server.port);
      await testCancel(server.port);
    }
  } catch (error) {
    check('extended query test run', false, error.stack || String(error));
  } finally {
    cleanup();
  }
  finish();
}

main();

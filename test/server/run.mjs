// run.mjs: end-to-end tests of `cairn serve`, the PostgreSQL wire protocol server. Starts the
// server on a free port over a temporary writable data directory and talks to it with real
// clients: psql (postgresql-client, `-X -A -t`) for results of each type, several statements
// per message, errors with their SQLSTATE, writes and transactions, and concurrent sessions;
// and a raw socket client (below) for what psql does not show — type OIDs, the transaction
// status of ReadyForQuery — and for malformed input (garbage before startup, out-of-bounds
// lengths, unknown message types), which must close only the offending session. Expected
// texts are what PostgreSQL 15 prints for the same statements.
//
// Usage: node test/server/run.mjs [--build-dir DIR]
// Prints one line per check and ends with "N passed, M failed"; exit 1 on failure.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { check, finish, parseTestArguments } from './harness.mjs';
import { int32, message, queryMessage, RawClient, startupPacket } from './protocol_client.mjs';
import { startServer } from './serve.mjs';

const { cairn } = parseTestArguments('test/server/run.mjs');


/// Runs psql with -c COMMANDS...; resolves { status, stdout, stderr }.
function psql(port, commands, extra = []) {
  const args = ['-X', '-A', '-t', '-h', '127.0.0.1', '-p', String(port), '-U', 'cairn', '-d', 'cairn', ...extra];
  for (const command of commands) args.push('-c', command);
  return new Promise((resolve) => {
    const child = spawn('psql', args, { env: { ...process.env, PGCONNECT_TIMEOUT: '10', PGSSLMODE: 'prefer' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout: stdout.replace(/\n$/, ''), stderr }));
  });
}

function errorFields(body) {
  const fields = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    fields[String.fromCharCode(body[at])] = body.subarray(at + 1, end).toString();
    at = end + 1;
  }
  return fields;
}
/// The type OIDs of a RowDescription body.
function rowDescriptionOids(body) {
  const oids = [];
  let at = 2;
  for (let i = 0; i < body.readUInt16BE(0); i++) {
    at = body.indexOf(0, at) + 1;
    oids.push(body.readUInt32BE(at + 6));
    at += 18;
  }
  return oids;
}
function readyStatus(messages) {
  const ready = messages.filter((m) => m.type === 'Z').pop();
  return ready ? String.fromCharCode(ready.body[0]) : null;
}

async function testTypes(port) {
  // Each type's text as PostgreSQL 15 prints it, and its type OID in RowDescription.
  const cases = [
    ['true', 't', 16], ['false', 'f', 16], ['1::int2', '1', 21], ["'-2147483648'::int4", '-2147483648', 23],
    ['9007199254740993::int8', '9007199254740993', 20], ['1.5::real', '1.5', 700], ['0.1::float8', '0.1', 701],
    ['1.50::numeric', '1.50', 1700], ['12.345::numeric(10,3)', '12.345', 1700], ["'héllo'::text", 'héllo', 25],
    ["'2024-02-29'::date", '2024-02-29', 1082], ["'12:34:56.5'::time", '12:34:56.5', 1083],
    ["'2024-01-02 03:04:05'::timestamp", '2024-01-02 03:04:05', 1114],
    ["'2024-01-02 03:04:05+00'::timestamptz", '2024-01-02 03:04:05+00', 1184],
    ["'1 day 02:00:00'::interval", '1 day 02:00:00', 1186], ["'\\x01ff'::bytea", '\\x01ff', 17],
    ["'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid", 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 2950],
    [`'{"a": [1, 2]}'::json`, '{"a": [1, 2]}', 114], [`'{"b":1,"a":2}'::jsonb`, '{"a": 2, "b": 1}', 3802],
    ['ARRAY[1, NULL, 3]', '{1,NULL,3}', 1007], ["ARRAY['a b', 'c']", '{"a b",c}', 1009],
    ['ARRAY[true, false]', '{t,f}', 1000],
  ];
  const client = new RawClient(port);
  await client.connect();
  for (const [expression, text, oid] of cases) {
    const result = await psql(port, [`SELECT ${expression}`]);
    const wire = await client.query(`SELECT ${expression} AS v`);
    const description = wire.find((m) => m.type === 'T');
    const oids = description ? rowDescriptionOids(description.body) : [];
    check(`SELECT ${expression} is ${text} (type OID ${oid})`, result.status === 0 && result.stdout === text && oids[0] === oid,
      `psql: status ${result.status}, ${JSON.stringify(result.stdout)} ${result.stderr.trim()}; OIDs ${oids}`);
  }
  const nulls = await psql(port, ['SELECT NULL::int, 1, NULL'], ['-F', ',']);
  check('NULLs are empty cells', nulls.status === 0 && nulls.stdout === ',1,', JSON.stringify(nulls.stdout));
  client.end();
}

async function testStatements(port) {
  const several = await psql(port, ['SELECT 1; SELECT 2 AS two; VALUES (3), (4)']);
  check('several statements in one message each return their rows', several.status === 0 && several.stdout === '1\n2\n3\n4',
    JSON.stringify(several));
  const error = await psql(port, ['\\set VERBOSITY verbose', 'SELECT 1/0']);
  check('an error shows its SQLSTATE (22012)', error.status === 1 && /ERROR:  22012: division by zero/.test(error.stderr),
    JSON.stringify(error));
  const syntax = await psql(port, ['\\set VERBOSITY verbose', 'SELECT 1; SELEC 2']);
  check('a syntax error gives 42601 and its position in the whole message',
    syntax.status === 1 && /ERROR:  42601: syntax error at or near "SELEC"/.test(syntax.stderr) &&
    /LINE 1: SELECT 1; SELEC 2\n\s{18}\^/.test(syntax.stderr), JSON.stringify(syntax));
  const stops = await psql(port, ['SELECT 1; SELECT 1/0; SELECT 3']);
  check('an error stops the rest of the message', stops.status === 1 && stops.stdout === '1' && !/3/.test(stops.stdout),
    JSON.stringify(stops));
  const undefinedTable = await psql(port, ['\\set VERBOSITY verbose', 'SELECT * FROM missing_table']);
  check('an unknown table is 42P01', undefinedTable.status === 1 && /42P01/.test(undefinedTable.stderr), undefinedTable.stderr);

  const client = new RawClient(port);
  await client.connect();
  const empty = await client.query(' ; -- nothing\n');
  check('an empty query string gets EmptyQueryResponse', empty.map((m) => m.type).join('') === 'IZ',
    empty.map((m) => m.type).join(''));
  const tags = await client.query('SELECT 1 UNION ALL SELECT 2; SELECT 1 WHERE false');
  const completes = tags.filter((m) => m.type === 'C').map((m) => m.body.toString().replace(/\0$/, ''));
  check('CommandComplete says SELECT n', completes.join('|') === 'SELECT 2|SELECT 0', completes.join('|'));
  client.end();
}

async function testWritesAndTransactions(port) {
  const created = await psql(port, ['CREATE TABLE items (id integer, name text)',
    "INSERT INTO items VALUES (1, 'one'), (2, 'two')", 'SELECT id, name FROM items ORDER BY id'], ['-F', ',']);
  check('CREATE TABLE, INSERT and SELECT with --writable', created.status === 0 &&
    created.stdout === 'CREATE TABLE\nINSERT 0 2\n1,one\n2,two', JSON.stringify(created));
  const committed = await psql(port, ['BEGIN', "INSERT INTO items VALUES (3, 'three')", 'COMMIT',
    'SELECT count(*) FROM items']);
  check('BEGIN ... COMMIT keeps the row', committed.status === 0 && committed.stdout === 'BEGIN\nINSERT 0 1\nCOMMIT\n3',
    JSON.stringify(committed));
  const rolled = await psql(port, ['BEGIN', "INSERT INTO items VALUES (4, 'four')", 'ROLLBACK', 'SELECT count(*) FROM items']);
  check('BEGIN ... ROLLBACK drops the row', rolled.status === 0 && rolled.stdout.endsWith('ROLLBACK\n3'), JSON.stringify(rolled));

  const client = new RawClient(port);
  await client.connect();
  const statuses = [];
  for (const sql of ['BEGIN', "INSERT INTO items VALUES (5, 'five')", 'SELECT * FROM missing_table', 'SELECT 1', 'ROLLBACK', 'SELECT 1']) {
    statuses.push(readyStatus(await client.query(sql)));
  }
  check('ReadyForQuery tracks the transaction: I, T, E (failed block), I', statuses.join('') === 'TTEEII', statuses.join(''));
  const failedBlock = await client.query('BEGIN; SELECT * FROM missing_table; SELECT 2');
  const codes = failedBlock.filter((m) => m.type === 'E').map((m) => errorFields(m.body).C);
  check('an error inside a block in one message ends the message in state E', readyStatus(failedBlock) === 'E' &&
    codes.join() === '42P01', `${readyStatus(failedBlock)} ${codes}`);
  const aborted = await client.query('SELECT 3');
  check('a failed block refuses statements with 25P02', errorFields(aborted.find((m) => m.type === 'E')?.body ?? Buffer.alloc(0)).C === '25P02',
    aborted.map((m) => m.type).join(''));
  const commit = await client.query('COMMIT');
  const tag = commit.find((m) => m.type === 'C')?.body.toString().replace(/\0$/, '');
  check('COMMIT of a failed block says ROLLBACK and returns to I', tag === 'ROLLBACK' && readyStatus(commit) === 'I', `${tag} ${readyStatus(commit)}`);
  client.end();
}

async function testConcurrency(port) {
  const slow = 'SELECT count(*) FROM generate_series(1, 3000000) AS s(i) WHERE i % 7 = 0';
  const started = Date.now();
  const [a, b, c] = await Promise.all([psql(port, [slow]), psql(port, [slow]), psql(port, ['SELECT 42'])]);
  check('three concurrent sessions each get their answer', a.stdout === '428571' && b.stdout === '428571' && c.stdout === '42',
    JSON.stringify([a, b, c]));
  console.log(`     (three concurrent sessions took ${Date.now() - started} ms)`);
  const many = await Promise.all(Array.from({ length: 8 }, (_, i) => psql(port, [`SELECT ${i} * 2`])));
  check('eight simultaneous psql sessions', many.every((r, i) => r.status === 0 && r.stdout === String(i * 2)),
    JSON.stringify(many.filter((r) => r.status !== 0)));
}

/// pgbench (libpq) with a custom script, simple and prepared (the extended protocol), 4 clients:
/// every transaction must succeed and see consistent answers.
async function testPgbench(port) {
  const setup = await psql(port, ['CREATE TABLE bench_accounts (aid int PRIMARY KEY, abalance int)',
    'INSERT INTO bench_accounts SELECT x, x * 10 FROM generate_series(1, 1000) AS g(x)']);
  check('pgbench: the table loads', setup.status === 0, setup.stderr);
  const script = path.join(os.tmpdir(), `cairn-pgbench-${process.pid}.sql`);
  writeFileSync(script, '\\set aid random(1, 1000)\nSELECT abalance FROM bench_accounts WHERE aid = :aid;\n' +
    'SELECT count(*), sum(abalance) FROM bench_accounts WHERE aid <= :aid;\n');
  for (const mode of ['simple', 'prepared']) {
    const run = await new Promise((resolve) => {
      const child = spawn('pgbench', ['-n', '-h', '127.0.0.1', '-p', String(port), '-U', 'cairn', '-M', mode, '-f', script,
        '-c', '4', '-j', '2', '-t', '100', 'cairn'], { env: { ...process.env, PGCONNECT_TIMEOUT: '10' } });
      let output = '';
      child.stdout.on('data', (d) => { output += d; });
      child.stderr.on('data', (d) => { output += d; });
      child.on('error', (error) => resolve({ status: -1, output: String(error) }));
      child.on('close', (status) => resolve({ status, output }));
    });
    const processed = /number of transactions actually processed: (\d+)/.exec(run.output);
    const failedCount = /number of failed transactions: (\d+)/.exec(run.output);
    check(`pgbench -M ${mode}: 4 clients × 100 transactions, none failed`,
      run.status === 0 && processed && Number(processed[1]) === 400 && (!failedCount || Number(failedCount[1]) === 0),
      run.output.slice(-1500));
  }
  rmSync(script, { force: true });
}

async function testCancel(port) {
  const client = new RawClient(port);
  client.send(startupPacket());
  const startup = await client.until((m) => m.type === 'Z');
  const keyData = startup.find((m) => m.type === 'K');
  client.send(queryMessage('SELECT count(*) FROM generate_series(1, 2000000000) AS s(i) WHERE i % 3 = 7'));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const canceller = new RawClient(port);
  canceller.send(Buffer.concat([int32(16), int32(80877102), keyData.body.subarray(0, 8)]));
  const started = Date.now();
  const answer = await client.until((m) => m.type === 'Z', 20000);
  const error = answer.find((m) => m.type === 'E');
  check('a CancelRequest with the BackendKeyData cancels the running query (57014)',
    error && errorFields(error.body).C === '57014' && readyStatus(answer) === 'I',
    `${answer.map((m) => m.type).join('')} after ${Date.now() - started} ms`);
  const after = await client.query('SELECT 5');
  check('the session works after a cancel', after.some((m) => m.type === 'D' && m.body.subarray(6).toString() === '5'),
    after.map((m) => m.type).join(''));
  client.end();
}

async function testMalformedInput(port) {
  const bystander = new RawClient(port);
  await bystander.connect();

  const garbage = new RawClient(port);
  garbage.send(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
  let messages = await garbage.until(() => false);
  let fields = messages.find((m) => m.type === 'E') ? errorFields(messages.find((m) => m.type === 'E').body) : {};
  check('garbage before startup: FATAL 08P01, then closed', fields.S === 'FATAL' && fields.C === '08P01' && garbage.closed,
    JSON.stringify(fields));

  const hugeStartup = new RawClient(port);
  hugeStartup.send(Buffer.concat([int32(0x7fffffff), int32(3 << 16)]));
  messages = await hugeStartup.until(() => false);
  fields = messages.length ? errorFields(messages[0].body) : {};
  check('a startup packet over 10 000 bytes is refused', fields.C === '08P01' && /invalid length of startup packet/.test(fields.M ?? '') &&
    hugeStartup.closed, JSON.stringify(fields));

  const oldProtocol = new RawClient(port);
  oldProtocol.send(Buffer.concat([int32(16), int32(2 << 16), Buffer.from('user\0a\0\0')]));
  messages = await oldProtocol.until(() => false);
  fields = messages.length ? errorFields(messages[0].body) : {};
  check('protocol 2.0 is refused with 08P01', fields.C === '08P01' && /unsupported frontend protocol 2\.0/.test(fields.M ?? ''),
    JSON.stringify(fields));

  const ssl = new RawClient(port);
  ssl.send(Buffer.concat([int32(8), int32(80877103)]));
  const answer = await new Promise((resolve) => ssl.socket.once('data', (d) => resolve(d.toString())));
  ssl.buffer = Buffer.alloc(0);
  const afterSsl = await ssl.connect();
  check('SSLRequest is answered N, then the startup proceeds', answer === 'N' && readyStatus(afterSsl) === 'I', answer);
  ssl.end();

  const hugeMessage = new RawClient(port);
  await hugeMessage.connect();
  hugeMessage.send(Buffer.concat([Buffer.from('Q'), int32(0x7fffffff)]));
  messages = await hugeMessage.until(() => false);
  fields = messages.find((m) => m.type === 'E') ? errorFields(messages.find((m) => m.type === 'E').body) : {};
  check('a message length over 1 GiB closes the session with 08P01', fields.C === '08P01' && hugeMessage.closed, JSON.stringify(fields));

  const shortLength = new RawClient(port);
  await shortLength.connect();
  shortLength.send(Buffer.concat([Buffer.from('Q'), int32(2)]));
  messages = await shortLength.until(() => false);
  fields = messages.find((m) => m.type === 'E') ? errorFields(messages.find((m) => m.type === 'E').body) : {};
  check('a message length under 4 closes the session with 08P01', fields.C === '08P01' && shortLength.closed, JSON.stringify(fields));

  const unterminated = new RawClient(port);
  await unterminated.connect();
  unterminated.send(message('Q', Buffer.from('SELECT 1')));
  messages = await unterminated.until(() => false);
  fields = messages.find((m) => m.type === 'E') ? errorFields(messages.find((m) => m.type === 'E').body) : {};
  check('a Query without its terminating zero byte is a protocol violation', fields.C === '08P01' && unterminated.closed,
    JSON.stringify(fields));

  const unknown = new RawClient(port);
  await unknown.connect();
  unknown.send(message('F', Buffer.concat([int32(1234), Buffer.from([0, 0, 0, 0, 0, 0])])));  // FunctionCall
  messages = await unknown.until((m) => m.type === 'Z');
  fields = messages.find((m) => m.type === 'E') ? errorFields(messages.find((m) => m.type === 'E').body) : {};
  const stillServes = await unknown.query('SELECT 7');
  check('an unsupported message type (FunctionCall) gets 0A000 and the session continues', fields.C === '0A000' &&
    stillServes.some((m) => m.type === 'D' && m.body.subarray(6).toString() === '7'), JSON.stringify(fields));
  unknown.end();

  const invalidType = new RawClient(port);
  await invalidType.connect();
  invalidType.send(message('!', Buffer.alloc(0)));
  messages = await invalidType.until((m) => m.type === 'E');
  fields = messages.find((m) => m.type === 'E') ? errorFields(messages.find((m) => m.type === 'E').body) : {};
  check('an invalid message type is a protocol violation that closes the session (as in PostgreSQL)',
    fields.C === '08P01' && fields.S === 'FATAL' && await invalidType.waitClosed(), JSON.stringify(fields));

  const truncated = new RawClient(port);
  await truncated.connect();
  truncated.send(Buffer.concat([Buffer.from('Q'), int32(100), Buffer.from('SELECT')]));
  truncated.end();  // the server sees end of file mid-message

  const alive = await bystander.query('SELECT 40 + 2');
  check('another session keeps working after the bad clients', alive.some((m) => m.type === 'D' && m.body.subarray(6).toString() === '42'),
    alive.map((m) => m.type).join(''));
  bystander.end();
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-serve-'));
  let server;
  try {
    server = await startServer(cairn, dataDir);
    await testTypes(server.port);
    await testStatements(server.port);
    await testWritesAndTransactions(server.port);
    await testConcurrency(server.port);
    await testPgbench(server.port);
    await testCancel(server.port);
    await testMalformedInput(server.port);
    const exit = new Promise((resolve) => server.child.once('exit', (code, signal) => resolve({ code, signal })));
    server.child.kill('SIGTERM');
    const { code, signal } = await exit;
    check('SIGTERM stops the server with status 0', code === 0, `code ${code}, signal ${signal}\n${server.log().slice(-2000)}`);
  } catch (error) {
    check('server test run', false, error.stack);
    if (server) server.child.kill('SIGKILL');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  finish();
}

main();

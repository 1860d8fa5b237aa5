// auth.mjs: end-to-end tests of `cairn serve`'s PostgreSQL server with a config file's users,
// TLS and limits (docs/server.md): SCRAM-SHA-256 password authentication with psql
// (PGPASSWORD) and node `pg` — right password, wrong password, unknown user (the same 28P01
// message for both); TLS with a self-signed certificate made here by `openssl req -x509`
// (psql sslmode=require and disable, `pg` with ssl and without); a bad certificate file stops
// the server at startup; garbage instead of a TLS handshake closes that session only;
// max_connections (53300 for one client too many, the others go on);
// memory_per_query as each session's memory_limit; pgwire sessions in GET /metrics; and 250
// simultaneous `pg` clients of a trust server, after which its open descriptors and threads
// return to their baseline.
//
// Usage: node test/server/auth.mjs [--build-dir DIR]
// Prints one line per check and ends with "N passed, M failed"; exit 1 on failure.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { check, finish, parseTestArguments } from './harness.mjs';
import { startServer } from './serve.mjs';

const { cairn } = parseTestArguments('test/server/auth.mjs');

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/// Runs psql with a connection string and -c COMMANDS; resolves { status, stdout, stderr }.
function psql(conninfo, password, commands) {
  return new Promise((resolve) => {
    const args = ['-X', '-A', '-t', '-w', '-v', 'ON_ERROR_STOP=1', conninfo];
    for (const command of commands) args.push('-c', command);
    const env = { ...process.env, PGCONNECT_TIMEOUT: '10' };
    delete env.PGPASSWORD;
    if (password !== undefined) env.PGPASSWORD = password;
    const child = spawn('psql', args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout: stdout.trim(), stderr: stderr.trim() }));
  });
}

/// Connects a node `pg` client; resolves { client } or { error }.
async function connect(port, options = {}) {
  const client = new pg.Client({ host: '127.0.0.1', port, database: 'db', connectionTimeoutMillis: 15000, ...options });
  client.on('error', () => {});
  try {
    await client.connect();
    return { client };
  } catch (error) {
    return { error };
  }
}

/// The server's open descriptors and threads (Linux /proc).
function resources(pid) {
  const fds = readdirSync(`/proc/${pid}/fd`).length;
  const threads = Number(/^Threads:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { fds, threads };
}

async function stop(server) {
  const exited = new Promise((done) => server.child.once('exit', (code) => done(code)));
  server.child.kill('SIGTERM');
  return exited;
}

async function testPasswordsAndTls(dir) {
  const server = await startServer(cairn, path.join(dir, 'data'), ['--config', path.join(dir, 'serve.yaml'), '--http-port', '0']);
  const port = server.port;
  const at = (user, sslmode) => `host=127.0.0.1 port=${port} dbname=db user=${user} sslmode=${sslmode}`;
  try {
    // psql
    const tls = await psql(at('alice', 'require'), 'wonderland', ['SELECT 40 + 2', '\\conninfo']);
    check('psql sslmode=require with the right password', tls.status === 0 && tls.stdout.startsWith('42') &&
      /SSL connection \(protocol: TLSv1\.[23]/.test(tls.stdout), JSON.stringify(tls));
    const plain = await psql(at('alice', 'disable'), 'wonderland', ['SELECT 7', '\\conninfo']);
    check('psql sslmode=disable with the right password', plain.status === 0 && plain.stdout.startsWith('7') &&
      !plain.stdout.includes('SSL'), JSON.stringify(plain));
    const wrong = await psql(at('alice', 'require'), 'wonderlanD', ['SELECT 1']);
    check('psql with a wrong password: FATAL password authentication failed', wrong.status === 2 &&
      wrong.stderr.includes('FATAL:  password authentication failed for user "alice"'), JSON.stringify(wrong));
    const unknown = await psql(at('mallory', 'disable'), 'wonderland', ['SELECT 1']);
    check('psql as an unknown user: the same message', unknown.status === 2 &&
      unknown.stderr.includes('FATAL:  password authentication failed for user "mallory"'), JSON.stringify(unknown));
    const none = await psql(at('alice', 'disable'), undefined, ['SELECT 1']);
    check('psql without a password is refused', none.status === 2 && /password/.test(none.stderr), JSON.stringify(none));
    const second = await psql(at('bob', 'require'), 'b0b pass', ['SELECT 5']);
    check('psql as a second configured user', second.status === 0 && second.stdout === '5', JSON.stringify(second));

    // node pg
    const good = await connect(port, { user: 'alice', password: 'wonderland', ssl: { rejectUnauthorized: false } });
    let row = null;
    if (good.client) {
      row = (await good.client.query('SELECT $1::int + 1 AS n', [41])).rows[0];
      check('pg over TLS: the socket is encrypted', good.client.connection.stream.encrypted === true);
    }
    check('pg over TLS with the right password runs a query', row?.n === 42, String(good.error ?? JSON.stringify(row)));
    const memory = good.client ? (await good.client.query('SHOW memory_limit')).rows[0] : null;
    check('memory_per_query is the session\'s memory_limit', /^48 ?Mi?B$/.test(Object.values(memory ?? {})[0] ?? ''),
      JSON.stringify(memory));
    let http = null;
    for (let i = 0; i < 100 && !http; i++) {
      http = /HTTP listening on (127\.0\.0\.1:\d+)/.exec(server.log())?.[1];
      if (!http) await sleep(100);
    }
    const metrics = await (await fetch(`http://${http}/metrics`)).text();
    check('GET /metrics counts the open pgwire session', /cairn_sessions_open\{protocol="pgwire"\} 1\b/.test(metrics),
      metrics.split('\n').filter((l) => l.includes('pgwire')).join(' | '));
    await good.client?.end();
    const noTls = await connect(port, { user: 'alice', password: 'wonderland' });
    check('pg without TLS with the right password', noTls.client && (await noTls.client.query('SELECT 1 AS one')).rows[0].one === 1,
      String(noTls.error));
    await noTls.client?.end();
    const bad = await connect(port, { user: 'alice', password: 'nope', ssl: { rejectUnauthorized: false } });
    check('pg with a wrong password gets 28P01', bad.error?.code === '28P01' &&
      bad.error.message === 'password authentication failed for user "alice"', `${bad.error?.code} ${bad.error?.message}`);
    const stranger = await connect(port, { user: 'mallory', password: 'wonderland' });
    check('pg as an unknown user gets 28P01 with the same message', stranger.error?.code === '28P01' &&
      stranger.error.message === 'password authentication failed for user "mallory"', `${stranger.error?.code} ${stranger.error?.message}`);

    // A client that answers 'S' with garbage instead of a TLS handshake loses only its session.
    const reply = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let bytes = Buffer.alloc(0);
      socket.on('connect', () => socket.write(Buffer.from([0, 0, 0, 8, 4, 0xd2, 0x16, 0x2f])));
      socket.on('data', (data) => {
        if (bytes.length === 0) socket.write('this is not a TLS ClientHello\r\n\r\n');
        bytes = Buffer.concat([bytes, data]);
      });
      socket.on('error', () => {});
      socket.on('close', () => resolve(bytes));
      setTimeout(() => socket.destroy(), 10000);
    });
    const afterGarbage = await psql(at('alice', 'require'), 'wonderland', ['SELECT 9']);
    check('garbage instead of a TLS handshake closes that session only', reply.toString('latin1', 0, 1) === 'S' &&
      /TLS handshake failed/.test(server.log()) && afterGarbage.stdout === '9', `${JSON.stringify(reply.toString('latin1'))} ${afterGarbage.stderr}`);

    // max_connections: 3
    const held = [];
    for (let i = 0; i < 3; i++) held.push(await connect(port, { user: 'alice', password: 'wonderland' }));
    check('three sessions up to max_connections', held.every((h) => h.client), held.map((h) => String(h.error)).join());
    const extra = await connect(port, { user: 'alice', password: 'wonderland' });
    check('a fourth client gets 53300 "sorry, too many clients already"', extra.error?.code === '53300' &&
      extra.error.message === 'sorry, too many clients already', `${extra.error?.code} ${extra.error?.message}`);
    const extraPsql = await psql(at('alice', 'require'), 'wonderland', ['SELECT 1']);
    check('psql over TLS beyond the limit gets the same FATAL', extraPsql.status === 2 &&
      extraPsql.stderr.includes('sorry, too many clients already'), JSON.stringify(extraPsql));
    const answers = await Promise.all(held.map((h, i) => h.client?.query(`SELECT ${i} AS i`)));
    check('the sessions within the limit keep being served', answers.every((a, i) => a?.rows[0].i === i));
    await held[0].client?.end();
    let again = null;
    for (let attempt = 0; attempt < 20 && !again?.client; attempt++) {
      if (attempt > 0) await sleep(100);
      again = await connect(port, { user: 'alice', password: 'wonderland' });
    }
    check('after one disconnects, a new client is served', again?.client !== undefined, String(again?.error));
    await again?.client?.end();
    for (const h of held.slice(1)) await h.client?.end();
  } finally {
    const code = await stop(server);
    check('SIGTERM stops the server with exit 0', code === 0, server.log());
  }
}

async function testBadCertificate(dir) {
  writeFileSync(path.join(dir, 'broken.crt'), 'not a certificate\n');
  writeFileSync(path.join(dir, 'bad.yaml'), 'tls:\n  certificate: broken.crt\n  key: server.key\n');
  const result = await new Promise((resolve) => {
    const child = spawn(cairn, ['serve', path.join(dir, 'data'), '--port', '0', '--config', path.join(dir, 'bad.yaml')],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr.on('data', (d) => { log += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, log }); });
  });
  check('a bad certificate file stops the server with exit 1, naming the file', result.code === 1 &&
    result.log.includes('could not load TLS certificate file') && result.log.includes('broken.crt'), JSON.stringify(result));
}

async function testManyConnections(dir) {
  const server = await startServer(cairn, path.join(dir, 'data'));
  const pid = server.child.pid;
  try {
    // Warm up one session so that lazily created state is part of the baseline.
    const warm = await connect(server.port, { user: 'me' });
    await warm.client?.query('SELECT 1');
    await warm.client?.end();
    await sleep(1500);
    const baseline = resources(pid);
    const count = 250;
    const clients = await Promise.all(Array.from({ length: count }, () => connect(server.port, { user: 'me' })));
    const connected = clients.filter((c) => c.client).length;
    const during = resources(pid);
    const results = await Promise.all(clients.map((c, i) => c.client?.query('SELECT $1::int * 2 AS v', [i])));
    const right = results.filter((r, i) => r?.rows[0].v === i * 2).length;
    check(`${count} simultaneous pg clients each run a query`, connected === count && right === count,
      `${connected} connected, ${right} right; ${clients.find((c) => c.error)?.error}`);
    console.log(`     (baseline ${baseline.fds} fds, ${baseline.threads} threads; with ${count} clients ` +
      `${during.fds} fds, ${during.threads} threads)`);
    await Promise.all(clients.map((c) => c.client?.end()));
    let after = resources(pid);
    for (let i = 0; i < 50 && (after.fds > baseline.fds || after.threads > baseline.threads); i++) {
      await sleep(200);
      after = resources(pid);
    }
    check('descriptors and threads return to the baseline after they close',
      after.fds <= baseline.fds && after.threads <= baseline.threads,
      `baseline ${JSON.stringify(baseline)}, after ${JSON.stringify(after)}`);
  } finally {
    await stop(server);
  }
}

/// statement_timeout from the config file over the PostgreSQL protocol, and a client that hangs
/// up mid-query: its statement is interrupted and its thread freed at once.
async function testTimeoutAndHangUp(dir) {
  const slow = 'SELECT count(*) FROM generate_series(1, 20000000000) AS s(i) WHERE i % 3 = 7';  // minutes
  const config = path.join(dir, 'timeout.yaml');
  writeFileSync(config, 'limits:\n  statement_timeout: 400ms\n');
  let server = await startServer(cairn, path.join(dir, 'data'), ['--config', config]);
  try {
    const session = await connect(server.port, { user: 'me' });
    const started = Date.now();
    const outcome = await session.client.query(slow).then(() => null, (error) => error);
    const elapsed = Date.now() - started;
    check(`statement_timeout 400ms cancels a long statement (57014 after ${elapsed} ms)`,
      outcome?.code === '57014' && outcome.message === 'canceling statement due to statement timeout' && elapsed < 5000,
      `${outcome?.code} ${outcome?.message}`);
    const quick = await session.client.query('SELECT $1::int + 1 AS v', [1]);
    check('a quick statement under the timeout runs, in the same session', quick.rows[0].v === 2);
    await session.client.end();
  } finally {
    await stop(server);
  }
  server = await startServer(cairn, path.join(dir, 'data'));
  const pid = server.child.pid;
  try {
    const warm = await connect(server.port, { user: 'me' });
    await warm.client.query('SELECT 1');
    await warm.client.end();
    await sleep(500);
    const baseline = resources(pid);
    const gone = await connect(server.port, { user: 'me' });
    gone.client.query(slow).catch(() => {});
    await sleep(300);
    gone.client.connection.stream.destroy();  // hang up mid-query, without Terminate
    const started = Date.now();
    let after = resources(pid);
    while (Date.now() - started < 5000 && (after.threads > baseline.threads || after.fds > baseline.fds)) {
      await sleep(100);
      after = resources(pid);
    }
    check(`a client that hangs up mid-query has its statement stopped and its session freed (${Date.now() - started} ms)`,
      after.threads <= baseline.threads && after.fds <= baseline.fds,
      `baseline ${JSON.stringify(baseline)}, after ${JSON.stringify(after)}`);
  } finally {
    await stop(server);
  }
}

/// Roles made with CREATE ROLE ... LOGIN PASSWORD log in with SCRAM-SHA-256 (no config file
/// users); once such a role exists, trust authentication ends for everyone.
async function testCreateRole(dir) {
  const dataDir = path.join(dir, 'roles');
  execFileSync('mkdir', ['-p', dataDir]);
  let server = await startServer(cairn, dataDir);
  try {
    const admin = await connect(server.port, { user: 'anyone' });
    check('without users or login roles, trust authentication', admin.client !== undefined, String(admin.error));
    await admin.client.query("CREATE ROLE carol LOGIN PASSWORD 'c4rol pass'");
    await admin.client.query('CREATE ROLE dave');  // NOLOGIN
    await admin.client.end();
    const carol = await connect(server.port, { user: 'carol', password: 'c4rol pass' });
    const who = await carol.client?.query('SELECT 1 AS one');
    check('CREATE ROLE ... LOGIN PASSWORD: the role logs in with SCRAM-SHA-256', who?.rows[0].one === 1, String(carol.error));
    await carol.client?.end();
    const wrong = await connect(server.port, { user: 'carol', password: 'nope' });
    const dave = await connect(server.port, { user: 'dave', password: 'x' });
    const stranger = await connect(server.port, { user: 'anyone', password: 'x' });
    check('a wrong password, a NOLOGIN role and an unknown user get 28P01',
      wrong.error?.code === '28P01' && dave.error?.code === '28P01' && stranger.error?.code === '28P01',
      `${wrong.error?.code} ${dave.error?.code} ${stranger.error?.code}`);
  } finally {
    await stop(server);
  }
  // The role survives a restart (catalog.json), and psql logs in with it.
  server = await startServer(cairn, dataDir);
  try {
    const again = await psql(`host=127.0.0.1 port=${server.port} user=carol dbname=db sslmode=disable`, 'c4rol pass',
      ['SELECT 1']);
    check('after a restart the role still logs in (psql)', again.status === 0, again.stderr);
  } finally {
    await stop(server);
  }
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'cairn-auth-'));
try {
  execFileSync('mkdir', ['-p', path.join(dir, 'data')]);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-keyout', path.join(dir, 'server.key'), '-out', path.join(dir, 'server.crt')], { stdio: 'ignore' });
  writeFileSync(path.join(dir, 'serve.yaml'), [
    'users:',
    '  - {name: alice, password: wonderland}',
    '  - {name: bob, password: "b0b pass"}',
    'tls:',
    '  certificate: server.crt',
    '  key: server.key',
    'limits:',
    '  max_connections: 3',
    '  memory_per_query: 48MB',
    '',
  ].join('\n'));
  await testPasswordsAndTls(dir);
  await testBadCertificate(dir);
  await testManyConnections(dir);
  await testTimeoutAndHangUp(dir);
  await testCreateRole(dir);
} catch (error) {
  check('the tests ran to the end', false, error.stack);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
finish();

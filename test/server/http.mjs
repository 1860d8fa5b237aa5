// http.mjs: end-to-end tests of the HTTP API of `cairn serve --http-port` (docs/http.md). Starts
// the server with `--port 0 --http-port 0` over a temporary data directory holding a CSV and a
// Parquet file from test/data, and talks to it with node's fetch and with curl: every endpoint,
// the json/ndjson/csv formats, streaming of a million-row result, the error statuses (bad SQL,
// unknown table, malformed JSON, missing fields, oversized body, wrong token, object storage),
// many concurrent requests, a slow query that must not block /health and is canceled when its
// client disconnects, the statement timeout and
// the bearer token from a config file, a bad config file, and SIGTERM during a query.
//
// Usage: node test/server/http.mjs [--build-dir DIR]
// Prints one line per check and ends with "N passed, M failed"; exit 1 on failure.
import { execFile, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { check, finish, parseTestArguments, root } from './harness.mjs';

const { cairn } = parseTestArguments('test/server/http.mjs');

const show = (value) => (typeof value === 'string' ? value : JSON.stringify(value)).slice(0, 600);

/// Starts `cairn serve` with `args`; resolves { child, http, log(), exit } once the HTTP port is logged.
function startServer(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cairn, ['serve', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const exit = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    child.stderr.on('data', (data) => {
      log += data;
      const match = /HTTP listening on 127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ child, http: `http://127.0.0.1:${match[1]}`, log: () => log, exit });
      }
    });
    child.on('error', reject);
    exit.then(({ code }) => reject(new Error(`server exited with ${code} before listening:\n${log}`)));
  });
}

/// POST /query with `sql`; resolves { status, type, text, json }.
async function query(base, sql, { format, headers = {}, body } = {}) {
  const url = `${base}/query${format ? `?format=${format}` : ''}`;
  const response = await fetch(url, { method: 'POST', body: body ?? sql, headers });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, type: response.headers.get('content-type'), chunked: response.headers.get('transfer-encoding'), text, json };
}

async function postJson(base, endpoint, body, headers = {}) {
  const response = await fetch(`${base}${endpoint}`, {
    method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
  const text = await response.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: response.status, text, json };
}

/// Runs curl with `args`; resolves { status, stdout }.
function curl(args) {
  return new Promise((resolve) => {
    execFile('curl', ['-s', '-S', '--max-time', '60', ...args], { maxBuffer: 64 << 20 }, (error, stdout) => {
      resolve({ status: error ? error.code : 0, stdout });
    });
  });
}

// A query that runs for many seconds unless canceled.
const slowSql = 'SELECT count(*) FROM generate_series(1, 200000) a, generate_series(1, 200000) b WHERE a + b = 0';

async function testQuery(base) {
  let r = await query(base, "SELECT 1 AS a, 'x' AS b, 1.50::numeric(5,2) AS n, 9007199254740993 AS big, NULL::int AS z, true AS t, 0.5::float8 AS f, DATE '2024-02-29' AS d, ARRAY[1,2] AS arr");
  check('POST /query answers JSON with columns, PostgreSQL type names and typed values',
    r.status === 200 && r.type.startsWith('application/json') && JSON.stringify(r.json) === JSON.stringify({
      columns: [{ name: 'a', type: 'integer' }, { name: 'b', type: 'text' }, { name: 'n', type: 'numeric(5,2)' },
        { name: 'big', type: 'bigint' }, { name: 'z', type: 'integer' }, { name: 't', type: 'boolean' },
        { name: 'f', type: 'double precision' }, { name: 'd', type: 'date' }, { name: 'arr', type: 'integer[]' }],
      rows: [[1, 'x', '1.50', '9007199254740993', null, true, 0.5, '2024-02-29', '{1,2}']],
      row_count: 1, command: 'SELECT',
    }), show(r.text));

  r = await query(base, 'SELECT id, name, age FROM people ORDER BY id');
  check('a CSV file of the data directory is queried by name',
    r.status === 200 && r.json.row_count === 5 && JSON.stringify(r.json.rows[2]) === '[3,"Cid",null]', show(r.text));

  r = await query(base, '', { body: JSON.stringify({ sql: 'SELECT count(*) AS n FROM events' }), headers: { 'Content-Type': 'application/json' } });
  check('JSON body {"sql": ...} and a Parquet file', r.status === 200 && typeof r.json.rows[0][0] === 'number' && r.json.rows[0][0] > 0, show(r.text));

  r = await query(base, '{"sql": "SELECT 7"}');
  check('a body starting with { is JSON without a Content-Type', r.status === 200 && r.json.rows[0][0] === 7, show(r.text));

  r = await query(base, "SELECT id, name FROM people WHERE id <= 2 ORDER BY id", { format: 'ndjson' });
  const lines = r.text.trimEnd().split('\n').map((line) => JSON.parse(line));
  check('?format=ndjson: a columns line, one array per row, a row_count line',
    r.type.startsWith('application/x-ndjson') && lines.length === 4 && lines[0].columns[1].name === 'name' &&
    JSON.stringify(lines[1]) === '[1,"Ann"]' && lines[3].row_count === 2, show(r.text));

  r = await query(base, "SELECT 1 AS n, 'a,b' AS s, NULL AS z, '' AS e, 'say \"hi\"' AS q", { format: 'csv' });
  check('?format=csv: PostgreSQL CSV with a header (NULL empty, empty string quoted)',
    r.type.startsWith('text/csv') && r.text === 'n,s,z,e,q\n1,"a,b",,"","say ""hi"""\n', show(r.text));

  r = await query(base, 'SELECT 1', { format: 'xml' });
  check('an unknown format is 400', r.status === 400 && /unknown format/.test(r.json.error.message), show(r.text));

  r = await query(base, 'CREATE VIEW adults AS SELECT * FROM people WHERE age >= 30');
  check('a statement without rows answers its command tag', r.status === 200 && r.json.command === 'CREATE VIEW' && r.json.row_count === 0, show(r.text));
}

async function testStreaming(base) {
  const r = await query(base, 'SELECT a, a * 2 AS b FROM generate_series(1, 1000000) a', { format: 'ndjson' });
  const lines = r.text.trimEnd().split('\n');
  let sum = 0;
  for (let i = 1; i < lines.length - 1; i++) sum += JSON.parse(lines[i])[0];
  check('a million-row NDJSON result is streamed with chunked transfer, every row once',
    r.chunked === 'chunked' && lines.length === 1000002 && sum === 500000500000 &&
    JSON.parse(lines.at(-1)).row_count === 1000000, `${r.chunked} ${lines.length} ${sum} ${lines.at(-1)}`);

  const json = await query(base, 'SELECT a FROM generate_series(1, 1000000) a');
  const jsonSum = json.json ? json.json.rows.reduce((total, row) => total + row[0], 0) : 0;
  check('a million-row JSON result parses as one document',
    json.json && json.json.rows.length === 1000000 && jsonSum === 500000500000 && json.json.row_count === 1000000,
    show(json.text.slice(-200)));

  const c = await curl(['-X', 'POST', '--data-binary', 'SELECT a FROM generate_series(1, 300000) a', `${base}/query?format=csv`]);
  const csvLines = c.stdout.trimEnd().split('\n');
  const csvSum = csvLines.slice(1).reduce((total, line) => total + Number(line), 0);
  check('curl reads a streamed CSV result', c.status === 0 && csvLines.length === 300001 && csvLines[0] === 'a' && csvSum === 45000150000,
    `${c.status} ${csvLines.length} ${csvSum}`);

  const error = await query(base, 'SELECT 10 / (a - 500000) FROM generate_series(1, 1000000) a', { format: 'ndjson' });
  const last = JSON.parse(error.text.trimEnd().split('\n').at(-1));
  check('an error after rows were streamed ends the NDJSON stream with an error line',
    (error.status === 200 && last.error && last.error.sqlstate === '22012') || (error.status === 400 && error.json.error.sqlstate === '22012'),
    show(error.text.slice(-300)));
}

async function testErrors(base) {
  let r = await query(base, 'SELEC 1');
  check('bad SQL is 400 with sqlstate, message and position',
    r.status === 400 && r.json.error.sqlstate === '42601' && r.json.error.position === 1 && /syntax error/.test(r.json.error.message), show(r.text));
  r = await query(base, 'SELECT * FROM no_such_table');
  check('an unknown table is 404 (42P01)', r.status === 404 && r.json.error.sqlstate === '42P01' && r.json.error.position === 15, show(r.text));
  r = await query(base, 'SELECT no_such_column FROM people');
  check('a bind error is 400 (42703)', r.status === 400 && r.json.error.sqlstate === '42703', show(r.text));
  r = await query(base, 'SELECT 1/0');
  check('an execution error is 400 (22012)', r.status === 400 && r.json.error.sqlstate === '22012', show(r.text));
  r = await query(base, '{"sql": ');
  check('malformed JSON is 400', r.status === 400 && /not valid JSON/.test(r.json.error.message), show(r.text));
  r = await query(base, '{"query": "SELECT 1"}');
  check('a JSON body without "sql" is 400 naming it', r.status === 400 && r.json.error.message === 'missing "sql"', show(r.text));
  r = await query(base, '{"sql": 5}');
  check('a non-string "sql" is 400', r.status === 400 && /must be a string/.test(r.json.error.message), show(r.text));
  r = await query(base, `SELECT '${'x'.repeat(17 << 20)}'`);
  check('a body over the limit is 413', r.status === 413 && r.json.error.message === 'request body too large', `${r.status} ${show(r.text)}`);
  const notFound = await fetch(`${base}/nothing`);
  check('an unknown endpoint is 404', notFound.status === 404, String(notFound.status));
  const c = await curl(['-o', '/dev/null', '-w', '%{http_code}', '-X', 'POST', '--data-binary', 'SELECT * FROM missing', `${base}/query`]);
  check('curl sees 404 for an unknown table', c.stdout === '404', c.stdout);
}

async function testRegistry(base) {
  let r = await postJson(base, '/register_table', { table_name: 'users', file_path: 'users.parquet' });
  check('POST /register_table maps a name onto a file', r.status === 200 && JSON.stringify(r.json) === '{"registered":["users"]}', show(r.text));
  const q = await query(base, 'SELECT count(*) FROM users');
  check('the registered table is queryable', q.status === 200 && q.json.rows[0][0] > 0, show(q.text));

  r = await postJson(base, '/register_table', {
    tables: [{ table_name: 'folks', file_path: 'people.csv', schema: { columns: [{ name: 'id', type: 'int64', nullable: false }] } },
      { table_name: 'more_folks', partitions: ['people.csv'] }],
  });
  check('a {"tables": [...]} document with a schema and partitions', r.status === 200 && r.json.registered.length === 2, show(r.text));
  r = await postJson(base, '/register_table', { table_name: 'ghost', file_path: 'ghost.parquet' });
  check('a missing file is 404 (58P01)', r.status === 404 && r.json.error.sqlstate === '58P01', show(r.text));
  r = await postJson(base, '/register_table', { table_name: 'bad', file_path: 'people.csv', schema: { columns: [{ name: 'id', type: 'int65' }] } });
  check('an unknown column type is 400', r.status === 400 && /int65/.test(r.json.error.message), show(r.text));
  r = await postJson(base, '/register_table', { file_path: 'people.csv' });
  check('a mapping without table_name is 400', r.status === 400 && r.json.error.message === 'missing "table_name"', show(r.text));
  r = await postJson(base, '/register_table', { table_name: 'x', file_path: 'a', partitions: ['b'] });
  check('file_path and partitions together are 400', r.status === 400 && /exactly one of/.test(r.json.error.message), show(r.text));
  r = await postJson(base, '/register_table', '{"table_name": "x", ');
  check('malformed JSON on /register_table is 400', r.status === 400 && /not valid JSON/.test(r.json.error.message), show(r.text));
  r = await postJson(base, '/register_table', '[1, 2]');
  check('a JSON array is 400', r.status === 400 && /JSON object/.test(r.json.error.message), show(r.text));

  r = await postJson(base, '/register_project', { project_id: 'acme-corp', table_name: 'metrics' });
  check('POST /register_project with the seed\'s body and no bucket uses local storage',
    r.status === 200 && r.json.location === 'projects/acme-corp/metrics/', show(r.text));
  r = await postJson(base, '/register_project', { project_id: 'globex', table_name: 'metrics' });
  r = await postJson(base, '/register_project', { project_id: 'globex', table_name: 'metrics' });
  check('registering a project twice is idempotent', r.status === 200, show(r.text));
  r = await postJson(base, '/register_project', {
    project_id: 'acme-corp', bucket: 'my-data-bucket', access_key: 'A', secret_key: 'S', endpoint: 'https://s3.amazonaws.com', table_name: 'events',
  });
  check('a bucket is 501 until object storage exists', r.status === 501 && r.json.error.sqlstate === '0A000', show(r.text));
  r = await postJson(base, '/register_project', { project_id: 'acme-corp', table_name: 'no_such_type' });
  check('an unknown table type is 404', r.status === 404 && r.json.error.sqlstate === '42704', show(r.text));
  r = await postJson(base, '/register_project', { table_name: 'metrics' });
  check('a missing project_id is 400', r.status === 400 && r.json.error.message === 'missing "project_id"', show(r.text));
  r = await postJson(base, '/register_project', { project_id: '../up', table_name: 'metrics' });
  check('a project id that is not a directory name is 400', r.status === 400 && r.json.error.sqlstate === '22023', show(r.text));

  const list = await fetch(`${base}/list_tables`).then((response) => response.json());
  const pairs = list.tables.map((t) => `${t.project_id}/${t.table_name}`).sort();
  check('GET /list_tables answers the seed\'s shape: project_id and table_name',
    JSON.stringify(pairs) === JSON.stringify(['acme-corp/metrics', 'globex/metrics', 'null/adults', 'null/folks', 'null/more_folks', 'null/users']),
    show(list));
  const q2 = await query(base, "SELECT count(*) FROM metrics WHERE project_id = 'acme-corp'");
  check('a registered project table is queryable', q2.status === 200 && q2.json.rows[0][0] === 0, show(q2.text));
}

async function testConcurrency(base) {
  const started = Date.now();
  const requests = [];
  for (let i = 0; i < 60; i++) {
    requests.push(query(base, `SELECT ${i} AS i, count(*) AS n FROM people`, { format: i % 2 ? 'ndjson' : 'json' }));
  }
  const results = await Promise.all(requests);
  const ok = results.every((r, i) => r.status === 200 && (i % 2
    ? r.text.split('\n')[1] === `[${i},5]`
    : JSON.stringify(r.json.rows) === `[[${i},5]]`));
  check('60 concurrent queries each get their own answer', ok, `${Date.now() - started} ms`);

  const controller = new AbortController();
  const slow = fetch(`${base}/query`, { method: 'POST', body: slowSql, signal: controller.signal }).catch((error) => error);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const healthStart = Date.now();
  const health = await fetch(`${base}/health`).then((response) => response.json());
  const quick = await query(base, 'SELECT 42');
  const elapsed = Date.now() - healthStart;
  check('a slow query blocks neither /health nor other queries',
    health.status === 'ok' && quick.json.rows[0][0] === 42 && elapsed < 3000, `${elapsed} ms`);
  controller.abort();
  await slow;
  // The server notices the closed connection and cancels the query (57014): no session stays open.
  let freed = false;
  let text = '';
  for (let i = 0; i < 50 && !freed; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    text = await fetch(`${base}/metrics`).then((response) => response.text());
    freed = /^cairn_statement_errors_total\{protocol="http",class="57"\} 1$/m.test(text) &&
      /^cairn_sessions_open\{protocol="http"\} 0$/m.test(text);
  }
  check('a client that disconnects mid-query has its query canceled', freed, text.slice(0, 600));

  const metrics = await fetch(`${base}/metrics`).then((response) => response.text());
  const statements = Number(/^cairn_statements_total\{protocol="http"\} (\d+)$/m.exec(metrics)?.[1]);
  const errors42 = Number(/^cairn_statement_errors_total\{protocol="http",class="42"\} (\d+)$/m.exec(metrics)?.[1]);
  const histogram = Number(/^cairn_statement_duration_seconds_count\{protocol="http"\} (\d+)$/m.exec(metrics)?.[1]);
  check('GET /metrics: Prometheus text with statements, errors by class, a latency histogram, sessions',
    statements >= 70 && errors42 >= 3 && histogram >= 70 && /# TYPE cairn_statement_duration_seconds histogram/.test(metrics) &&
    /^cairn_statement_duration_seconds_bucket\{protocol="http",le="\+Inf"\} \d+$/m.test(metrics) &&
    /^cairn_sessions_open\{protocol="http"\} \d+$/m.test(metrics), metrics.slice(0, 800));
}

async function testConfigFile(dataDir) {
  const configPath = path.join(dataDir, 'serve.yaml');
  writeFileSync(configPath, [
    'http_port: 1', // overridden by --http-port 0 on the command line
    'http_token: "t0ken-s3cret"',
    'limits:',
    '  statement_timeout: 300ms',
    '  http_max_body: 2kB',
    '  memory_per_query: 64MB',
    '',
  ].join('\n'));
  const server = await startServer([dataDir, '--port', '0', '--http-port', '0', '--threads', '2', '--config', configPath]);
  try {
    const base = server.http;
    let r = await query(base, 'SELECT 1');
    check('with a token configured, a request without it is 401', r.status === 401 && r.json.error.sqlstate === '28000', show(r.text));
    r = await query(base, 'SELECT 1', { headers: { Authorization: 'Bearer t0ken-s3creT' } });
    check('a wrong token is 401', r.status === 401 && r.json.error.message === 'invalid bearer token', show(r.text));
    r = await query(base, 'SELECT 1', { headers: { Authorization: 'Bearer t0ken-s3cret-and-more' } });
    check('a longer token with the right prefix is 401', r.status === 401, show(r.text));
    r = await query(base, 'SELECT 1', { headers: { Authorization: 'Bearer t0ken-s3cret' } });
    check('the right token is served', r.status === 200 && r.json.rows[0][0] === 1, show(r.text));
    const c = await curl(['-H', 'Authorization: Bearer t0ken-s3cret', `${base}/list_tables`]);
    check('curl with the token lists tables', c.status === 0 && JSON.parse(c.stdout).tables.length > 0, c.stdout);
    const health = await fetch(`${base}/health`);
    check('/health needs no token', health.status === 200);
    const metrics = await fetch(`${base}/metrics`);
    check('/metrics needs the token', metrics.status === 401);
    r = await query(base, `SELECT '${'x'.repeat(3000)}'`, { headers: { Authorization: 'Bearer t0ken-s3cret' } });
    check('limits.http_max_body from the file: 413', r.status === 413, `${r.status}`);
    r = await query(base, 'SHOW memory_limit', { headers: { Authorization: 'Bearer t0ken-s3cret' } });
    check('limits.memory_per_query from the file is each request\'s memory_limit', r.status === 200 && r.json.rows[0][0] === '64MB', show(r.text));
    const started = Date.now();
    r = await query(base, slowSql, { headers: { Authorization: 'Bearer t0ken-s3cret' } });
    check('limits.statement_timeout cancels a long query (57014)',
      r.status === 503 && r.json.error.sqlstate === '57014' && r.json.error.message === 'canceling statement due to statement timeout' &&
      Date.now() - started < 10000, `${Date.now() - started} ms ${show(r.text)}`);

    // SIGTERM while a query runs: the query is interrupted and the server exits 0.
    const running = query(base, 'SELECT 1', { headers: { Authorization: 'Bearer t0ken-s3cret' } });
    await running;
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exit;
    check('SIGTERM stops the HTTP server too, status 0', code === 0 && /stopped/.test(server.log()), `code ${code}, signal ${signal}\n${server.log().slice(-1000)}`);
  } catch (error) {
    server.child.kill('SIGKILL');
    throw error;
  }

  writeFileSync(configPath, 'limits:\n  statement_timeout: forever\n');
  const bad = await new Promise((resolve) => {
    execFile(cairn, ['serve', dataDir, '--config', configPath], (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr }));
  });
  check('a bad config file: exit 1 naming the file, line and key',
    bad.code === 1 && bad.stderr.includes(`${configPath}: line 2: limits.statement_timeout: expected a duration`), `${bad.code} ${bad.stderr}`);
}

async function testSigtermDuringQuery(dataDir) {
  const server = await startServer([dataDir, '--port', '0', '--http-port', '0', '--threads', '2']);
  const pending = query(server.http, slowSql);
  await new Promise((resolve) => setTimeout(resolve, 300));
  server.child.kill('SIGTERM');
  const [r, { code }] = await Promise.all([pending.catch((error) => ({ error })), server.exit]);
  check('SIGTERM during a slow HTTP query interrupts it and exits 0',
    code === 0 && (r.error || (r.json && r.json.error && r.json.error.sqlstate === '57014')), `code ${code} ${show(r.text ?? String(r.error))}`);
}

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-http-'));
  for (const file of ['people.csv', 'events.parquet']) copyFileSync(path.join(root, 'test/data', file), path.join(dataDir, file));
  copyFileSync(path.join(root, 'test/data/csv/users.parquet'), path.join(dataDir, 'users.parquet'));
  let server;
  try {
    server = await startServer([dataDir, '--port', '0', '--http-port', '0', '--threads', '2', '--writable']);
    const health = await curl([`${server.http}/health`]);
    check('GET /health', health.stdout === '{"status":"ok"}\n', health.stdout);
    const taken = await new Promise((resolve) => {
      execFile(cairn, ['serve', dataDir, '--port', '0', '--http-port', new URL(server.http).port], { timeout: 20000 },
        (error, stdout, stderr) => resolve({ code: error ? error.code : 0, stderr }));
    });
    check('an HTTP port in use: exit 1 naming the address',
      taken.code === 1 && taken.stderr.includes(`cannot listen for HTTP on ${server.http.slice(7)}`), `${taken.code} ${taken.stderr}`);
    await testQuery(server.http);
    await testStreaming(server.http);
    await testErrors(server.http);
    await testRegistry(server.http);
    await testConcurrency(server.http);
    server.child.kill('SIGTERM');
    const { code } = await server.exit;
    check('SIGTERM stops the server with status 0', code === 0, `code ${code}\n${server.log().slice(-1000)}`);
    server = undefined;
    await testConfigFile(dataDir);
    await testSigtermDuringQuery(dataDir);
  } catch (error) {
    check('HTTP test run', false, `${error.stack}${error.cause ? `\n     cause: ${error.cause.stack ?? error.cause}` : ''}`);
    if (server) server.child.kill('SIGKILL');
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  finish();
}

main();

// run.mjs: differential tests against PostgreSQL 15 — every query of the .sql files in this
// directory runs in a private PostgreSQL cluster (one psql session for all of them) and in
// Cairn's CLI; the result types, the text of every value, and for failing queries the SQLSTATE
// must agree, and so must the result column names (PostgreSQL's FigureColname: `count`, `int4`,
// `?column?`, ...; psql's \gdesc prints them). Prints one line per failure with both answers and ends with "N passed, M failed";
// exits 1 when anything failed or PostgreSQL could not be started.
//
// The cluster: initdb into a fresh temporary directory (UTF8, locale C.UTF-8 so that upper() and
// lower() map all of Unicode as Cairn does), started with pg_ctl on a Unix socket in that
// directory and no TCP listener (listen_addresses=''), so a taken port cannot interfere; the port
// number only names the socket. As root, the server and psql run as the `postgres` user
// (runuser). The cluster is stopped and its directory removed on every exit path, including
// failures, exceptions and SIGINT/SIGTERM.
//
// Session settings on both sides: TimeZone=UTC, DateStyle=ISO, IntervalStyle=postgres,
// extra_float_digits=1 (PostgreSQL's default: shortest exact float text).
//
// Also the cases of copy_to.mjs: `COPY (query) TO` csv/text files written by both servers,
// compared byte for byte (or the same SQLSTATE when PostgreSQL rejects the statement); and those
// of copy_from.mjs: the same files loaded by `COPY t FROM` into both, SQLSTATEs and rows compared.
//
// Two file kinds: `.slt` files are sqllogictest records (see readSltRecords: query with sort
// modes, statement ok, statement error SQLSTATE), the expected answer being PostgreSQL's;
// `.sql` query files are described next.
// Query files: statements end with ';' at the end of a line; lines starting with '--' are
// comments. Each statement must be a single SELECT (psql's \gdesc describes it). A comment
// line "-- cairn-error XXXXX: reason" before a statement records a documented divergence:
// Cairn must fail with SQLSTATE XXXXX there (a type Cairn does not have, a range it cannot
// represent), whatever PostgreSQL answers. A comment line "-- cairn-rows JSON reason" records a
// documented difference in value text (e.g. avg's display scale, docs/design/postgresql-
// semantics.md): Cairn's rows must equal the JSON array of rows exactly; column names and types
// are still compared with PostgreSQL's.
//
// Comparison, and the only normalizations applied:
//   - types: PostgreSQL's type names are mapped to Cairn's (integer → INTEGER, numeric →
//     NUMERIC or DECIMAL(p,s) with any p,s, text → VARCHAR, ...); see TYPE_NAMES.
//   - NULL: psql prints NULL as the marker set with \pset null; Cairn's CSV writes an unquoted
//     empty field. Both become NULL.
//   - booleans: Cairn prints true/false, psql t/f.
//   - double precision / real: compared as numbers (Cairn writes 1000.0 where PostgreSQL writes
//     1000; Infinity/-Infinity/NaN spelled either way).
//   - errors: only the SQLSTATE is compared, not the message.
//   - column names: compared exactly (both sides fold unquoted identifiers to lower case).
//
// Usage: node test/postgres/run.mjs [--build-dir DIR] [--filter TEXT] [--keep-going-on-no-pg]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseCsvRecords } from '../interop/csv_records.mjs';
import { runCopyFromCases } from './copy_from.mjs';
import { runCopyCases } from './copy_to.mjs';
import { PostgresCluster } from './cluster.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const NULL_MARKER = '<<NULL>>';

function parseArguments(argv) {
  const options = { buildDir: 'build', filter: '' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--build-dir') options.buildDir = argv[++i];
    else if (argv[i] === '--filter') options.filter = argv[++i];
    else {
      console.error(`unknown argument ${argv[i]}\nusage: node test/postgres/run.mjs [--build-dir DIR] [--filter TEXT]`);
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** Reads the statements of one query file: [{ file, line, sql }]. */
function readQueries(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const queries = [];
  let buffer = [];
  let startLine = 0;
  let expectError = null;
  let expectRows = null;
  lines.forEach((line, index) => {
    const directive = /^--\s*cairn-error\s+(\w{5})\b/.exec(line.trim());
    if (buffer.length === 0 && directive) {
      expectError = directive[1];
      return;
    }
    const rowsDirective = /^--\s*cairn-rows\s+(\[.*\])\s+\S/.exec(line.trim());
    if (buffer.length === 0 && rowsDirective) {
      expectRows = JSON.parse(rowsDirective[1]);
      return;
    }
    if (buffer.length === 0 && (line.trim() === '' || line.trimStart().startsWith('--'))) return;
    if (buffer.length === 0) startLine = index + 1;
    buffer.push(line);
    if (/;\s*$/.test(line)) {
      const sql = buffer.join('\n').replace(/;\s*$/, '');
      queries.push({ file: path.relative(root, file), line: startLine, sql, expectError, expectRows });
      buffer = [];
      expectError = null;
      expectRows = null;
    }
  });
  if (buffer.length > 0) throw new Error(`${file}: the last statement has no ';'`);
  return queries;
}

// PostgreSQL type name (as \gdesc prints it) → test on Cairn's DESCRIBE column_type.
// sqllogictest records (`.slt` files here, the pg_compat corpus): PostgreSQL's live answer is the
// expected result, so result blocks after `----` are optional and not read.
//   query TYPES [nosort|rowsort|valuesort] [label]   SQL; both engines' rows compared (after
//                                                     sorting rows / all values for the sort modes)
//   statement ok                                     SQL must succeed in both
//   statement error [SQLSTATE]                       SQL must fail in both, with that SQLSTATE if given
//   hash-threshold N, halt, # comments               as in sqllogictest (the threshold is ignored)
// A comment "# cairn-error XXXXX: reason" or "# cairn-rows JSON reason" before a record marks a
// documented divergence, as in the .sql files. A line "# cairn-writable" anywhere in a file runs
// its records in Cairn against a private data directory opened with --writable (each record in
// its own process, so a transaction must sit in one record: BEGIN; ...; COMMIT).
function readSltRecords(file) {
  const lines = readFileSync(file, 'utf8').split('\n');
  const records = [];
  let expectError = null;
  let expectRows = null;
  const writable = lines.some((l) => l.trim() === '# cairn-writable');
  let i = 0;
  while (i < lines.length) {
    const line = lines[i].trim();
    const errorDirective = /^#\s*cairn-error\s+(\w{5})\b/.exec(line);
    const rowsDirective = /^#\s*cairn-rows\s+(\[.*\])\s+\S/.exec(line);
    if (errorDirective) expectError = errorDirective[1];
    if (rowsDirective) expectRows = JSON.parse(rowsDirective[1]);
    if (line === '' || line.startsWith('#') || line.startsWith('hash-threshold')) {
      i++;
      continue;
    }
    if (line === 'halt') break;
    const header = line.split(/\s+/);
    const startLine = i + 1;
    let record;
    if (header[0] === 'query') {
      const sortMode = ['nosort', 'rowsort', 'valuesort'].includes(header[2]) ? header[2] : 'nosort';
      record = { kind: 'query', sortMode, columns: header[1].length };
    } else if (header[0] === 'statement' && header[1] === 'ok') {
      record = { kind: 'ok' };
    } else if (header[0] === 'statement' && header[1] === 'error') {
      record = { kind: 'error', sqlstate: /^\w{5}$/.test(header[2] ?? '') ? header[2] : null };
    } else {
      throw new Error(`${file}:${startLine}: unknown record "${line}"`);
    }
    const sql = [];
    i++;
    while (i < lines.length && lines[i].trim() !== '' && lines[i].trim() !== '----') sql.push(lines[i++]);
    if (i < lines.length && lines[i].trim() === '----') {
      while (i < lines.length && lines[i].trim() !== '') i++;  // a result block: not read
    }
    if (sql.length === 0) throw new Error(`${file}:${startLine}: record without SQL`);
    records.push({ file: path.relative(root, file), line: startLine, sql: sql.join('\n').replace(/;\s*$/, ''),
                   expectError, expectRows, writable, ...record });
    expectError = null;
    expectRows = null;
  }
  return records;
}

/// The rows as a sort mode orders them (values normalized first, so both engines sort alike).
function sortedRows(rows, types, sortMode) {
  const normalized = rows.map((row) => row.map((value, c) => normalizeValue(value ?? null, types[c])));
  if (sortMode === 'rowsort') return normalized.map((row) => JSON.stringify(row)).sort().map((row) => JSON.parse(row));
  if (sortMode === 'valuesort') return normalized.flat().map((v) => JSON.stringify(v)).sort().map((v) => [JSON.parse(v)]);
  return normalized;
}

const TYPE_NAMES = {
  boolean: (t) => t === 'BOOLEAN',
  smallint: (t) => t === 'SMALLINT',
  integer: (t) => t === 'INTEGER',
  bigint: (t) => t === 'BIGINT',
  numeric: (t) => t === 'NUMERIC' || /^DECIMAL\(\d+,\d+\)$/.test(t),
  real: (t) => t === 'FLOAT',
  'double precision': (t) => t === 'DOUBLE',
  text: (t) => t === 'VARCHAR',
  'character varying': (t) => t === 'VARCHAR',
  bytea: (t) => t === 'BLOB',
  uuid: (t) => t === 'UUID',
  date: (t) => t === 'DATE',
  'time without time zone': (t) => t === 'TIME',
  'timestamp without time zone': (t) => t === 'TIMESTAMP',
  'timestamp with time zone': (t) => t === 'TIMESTAMP WITH TIME ZONE',
  interval: (t) => t === 'INTERVAL',
  json: (t) => t === 'JSON',
  jsonb: (t) => t === 'JSONB',
  // pg_typeof() returns regtype, a type Cairn does not have: Cairn returns the name as text.
  regtype: (t) => t === 'VARCHAR',
};

function typeMatches(pgType, cairnType) {
  let base = pgType.replace(/\(.*?\)/g, '').trim();
  // Arrays: integer[] is INTEGER[] (Cairn's arrays have one dimension, as the type says).
  if (base.endsWith('[]')) return cairnType.endsWith('[]') && typeMatches(base.slice(0, -2), cairnType.slice(0, -2));
  if (base.startsWith('interval')) base = 'interval';  // "interval day to second(3)"

  const test = TYPE_NAMES[base];
  return test ? test(cairnType) : false;
}

function normalizeValue(value, cairnType) {
  if (value === null) return null;
  if (cairnType === 'BOOLEAN') return value === 'true' || value === 't' ? 't' : value === 'false' || value === 'f' ? 'f' : value;
  if (cairnType === 'DOUBLE' || cairnType === 'FLOAT') {
    const spelled = { inf: 'Infinity', '-inf': '-Infinity', nan: 'NaN', infinity: 'Infinity', '-infinity': '-Infinity' };
    const key = value.toLowerCase();
    if (spelled[key]) return spelled[key];
    const number = Number(value);
    return Number.isNaN(number) ? value : String(number);
  }
  return value;
}

/** PostgreSQL's answers: [{ names: [name], types: [name], rows: [[text|null]], sqlstate }], one per query. */
async function postgresAnswers(cluster, queries) {
  const script = ['\\pset format csv', '\\pset tuples_only on', `\\pset null '${NULL_MARKER}'`];
  queries.forEach((query, i) => {
    // Only queries are described: psql runs the statements of a script as it reads them, so the
    // text of a statement record is sent once.
    if (query.kind === 'ok' || query.kind === 'error') {
      script.push(`\\echo @@Q ${i}`, query.sql, '\\g', `\\echo @@S ${i} :SQLSTATE`);
    } else {
      script.push(`\\echo @@D ${i}`, query.sql, '\\gdesc', `\\echo @@Q ${i}`, query.sql, '\\g', `\\echo @@S ${i} :SQLSTATE`);
    }
  });
  const output = await cluster.psql(script.join('\n') + '\n');
  const answers = queries.map(() => ({ names: [], types: [], rows: [], sqlstate: null }));
  let current = null;
  let section = null;
  let buffer = [];
  const flush = () => {
    if (current === null) return;
    const records = buffer.length > 0 ? parseCsvRecords(buffer.join('\n') + '\n') : [];
    if (section === 'D') {
      answers[current].names = records.map((r) => r[0].text);
      answers[current].types = records.map((r) => r[1].text);
    }
    if (section === 'Q') answers[current].rows = records.map((r) => r.map((f) => (!f.quoted && f.text === NULL_MARKER ? null : f.text)));
    buffer = [];
  };
  for (const line of output.split('\n')) {
    const marker = /^@@([DQS]) (\d+)(?: (\w+))?$/.exec(line);
    if (marker) {
      flush();
      current = Number(marker[2]);
      section = marker[1];
      if (section === 'S') answers[current].sqlstate = marker[3];
      continue;
    }
    if (section === 'D' || section === 'Q') buffer.push(line);
  }
  flush();
  return answers;
}

/** Cairn's answer to one query: DESCRIBE, then the query, in one CLI process. `writableDir`: run
 *  on that data directory opened --writable instead of the checkout. */
function cairnAnswer(cli, sql, writableDir = null, kind = 'query') {
  const cwd = writableDir ?? root;
  const flags = writableDir ? ['--writable'] : [];
  // Only a query is described: DESCRIBE of a script of statements would run all but the first.
  const describe = kind === 'query'
    ? spawnSync(cli, [...flags, '--format', 'csv', '-c', `DESCRIBE ${sql}`], { encoding: 'utf8', cwd })
    : { status: 1, stdout: '' };
  const run = spawnSync(cli, [...flags, '--format', 'csv', '-c', sql], { encoding: 'utf8', cwd });
  const sqlstateOf = (stderr) => (/\(SQLSTATE (\w{5})\)/.exec(stderr) || [])[1] || 'XX000';
  if (run.status !== 0) {
    const stderr = run.stderr ?? String(run.error ?? 'the CLI did not run');  // null when spawning failed
    return { sqlstate: sqlstateOf(stderr), error: stderr.trim().split('\n')[0], types: [], rows: [] };
  }
  let types = [];
  let names = [];
  if (describe.status === 0) {
    const described = parseCsvRecords(describe.stdout).slice(1);
    names = described.map((r) => r[0].text);
    types = described.map((r) => r[1].text);
  }
  const records = parseCsvRecords(run.stdout).slice(1);
  const rows = records.map((r) => r.map((f) => (!f.quoted && f.text === '' ? null : f.text)));
  return { sqlstate: '00000', names, types, rows };
}

function compare(query, pg, cairn) {
  const problems = [];
  if (query.kind === 'ok' || query.kind === 'error') {
    const want = query.kind === 'ok' ? 'success' : `an error${query.sqlstate ? ` (SQLSTATE ${query.sqlstate})` : ''}`;
    for (const [engine, answer] of [['PostgreSQL', pg], ['Cairn', cairn]]) {
      const failed = answer.sqlstate !== '00000';
      if (query.kind === 'ok' && failed) problems.push(`${engine} must succeed, got SQLSTATE ${answer.sqlstate} ${answer.error ?? ''}`);
      if (query.kind === 'error' && (!failed || (query.sqlstate && answer.sqlstate !== query.sqlstate))) {
        problems.push(`${engine} must fail with ${want}, got ${failed ? `SQLSTATE ${answer.sqlstate}` : 'success'}`);
      }
    }
    return problems;
  }
  if (query.kind === 'query' && query.sortMode !== 'nosort' && pg.sqlstate === '00000' && cairn.sqlstate === '00000' &&
      pg.types.length === cairn.types.length) {
    pg = { ...pg, rows: sortedRows(pg.rows, cairn.types, query.sortMode) };
    cairn = { ...cairn, rows: sortedRows(cairn.rows, cairn.types, query.sortMode) };
  }
  if (query.expectError) {
    if (cairn.sqlstate !== query.expectError) {
      problems.push(`Cairn must fail with SQLSTATE ${query.expectError} (documented divergence), got ${cairn.sqlstate}`);
    }
    return problems;
  }
  if (pg.sqlstate !== '00000' || cairn.sqlstate !== '00000') {
    if (pg.sqlstate !== cairn.sqlstate) {
      const pgText = pg.sqlstate === '00000' ? `ok ${JSON.stringify(pg.rows)}` : `SQLSTATE ${pg.sqlstate}`;
      const cairnText = cairn.sqlstate === '00000' ? `ok ${JSON.stringify(cairn.rows)}` : `SQLSTATE ${cairn.sqlstate} ${cairn.error}`;
      problems.push(`PostgreSQL: ${pgText}\n    Cairn:      ${cairnText}`);
    }
    return problems;
  }
  if (pg.types.length !== cairn.types.length) {
    problems.push(`column count: PostgreSQL ${pg.types.length}, Cairn ${cairn.types.length}`);
    return problems;
  }
  pg.names.forEach((pgName, i) => {
    if (pgName !== cairn.names[i]) problems.push(`column ${i + 1} name: PostgreSQL ${JSON.stringify(pgName)}, Cairn ${JSON.stringify(cairn.names[i])}`);
  });
  pg.types.forEach((pgType, i) => {
    if (!typeMatches(pgType, cairn.types[i])) problems.push(`column ${i + 1} type: PostgreSQL ${pgType}, Cairn ${cairn.types[i]}`);
  });
  if (query.expectRows) {
    if (JSON.stringify(query.expectRows) !== JSON.stringify(cairn.rows)) {
      problems.push(`Cairn must answer ${JSON.stringify(query.expectRows)} (documented difference; PostgreSQL ` +
                    `${JSON.stringify(pg.rows)}), got ${JSON.stringify(cairn.rows)}`);
    }
    return problems;
  }
  if (pg.rows.length !== cairn.rows.length) {
    problems.push(`row count: PostgreSQL ${pg.rows.length}, Cairn ${cairn.rows.length}`);
    return problems;
  }
  pg.rows.forEach((pgRow, r) => {
    pgRow.forEach((pgValue, c) => {
      const type = cairn.types[c];
      const a = normalizeValue(pgValue, type);
      const b = normalizeValue(cairn.rows[r][c] ?? null, type);
      if (a !== b) problems.push(`row ${r + 1} column ${c + 1}: PostgreSQL ${JSON.stringify(a)}, Cairn ${JSON.stringify(b)}`);
    });
  });
  return problems;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const cli = path.join(options.buildDir, 'cairn');
  const files = readdirSync(here).filter((f) => f.endsWith('.sql') || f.endsWith('.slt')).sort().map((f) => path.join(here, f));
  let queries = files.flatMap((file) => (file.endsWith('.slt') ? readSltRecords(file) : readQueries(file)));
  if (options.filter) queries = queries.filter((q) => q.sql.includes(options.filter));

  const cluster = new PostgresCluster();
  const stopAndExit = (code) => {
    cluster.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => stopAndExit(130));
  process.on('SIGTERM', () => stopAndExit(143));
  let answers;
  let copies;
  let loads;
  const started = performance.now();
  try {
    cluster.start();
    answers = await postgresAnswers(cluster, queries);
    copies = await runCopyCases(cluster, cli, options.filter);  // COPY TO files, byte for byte
    loads = await runCopyFromCases(cluster, cli, options.filter);  // COPY FROM: SQLSTATEs and rows
  } catch (error) {
    console.error(`PostgreSQL oracle unavailable: ${error.message}`);
    cluster.stop();
    console.log('0 passed, 1 failed');
    process.exit(1);
  } finally {
    cluster.stop();
  }
  const pgMs = performance.now() - started;

  let passed = copies.passed + loads.passed;
  let failed = copies.failed + loads.failed;
  const writableDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-pg-writable-'));
  for (const line of copies.lines) console.log(line);
  for (const line of loads.lines) console.log(line);
  for (let i = 0; i < queries.length; i++) {
    const query = queries[i];
    const pg = answers[i];
    if (pg.sqlstate === null) {
      failed++;
      console.log(`FAIL ${query.file}:${query.line}: no answer from psql\n    ${query.sql}`);
      continue;
    }
    const problems = compare(query, pg, cairnAnswer(cli, query.sql, query.writable ? writableDir : null, query.kind ?? 'query'));
    if (problems.length === 0) {
      passed++;
    } else {
      failed++;
      console.log(`FAIL ${query.file}:${query.line}: ${query.sql}\n    ${problems.join('\n    ')}`);
    }
  }
  rmSync(writableDir, { recursive: true, force: true });
  console.log(`${copies.passed + copies.failed} COPY TO files compared (copy_to.mjs)`);
  console.log(`${loads.passed + loads.failed} COPY FROM loads compared (copy_from.mjs)`);
  console.log(`${queries.length} queries from ${files.length} file(s); PostgreSQL ${(pgMs / 1000).toFixed(1)} s, ` +
              `total ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error.stack || String(error));
  console.log('0 passed, 1 failed');
  process.exit(1);
});

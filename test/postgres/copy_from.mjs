// copy_from.mjs: `COPY table [(columns)] FROM 'file' (options)` differential cases (docs/sql/copy.md).
// Each case writes one input file (exact bytes), creates the same table in PostgreSQL 15 (run.mjs's
// private cluster) and in a fresh writable Cairn data directory, loads the file into both and
// compares the SQLSTATE of the COPY and then the table's rows afterwards — all columns, ordered by
// every column, as `COPY (SELECT ...) TO` csv text (whose bytes copy_to.mjs already holds equal
// to PostgreSQL's). A failing COPY must therefore leave both tables as they were (empty).
//
// The cases cover the text format's escapes and end marker, csv quoting, NULL strings, empty
// strings and FORCE_NOT_NULL / FORCE_NULL, line endings, HEADER true / match, the column list
// with defaults, WHERE, values converted by the column types' input functions (whitespace,
// booleans, dates, numerics), constraint violations, malformed lines and option errors.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const kTypes = 'a integer, b text, c numeric(10,2), d date, e timestamp, f boolean, g double precision';

/** [{ name, table (column definitions), data (the file's text), options, columns (optional list), where (optional) }]. */
export function copyFromCases() {
  return [
    { name: 'csv_types', table: kTypes, options: '(FORMAT csv)',
      data: '1,plain,1.5,2024-01-02,2024-01-02 03:04:05,t,0.1\n2,"a,b",-2,1999-12-31,2000-01-01 00:00:00.25,false,1e300\n' +
            '3,,,,,,\n4,"",0,2024-02-29,2024-02-29 23:59:59,yes,-0\n5,007, 12.345 ,2024-1-2,2024-01-02T03:04,  on  ,NaN\n' +
            '  6  ,"q""q",1e2,2024-03-15,2024-03-15 1:2:3,0,Infinity\n' },
    { name: 'text_escapes', table: 'a integer, b text', options: '',
      data: '1\t\\N\n2\tx\\ty\\101\\x41\\x4g\\q\\\\\n3\t\\\\N\n4\tback\\\nslash\n5\t\\b\\f\\n\\r\\v\n\\.\n6\tignored\n' },
    { name: 'text_end_marker_mid_line', table: 'a integer, b text', options: '', data: '1\tx\n2\ty\\.\n3\tz\n' },
    { name: 'text_custom', table: 'a integer, b text, c text', options: `(FORMAT text, DELIMITER '|', NULL '')`,
      data: '1||x\n2|\\N|\\|\n3|a,b|NULL\n' },
    { name: 'text_crlf', table: 'a integer, b text', options: '(FORMAT text)', data: '1\tx\r\n2\ty\r\n' },
    { name: 'text_cr', table: 'a integer, b text', options: '(FORMAT text)', data: '1\tx\r2\ty\r' },
    { name: 'text_no_final_newline', table: 'a integer, b text', options: '', data: '1\tx\n2\ty' },
    { name: 'text_empty_file', table: 'a integer, b text', options: '', data: '' },
    { name: 'csv_crlf_and_multiline', table: 'a integer, b text', options: '(FORMAT csv)', data: '1,"x\r\ny"\r\n2,z\r\n' },
    { name: 'csv_end_marker', table: 'a text, b text', options: '(FORMAT csv)', data: '1,x\n\\.x,y\n\\.\n2,z\n' },
    { name: 'csv_custom', table: 'a integer, b text, c text',
      options: `(FORMAT csv, DELIMITER ';', QUOTE '''', ESCAPE '\\', NULL 'NULL')`,
      data: "1;'it\\'s';NULL\n2;'NULL';'a\\\\b'\n3;'x''y';\n" },
    { name: 'csv_force_not_null', table: 'a integer, b text, c text', options: '(FORMAT csv, FORCE_NOT_NULL (b), FORCE_NULL (c))',
      data: '1,,""\n2,"",\n3,x,"y"\n' },
    { name: 'csv_force_null_custom', table: 'a integer, b text, c text',
      options: `(FORMAT csv, NULL 'NULL', FORCE_NOT_NULL (b), FORCE_NULL (b, c))`, data: '1,NULL,"NULL"\n2,"NULL",NULL\n' },
    { name: 'csv_header', table: 'a integer, b text', options: '(FORMAT csv, HEADER)', data: 'x,y,z\n1,a\n' },
    { name: 'csv_header_match', table: 'a integer, b text', options: '(FORMAT csv, HEADER match)', data: 'a,b\n1,x\n' },
    { name: 'csv_header_match_columns', table: 'a integer, b text', columns: '(b, a)', options: '(FORMAT csv, HEADER match)',
      data: 'b,a\nx,1\n' },
    { name: 'text_header_match', table: 'a integer, b text', options: '(HEADER match)', data: 'a\tb\n1\tx\n' },
    { name: 'error_header_mismatch', table: 'a integer, b text', options: '(FORMAT csv, HEADER match)', data: 'b,a\n1,x\n' },
    { name: 'error_header_count', table: 'a integer, b text', options: '(FORMAT csv, HEADER match)', data: 'a\n1,x\n' },
    { name: 'error_header_null', table: 'a integer, b text', options: '(FORMAT csv, HEADER match)', data: 'a,\n1,x\n' },
    { name: 'column_list_defaults', table: "a integer, b text DEFAULT 'dflt', c integer DEFAULT 7, d text",
      columns: '(d, a)', options: '(FORMAT csv)', data: 'x,1\ny,2\n' },
    { name: 'where', table: 'a integer, b text', options: '(FORMAT csv)', where: 'a % 2 = 0 OR b IS NULL',
      data: '1,x\n2,y\n3,\n4,z\n' },
    { name: 'error_missing_data', table: 'a integer, b text', options: '(FORMAT csv)', data: '1,x\n2\n' },
    { name: 'error_missing_data_text', table: 'a integer, b text', options: '', data: '1\tx\n\n' },
    { name: 'error_bad_value_before_missing_data', table: 'a integer, b text', options: '(FORMAT csv)', data: 'x,1\n2\n' },
    { name: 'error_extra_data', table: 'a integer, b text', options: '(FORMAT csv)', data: '1,x\n2,y,z\n' },
    { name: 'error_bad_integer', table: 'a integer, b text', options: '(FORMAT csv)', data: '1,x\n2x,y\n' },
    { name: 'error_integer_range', table: 'a integer, b text', options: '(FORMAT csv)', data: '3000000000,x\n' },
    { name: 'error_bad_date', table: 'a date', options: '(FORMAT csv)', data: '2024-02-30\n' },
    { name: 'error_bad_boolean', table: 'a boolean', options: '(FORMAT csv)', data: 'maybe\n' },
    { name: 'error_numeric_overflow', table: 'a numeric(4,2)', options: '(FORMAT csv)', data: '123.4\n' },
    { name: 'error_not_null', table: 'a integer NOT NULL, b text', options: '(FORMAT csv)', data: '1,x\n,y\n' },
    { name: 'error_check', table: 'a integer CHECK (a > 0), b text', options: '(FORMAT csv)', data: '1,x\n-1,y\n' },
    { name: 'error_primary_key', table: 'a integer PRIMARY KEY, b text', options: '(FORMAT csv)', data: '1,x\n2,y\n1,z\n' },
    { name: 'error_unterminated_quote', table: 'a integer, b text', options: '(FORMAT csv)', data: '1,x\n2,"y\n' },
    { name: 'error_carriage_return', table: 'a integer, b text', options: '', data: '1\tx\n2\ty\r\n' },
    { name: 'error_newline_after_cr', table: 'a integer, b text', options: '(FORMAT csv)', data: '1,x\r2,y\n' },
    { name: 'error_invalid_utf8', table: 'a integer, b text', options: '(FORMAT csv)', data: Buffer.from([0x31, 0x2c, 0xc3, 0x28, 0x0a]) },
    { name: 'error_escaped_nul', table: 'a integer, b text', options: '', data: '1\ta\\0b\n' },
    { name: 'error_end_marker_corrupt', table: 'a integer, b text', options: '', data: '1\tx\n\\.y\n' },
    { name: 'error_force_quote', table: 'a integer', options: '(FORMAT csv, FORCE_QUOTE (a))', data: '1\n' },
    { name: 'error_force_null_text', table: 'a integer', options: '(FORMAT text, FORCE_NULL (a))', data: '1\n' },
    { name: 'error_force_not_null_star', table: 'a integer', options: '(FORMAT csv, FORCE_NOT_NULL *)', data: '1\n' },
    { name: 'error_force_not_null_unlisted', table: 'a integer, b text', columns: '(a)',
      options: '(FORMAT csv, FORCE_NOT_NULL (b))', data: '1\n' },
    { name: 'error_force_null_unknown', table: 'a integer', options: '(FORMAT csv, FORCE_NULL (z))', data: '1\n' },
    { name: 'error_unknown_column', table: 'a integer', columns: '(z)', options: '(FORMAT csv)', data: '1\n' },
    { name: 'error_repeated_column', table: 'a integer', columns: '(a, a)', options: '(FORMAT csv)', data: '1,1\n' },
    { name: 'error_header_value', table: 'a integer', options: `(FORMAT csv, HEADER 'x')`, data: '1\n' },
    { name: 'error_delimiter', table: 'a integer', options: `(FORMAT csv, DELIMITER ';;')`, data: '1\n' },
    { name: 'error_text_quote', table: 'a integer', options: `(FORMAT text, QUOTE '"')`, data: '1\n' },
    { name: 'error_null_has_delimiter', table: 'a integer', options: `(FORMAT csv, NULL 'a,b')`, data: '1\n' },
    { name: 'error_redundant', table: 'a integer', options: '(FORMAT csv, HEADER, HEADER false)', data: '1\n' },
  ];
}

function sqlString(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function copyStatement(testCase, file) {
  return `COPY t ${testCase.columns ?? ''} FROM ${sqlString(file)} ${testCase.options}` +
         (testCase.where ? ` WHERE ${testCase.where}` : '');
}

function columnCount(table) {
  // Column definitions are separated by commas outside parentheses.
  let depth = 0;
  let count = 1;
  for (const c of table) {
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) count++;
  }
  return count;
}

function rowsQuery(testCase) {
  const n = columnCount(testCase.table);
  return `SELECT * FROM t ORDER BY ${Array.from({ length: n }, (_, i) => i + 1).join(', ')}`;
}

/**
 * Runs every case in PostgreSQL (`cluster`: run.mjs's PostgresCluster, started) and in Cairn
 * (`cli`), compares, and returns { passed, failed, lines } (one line per failure).
 */
export async function runCopyFromCases(cluster, cli, filter = '') {
  const cases = copyFromCases().filter((c) => `${c.name} ${c.table} ${c.options}`.includes(filter));
  const result = { passed: 0, failed: 0, lines: [] };
  if (cases.length === 0) return result;
  // The files live in the cluster's directory, which the server (its own user) can read.
  const dir = path.join(cluster.dir, 'copy_from');
  const made = cluster.run('mkdir', ['-p', dir]);
  if (made.status !== 0) throw new Error(`cannot create ${dir}: ${made.stderr}`);
  const files = cases.map((testCase) => {
    const file = path.join(dir, `${testCase.name}.in`);
    writeFileSync(file, testCase.data);
    return file;
  });
  const script = ['SET TimeZone = \'UTC\';', 'SET DateStyle = \'ISO\';', 'SET IntervalStyle = \'postgres\';'];
  cases.forEach((testCase, i) => {
    script.push('DROP TABLE IF EXISTS t;', `CREATE TABLE t (${testCase.table});`,
                copyStatement(testCase, files[i]) + ';', `\\echo @@S ${i} :SQLSTATE`,
                `\\echo @@B ${i}`, `COPY (${rowsQuery(testCase)}) TO STDOUT (FORMAT csv);`, `\\echo @@E ${i}`);
  });
  const output = await cluster.psql(script.join('\n') + '\n');
  const pgStates = new Array(cases.length).fill(null);
  const pgRows = new Array(cases.length).fill(null);
  for (const match of output.matchAll(/^@@S (\d+) (\w+)$/gm)) pgStates[Number(match[1])] = match[2];
  for (const match of output.matchAll(/^@@B (\d+)\n([\s\S]*?)^@@E \1$/gm)) pgRows[Number(match[1])] = match[2];

  const work = mkdtempSync(path.join(os.tmpdir(), 'cairn-copy-from-'));
  try {
    cases.forEach((testCase, i) => {
      const dataDir = path.join(work, testCase.name);
      const out = path.join(work, `${testCase.name}.out.csv`);
      mkdirSync(dataDir);
      const load = spawnSync(cli, ['--writable', dataDir, '-c', `CREATE TABLE t (${testCase.table})`, '-c',
                                   copyStatement(testCase, files[i])], { encoding: 'utf8', cwd: work });
      const cairnState = load.status === 0 ? '00000' : ((/\(SQLSTATE (\w{5})\)/.exec(load.stderr ?? '') || [])[1] || 'XX000');
      const dump = spawnSync(cli, ['--writable', dataDir, '-c', `COPY (${rowsQuery(testCase)}) TO ${sqlString(out)} (FORMAT csv)`],
                             { encoding: 'utf8', cwd: work });
      const problems = [];
      if (pgStates[i] === null || pgRows[i] === null) problems.push('no answer from psql');
      if (cairnState !== pgStates[i]) {
        problems.push(`SQLSTATE: PostgreSQL ${pgStates[i]}, Cairn ${cairnState} ${(load.stderr ?? '').trim().split('\n')[0]}`);
      }
      if (dump.status !== 0) {
        problems.push(`reading the table back failed: ${(dump.stderr ?? '').trim().split('\n')[0]}`);
      } else if (pgRows[i] !== null) {
        const rows = readFileSync(out, 'utf8');
        if (rows !== pgRows[i]) {
          problems.push(`rows differ:\n      PostgreSQL ${JSON.stringify(pgRows[i])}\n      Cairn      ${JSON.stringify(rows)}`);
        }
      }
      if (problems.length === 0) {
        result.passed++;
      } else {
        result.failed++;
        result.lines.push(`FAIL copy_from.mjs: ${testCase.name}: ${copyStatement(testCase, 'FILE')}\n    ${problems.join('\n    ')}`);
      }
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

// copy_to.mjs: `COPY (query) TO 'file' (options)` in the csv and text formats, compared byte for
// byte with the file PostgreSQL 15's server writes for the same statement (docs/sql/copy.md).
// run.mjs runs these cases in its private cluster (same session settings as its queries:
// TimeZone=UTC, DateStyle=ISO, IntervalStyle=postgres, extra_float_digits=1); a case whose
// statement PostgreSQL rejects must fail in Cairn with the same SQLSTATE and write no file.
//
// The cases cover PostgreSQL's quoting rules (CopyAttributeOutCSV: delimiter, quote, CR, LF,
// the NULL string, `\.` as a single column; FORCE_QUOTE), the text format's backslash escapes
// (CopyAttributeOutText), header lines, custom DELIMITER / NULL / QUOTE / ESCAPE, the output
// text of every common type, and option errors.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const kTypesQuery = `SELECT i, i % 3 = 0 AS b, i * 1.5 AS n, (i * 2.25)::numeric(10,3) AS n3, i::float8 / 7 AS d,
  (i / 3.0)::real AS r, 'text ' || i AS s, DATE '2024-01-01' + i AS dt, TIME '08:00:00' + i * INTERVAL '7 minutes' AS tm,
  TIMESTAMP '2024-01-01 00:00:00' + i * INTERVAL '90 minutes 0.25 seconds' AS ts,
  TIMESTAMPTZ '2024-01-01 00:00:00+00' + i * INTERVAL '1 day' AS tz, i * INTERVAL '1 day 3 hours' AS iv,
  ARRAY[i, NULL, i + 1] AS arr, ARRAY['a b', 'c,"d', NULL] AS sarr, ('\\x' || lpad(i::text, 4, '0'))::bytea AS by,
  ('{"k": [' || i || ', "v"]}')::jsonb AS jb, CASE WHEN i % 4 = 0 THEN NULL ELSE i END AS nul,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'x' || i END AS nuls
  FROM generate_series(1, 40) t(i)`;

const kFloatsQuery = `SELECT * FROM (VALUES (1, 0.1::float8, '1e300'::float8, 'NaN'::float8, 'Infinity'::float8, '-0'::float8,
  1e-5::float8, 123456789012345678::float8, 1.5::real), (2, NULL, -2.5, '-Infinity', 1e15, 1e14, 1e-4, 100, 'NaN'::real)) v(i, a, b, c, d, e, f, g, r)`;

const kStringsQuery = `SELECT * FROM (VALUES (1, 'plain'), (2, ''), (3, NULL), (4, 'a,b'), (5, 'q"q'), (6, E'tab\\there'),
  (7, E'nl\\nx'), (8, E'cr\\rx'), (9, 'back\\slash'), (10, '\\N'), (11, 'NULL'), (12, ' sp '), (13, '\\.'),
  (14, 'ünïcödé ✓'), (15, E'\\x01ctl\\x7f'), (16, 'semi;colon'), (17, 'it''s'), (18, 'pipe|bar'), (19, E'\\b\\f\\v'))
  v(id, "we,ird ""name""")`;

const kOneColumnQuery = `SELECT s FROM (VALUES ('\\.'), ('x'), (''), (NULL), ('a,b')) v(s)`;

/** [{ name, sql (a query), options (the COPY options text, may be empty) }]. */
export function copyCases() {
  return [
    { name: 'types_csv', sql: kTypesQuery, options: '(FORMAT csv)' },
    { name: 'types_csv_header', sql: kTypesQuery, options: '(FORMAT csv, HEADER)' },
    { name: 'types_text', sql: kTypesQuery, options: '(FORMAT text)' },
    { name: 'types_text_header', sql: kTypesQuery, options: '(FORMAT text, HEADER true)' },
    { name: 'types_default_format', sql: kTypesQuery, options: '' },
    { name: 'floats_csv', sql: kFloatsQuery, options: '(FORMAT csv)' },
    { name: 'floats_text', sql: kFloatsQuery, options: '(FORMAT text)' },
    { name: 'strings_csv', sql: kStringsQuery, options: '(FORMAT csv, HEADER)' },
    { name: 'strings_text', sql: kStringsQuery, options: '(FORMAT text, HEADER)' },
    { name: 'strings_csv_custom', sql: kStringsQuery,
      options: `(FORMAT csv, HEADER, DELIMITER ';', NULL 'NULL', QUOTE '''', ESCAPE '\\', FORCE_QUOTE (id))` },
    { name: 'strings_csv_force_all', sql: kStringsQuery, options: '(FORMAT csv, FORCE_QUOTE *)' },
    { name: 'strings_csv_tab', sql: kStringsQuery, options: `(FORMAT csv, DELIMITER E'\\t', NULL '\\N')` },
    { name: 'strings_text_pipe', sql: kStringsQuery, options: `(FORMAT text, DELIMITER '|', NULL '')` },
    { name: 'strings_text_comma_null', sql: kStringsQuery, options: `(FORMAT text, DELIMITER ',', NULL 'NULL', HEADER)` },
    { name: 'strings_old_syntax', sql: kStringsQuery, options: `CSV HEADER DELIMITER AS '|' FORCE QUOTE id` },
    { name: 'one_column_csv', sql: kOneColumnQuery, options: '(FORMAT csv)' },
    { name: 'one_column_text', sql: kOneColumnQuery, options: '(FORMAT text)' },
    { name: 'empty_csv_header', sql: 'SELECT 1 AS a, 2 AS b WHERE false', options: '(FORMAT csv, HEADER)' },
    { name: 'error_unknown_option', sql: 'SELECT 1', options: '(FORMAT csv, bogus 1)' },
    { name: 'error_format', sql: 'SELECT 1', options: '(FORMAT xml)' },
    { name: 'error_redundant', sql: 'SELECT 1', options: '(FORMAT csv, HEADER, HEADER false)' },
    { name: 'error_header_value', sql: 'SELECT 1', options: '(FORMAT csv, HEADER 2)' },
    { name: 'error_header_match', sql: 'SELECT 1', options: '(FORMAT csv, HEADER match)' },
    { name: 'error_delimiter_length', sql: 'SELECT 1', options: `(FORMAT csv, DELIMITER ';;')` },
    { name: 'error_delimiter_newline', sql: 'SELECT 1', options: `(FORMAT csv, DELIMITER E'\\r')` },
    { name: 'error_text_delimiter', sql: 'SELECT 1', options: `(FORMAT text, DELIMITER 'x')` },
    { name: 'error_text_quote', sql: 'SELECT 1', options: `(FORMAT text, QUOTE '"')` },
    { name: 'error_text_escape', sql: 'SELECT 1', options: `(FORMAT text, ESCAPE '"')` },
    { name: 'error_quote_delimiter', sql: 'SELECT 1', options: `(FORMAT csv, DELIMITER '"')` },
    { name: 'error_null_newline', sql: 'SELECT 1', options: `(FORMAT csv, NULL E'\\n')` },
    { name: 'error_null_delimiter', sql: 'SELECT 1', options: `(FORMAT csv, NULL ',')` },
    { name: 'error_null_quote', sql: 'SELECT 1', options: `(FORMAT csv, NULL '"')` },
    { name: 'error_force_quote_text', sql: 'SELECT 1 AS a', options: '(FORMAT text, FORCE_QUOTE (a))' },
    { name: 'error_force_quote_column', sql: 'SELECT 1 AS a', options: '(FORMAT csv, FORCE_QUOTE (b))' },
    { name: 'error_force_not_null', sql: 'SELECT 1 AS a', options: '(FORMAT csv, FORCE_NOT_NULL (a))' },
    { name: 'error_force_null', sql: 'SELECT 1 AS a', options: '(FORMAT csv, FORCE_NULL (a))' },
    { name: 'error_missing_parameter', sql: 'SELECT 1', options: '(FORMAT csv, DELIMITER)' },
    { name: 'error_encoding', sql: 'SELECT 1', options: `(FORMAT csv, ENCODING 'no_such')` },
    { name: 'error_query', sql: 'SELECT 1 / (i - 3) FROM generate_series(1, 5) t(i)', options: '(FORMAT csv)' },
  ];
}

function statement(testCase, file) {
  return `COPY (${testCase.sql}) TO '${file.replaceAll("'", "''")}' ${testCase.options}`;
}

/**
 * Runs every case in PostgreSQL (`cluster`: run.mjs's PostgresCluster, started) and in Cairn
 * (`cli`), compares, and returns { passed, failed, lines } (one line per failure).
 */
export async function runCopyCases(cluster, cli, filter = '') {
  const cases = copyCases().filter((c) => `${c.name} ${c.sql} ${c.options}`.includes(filter));
  const result = { passed: 0, failed: 0, lines: [] };
  if (cases.length === 0) return result;
  // PostgreSQL's server writes as its own user: into a directory inside the cluster's.
  const pgDir = path.join(cluster.dir, 'copy_to');
  const made = cluster.run('mkdir', ['-p', pgDir]);
  if (made.status !== 0) throw new Error(`cannot create ${pgDir}: ${made.stderr}`);
  const script = [];
  cases.forEach((testCase, i) => {
    script.push(statement(testCase, path.join(pgDir, `${testCase.name}.out`)) + ';', `\\echo @@S ${i} :SQLSTATE`);
  });
  const output = await cluster.psql(script.join('\n') + '\n');
  const pgStates = new Array(cases.length).fill(null);
  for (const line of output.split('\n')) {
    const marker = /^@@S (\d+) (\w+)$/.exec(line);
    if (marker) pgStates[Number(marker[1])] = marker[2];
  }

  const cairnDir = mkdtempSync(path.join(os.tmpdir(), 'cairn-copy-to-'));
  try {
    cases.forEach((testCase, i) => {
      const pgFile = path.join(pgDir, `${testCase.name}.out`);
      const cairnFile = path.join(cairnDir, `${testCase.name}.out`);
      const run = spawnSync(cli, ['-c', statement(testCase, cairnFile)], { encoding: 'utf8', cwd: cairnDir });
      const cairnState = run.status === 0 ? '00000' : ((/\(SQLSTATE (\w{5})\)/.exec(run.stderr ?? '') || [])[1] || 'XX000');
      const problems = [];
      if (pgStates[i] === null) problems.push('no answer from psql');
      if (cairnState !== pgStates[i]) {
        problems.push(`SQLSTATE: PostgreSQL ${pgStates[i]}, Cairn ${cairnState} ${(run.stderr ?? '').trim().split('\n')[0]}`);
      } else if (cairnState === '00000') {
        const expected = readFileSync(pgFile);
        const actual = readFileSync(cairnFile);
        if (!expected.equals(actual)) {
          let at = 0;
          while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
          const show = (buffer) => JSON.stringify(buffer.subarray(Math.max(0, at - 40), at + 40).toString('utf8'));
          problems.push(`files differ at byte ${at} (PostgreSQL ${expected.length} bytes, Cairn ${actual.length}):` +
                        `\n      PostgreSQL ${show(expected)}\n      Cairn      ${show(actual)}`);
        }
      } else if (existsSync(cairnFile)) {
        problems.push('Cairn failed but left a file behind');
      }
      if (problems.length === 0) {
        result.passed++;
      } else {
        result.failed++;
        result.lines.push(`FAIL copy_to.mjs: ${testCase.name}: ${statement(testCase, 'FILE')}\n    ${problems.join('\n    ')}`);
      }
    });
  } finally {
    rmSync(cairnDir, { recursive: true, force: true });
  }
  return result;
}

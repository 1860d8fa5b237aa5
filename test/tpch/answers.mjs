// answers.mjs: proves `cairn generate tpch` reproduces dbgen. Generates SF 1 with the cairn
// binary, runs the 22 TPC-H queries (bench/tpch/qNN.sql, validation parameters) in Cairn, and
// compares each answer with the TPC-H answer set produced on dbgen 2.14.0's SF 1 data
// (test/tpch/answers/qN.out, or --answers DIR).
//
// Comparison, per the specification's clause 2.1.3.5: text exactly after trimming; integers
// exactly; other numbers rounded to the reference's printed precision and then within 0.01
// (money), except averages (columns named avg*), which must be within 1% of the reference;
// the number of rows exactly; rows in the reference's order, rows tied on the query's ORDER BY
// keys in any order among themselves (and only their keys compared when a LIMIT cuts the tie).
//
// Also checks the eight row counts at SF 1 and the comparison itself (a harness line that feeds it
// known equal and different answers, so a broken comparison cannot pass everything).
//
// Prints one line per check and ends with "N passed, M failed"; exits 1 on any failure, and when
// the answer set is missing.
//
// Usage: node test/tpch/answers.mjs [--build-dir DIR] [--answers DIR] [--data DIR] [--keep]
//                                   [--filter q05] [--threads K]
//   --data DIR   use DIR when it holds a table_mappings.json, else generate into it (kept)
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { CairnCli } from '../interop/cairn_cli.mjs';
import { DuckDBOracle } from '../interop/duckdb_oracle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Output column positions of each query's ORDER BY keys (none: a single-row answer). */
const kOrderKeys = {
  1: [0, 1], 2: [0, 2, 1, 3], 3: [1, 2], 4: [0], 5: [1], 6: [], 7: [0, 1, 2], 8: [0], 9: [0, 1],
  10: [2], 11: [1], 12: [0], 13: [1, 0], 14: [], 15: [0], 16: [3, 0, 1, 2], 17: [], 18: [4, 3],
  19: [], 20: [0], 21: [1, 0], 22: [0],
};

/** Row limits of the queries that have one (clause 2.1.2.9). */
const kLimits = { 2: 100, 3: 10, 10: 20, 18: 100, 21: 100 };

/** Row counts at SF 1 (clause 4.2.5.1; lineitem's is dbgen's). */
const kRowCounts = {
  region: 5, nation: 25, supplier: 10000, customer: 150000, part: 200000, partsupp: 800000,
  orders: 1500000, lineitem: 6001215,
};

/** Column types the generator writes (include/cairn/tpch.h), as DuckDB names them. */
const I = 'INTEGER';
const B = 'BIGINT';
const M = 'DECIMAL(15,2)';
const V = 'VARCHAR';
const D = 'DATE';
const kColumnTypes = {
  region: [I, V, V],
  nation: [I, V, I, V],
  supplier: [I, V, V, I, V, M, V],
  customer: [I, V, V, I, V, M, V, V],
  part: [I, V, V, V, V, I, V, M, V],
  partsupp: [I, I, I, M, V],
  orders: [B, I, V, M, D, V, V, I, V],
  lineitem: [B, I, I, I, M, M, M, M, V, V, D, D, D, V, V, V],
};

/**
 * DuckDB reads every file table_mappings.json names: the row counts and column types must be the
 * expected ones. Returns a list of problems (empty when all is well).
 */
async function duckdbProblems(dataDir) {
  const mappings = JSON.parse(readFileSync(path.join(dataDir, 'table_mappings.json'), 'utf8'));
  const oracle = await DuckDBOracle.open();
  const problems = [];
  try {
    for (const [table, count] of Object.entries(kRowCounts)) {
      const entry = mappings.tables.find((t) => t.table_name === table);
      if (!entry) {
        problems.push(`${table} is not in table_mappings.json`);
        continue;
      }
      const files = entry.partitions ?? [entry.file_path];
      const quoted = files.map((file) => `'${path.join(dataDir, file).replaceAll("'", "''")}'`);
      const source = `read_parquet([${quoted.join(', ')}])`;
      const result = await oracle.query(`SELECT count(*) FROM ${source}`);
      if (Number(result.rows[0][0]) !== count) problems.push(`${table}: DuckDB counts ${result.rows[0][0]} rows`);
      const types = (await oracle.describe(`SELECT * FROM ${source}`)).map((column) => column.type);
      if (types.join(',') !== kColumnTypes[table].join(',')) problems.push(`${table}: DuckDB sees types ${types.join(', ')}`);
    }
  } finally {
    oracle.close();
  }
  return problems;
}

function parseArguments(argv) {
  const options = {
    buildDir: 'build', answers: path.join(root, 'test', 'tpch', 'answers'),
    data: null, keep: false, filter: '', threads: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--build-dir') options.buildDir = argv[++i];
    else if (arg === '--answers') options.answers = path.resolve(argv[++i]);
    else if (arg === '--data') options.data = path.resolve(argv[++i]);
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--filter') options.filter = argv[++i];
    else if (arg === '--threads') options.threads = Number(argv[++i]);
    else {
      console.error(`unknown argument ${arg}\nusage: node test/tpch/answers.mjs [--build-dir DIR] [--answers DIR] ` +
                    '[--data DIR] [--keep] [--filter q05] [--threads K]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** A qN.out file: { header: [names], rows: [[trimmed text]] }. */
export function parseAnswer(text) {
  const lines = text.split('\n').filter((line) => line.trim().length > 0);
  const split = (line) => line.split('|').map((cell) => cell.trim());
  return { header: split(lines[0]), rows: lines.slice(1).map(split) };
}

const kInteger = /^-?\d+$/;
const kDecimal = /^-?\d+\.(\d+)$/;

/** Whether Cairn's cell `actual` matches the reference cell `expected` of column `name`. */
export function cellMatches(expected, actual, name) {
  if (actual === null || actual === undefined) return false;
  const got = String(actual).trim();
  if (kInteger.test(expected)) return /^-?\d+(\.0+)?$/.test(got) && BigInt(got.split('.')[0]) === BigInt(expected);
  const decimal = kDecimal.exec(expected);
  if (decimal) {
    const value = Number(got);
    if (got === '' || !Number.isFinite(value)) return false;
    const want = Number(expected);
    const scale = 10 ** decimal[1].length;
    const rounded = Math.round(value * scale) / scale;
    if (/^avg/i.test(name)) return Math.abs(rounded - want) <= Math.abs(want) * 0.01 + 1e-9;
    return Math.abs(rounded - want) <= 0.01 + 1e-9;
  }
  return got === expected;
}

function rowMatches(expected, actual, header, columns) {
  return columns.every((c) => cellMatches(expected[c], actual[c], header[c]));
}

/**
 * Compares Cairn's rows with a reference answer; returns null when they match, else a message.
 * `orderKeys`: ORDER BY column positions; `limit`: the query's LIMIT, if any.
 */
export function compareAnswer(reference, actualRows, orderKeys, limit) {
  const { header, rows: want } = reference;
  if (actualRows.length !== want.length) return `${actualRows.length} rows, expected ${want.length}`;
  const all = header.map((_, c) => c);
  for (const [r, row] of actualRows.entries()) {
    if (row.length !== header.length) return `row ${r + 1} has ${row.length} columns, expected ${header.length}`;
  }
  // Runs of reference rows with equal ORDER BY keys: Cairn's rows at those positions must be the
  // same rows in any order.
  let start = 0;
  while (start < want.length) {
    let end = start + 1;
    while (end < want.length && orderKeys.every((c) => want[end][c] === want[start][c])) end++;
    const cutByLimit = limit !== undefined && want.length === limit && end === want.length && end - start > 1;
    const columns = cutByLimit ? orderKeys : all;
    const pool = actualRows.slice(start, end);
    for (let r = start; r < end; r++) {
      const index = pool.findIndex((row) => rowMatches(want[r], row, header, columns));
      if (index < 0) {
        const got = actualRows[r] ? actualRows[r].join('|') : '(none)';
        return `row ${r + 1}: expected ${want[r].join('|')}, got ${got}`;
      }
      pool.splice(index, 1);
    }
    start = end;
  }
  return null;
}

/** Known cases the comparison must accept and reject; returns the violations. */
function comparisonViolations() {
  const reference = { header: ['name', 'sum_price', 'avg_qty', 'count'], rows: [['a', '10.00', '25.50', '3'], ['b', '5.00', '1.00', '2']] };
  const cases = [
    [[['a', '10.004', '25.61', '3'], ['b', '5', '1.0049', '2']], true],
    [[['a', '10.02', '25.5', '3'], ['b', '5.00', '1.00', '2']], false],   // money off by 0.02
    [[['a', '10.00', '26.0', '3'], ['b', '5.00', '1.00', '2']], false],   // average off by 2%
    [[['a', '10.00', '25.5', '4'], ['b', '5.00', '1.00', '2']], false],   // count differs
    [[['a ', '10.00', '25.5', '3'], ['c', '5.00', '1.00', '2']], false],  // text differs
    [[['b', '5.00', '1.00', '2'], ['a', '10.00', '25.5', '3']], false],   // order differs
    [[['a', '10.00', '25.5', '3']], false],                               // a row missing
  ];
  const violations = [];
  for (const [rows, match] of cases) {
    if ((compareAnswer(reference, rows, [0], undefined) === null) !== match) {
      violations.push(`${JSON.stringify(rows)} should ${match ? '' : 'not '}match`);
    }
  }
  const tied = { header: ['k', 'v'], rows: [['1', 'x'], ['1', 'y'], ['2', 'z']] };
  if (compareAnswer(tied, [['1', 'y'], ['1', 'x'], ['2', 'z']], [0], undefined) !== null) violations.push('tied rows in another order rejected');
  if (compareAnswer(tied, [['1', 'y'], ['1', 'y'], ['2', 'z']], [0], undefined) === null) violations.push('a duplicated tied row accepted');
  return violations;
}

function queryText(number) {
  const file = path.join(root, 'bench', 'tpch', `q${String(number).padStart(2, '0')}.sql`);
  return readFileSync(file, 'utf8').trim().replace(/;$/, '');
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const cairnBinary = path.join(options.buildDir, 'cairn');
  const queries = Array.from({ length: 22 }, (_, i) => i + 1)
    .filter((n) => `q${String(n).padStart(2, '0')}`.includes(options.filter));
  let passed = 0;
  let failed = 0;
  const report = (ok, line) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${line}`);
  };
  const finish = () => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed === 0 ? 0 : 1);
  };

  if (!existsSync(path.join(options.answers, 'q1.out'))) {
    report(false, `the TPC-H answer set is missing: no ${path.join(options.answers, 'q1.out')}`);
    finish();
  }
  if (!existsSync(cairnBinary)) {
    report(false, `${cairnBinary} does not exist: build Cairn first (make build)`);
    finish();
  }

  const violations = comparisonViolations();
  report(violations.length === 0, violations.length === 0
    ? 'harness: comparison accepts answers within the rules and rejects others'
    : `harness: comparison is broken\n    ${violations.join('\n    ')}`);

  const dataDir = options.data ?? mkdtempSync(path.join(os.tmpdir(), 'cairn-dbgen-'));
  if (!existsSync(path.join(dataDir, 'table_mappings.json'))) {
    const args = ['generate', 'tpch', '--sf', '1', '--out', dataDir];
    if (options.threads > 0) args.push('--threads', String(options.threads));
    const started = performance.now();
    try {
      await promisify(execFile)(cairnBinary, args, { timeout: 600_000 });
      report(true, `generate: cairn generate tpch --sf 1 in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      report(false, `generate: ${(error.stderr || error.message).trim()}`);
      finish();
    }
  }

  const cairn = new CairnCli(cairnBinary, dataDir, { timeoutMs: 300_000 });
  const counts = await cairn.query(Object.keys(kRowCounts)
    .map((table) => `SELECT '${table}' AS t, count(*) AS n FROM ${table}`).join(' UNION ALL '));
  if (!counts.ok) {
    report(false, `row counts: ${counts.error}`);
  } else {
    const wrong = counts.rows.filter(([table, n]) => Number(n) !== kRowCounts[table]);
    report(wrong.length === 0 && counts.rows.length === 8, wrong.length === 0
      ? 'row counts: the eight tables have their SF 1 sizes'
      : `row counts: ${wrong.map(([table, n]) => `${table} ${n} (expected ${kRowCounts[table]})`).join(', ')}`);
  }

  const duckdb = await duckdbProblems(dataDir);
  report(duckdb.length === 0, duckdb.length === 0
    ? 'duckdb: reads every file, with the SF 1 row counts and the documented column types'
    : `duckdb: ${duckdb.join('; ')}`);

  for (const number of queries) {
    const label = `q${String(number).padStart(2, '0')}`;
    const reference = parseAnswer(readFileSync(path.join(options.answers, `q${number}.out`), 'utf8'));
    const actual = await cairn.query(queryText(number));
    if (!actual.ok) {
      report(false, `${label}: Cairn failed: ${actual.error.replace(/\s+/g, ' ')}`);
      continue;
    }
    const problem = actual.header.length !== reference.header.length
      ? `${actual.header.length} columns, expected ${reference.header.length}`
      : compareAnswer(reference, actual.rows, kOrderKeys[number], kLimits[number]);
    report(problem === null, problem === null
      ? `${label}: ${reference.rows.length} rows match the answer set (${(actual.ms / 1000).toFixed(2)} s)`
      : `${label}: differs from the answer set: ${problem}`);
  }

  if (!options.data && !options.keep) rmSync(dataDir, { recursive: true, force: true });
  else console.log(`data kept in ${dataDir}`);
  finish();
}

await main();

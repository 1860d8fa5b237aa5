// run.mjs: the 22 TPC-H queries (bench/tpch/q01.sql … q22.sql) in Cairn and in DuckDB on the same
// generated Parquet files (generate.sql), answers compared cell by cell (../interop/
// result_compare.mjs: integers and decimals exactly, doubles within a relative 1e-9).
//
// Row order is compared where the query has ORDER BY: DuckDB's rows are cut into runs of equal
// ORDER BY keys (kOrderKeys), and Cairn's rows must form the same runs in the same order; rows
// inside a run may come in any order. When a LIMIT cuts the last run, only that run's keys are
// compared (which of the tied rows make the cut is unspecified).
//
// Prints one line per query ("ok" with times, or "FAIL" followed by indented details), plus one
// for a self-check of the comparison, and ends with "N passed, M failed"; exits 1 when anything
// failed.
//
// Usage: node test/tpch/run.mjs [--build-dir DIR] [--sf 0.05] [--seed 1] [--data DIR]
//                               [--filter q05] [--timeout SECONDS] [--timing RUNS] [--keep]
//   --data DIR      use (or generate into, when it has no table_mappings.json) DIR and keep it
//   --timing RUNS   also time each query RUNS times in each engine and print a Markdown table of
//                   medians (Cairn through the cairn shell, process start included; DuckDB in
//                   process)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CairnCli } from '../interop/cairn_cli.mjs';
import { DuckDBOracle } from '../interop/duckdb_oracle.mjs';
import { cellsMatch, comparatorViolations, compareResults, withoutHeader } from '../interop/result_compare.mjs';
import { generateTpch, kTables } from './generate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Output column positions of each query's ORDER BY keys (none: a single-row answer). */
const kOrderKeys = {
  1: [0, 1], 2: [0, 2, 1, 3], 3: [1, 2], 4: [0], 5: [1], 6: [], 7: [0, 1, 2], 8: [0], 9: [0, 1],
  10: [2], 11: [1], 12: [0], 13: [1, 0], 14: [], 15: [0], 16: [3, 0, 1, 2], 17: [], 18: [4, 3],
  19: [], 20: [0], 21: [1, 0], 22: [0],
};

/** Row limits of the queries that have one (clause 2.1.2.9). */
const kLimits = { 2: 100, 3: 10, 10: 20, 18: 100, 21: 100 };

function parseArguments(argv) {
  const options = { buildDir: 'build', sf: 0.05, seed: 1, data: null, filter: '', timeout: 120, timing: 0, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--build-dir') options.buildDir = argv[++i];
    else if (arg === '--sf') options.sf = Number(argv[++i]);
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--data') options.data = argv[++i];
    else if (arg === '--filter') options.filter = argv[++i];
    else if (arg === '--timeout') options.timeout = Number(argv[++i]);
    else if (arg === '--timing') options.timing = Math.max(0, Number(argv[++i]));
    else if (arg === '--keep') options.keep = true;
    else {
      console.error(`unknown argument ${arg}\nusage: node test/tpch/run.mjs [--build-dir DIR] [--sf 0.05] [--seed 1] ` +
                    '[--data DIR] [--filter q05] [--timeout SECONDS] [--timing RUNS] [--keep]');
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** The text of query `number` without its trailing semicolon. */
function queryText(number) {
  const file = path.join(root, 'bench', 'tpch', `q${String(number).padStart(2, '0')}.sql`);
  return readFileSync(file, 'utf8').trim().replace(/;$/, '');
}

function sameCells(want, got, kinds, columns) {
  return got.length === want.length && columns.every((c) => cellsMatch(want[c], got[c], kinds[c]));
}

/**
 * Cairn's rows rearranged, within each run of equal ORDER BY keys in DuckDB's answer, to line up
 * with DuckDB's rows where a row matches; returns { expected, actual } ready for an ordered
 * comparison (with a LIMIT-cut last run reduced to its key columns on both sides).
 */
export function alignTies(expected, actualRows, orderKeys, limit) {
  const kinds = expected.columns.map((column) => column.kind);
  const want = expected.rows;
  const allColumns = kinds.map((_, c) => c);
  const runs = [];
  for (let r = 0; r < want.length; r++) {
    const previous = runs[runs.length - 1];
    if (previous && sameCells(want[previous.start], want[r], kinds, orderKeys)) previous.end = r + 1;
    else runs.push({ start: r, end: r + 1 });
  }
  const got = [...actualRows];
  const cut = limit !== undefined && want.length === limit && runs.length > 0 ? runs[runs.length - 1] : null;
  for (const run of runs) {
    if (run === cut || run.end - run.start < 2 || run.end > got.length) continue;
    const pool = got.slice(run.start, run.end);
    const placed = [];
    for (let r = run.start; r < run.end; r++) {
      const index = pool.findIndex((row) => sameCells(want[r], row, kinds, allColumns));
      placed.push(index >= 0 ? pool.splice(index, 1)[0] : null);
    }
    for (let i = 0; i < placed.length; i++) if (placed[i] === null) placed[i] = pool.shift();
    got.splice(run.start, placed.length, ...placed);
  }
  if (!cut) return { expected, actual: got };
  const keysOnly = (row, r) => (r >= cut.start ? row.map((cell, c) => (orderKeys.includes(c) ? cell : null)) : row);
  return { expected: { ...expected, rows: want.map(keysOnly) }, actual: got.map(keysOnly) };
}

/**
 * Known cases the tie-aware comparison must accept and reject; returns a list of violations
 * (empty when it behaves). Reported as a check, so a broken comparison cannot pass everything.
 */
export function alignmentViolations() {
  const table = (rows) => ({ columns: [{ name: 'k', kind: 'int' }, { name: 'v', kind: 'decimal' }], rows });
  const verdict = (want, got, keys, limit) => {
    const aligned = alignTies(table(want), got, keys, limit);
    return compareResults(aligned.expected, aligned.actual).ok;
  };
  const cases = [
    // [DuckDB rows, Cairn rows, ORDER BY key columns, limit, should match]
    [[['1', '1.5'], ['1', '2.5'], ['2', '0']], [['1', '2.50'], ['1', '1.5'], ['2', '0']], [0], undefined, true],
    [[['1', '1.5'], ['2', '2.5']], [['2', '2.5'], ['1', '1.5']], [0], undefined, false],
    [[['1', '1.5'], ['1', '2.5']], [['1', '1.5'], ['1', '3.5']], [0], undefined, false],
    [[['1', '1.5'], ['2', '2.5'], ['2', '3.5']], [['1', '1.5'], ['2', '9.5'], ['2', '3.5']], [0], 3, true],
    [[['1', '1.5'], ['2', '2.5'], ['2', '3.5']], [['1', '1.5'], ['3', '2.5'], ['2', '3.5']], [0], 3, false],
    [[['1', '1.5'], ['2', '2.5']], [['1', '1.5']], [0], undefined, false],
    [[['1', '1.5']], [['1', '1.5'], ['1', '1.5']], [], undefined, false],
  ];
  const violations = [];
  for (const [want, got, keys, limit, match] of cases) {
    if (verdict(want, got, keys, limit) !== match) {
      violations.push(`${JSON.stringify(got)} vs ${JSON.stringify(want)} (keys ${keys}, limit ${limit}) should ${match ? '' : 'not '}match`);
    }
  }
  return violations;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const cairnBinary = path.join(options.buildDir, 'cairn');
  const queries = Array.from({ length: 22 }, (_, i) => i + 1)
    .filter((n) => `q${String(n).padStart(2, '0')}`.includes(options.filter));
  if (!existsSync(cairnBinary)) {
    console.log(`FAIL ${cairnBinary} does not exist: build Cairn first (make build)`);
    console.log(`0 passed, ${queries.length} failed`);
    process.exit(1);
  }

  const dataDir = options.data ? path.resolve(options.data) : mkdtempSync(path.join(os.tmpdir(), 'cairn-tpch-'));
  const started = performance.now();
  if (!existsSync(path.join(dataDir, 'table_mappings.json'))) {
    await generateTpch(dataDir, { scaleFactor: options.sf, seed: options.seed });
    console.log(`generated TPC-H SF ${options.sf} (seed ${options.seed}) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const oracle = await DuckDBOracle.open();
  for (const table of kTables) {
    const file = path.join(dataDir, `${table}.parquet`).replaceAll("'", "''");
    await oracle.run(`CREATE VIEW ${table} AS SELECT * FROM read_parquet('${file}')`);
  }
  const cairn = new CairnCli(cairnBinary, dataDir, { timeoutMs: options.timeout * 1000 });

  let passed = 0;
  let failed = 0;
  const violations = [...comparatorViolations(), ...alignmentViolations()];
  if (violations.length === 0) {
    passed++;
    console.log('ok   harness: comparison accepts equal answers and tied rows in any order, rejects different ones');
  } else {
    failed++;
    console.log(`FAIL harness: comparison is broken\n    ${violations.join('\n    ')}`);
  }
  const timings = [];
  for (const number of queries) {
    const label = `q${String(number).padStart(2, '0')}`;
    const sql = queryText(number);
    let expected;
    try {
      expected = await oracle.query(sql);
    } catch (error) {
      failed++;
      console.log(`FAIL ${label}: DuckDB failed (the query or the data is wrong): ${error.message}`);
      continue;
    }
    const actual = await cairn.query(sql);
    if (!actual.ok) {
      failed++;
      console.log(`FAIL ${label}: Cairn failed: ${actual.error.replace(/\s+/g, ' ')}`);
      continue;
    }
    const rows = withoutHeader(expected, actual.header, actual.rows);
    const aligned = alignTies(expected, rows, kOrderKeys[number], kLimits[number]);
    const verdict = compareResults(aligned.expected, aligned.actual);
    if (!verdict.ok) {
      failed++;
      console.log(`FAIL ${label}: answers differ (${expected.rows.length} rows from DuckDB)\n    ${verdict.message}`);
      continue;
    }
    passed++;
    console.log(`ok   ${label}: ${expected.rows.length} rows, Cairn ${(actual.ms / 1000).toFixed(2)} s`);
    if (options.timing > 0) {
      const cairnTimes = [];
      const duckdbTimes = [];
      for (let run = 0; run < options.timing; run++) {
        const result = await cairn.query(sql);
        cairnTimes.push(result.ok ? result.ms : NaN);
        const t0 = performance.now();
        await oracle.connection.runAndReadAll(sql);
        duckdbTimes.push(performance.now() - t0);
      }
      timings.push({ label, rows: expected.rows.length, cairn: median(cairnTimes), duckdb: median(duckdbTimes) });
    }
  }
  oracle.close();
  if (!options.data && !options.keep) rmSync(dataDir, { recursive: true, force: true });

  if (timings.length > 0) {
    console.log(`\n| query | rows | Cairn s (median of ${options.timing}) | DuckDB s (median of ${options.timing}) | Cairn / DuckDB |`);
    console.log('|---|---:|---:|---:|---:|');
    for (const t of timings) {
      console.log(`| ${t.label} | ${t.rows} | ${(t.cairn / 1000).toFixed(3)} | ${(t.duckdb / 1000).toFixed(3)} | ${(t.cairn / t.duckdb).toFixed(2)} |`);
    }
  }
  console.log(`tpch: ${queries.length} queries at SF ${options.sf} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();

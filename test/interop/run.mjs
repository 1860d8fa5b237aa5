// run.mjs: differential tests — the same SQL over the same files in DuckDB and in Cairn, answers
// compared cell by cell (result_compare.mjs). Prints one line per check, failures with both
// answers, and ends with "N passed, M failed"; exits 1 when anything failed.
//
// Also the schema-evolution checks of schema_evolution.mjs (union_by_name over files DuckDB
// wrote with evolving schemas), the checks of parquet_writer.mjs (files Cairn wrote, read
// by both engines), and those of copy_to.mjs (files Cairn's COPY TO wrote, read by DuckDB, equal
// to Cairn's answer to the query: a check's `cairnSql`, when set, is what Cairn runs).
//
// Usage: node test/interop/run.mjs [--build-dir DIR] [--filter TEXT] [--jobs N] [--self-test]
//   --filter TEXT   only checks whose "file: name" contains TEXT
//   --jobs N        Cairn processes at a time (default 2)
//   --self-test     stand DuckDB in for Cairn: DuckDB writes each answer as CSV, which is then
//                   parsed and compared like Cairn's output. Checks the data, the queries and
//                   this harness without a Cairn build.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { CairnCli } from './cairn_cli.mjs';
import { fileChecks, sourceOf, vegaChecks } from './checks.mjs';
import { parseCsvRecords, fieldValue } from './csv_records.mjs';
import { DuckDBOracle } from './duckdb_oracle.mjs';
import { generate } from './generate.mjs';
import { generateWritten, writerChecks } from './parquet_writer.mjs';
import { copyChecks, generateCopied } from './copy_to.mjs';
import { evolutionChecks, generateEvolving } from './schema_evolution.mjs';
import { comparatorViolations, compareResults, withoutHeader } from './result_compare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function parseArguments(argv) {
  const options = { buildDir: 'build', filter: '', jobs: 2, selfTest: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--build-dir') options.buildDir = argv[++i];
    else if (arg === '--filter') options.filter = argv[++i];
    else if (arg === '--jobs') options.jobs = Math.max(1, Number(argv[++i]));
    else if (arg === '--self-test') options.selfTest = true;
    else {
      console.error(`unknown argument ${arg}\nusage: node test/interop/run.mjs [--build-dir DIR] [--filter TEXT] [--jobs N] [--self-test]`);
      process.exit(2);
    }
  }
  options.buildDir = path.resolve(root, options.buildDir);
  return options;
}

/** DuckDB standing in for Cairn (--self-test): answers through DuckDB's own CSV writer. */
class DuckDBAsCairn {
  constructor(oracle) {
    this.oracle = oracle;
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'cairn-interop-self-'));
    this.counter = 0;
  }
  available() {
    return true;
  }
  async query(sql) {
    const started = performance.now();
    const file = path.join(this.dir, `${this.counter++}.csv`);
    try {
      await this.oracle.run(`COPY (${sql}) TO '${file}' (FORMAT csv, HEADER)`);
      const records = parseCsvRecords(readFileSync(file, 'utf8'));
      return { ok: true, header: records[0].map((f) => f.text), rows: records.slice(1).map((r) => r.map(fieldValue)),
               ms: performance.now() - started };
    } catch (error) {
      return { ok: false, error: error.message, ms: performance.now() - started };
    }
  }
  close() {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const vegaDir = path.join(root, 'node_modules', 'vega-datasets', 'data');
  const oracle = await DuckDBOracle.open();
  const manifest = await generate(path.join(options.buildDir, 'interop-data'));
  await generateEvolving(path.join(options.buildDir, 'interop-data'));
  const writtenDir = generateWritten(options.buildDir, path.join(options.buildDir, 'interop-data'));
  const copied = options.selfTest ? [] : await generateCopied(options.buildDir, path.join(options.buildDir, 'interop-data'), oracle);

  const cairn = options.selfTest
    ? new DuckDBAsCairn(await DuckDBOracle.open())
    : new CairnCli(path.join(options.buildDir, 'cairn'), path.join(options.buildDir, 'interop-data'));

  // Build the check list: schema-driven per generated file, then the vega-datasets queries.
  const checks = [];
  for (const file of manifest.files) {
    const columns = await oracle.describe(`SELECT * FROM ${sourceOf(file)}`);
    const headerless = file.name.includes('no_header');
    for (const check of fileChecks({ ...file, headerless }, columns)) {
      checks.push({ file: file.name, unordered: file.unordered && /rows/.test(check.name), ...check });
    }
  }
  checks.push(...vegaChecks(vegaDir));
  checks.push(...evolutionChecks(path.join(options.buildDir, 'interop-data')));
  checks.push(...writerChecks(writtenDir));
  checks.push(...copyChecks(copied));
  const selected = checks.filter((check) => `${check.file}: ${check.name}`.includes(options.filter));

  if (!cairn.available()) {
    console.log(`FAIL ${path.join(options.buildDir, 'cairn')} does not exist: build Cairn first (make build)`);
    console.log(`0 passed, ${selected.length} failed`);
    process.exit(1);
  }

  // One DuckDB connection: its queries run one at a time.
  let chain = Promise.resolve();
  const serially = (task) => {
    const result = chain.then(task);
    chain = result.catch(() => {});
    return result;
  };

  let passed = 0;
  let failed = 0;
  const violations = comparatorViolations();
  if (violations.length === 0) {
    passed++;
    console.log('ok   harness: comparison accepts equal and rejects different answers');
  } else {
    failed++;
    console.log(`FAIL harness: comparison is broken\n    ${violations.join('\n    ')}`);
  }
  const started = performance.now();
  // Run Cairn `jobs` at a time; DuckDB answers first (in order) for each check.
  let next = 0;
  const results = new Array(selected.length);
  let printed = 0;
  const flush = () => {
    while (printed < selected.length && results[printed]) {
      const { check, ok, message } = results[printed];
      const label = `${check.file}: ${check.name}`;
      if (ok) {
        passed++;
        console.log(`ok   ${label}`);
      } else {
        failed++;
        console.log(`FAIL ${label}\n    SQL: ${check.sql.replace(/\s+/g, ' ')}\n    ${message}`);
      }
      printed++;
    }
  };
  const worker = async () => {
    while (next < selected.length) {
      const index = next++;
      const check = selected[index];
      let expected;
      try {
        expected = await serially(() => oracle.query(check.sql));
      } catch (error) {
        results[index] = { check, ok: false, message: `DuckDB failed (the check is wrong): ${error.message}` };
        flush();
        continue;
      }
      const actual = await cairn.query(check.cairnSql ?? check.sql);
      if (!actual.ok) {
        results[index] = { check, ok: false, message: `Cairn failed: ${actual.error}` };
      } else {
        const rows = withoutHeader(expected, actual.header, actual.rows);
        const verdict = compareResults(expected, rows, { unordered: check.unordered, tolerance: check.tolerance });
        results[index] = { check, ...verdict };
      }
      flush();
    }
  };
  await Promise.all(Array.from({ length: options.jobs }, worker));
  flush();
  oracle.close();
  if (cairn.close) cairn.close();

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`interop: ${selected.length} checks over ${manifest.files.length} generated files and 5 vega-datasets files in ${seconds} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();

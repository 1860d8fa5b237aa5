// check.mjs: makes the demo self-verifying — runs every query of demo/queries.sql in DuckDB
// (tables as views over the same files) and in Cairn (build/cairn demo-data --format csv -c SQL),
// and compares the answers cell by cell like the interop tests do. Prints "matches DuckDB" per
// query, or both answers where they differ; exits 1 on any difference.
//
// Usage: node demo/check.mjs [--build-dir DIR] [--self-test]
//   --self-test  DuckDB stands in for Cairn (checks the script itself without a Cairn build).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { readQueries } from '../bench/query_file.mjs';
import { CairnCli } from '../test/interop/cairn_cli.mjs';
import { DuckDBOracle } from '../test/interop/duckdb_oracle.mjs';
import { compareResults, withoutHeader } from '../test/interop/result_compare.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main() {
  const argv = process.argv.slice(2);
  const buildDir = path.resolve(root, argv.includes('--build-dir') ? argv[argv.indexOf('--build-dir') + 1] : 'build');
  const selfTest = argv.includes('--self-test');
  const vega = path.join(root, 'node_modules', 'vega-datasets', 'data');

  const oracle = await DuckDBOracle.open();
  await oracle.run(`CREATE VIEW flights AS SELECT * FROM read_parquet('${vega}/flights-3m.parquet')`);
  await oracle.run(`CREATE VIEW airports AS SELECT * FROM read_csv('${vega}/airports.csv')`);
  const cairn = new CairnCli(path.join(buildDir, 'cairn'), path.join(root, 'demo-data'));

  let mismatches = 0;
  for (const query of readQueries(path.join(root, 'demo', 'queries.sql'))) {
    const expected = await oracle.query(query.sql);
    let actual;
    if (selfTest) {
      actual = { ok: true, header: expected.columns.map((c) => c.name), rows: expected.rows };
    } else {
      actual = await cairn.query(query.sql);
    }
    if (!actual.ok) {
      mismatches++;
      console.log(`  ${query.name}: Cairn failed: ${actual.error}`);
      continue;
    }
    const verdict = compareResults(expected, withoutHeader(expected, actual.header, actual.rows));
    if (verdict.ok) {
      console.log(`  ${query.name}: matches DuckDB (${expected.rows.length} rows)`);
    } else {
      mismatches++;
      console.log(`  ${query.name}: DIFFERS from DuckDB\n    ${verdict.message}`);
    }
  }
  oracle.close();
  console.log(mismatches === 0 ? 'demo: every answer matches DuckDB' : `demo: ${mismatches} answer(s) differ from DuckDB`);
  process.exit(mismatches === 0 ? 0 : 1);
}

await main();

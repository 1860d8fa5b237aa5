// Fills in the expected results of `query` records in sqllogictest templates by running them in DuckDB.
// Where DuckDB and PostgreSQL 15 differ (integer division, sum/avg result types, round(double),
// result column names: docs/design/postgresql-semantics.md), PostgreSQL's answer is the expected
// one: mark such records `# duckdb-skip` and write PostgreSQL's answer by hand.
// Usage: node test/sql/fill_expected.mjs FILE.slt...  (rewrites each file in place; DuckDB runs in
// test/data with views people, orders, events standing in for Cairn's fallback tables)
// Template directives (comment lines, kept in the output):
//   # duckdb-setup: SQL     run SQL in DuckDB only (e.g. a view standing in for a registry table)
//   # duckdb-skip           the next record is not run in DuckDB (expected block kept as written)
import { DuckDBInstance } from '@duckdb/node-api';
import path from 'path';
import { fileURLToPath } from 'url';
import fs from 'fs';
const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2).map(f => path.resolve(f));
process.chdir(path.join(here, '..', 'data'));
let total = 0;
for (const tpl of files) { total += await fill(tpl); }
if (total) process.exit(1);

async function fill(tpl) {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  for (const t of ['people', 'orders']) await c.run(`CREATE VIEW ${t} AS SELECT * FROM '${t}.csv'`);
  await c.run(`CREATE VIEW events AS SELECT * FROM 'events.parquet'`);
  const lines = fs.readFileSync(tpl, 'utf8').split('\n');
  const output = [];
  let i = 0, skipNext = false, failures = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith('# duckdb-setup:')) { await c.run(line.slice(15)); output.push(line); i++; continue; }
    if (line.startsWith('# duckdb-skip')) { skipNext = true; output.push(line); i++; continue; }
    if (line.startsWith('query') || line.startsWith('statement')) {
      const header = line; output.push(header); i++;
      const sql = [];
      while (i < lines.length && lines[i] !== '' && lines[i] !== '----') { sql.push(lines[i]); output.push(lines[i]); i++; }
      const expected = [];
      let hasBlock = false;
      if (lines[i] === '----') { hasBlock = true; i++; while (i < lines.length && lines[i] !== '') { expected.push(lines[i]); i++; } }
      const text = sql.join('\n');
      if (skipNext) {
        skipNext = false;
        if (hasBlock) { output.push('----', ...expected); }
        continue;
      }
      if (header.startsWith('statement')) {
        let ok = true, msg = '';
        try { await c.run(text); } catch (e) { ok = false; msg = e.message; }
        const wantOk = header.startsWith('statement ok');
        if (ok !== wantOk) { console.error(`${tpl}: DuckDB disagrees (${ok ? 'ok' : msg}) on: ${text}`); failures++; }
        if (hasBlock) output.push('----', ...expected);
        continue;
      }
      try {
        const r = await c.runAndReadAll(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM (${text})`);
        const types = header.split(' ')[1];
        if (r.columnCount !== types.length) { console.error(`${tpl}: ${types} vs ${r.columnCount} columns: ${text}`); failures++; }
        output.push('----');
        for (const row of r.getRows()) output.push(row.map(v => v === null ? 'NULL' : v === '' ? '(empty)' : String(v)).join('\t'));
      } catch (e) { console.error(`${tpl}: DuckDB error ${e.message} on: ${text}`); failures++; output.push('----', ...expected); }
      continue;
    }
    output.push(line); i++;
}
fs.writeFileSync(tpl, output.join('\n'));
if (failures) console.error(`${failures} problems in ${tpl}`);
return failures;
}

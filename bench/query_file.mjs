// query_file.mjs: reads a file of named SQL queries (bench/flights_queries.sql,
// demo/queries.sql): each query starts with a "-- name: <title>" line and ends with ";"; other
// "--" comment lines are ignored. bench/cairn_bench.cpp reads the same format.
import { readFileSync } from 'node:fs';

/** [{ name, sql }] in file order; sql has no trailing ";". */
export function readQueries(file) {
  const queries = [];
  let current = null;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const marker = /^-- name:\s*(.+?)\s*$/.exec(line);
    if (marker) {
      current = { name: marker[1], sql: '' };
      queries.push(current);
    } else if (current && !line.startsWith('--')) {
      current.sql += `${line}\n`;
    }
  }
  return queries.map((query) => ({ ...query, sql: query.sql.trim().replace(/;$/, '') }));
}

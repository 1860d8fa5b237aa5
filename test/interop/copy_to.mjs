// copy_to.mjs: differential checks of `COPY (query) TO 'file.parquet'` (docs/sql/copy.md) —
// Cairn's shell writes one query's rows with every codec (snappy, gzip, zstd, lz4, uncompressed)
// and both data page versions (PARQUET_VERSION v1 / v2), in row groups of 3,000 rows; DuckDB
// then reads each file and its answer must equal Cairn's answer to the query itself, cell by
// cell (so the file holds exactly what the query produced, as another implementation reads it).
// DuckDB's parquet_metadata() must also report the codec asked for, the row count and the
// number of row groups ROW_GROUP_SIZE implies.
//
// The query has a column of each type a query commonly yields and the writer writes: BOOLEAN,
// SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, DECIMAL on INT32/INT64/FIXED_LEN_BYTE_ARRAY, VARCHAR
// (long and dictionary-friendly), BYTEA, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ and JSON, with
// NULLs in every column.
//
// A check is { file, name, sql, cairnSql, unordered } as in checks.mjs; `cairnSql` is what Cairn
// runs instead of `sql`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const kRows = 10000;
const kRowGroupRows = 3000;
const kCodecs = [
  { option: 'snappy', duckdb: 'SNAPPY' },
  { option: 'gzip', duckdb: 'GZIP' },
  { option: 'zstd', duckdb: 'ZSTD' },
  { option: 'lz4', duckdb: 'LZ4_RAW' },
  { option: 'uncompressed', duckdb: 'UNCOMPRESSED' },
];

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `expression` except in every 7th row (a different row for each column), where it is NULL. */
function sometimesNull(expression, column) {
  return `CASE WHEN i % 7 = ${column % 7} THEN NULL ELSE ${expression} END`;
}

/** The query COPY writes (Cairn's SQL). */
export function copySourceQuery() {
  const columns = [
    ['b', 'i % 2 = 0'],
    ['si', '(i % 30000 - 15000)::smallint'],
    ['ii', 'i * 7919 - 1000000'],
    ['bi', 'i::bigint * 1000000007'],
    ['f', '(i / 8.0)::real'],
    ['d', 'i::double precision / 3'],
    ['dec9', '(i / 7.0)::numeric(9,2)'],
    ['dec18', '(i * 12345.678)::numeric(18,4)'],
    ['dec38', '(i::numeric(38,10) * 123456789.123456789)::numeric(38,10)'],
    ['s', "'row ' || i || repeat('x', i % 20)"],
    ['cat', "'cat' || (i % 5)"],
    ['by', "('abc' || i)::bytea"],
    ['u', 'md5(i::text)::uuid'],
    ['dt', "DATE '2000-01-01' + i"],
    ['t', "TIME '00:00:00' + i * INTERVAL '1 second'"],
    ['ts', "TIMESTAMP '2020-01-01' + i * INTERVAL '1 minute'"],
    ['tz', "TIMESTAMPTZ '2020-01-01 00:00:00+00' + i * INTERVAL '1 hour'"],
    ['j', `('{"k": ' || i || '}')::json`],
  ];
  const list = columns.map(([name, expression], index) => `${sometimesNull(expression, index)} AS ${name}`);
  return `SELECT i, ${list.join(', ')} FROM generate_series(1, ${kRows}) t(i)`;
}

/**
 * Writes the files into OUT_DIR/copied with Cairn's shell (`COPY (query) TO ...`), checks
 * their metadata with DuckDB (`oracle`), and returns [{ name, path }]. Throws when the shell
 * fails or the metadata is not what the options asked for.
 */
export async function generateCopied(buildDir, outDir, oracle, { log = console.log } = {}) {
  const binary = path.join(buildDir, 'cairn');
  if (!existsSync(binary)) throw new Error(`${binary} does not exist: build Cairn first`);
  const dir = path.join(outDir, 'copied');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (const codec of kCodecs) {
    for (const version of ['v1', 'v2']) {
      const name = `${codec.option}_${version}.parquet`;
      const file = path.join(dir, name);
      const sql = `COPY (${copySourceQuery()}) TO ${quote(file)} (FORMAT parquet, COMPRESSION ${codec.option}, ` +
                  `PARQUET_VERSION ${version}, ROW_GROUP_SIZE ${kRowGroupRows})`;
      const output = execFileSync(binary, [outDir, '-c', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (!output.includes(`COPY ${kRows}`)) throw new Error(`${name}: expected "COPY ${kRows}", the shell printed: ${output}`);
      const metadata = await oracle.query(
          `SELECT string_agg(DISTINCT compression, ',') AS codecs, count(DISTINCT row_group_id) AS row_groups,
                  (SELECT num_rows FROM parquet_file_metadata(${quote(file)})) AS num_rows
           FROM parquet_metadata(${quote(file)})`);
      const [codecs, rowGroups, numRows] = metadata.rows[0];
      const expectedGroups = Math.ceil(kRows / kRowGroupRows);
      if (codecs !== codec.duckdb || Number(rowGroups) !== expectedGroups || Number(numRows) !== kRows) {
        throw new Error(`${name}: DuckDB's parquet_metadata reports codecs ${codecs}, ${rowGroups} row groups, ` +
                        `${numRows} rows; expected ${codec.duckdb}, ${expectedGroups}, ${kRows}`);
      }
      files.push({ name, path: file });
    }
  }
  log(`wrote ${files.length} Parquet files with Cairn's COPY TO into ${dir}`);
  return files;
}

/** The checks over the files generateCopied wrote. */
export function copyChecks(files) {
  return files.map(({ name, path: file }) => ({
    file: `copied/${name}`,
    name: 'DuckDB reads the rows the query produced',
    sql: `SELECT * FROM read_parquet(${quote(file)})`,
    cairnSql: copySourceQuery(),
    unordered: true,
  }));
}

// parquet_writer.mjs: differential checks of Cairn's Parquet writer — files Cairn wrote, read by
// DuckDB and by Cairn, compared cell by cell.
//
// The files come from the unit test ParquetWriterFilesTest (src/parquet/parquet_writer_test.cpp)
// run with CAIRN_PARQUET_WRITER_OUT=OUT_DIR/written: one file per codec (uncompressed, snappy,
// gzip, zstd, lz4_raw) and data page version (v1, v2), dictionary-encoded (falling back to PLAIN
// within the wide columns' chunks), and two PLAIN-only files; each 5,000 rows in row groups of
// 2,000 rows and pages of ~3 KB, with a column of every type the writer supports (BOOLEAN, the
// signed and unsigned integers, FLOAT, DOUBLE, DECIMAL on INT32/INT64/FIXED_LEN_BYTE_ARRAY,
// VARCHAR, BLOB, JSON, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ, JSONB) and NULLs in every
// column.
// That test already checks Cairn reads back what it wrote; equality with DuckDB here shows
// another implementation reads the same content. The filter checks compare counts under
// predicates on several types (the values are spread over every row group, so they do not
// show that DuckDB's row-group pruning agrees with the statistics: the unit test checks the
// statistics against the data).
//
// A check is { file, name, sql, unordered? } as in checks.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Writes the files into OUT_DIR/written by running the writer's unit test from `buildDir`;
 * returns that directory. Throws when the test binary is missing or the test fails.
 */
export function generateWritten(buildDir, outDir, { log = console.log } = {}) {
  const binary = path.join(buildDir, 'cairn_parquet_tests');
  if (!existsSync(binary)) throw new Error(`${binary} does not exist: build Cairn's unit tests first`);
  const dir = path.join(outDir, 'written');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync(binary, ['--gtest_filter=ParquetWriterFilesTest.*'], {
    env: { ...process.env, CAIRN_PARQUET_WRITER_OUT: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const files = readdirSync(dir).filter((name) => name.endsWith('.parquet'));
  if (files.length !== 12) throw new Error(`expected 12 files written by Cairn in ${dir}, found ${files.length}`);
  log(`wrote ${files.length} Parquet files with Cairn's writer into ${dir}`);
  return dir;
}

/** The checks over every file in `dir` (written by generateWritten). */
export function writerChecks(dir) {
  const checks = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.parquet')).sort()) {
    const src = `read_parquet(${quote(path.join(dir, name))})`;
    const file = `written/${name}`;
    const add = (check, sql, options = {}) => checks.push({ file, name: check, sql, ...options });
    // Cairn scans row groups in parallel: rows come in any order.
    add('every row', `SELECT * FROM ${src}`, { unordered: true });
    add('count and non-null counts', `SELECT count(*) AS n, count(c0_boolean) AS b, count(c16_varchar) AS s,
                                             count(c19_uuid) AS u FROM ${src}`);
    add('filtered counts', `SELECT
        (SELECT count(*) FROM ${src} WHERE c3_integer > 1000000000) AS i,
        (SELECT count(*) FROM ${src} WHERE c8_ubigint > 18000000000000000000) AS ub,
        (SELECT count(*) FROM ${src} WHERE c15_decimal_38_10_ < -1000000000000000000000000000) AS d,
        (SELECT count(*) FROM ${src} WHERE c16_varchar >= 'v990') AS s,
        (SELECT count(*) FROM ${src} WHERE c20_date < DATE '1000-01-01') AS dt,
        (SELECT count(*) FROM ${src} WHERE c9_float BETWEEN -1 AND 1) AS f`);
  }
  return checks;
}

// generate.mjs: writes the differential-test data set with DuckDB — Parquet files covering the
// options DuckDB's `COPY ... TO ... (FORMAT parquet, ...)` offers, and CSV files in several
// dialects — plus a manifest.json describing each file (dataset, format, options).
//
// Data sets (deterministic: every value derives from the row number through hash()):
//   types     5,000 rows, one column per flat type DuckDB writes (HUGEINT is skipped: DuckDB
//             writes it as DOUBLE), ~7% NULLs, negative and full-range values
//   nulls     10,000 rows: 90%-NULL columns, all-NULL columns, a column NULL for its first half
//   strings   20,000 rows: low-cardinality (dictionary) and unique strings, long (> 12 bytes),
//             empty, Unicode, and CSV-hostile text (quotes, commas, newlines, tabs, backslashes)
//   extremes  min/max of every integer type, ±inf, NaN, ±0, huge/tiny doubles, extreme
//             decimals and dates
//   big       300,000 rows: many pages and row groups, dictionary fallback, multi-file output
//   csvdata   2,000 rows written as CSV in several dialects
//   quotedbig 300,000 rows (about 35 MB of CSV, so Cairn scans it as several byte ranges in
//             parallel): quoted fields with newlines (LF and CRLF), commas, doubled quotes and
//             text that looks like further CSV rows, across the range boundaries
//
// Usage: node test/interop/generate.mjs [OUT_DIR]   (default build/interop-data)
// Regenerates only when this file or the DuckDB version changed (OUT_DIR/.stamp).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';

const here = path.dirname(fileURLToPath(import.meta.url));

const kCodecs = ['uncompressed', 'snappy', 'gzip', 'zstd', 'lz4', 'lz4_raw', 'brotli'];

const kTableSql = {
  types: `
    SELECT
      i::INTEGER AS id,
      CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3 = 0 END AS c_boolean,
      CASE WHEN i % 13 = 0 THEN NULL ELSE ((i * 37) % 256 - 128)::TINYINT END AS c_tinyint,
      ((hash(i, 1) % 65536)::INTEGER - 32768)::SMALLINT AS c_smallint,
      CASE WHEN i % 17 = 0 THEN NULL ELSE ((hash(i, 2) % 4294967296)::BIGINT - 2147483648)::INTEGER END AS c_integer,
      CASE WHEN i % 19 = 0 THEN NULL ELSE (hash(i, 3)::HUGEINT - 9223372036854775808)::BIGINT END AS c_bigint,
      (i % 256)::UTINYINT AS c_utinyint,
      (hash(i, 4) % 65536)::USMALLINT AS c_usmallint,
      CASE WHEN i % 23 = 0 THEN NULL ELSE (hash(i, 5) % 4294967296)::UINTEGER END AS c_uinteger,
      hash(i, 6) AS c_ubigint,
      CASE WHEN i % 7 = 0 THEN NULL ELSE ((hash(i, 7) % 2000000)::DOUBLE / 1000 - 1000)::FLOAT END AS c_float,
      CASE WHEN i % 29 = 0 THEN NULL ELSE (hash(i, 8) % 1000000007)::DOUBLE / 7.0 - 70000000 END AS c_double,
      (((hash(i, 9) % 19999)::BIGINT - 9999) * 0.01)::DECIMAL(4,2) AS c_decimal_4_2,
      CASE WHEN i % 31 = 0 THEN NULL ELSE
        (((hash(i, 10) % 1999999999)::BIGINT - 999999999) * 0.001)::DECIMAL(9,3) END AS c_decimal_9_3,
      (((hash(i, 11) % 1999999999999999999)::HUGEINT - 999999999999999999) * 0.000001)::DECIMAL(18,6) AS c_decimal_18_6,
      CASE WHEN i % 37 = 0 THEN NULL ELSE
        (((hash(i, 12) % 1000000000000000)::HUGEINT - 500000000000000) * 12345 * 0.0000000001)::DECIMAL(30,10)
      END AS c_decimal_30_10,
      CASE WHEN i % 41 = 0 THEN NULL ELSE 'str_' || (hash(i, 13) % 1000)::VARCHAR END AS c_varchar,
      CASE WHEN i % 43 = 0 THEN NULL ELSE unhex(lpad(to_hex(hash(i, 14) % 1099511627776), 10, '0')) END AS c_blob,
      CASE WHEN i % 47 = 0 THEN NULL ELSE DATE '1970-01-01' + ((hash(i, 15) % 100000)::INTEGER - 50000) END AS c_date,
      TIME '00:00:00' + to_microseconds((hash(i, 16) % 86400000000)::BIGINT) AS c_time,
      CASE WHEN i % 53 = 0 THEN NULL ELSE make_timestamp((hash(i, 17) % 6000000000000000)::BIGINT - 3000000000000000) END AS c_timestamp,
      make_timestamp(((hash(i, 18) % 4000000000000)::BIGINT - 2000000000000) * 1000)::TIMESTAMP_MS AS c_timestamp_ms,
      make_timestamp((hash(i, 19) % 4000000000000000)::BIGINT - 2000000000000000)::TIMESTAMP_NS AS c_timestamp_ns,
      CASE WHEN i % 59 = 0 THEN NULL ELSE
        make_timestamp((hash(i, 20) % 4000000000000000)::BIGINT - 2000000000000000)::TIMESTAMPTZ END AS c_timestamptz,
      CASE WHEN i % 61 = 0 THEN NULL ELSE md5(i::VARCHAR)::UUID END AS c_uuid
    FROM range(5000) t(i)`,
  nulls: `
    SELECT
      i::INTEGER AS id,
      CASE WHEN hash(i, 1) % 10 = 0 THEN (hash(i, 2) % 1000)::INTEGER - 500 END AS n_integer,
      CASE WHEN hash(i, 3) % 10 = 0 THEN (hash(i, 4)::HUGEINT - 9223372036854775808)::BIGINT END AS n_bigint,
      CASE WHEN hash(i, 5) % 10 = 0 THEN (hash(i, 6) % 100000)::DOUBLE / 8 END AS n_double,
      CASE WHEN hash(i, 7) % 10 = 0 THEN 'v' || (hash(i, 8) % 50)::VARCHAR END AS n_varchar,
      CASE WHEN hash(i, 9) % 10 = 0 THEN DATE '2000-01-01' + (hash(i, 10) % 5000)::INTEGER END AS n_date,
      CASE WHEN hash(i, 11) % 10 = 0 THEN hash(i, 12) % 2 = 0 END AS n_boolean,
      CASE WHEN hash(i, 13) % 10 = 0 THEN ((hash(i, 14) % 100000)::BIGINT * 0.01)::DECIMAL(12,2) END AS n_decimal,
      NULL::INTEGER AS all_null_integer,
      NULL::VARCHAR AS all_null_varchar,
      NULL::DOUBLE AS all_null_double,
      NULL::DATE AS all_null_date,
      CASE WHEN i >= 5000 THEN i * 3 END AS null_first_half,
      CASE WHEN i < 5000 THEN 'early_' || i::VARCHAR END AS null_second_half
    FROM range(10000) t(i)`,
  strings: `
    SELECT
      i::INTEGER AS id,
      ['alpha', 'beta', 'gamma', 'delta', '', 'epsilon', 'zeta', 'eta'][(hash(i, 1) % 8)::INTEGER + 1] AS low_card,
      'key_' || i::VARCHAR || '_' || substr(md5(i::VARCHAR), 1, 6) AS high_card,
      repeat(md5(i::VARCHAR), 10)[1:(13 + hash(i, 2) % 288)::INTEGER] AS long_string,
      CASE hash(i, 3) % 4 WHEN 0 THEN '' WHEN 1 THEN NULL WHEN 2 THEN 'x' ELSE 'exactly12chr' END AS empty_or_null,
      ['héllo', '日本語テキスト', 'duck 🦆', 'Ünïcödé', 'plain', 'ñandú', 'Ωμέγα', 'z'][(hash(i, 4) % 8)::INTEGER + 1]
        || (i % 10)::VARCHAR AS unicode,
      ['comma, inside', 'quote " inside', 'new' || chr(10) || 'line', 'tab' || chr(9) || 'here',
       'back\\slash', '''single''', ' leading space', 'trailing space '][(hash(i, 5) % 8)::INTEGER + 1] AS tricky,
      CASE WHEN i % 3 = 0 THEN 'abc' ELSE 'xyz' END || (i % 100)::VARCHAR || 'def' AS pattern
    FROM range(20000) t(i)`,
  extremes: `
    SELECT * FROM (VALUES
      (0, (-128)::TINYINT, (-32768)::SMALLINT, (-2147483648)::INTEGER, (-9223372036854775808)::BIGINT,
          0::UTINYINT, 0::USMALLINT, 0::UINTEGER, 0::UBIGINT,
          'inf'::DOUBLE, 'inf'::FLOAT, (-99.99)::DECIMAL(4,2), (-999999999999.999999)::DECIMAL(18,6),
          (-99999999999999999999.9999999999)::DECIMAL(30,10), DATE '0001-01-01', TIMESTAMP '1677-09-22 00:00:00'),
      (1, 127::TINYINT, 32767::SMALLINT, 2147483647::INTEGER, 9223372036854775807::BIGINT,
          255::UTINYINT, 65535::USMALLINT, 4294967295::UINTEGER, 18446744073709551615::UBIGINT,
          '-inf'::DOUBLE, '-inf'::FLOAT, 99.99::DECIMAL(4,2), 999999999999.999999::DECIMAL(18,6),
          99999999999999999999.9999999999::DECIMAL(30,10), DATE '9999-12-31', TIMESTAMP '2262-04-11 23:47:16'),
      (2, 0::TINYINT, 0::SMALLINT, 0::INTEGER, 0::BIGINT, 1::UTINYINT, 1::USMALLINT, 1::UINTEGER, 1::UBIGINT,
          1.7976931348623157e308::DOUBLE, 3.4028235e38::FLOAT, 0.01::DECIMAL(4,2), 0.000001::DECIMAL(18,6),
          0.0000000001::DECIMAL(30,10), DATE '1970-01-01', TIMESTAMP '1970-01-01 00:00:00'),
      (3, (-1)::TINYINT, (-1)::SMALLINT, (-1)::INTEGER, (-1)::BIGINT, 254::UTINYINT, 65534::USMALLINT,
          4294967294::UINTEGER, 18446744073709551614::UBIGINT,
          5e-324::DOUBLE, 1.4e-45::FLOAT, (-0.01)::DECIMAL(4,2), (-0.000001)::DECIMAL(18,6),
          (-0.0000000001)::DECIMAL(30,10), DATE '1969-12-31', TIMESTAMP '1969-12-31 23:59:59.999999'),
      (4, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, (-0.0)::DOUBLE, (-0.0)::FLOAT, NULL, NULL, NULL, NULL, NULL),
      (5, 1::TINYINT, 1::SMALLINT, 1::INTEGER, 1::BIGINT, 2::UTINYINT, 2::USMALLINT, 2::UINTEGER,
          9223372036854775808::UBIGINT, 'nan'::DOUBLE, 'nan'::FLOAT, 0::DECIMAL(4,2), 0::DECIMAL(18,6),
          0::DECIMAL(30,10), DATE '2000-02-29', TIMESTAMP '2000-02-29 12:34:56.789012')
    ) v(id, e_tinyint, e_smallint, e_integer, e_bigint, e_utinyint, e_usmallint, e_uinteger, e_ubigint,
        e_double, e_float, e_decimal_4_2, e_decimal_18_6, e_decimal_30_10, e_date, e_timestamp)`,
  big: `
    SELECT
      i::BIGINT AS id,
      (i % 100)::INTEGER AS grp,
      (hash(i, 1) % 1000000)::BIGINT - 500000 AS val,
      'name_' || (hash(i, 2) % 1000)::VARCHAR AS name,
      'unique_' || i::VARCHAR || '_' || md5(i::VARCHAR) AS label,
      (hash(i, 3) % 100000)::DOUBLE / 100 AS amount,
      TIMESTAMP '2020-01-01' + to_seconds((i * 37)::BIGINT) AS ts,
      CASE WHEN i % 5 = 0 THEN NULL ELSE (i % 7)::SMALLINT END AS small
    FROM range(300000) t(i)`,
  csvdata: `
    SELECT
      i::INTEGER AS id,
      CASE WHEN i % 9 = 0 THEN NULL ELSE (hash(i, 1) % 100000)::BIGINT - 50000 END AS num,
      CASE WHEN i % 11 = 0 THEN NULL ELSE round((hash(i, 2) % 1000000)::DOUBLE / 1000 - 500, 3) END AS amount,
      CASE WHEN i % 13 = 0 THEN NULL ELSE
        ['plain', 'with, comma', 'with "quotes"', 'multi' || chr(10) || 'line', 'semi;colon', 'pipe|bar',
         'tab' || chr(9) || 'bed', 'ünïcödé'][(hash(i, 3) % 8)::INTEGER + 1] END AS text,
      CASE WHEN i % 15 = 0 THEN NULL ELSE DATE '2010-01-01' + (hash(i, 4) % 4000)::INTEGER END AS day,
      TIMESTAMP '2015-06-01 00:00:00' + to_seconds((hash(i, 5) % 100000000)::BIGINT) AS moment,
      CASE WHEN i % 17 = 0 THEN NULL ELSE hash(i, 6) % 2 = 0 END AS flag,
      ['AA', 'BB', 'CC'][(i % 3)::INTEGER + 1] AS code
    FROM range(2000) t(i)`,
  quotedbig: `
    SELECT
      i::BIGINT AS id,
      (i % 97)::INTEGER AS grp,
      CASE WHEN i % 10 = 0 THEN NULL ELSE round((hash(i, 7) % 100000)::DOUBLE / 100, 2) END AS amount,
      CASE i % 6
        WHEN 0 THEN 'line one' || chr(10) || 'line two, with a comma'
        WHEN 1 THEN 'a "quoted" word ' || i::VARCHAR
        WHEN 2 THEN 'looks,like,"a row"' || chr(10) || (i + 1)::VARCHAR || ',7,1.5,"y' || chr(10) || 'z"' || chr(10)
        WHEN 3 THEN 'crlf' || chr(13) || chr(10) || 'inside ' || repeat('w', (i % 30)::INTEGER)
        WHEN 4 THEN ''
        ELSE 'plain ' || repeat('x', (i % 40)::INTEGER) END AS note,
      'pad ' || md5(i::VARCHAR) AS tail
    FROM range(300000) t(i)`,
};

// One entry per file: [file name, dataset, COPY options, notes]. Directory outputs (several
// files) are read back through a glob.
function parquetOutputs() {
  const outputs = [];
  for (const codec of kCodecs) {
    outputs.push({ name: `types_${codec}_v1.parquet`, dataset: 'types',
                   options: `COMPRESSION ${codec}, PARQUET_VERSION V1` });
    outputs.push({ name: `types_${codec}_v2_rg1000.parquet`, dataset: 'types',
                   options: `COMPRESSION ${codec}, PARQUET_VERSION V2, ROW_GROUP_SIZE 1000` });
  }
  outputs.push(
    { name: 'nulls_v1.parquet', dataset: 'nulls', options: 'PARQUET_VERSION V1' },
    { name: 'nulls_v2_zstd_rg2048.parquet', dataset: 'nulls', options: 'COMPRESSION zstd, PARQUET_VERSION V2, ROW_GROUP_SIZE 2048' },
    { name: 'strings_v1.parquet', dataset: 'strings', options: 'PARQUET_VERSION V1' },
    { name: 'strings_v2_gzip.parquet', dataset: 'strings', options: 'COMPRESSION gzip, PARQUET_VERSION V2' },
    { name: 'strings_dictionary_limit.parquet', dataset: 'strings',
      options: 'DICTIONARY_SIZE_LIMIT 100, ROW_GROUP_SIZE 5000' },
    { name: 'strings_dictionary_page_limit.parquet', dataset: 'strings',
      options: 'STRING_DICTIONARY_PAGE_SIZE_LIMIT 1000, PARQUET_VERSION V2' },
    { name: 'extremes_v1.parquet', dataset: 'extremes', options: 'PARQUET_VERSION V1' },
    { name: 'extremes_v2_uncompressed.parquet', dataset: 'extremes', options: 'COMPRESSION uncompressed, PARQUET_VERSION V2' },
    { name: 'big_snappy_v1_rg10000.parquet', dataset: 'big', options: 'COMPRESSION snappy, ROW_GROUP_SIZE 10000' },
    { name: 'big_zstd_level1_v2.parquet', dataset: 'big', options: 'COMPRESSION zstd, COMPRESSION_LEVEL 1, PARQUET_VERSION V2' },
    // High zstd levels and brotli are slow to write (brotli on `big`: ~35 s): smaller data sets.
    { name: 'strings_zstd_level19.parquet', dataset: 'strings', options: 'COMPRESSION zstd, COMPRESSION_LEVEL 19' },
    // ROW_GROUP_SIZE_BYTES needs insertion order off: rows may come out in any order.
    { name: 'big_gzip_rg_bytes.parquet', dataset: 'big', options: 'COMPRESSION gzip, ROW_GROUP_SIZE_BYTES 262144',
      unordered: true },
    { name: 'big_lz4_raw_bloom.parquet', dataset: 'big', options: 'COMPRESSION lz4_raw, BLOOM_FILTER_FALSE_POSITIVE_RATIO 0.01' },
    { name: 'big_kv_metadata.parquet', dataset: 'big',
      options: "KV_METADATA {writer: 'cairn interop', purpose: 'differential test'}" },
    { name: 'big_field_ids.parquet', dataset: 'big', options: "FIELD_IDS 'auto'" },
    { name: 'big_dictionary_fallback.parquet', dataset: 'big', options: 'DICTIONARY_SIZE_LIMIT 2000, ROW_GROUP_SIZE 100000' },
    // Several files: read back as a glob.
    { name: 'big_row_groups_per_file', dataset: 'big', glob: '*.parquet',
      options: 'ROW_GROUP_SIZE 50000, ROW_GROUPS_PER_FILE 1' },
    { name: 'big_file_size_bytes', dataset: 'big', glob: '*.parquet', options: "FILE_SIZE_BYTES '2MB'" },
    { name: 'big_per_thread', dataset: 'big', glob: '*.parquet', options: 'PER_THREAD_OUTPUT' },
    { name: 'big_partitioned', dataset: 'big', glob: '*/*.parquet', hive: true, options: 'PARTITION_BY (small)' },
  );
  return outputs;
}

function csvOutputs() {
  return [
    { name: 'csv_default.csv', dataset: 'csvdata', options: 'HEADER' },
    { name: 'csv_semicolon.csv', dataset: 'csvdata', options: "HEADER, DELIMITER ';'" },
    { name: 'csv_tab.tsv', dataset: 'csvdata', options: "HEADER, DELIMITER '\t'" },
    { name: 'csv_pipe.csv', dataset: 'csvdata', options: "HEADER, DELIMITER '|'" },
    { name: 'csv_force_quote.csv', dataset: 'csvdata', options: 'HEADER, FORCE_QUOTE *' },
    { name: 'csv_no_header.csv', dataset: 'csvdata', options: 'HEADER false' },
    { name: 'csv_custom_dates.csv', dataset: 'csvdata', options: "HEADER, DATEFORMAT '%d/%m/%Y', TIMESTAMPFORMAT '%d/%m/%Y %H:%M:%S'" },
    { name: 'csv_strings.csv', dataset: 'strings', options: 'HEADER' },
    { name: 'csv_types.csv', dataset: 'types', options: 'HEADER' },
    // Tens of MiB: rows cross the reader's block boundaries many times.
    { name: 'csv_big.csv', dataset: 'big', options: 'HEADER' },
    // Several 8 MiB byte ranges with quoted newlines across their boundaries: every row is
    // compared (docs/design/csv-parallel-scan.md).
    { name: 'csv_quoted_ranges.csv', dataset: 'quotedbig', options: 'HEADER', fullContent: true },
  ];
}

function quote(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The stamp that decides whether the data set is current: this file's text + DuckDB version. */
async function expectedStamp(connection) {
  const version = (await connection.runAndReadAll('SELECT version()')).getRows()[0][0];
  return createHash('sha256').update(readFileSync(fileURLToPath(import.meta.url))).update(String(version)).digest('hex');
}

/**
 * Writes the data set into `outDir` unless it is current. Returns the manifest:
 * { files: [{ name, path, format, dataset, options, hive? }], generated: bool, seconds }.
 */
export async function generate(outDir, { log = console.log } = {}) {
  const started = performance.now();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  const stamp = await expectedStamp(connection);
  const stampFile = path.join(outDir, '.stamp');
  const manifestFile = path.join(outDir, 'manifest.json');
  if (existsSync(stampFile) && existsSync(manifestFile) && readFileSync(stampFile, 'utf8') === stamp) {
    connection.closeSync();
    return { ...JSON.parse(readFileSync(manifestFile, 'utf8')), generated: false, seconds: 0 };
  }

  log(`generating interop data in ${outDir}`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  for (const [name, sql] of Object.entries(kTableSql)) {
    await connection.run(`CREATE TABLE ${name} AS ${sql}`);
  }
  const files = [];
  for (const output of parquetOutputs()) {
    const target = path.join(outDir, output.name);
    const started = performance.now();
    if (output.unordered) await connection.run('SET preserve_insertion_order = false');
    await connection.run(`COPY (SELECT * FROM ${output.dataset} ORDER BY id) TO ${quote(target)} (FORMAT parquet, ${output.options})`);
    if (output.unordered) await connection.run('RESET preserve_insertion_order');
    if (process.env.CAIRN_INTEROP_VERBOSE) log(`  ${output.name}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    files.push({ ...output, format: 'parquet', path: output.glob ? path.join(target, output.glob) : target });
  }
  for (const output of csvOutputs()) {
    const target = path.join(outDir, output.name);
    await connection.run(`COPY (SELECT * FROM ${output.dataset} ORDER BY id) TO ${quote(target)} (FORMAT csv, ${output.options})`);
    files.push({ ...output, format: 'csv', path: target });
  }
  // Windows line endings (DuckDB writes \n only); quoted newlines become \r\n too, on both sides.
  const crlf = path.join(outDir, 'csv_crlf.csv');
  writeFileSync(crlf, readFileSync(path.join(outDir, 'csv_default.csv'), 'utf8').replaceAll('\n', '\r\n'));
  files.push({ name: 'csv_crlf.csv', dataset: 'csvdata', options: 'csv_default.csv with CRLF line endings', format: 'csv', path: crlf });
  connection.closeSync();
  const manifest = { files };
  writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  writeFileSync(stampFile, stamp);
  const seconds = (performance.now() - started) / 1000;
  log(`generated ${files.length} data files in ${seconds.toFixed(1)} s`);
  return { ...manifest, generated: true, seconds };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'build', 'interop-data'));
  await generate(outDir);
}

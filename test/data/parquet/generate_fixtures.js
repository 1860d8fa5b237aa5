// Generates the Parquet fixtures of this directory with DuckDB (npm install @duckdb/node-api; node generate_fixtures.js).
// The expected values in src/parquet/parquet_file_reader_test.cpp follow the SQL below.
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const out = __dirname + '/';
  const typesSql = `SELECT
    i::INTEGER AS id,
    CASE WHEN i % 7 = 3 THEN NULL ELSE i % 2 = 0 END AS b,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 200 - 100)::TINYINT END AS ti,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 13 - 10000)::SMALLINT END AS si,
    CASE WHEN i % 7 = 3 THEN NULL ELSE i * 1000 - 500000 END::INTEGER AS ii,
    CASE WHEN i % 7 = 3 THEN NULL ELSE i::BIGINT * 1000000007 - 3000000000000 END AS bi,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i % 250)::UTINYINT END AS uti,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 20)::USMALLINT END AS usi,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (4000000000 - i)::UINTEGER END AS ui,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (18446744073709551615 - i)::UBIGINT END AS ubi,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i / 4.0)::FLOAT END AS f,
    CASE WHEN i % 7 = 3 THEN NULL ELSE i / 8.0 - 100 END::DOUBLE AS d,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 1.25 - 1000)::DECIMAL(9,2) END AS dec9,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i * 123456.789 - 9999)::DECIMAL(18,4) END AS dec18,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (i::DECIMAL(38,10) * 1234567890123.0123456789 - 5) END::DECIMAL(38,10) AS dec38,
    CASE WHEN i % 7 = 3 THEN NULL ELSE 'str_' || i::VARCHAR || repeat('x', i % 9) END AS s,
    CASE WHEN i % 7 = 3 THEN NULL ELSE ('blob' || i::VARCHAR)::BLOB END AS bl,
    CASE WHEN i % 7 = 3 THEN NULL ELSE DATE '2020-01-01' + (i - 1000)::INTEGER END AS dt,
    CASE WHEN i % 7 = 3 THEN NULL ELSE TIME '00:00:00' + INTERVAL (i * 37) SECOND END AS tm,
    CASE WHEN i % 7 = 3 THEN NULL ELSE TIMESTAMP '2021-06-01 12:00:00' + INTERVAL (i * 1000003) MICROSECOND END AS ts,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '2021-06-01 12:00:00' + INTERVAL (i * 3600) SECOND)::TIMESTAMPTZ END AS tstz,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '2001-02-03 04:05:06' + INTERVAL (i * 1001) MILLISECOND)::TIMESTAMP_MS END AS tsms,
    CASE WHEN i % 7 = 3 THEN NULL ELSE (TIMESTAMP '2001-02-03 04:05:06' + INTERVAL (i * 7) MICROSECOND)::TIMESTAMP_NS END AS tsns,
    CASE WHEN i % 7 = 3 THEN NULL ELSE ('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID END AS u,
    'const' AS c,
    i % 5 AS r
  FROM range(2300) t(i)`;
  await con.run(`SET TimeZone='UTC'`);
  await con.run(`COPY (SELECT * FROM (${typesSql}) WHERE id < 600) TO '${out}types_zstd_v1.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)`);
  await con.run(`COPY (${typesSql}) TO '${out}types_zstd_v2.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000, PARQUET_VERSION V2)`);
  const small = `SELECT i::INTEGER AS id, (i * 3)::BIGINT AS v, CASE WHEN i % 3 = 0 THEN NULL ELSE 'k' || (i % 11)::VARCHAR || '_long_string_value' END AS s, i / 3.0 AS d FROM range(1500) t(i)`;
  for (const codec of ['uncompressed', 'snappy', 'gzip', 'brotli', 'lz4', 'zstd']) {
    await con.run(`COPY (${small}) TO '${out}codec_${codec}.parquet' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 700)`);
  }
  await con.run(`COPY (SELECT i::INTEGER AS id, [i, i + 1] AS lst, {'a': i, 'b': 'x' || i::VARCHAR} AS st, MAP {'k': i} AS mp, 'flat' || i::VARCHAR AS name FROM range(100) t(i)) TO '${out}nested.parquet' (FORMAT parquet)`);
  // Base of the crafted-file tests (parquet_crafted_file_test.cpp): uncompressed page bodies with
  // DELTA_BINARY_PACKED ints, DELTA_LENGTH_BYTE_ARRAY strings, dictionary indices and NULLs.
  await con.run(`COPY (SELECT i::INTEGER AS id, CASE WHEN i % 5 = 2 THEN NULL ELSE (i % 7)::INTEGER END AS small, CASE WHEN i % 5 = 2 THEN NULL ELSE 'value_' || i::VARCHAR END AS s FROM range(300) t(i)) TO '${out}encodings_v2_uncompressed.parquet' (FORMAT parquet, COMPRESSION uncompressed, PARQUET_VERSION V2)`);
})().catch(e => { console.error(e); process.exit(1); });

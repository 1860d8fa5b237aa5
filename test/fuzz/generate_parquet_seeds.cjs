// Generates the seed corpus of the parquet_structure_fuzz target with DuckDB (run from the
// repository root: node test/fuzz/generate_parquet_seeds.cjs). Small files (a few KB), most
// UNCOMPRESSED so the structure-aware mutator can reach page bodies (levels, dictionary
// indices, lengths), covering data page v1 and v2, dictionary/PLAIN/DELTA/RLE encodings,
// NULLs, every flat physical type, several row groups; a few compressed ones for the codecs.
const { DuckDBInstance } = require('@duckdb/node-api');
(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const out = __dirname + '/parquet_structure_fuzz/';
  const nulls = (expr) => `CASE WHEN i % 5 = 2 THEN NULL ELSE ${expr} END`;
  const tables = {
    ints: `SELECT i::INTEGER AS id, ${nulls('(i % 7)::INTEGER')} AS small, ${nulls('i::BIGINT * 1000003')} AS big FROM range(300) t(i)`,
    strings: `SELECT ${nulls("'k' || (i % 13)::VARCHAR")} AS dict, ${nulls("'value_' || i::VARCHAR || repeat('z', i % 5)")} AS plain FROM range(250) t(i)`,
    bools: `SELECT ${nulls('i % 3 = 0')} AS b, (i % 2 = 0) AS req FROM range(400) t(i)`,
    floats: `SELECT ${nulls('(i / 7.0)::FLOAT')} AS f, ${nulls('i / 3.0')}::DOUBLE AS d FROM range(200) t(i)`,
    temporal: `SELECT ${nulls("DATE '2020-01-01' + i::INTEGER")} AS dt, ${nulls("TIMESTAMP '2021-01-01' + INTERVAL (i * 37) SECOND")} AS ts, ${nulls("(i * 1.25)::DECIMAL(9,2)")} AS dec9, ${nulls("(i * 7.5)::DECIMAL(30,3)")} AS dec30 FROM range(150) t(i)`,
    mixed: `SELECT i::SMALLINT AS s, ${nulls('(i % 250)::UTINYINT')} AS u8, ${nulls("('00000000-0000-4000-8000-' || lpad(i::VARCHAR, 12, '0'))::UUID")} AS u, ${nulls("('b' || i::VARCHAR)::BLOB")} AS bl FROM range(120) t(i)`,
  };
  for (const [name, sql] of Object.entries(tables)) {
    await con.run(`COPY (${sql}) TO '${out}${name}_v1.parquet' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 128)`);
    await con.run(`COPY (${sql}) TO '${out}${name}_v2.parquet' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 128, PARQUET_VERSION V2)`);
  }
  await con.run(`COPY (${tables.strings}) TO '${out}strings_snappy.parquet' (FORMAT parquet, COMPRESSION snappy)`);
  await con.run(`COPY (${tables.ints}) TO '${out}ints_zstd_v2.parquet' (FORMAT parquet, COMPRESSION zstd, PARQUET_VERSION V2)`);
})().catch(e => { console.error(e); process.exit(1); });

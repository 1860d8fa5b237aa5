// checks.mjs: the differential checks — SQL that runs unchanged on DuckDB and on Cairn
// (PostgreSQL dialect, read_parquet('path') / read_csv('path')), each compared cell by cell.
//
// Generated files get schema-driven checks (from DuckDB's DESCRIBE of the file): count(*),
// per column count/NULL count/min/max/sum/avg/count(DISTINCT) as its type allows, filters,
// a group-by, and whole rows in id order (first rows and a slice across row-group
// boundaries; every row for files marked fullContent). The vega-datasets files get hand-written
// analytical queries.
//
// Where Cairn follows PostgreSQL rather than DuckDB (docs/design/postgresql-semantics.md) a
// check either compares what both engines agree on or casts DuckDB's answer to PostgreSQL's
// type: avg of exact columns is NUMERIC in Cairn and DOUBLE in DuckDB, compared as numbers
// within the tolerance; sum(real) is compared as real; integer division, whose result differs
// (DuckDB's `/` gives DOUBLE), is not used here and is checked against PostgreSQL instead
// (test/postgres/arithmetic.sql).
//
// A check is { name, sql, unordered?, tolerance? }.

function quoteLiteral(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function quoteIdentifier(name) {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

/** The FROM-clause expression reading a manifest file. */
export function sourceOf(file) {
  return file.format === 'csv' ? `read_csv(${quoteLiteral(file.path)})` : `read_parquet(${quoteLiteral(file.path)})`;
}

function typeClass(duckType) {
  const type = duckType.toUpperCase();
  if (type === 'BOOLEAN') return 'bool';
  if (/INT$|^HUGEINT$|^UHUGEINT$/.test(type) || type.startsWith('DECIMAL')) return 'exact';
  if (type === 'FLOAT' || type === 'DOUBLE') return 'floating';
  if (type === 'VARCHAR') return 'string';
  if (type === 'BLOB') return 'blob';
  if (type === 'UUID') return 'uuid';
  if (type === 'DATE' || type === 'TIME' || type.startsWith('TIMESTAMP')) return 'temporal';
  return 'other';
}

/** Checks for one generated file, given its columns [{name, type}] from DuckDB. */
export function fileChecks(file, columns) {
  const src = sourceOf(file);
  const checks = [{ name: 'count(*)', sql: `SELECT count(*) AS n FROM ${src}` }];
  const hasId = columns.some((column) => column.name === 'id');
  if (file.headerless) {
    checks.push({ name: 'all rows', sql: `SELECT * FROM ${src}`, unordered: true });
    return checks;
  }

  for (const column of columns) {
    const c = quoteIdentifier(column.name);
    const base = `count(${c}) AS non_null, count(*) - count(${c}) AS nulls`;
    let aggregates;
    switch (typeClass(column.type)) {
      case 'exact':
        aggregates = `${base}, min(${c}) AS min_value, max(${c}) AS max_value, sum(${c}) AS total, avg(${c}) AS mean`;
        break;
      case 'floating': {
        // sum(real) is real in PostgreSQL (Cairn follows it), DOUBLE in DuckDB: compare both as
        // real (7 digits) by casting DuckDB's answer.
        const total = column.type.toUpperCase() === 'FLOAT' ? `sum(${c})::real` : `sum(${c})`;
        aggregates = `${base}, min(${c}) AS min_value, max(${c}) AS max_value, ${total} AS total`;
        break;
      }
      case 'string':
        aggregates = `${base}, min(${c}) AS min_value, max(${c}) AS max_value, count(DISTINCT ${c}) AS distinct_values, ` +
                     `sum(length(${c})) AS total_length`;
        break;
      case 'blob':
        aggregates = `${base}, count(DISTINCT ${c}) AS distinct_values, sum(octet_length(${c})) AS total_bytes`;
        break;
      case 'bool':
        aggregates = `${base}, sum(CASE WHEN ${c} THEN 1 ELSE 0 END) AS trues, bool_and(${c}) AS all_true, ` +
                     `bool_or(${c}) AS any_true`;
        break;
      case 'uuid':
      case 'temporal':
        aggregates = `${base}, min(${c}) AS min_value, max(${c}) AS max_value, count(DISTINCT ${c}) AS distinct_values`;
        break;
      default:
        aggregates = base;
    }
    checks.push({ name: `aggregates of ${column.name} (${column.type})`, sql: `SELECT ${aggregates} FROM ${src}` });
  }

  // Filters on the first column of each class that has one.
  const first = (cls) => columns.find((column) => column.name !== 'id' && typeClass(column.type) === cls);
  const exact = first('exact');
  if (exact) {
    const c = quoteIdentifier(exact.name);
    checks.push({ name: `filter ${exact.name} > 0`, sql: `SELECT count(*) AS n, min(${c}) AS low FROM ${src} WHERE ${c} > 0` });
    checks.push({ name: `filter ${exact.name} IS NULL`, sql: `SELECT count(*) AS n FROM ${src} WHERE ${c} IS NULL` });
  }
  const string = first('string');
  if (string) {
    const c = quoteIdentifier(string.name);
    checks.push({ name: `filter ${string.name} LIKE`, sql: `SELECT count(*) AS n FROM ${src} WHERE ${c} LIKE '%a%'` });
    checks.push({
      name: `group by ${string.name}`,
      sql: `SELECT ${c} AS key, count(*) AS n FROM ${src} GROUP BY ${c} ORDER BY n DESC, key LIMIT 20`,
    });
  }
  const temporal = columns.find((column) => ['DATE', 'TIMESTAMP'].includes(column.type.toUpperCase()));
  if (temporal) {
    const c = quoteIdentifier(temporal.name);
    const literal = temporal.type.toUpperCase() === 'DATE' ? "DATE '2000-01-01'" : "TIMESTAMP '2000-01-01 00:00:00'";
    checks.push({ name: `filter ${temporal.name} >= 2000`, sql: `SELECT count(*) AS n FROM ${src} WHERE ${c} >= ${literal}` });
  }
  // Filters evaluated in the scan and the top-N cut-off (docs/design/scan-filters.md): every
  // comparison operator on the first exact, string and date/timestamp column, a conjunction, and
  // ORDER BY ... LIMIT on them (NULL placement spelled out: DuckDB puts NULLs last either way).
  if (file.format !== 'csv') {
    const comparisons = [];
    if (exact) comparisons.push([exact, '1']);
    if (string) comparisons.push([string, "'m'"]);
    if (temporal) {
      comparisons.push([temporal, temporal.type.toUpperCase() === 'DATE' ? "DATE '2010-06-15'" : "TIMESTAMP '2010-06-15 12:00:00'"]);
    }
    for (const [column, literal] of comparisons) {
      const c = quoteIdentifier(column.name);
      for (const op of ['=', '<>', '<', '<=', '>', '>=']) {
        checks.push({
          name: `scan filter ${column.name} ${op} ${literal}`,
          sql: `SELECT count(*) AS n, min(${c}) AS low, max(${c}) AS high FROM ${src} WHERE ${c} ${op} ${literal}`,
        });
      }
      if (hasId) {
        for (const order of ['ASC NULLS FIRST', 'ASC NULLS LAST', 'DESC NULLS FIRST', 'DESC NULLS LAST']) {
          checks.push({
            name: `top-N ${column.name} ${order}`,
            sql: `SELECT id, ${c} FROM ${src} ORDER BY ${c} ${order}, id LIMIT 7`,
          });
        }
      }
    }
    if (exact && string) {
      const a = quoteIdentifier(exact.name);
      const b = quoteIdentifier(string.name);
      checks.push({
        name: `scan filters ${exact.name} >= 0 AND ${string.name} < 'k' AND ${string.name} IS NOT NULL`,
        sql: `SELECT count(*) AS n, min(${a}) AS low, max(${b}) AS high FROM ${src} WHERE ${a} >= 0 AND ${b} < 'k' AND ${b} IS NOT NULL`,
      });
    }
  }
  if (hasId && file.fullContent) checks.push({ name: 'every row, by id', sql: `SELECT * FROM ${src} ORDER BY id` });
  if (hasId) {
    checks.push({ name: 'first 50 rows', sql: `SELECT * FROM ${src} ORDER BY id LIMIT 50` });
    checks.push({ name: 'rows 2030..2070 (row-group boundary)', sql: `SELECT * FROM ${src} WHERE id BETWEEN 2030 AND 2070 ORDER BY id` });
    checks.push({ name: 'last 10 rows', sql: `SELECT * FROM ${src} ORDER BY id DESC LIMIT 10` });
  }
  return checks;
}

/** Hand-written checks over the vega-datasets files in `dataDir` (node_modules/vega-datasets/data). */
export function vegaChecks(dataDir) {
  const flights = `read_parquet(${quoteLiteral(`${dataDir}/flights-3m.parquet`)})`;
  const airports = `read_csv(${quoteLiteral(`${dataDir}/airports.csv`)})`;
  const zipcodes = `read_csv(${quoteLiteral(`${dataDir}/zipcodes.csv`)})`;
  const weather = `read_csv(${quoteLiteral(`${dataDir}/seattle-weather.csv`)})`;
  const stocks = `read_csv(${quoteLiteral(`${dataDir}/stocks.csv`)})`;
  const group = (file, list) => list.map(([name, sql, options]) => ({ file, name, sql, ...options }));
  return [
    ...group('flights-3m.parquet', [
      ['count(*)', `SELECT count(*) AS n FROM ${flights}`],
      ['selective filter', `SELECT count(*) AS n FROM ${flights} WHERE delay > 300 AND origin = 'ORD'`],
      ['sum/avg/min/max', `SELECT sum(delay) AS total_delay, avg(delay) AS mean_delay, min(delay) AS min_delay,
                                  max(delay) AS max_delay, sum(distance) AS total_distance FROM ${flights}`],
      ['min/max date', `SELECT min(date) AS first, max(date) AS last FROM ${flights}`],
      ['group by origin top 10', `SELECT origin, count(*) AS n, avg(delay) AS mean_delay FROM ${flights}
                                  GROUP BY origin ORDER BY n DESC, origin LIMIT 10`],
      ['group by origin, destination', `SELECT origin, destination, count(*) AS n, max(delay) AS worst FROM ${flights}
                                        GROUP BY origin, destination ORDER BY n DESC, origin, destination LIMIT 25`],
      ['count distinct', `SELECT count(DISTINCT origin) AS origins, count(DISTINCT destination) AS destinations,
                                 count(DISTINCT date) AS dates FROM ${flights}`],
      ['date_trunc month', `SELECT date_trunc('month', date) AS month, count(*) AS n, avg(delay) AS mean_delay
                            FROM ${flights} GROUP BY 1 ORDER BY 1`],
      ['top 10 delays', `SELECT date, origin, destination, delay FROM ${flights}
                         ORDER BY delay DESC, date, origin, destination LIMIT 10`],
      ['LIKE prefix', `SELECT count(*) AS n FROM ${flights} WHERE origin LIKE 'S%'`],
      ['LIKE suffix', `SELECT destination, count(*) AS n FROM ${flights} WHERE destination LIKE '%X'
                       GROUP BY destination ORDER BY destination`],
      ['filter + group by', `SELECT origin, count(*) AS n, avg(distance) AS mean_distance FROM ${flights}
                             WHERE distance > 1000 AND delay < 0 GROUP BY origin HAVING count(*) > 5000
                             ORDER BY origin`],
      ['join airports by state', `SELECT a.state, count(*) AS n, avg(f.delay) AS mean_delay
                                  FROM ${flights} AS f JOIN ${airports} AS a ON f.origin = a.iata
                                  GROUP BY a.state ORDER BY n DESC, a.state LIMIT 15`],
      ['hour of day', `SELECT extract(hour FROM date) AS hour, count(*) AS n FROM ${flights} GROUP BY 1 ORDER BY 1`],
      ['first rows in order', `SELECT * FROM ${flights} ORDER BY date, origin, destination, delay, distance LIMIT 20`],
    ]),
    ...group('airports.csv', [
      ['count(*)', `SELECT count(*) AS n FROM ${airports}`],
      ['per state top 10', `SELECT state, count(*) AS n FROM ${airports} GROUP BY state ORDER BY n DESC, state LIMIT 10`],
      ['coordinates', `SELECT avg(latitude) AS lat, min(longitude) AS west, max(longitude) AS east FROM ${airports}`],
      ['LIKE International', `SELECT count(*) AS n FROM ${airports} WHERE name LIKE '%International%'`],
      ['first rows', `SELECT * FROM ${airports} ORDER BY iata LIMIT 20`],
      ['NULL counts', `SELECT count(*) - count(state) AS no_state, count(*) - count(city) AS no_city FROM ${airports}`],
    ]),
    ...group('zipcodes.csv', [
      ['count(*)', `SELECT count(*) AS n, count(DISTINCT state) AS states FROM ${zipcodes}`],
      ['per state', `SELECT state, count(*) AS n, avg(latitude) AS lat FROM ${zipcodes} GROUP BY state ORDER BY n DESC, state LIMIT 10`],
      ['leading zeros', `SELECT zip_code, city FROM ${zipcodes} ORDER BY zip_code LIMIT 5`],
    ]),
    ...group('seattle-weather.csv', [
      ['per weather', `SELECT weather, count(*) AS n, avg(temp_max) AS hot, min(temp_min) AS cold FROM ${weather}
                       GROUP BY weather ORDER BY weather`],
      ['per month', `SELECT date_trunc('month', date) AS month, sum(precipitation) AS rain FROM ${weather}
                     GROUP BY 1 ORDER BY 1 LIMIT 12`],
      ['date range', `SELECT min(date) AS first, max(date) AS last, count(*) AS n FROM ${weather}`],
    ]),
    ...group('stocks.csv', [
      ['per symbol', `SELECT symbol, count(*) AS n, avg(price) AS mean, max(price) AS peak FROM ${stocks}
                      GROUP BY symbol ORDER BY symbol`],
      ['first rows', `SELECT * FROM ${stocks} ORDER BY symbol, price LIMIT 10`],
    ]),
  ];
}

// result_compare.mjs: decides whether Cairn's answer equals DuckDB's, cell by cell, by the kind
// of each DuckDB result column (duckdb_oracle.mjs):
//   int, decimal  same number exactly (text forms may differ: "1.50" = "1.5"); when either side
//                 is not a plain decimal (e.g. Cairn returned a double), within the tolerance
//   float         within relative 1e-6 (a FLOAT carries ~7 digits)
//   double        within the relative tolerance (default 1e-9); inf/-inf/nan by name
//   bool          true/t and false/f alike
//   blob          same bytes: DuckDB gives hex; Cairn may print PostgreSQL's \x<hex> or
//                 DuckDB's escaped form (printable ASCII as is, others as \xHH)
//   timestamptz   same text, with a +00:00 offset read as +00
//   text          same text
// NULL equals only NULL.

const kPlainDecimal = /^[+-]?(\d+)(?:\.(\d*))?$/;

/** Canonical text of a plain decimal ("-001.500" → "-1.5", "-0.0" → "0"), or null. */
function canonicalDecimal(text) {
  const match = kPlainDecimal.exec(text.trim());
  if (!match) return null;
  const negative = text.trim().startsWith('-');
  const integer = match[1].replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const body = fraction ? `${integer}.${fraction}` : integer;
  return negative && body !== '0' ? `-${body}` : body;
}

function parseFloating(text) {
  const lowered = text.trim().toLowerCase();
  if (lowered === 'nan' || lowered === '-nan') return NaN;
  if (lowered === 'inf' || lowered === 'infinity' || lowered === '+inf' || lowered === '+infinity') return Infinity;
  if (lowered === '-inf' || lowered === '-infinity') return -Infinity;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(lowered)) return undefined;
  return Number(lowered);
}

function closeEnough(a, b, tolerance) {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (a === b) return true;  // also equal infinities
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
}

function bytesFromCairn(text) {
  if (/^\\x([0-9a-fA-F]{2})*$/.test(text)) return text.slice(2).toUpperCase();
  let hex = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && text[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      hex += text.slice(i + 2, i + 4).toUpperCase();
      i += 3;
    } else {
      for (const byte of Buffer.from(text[i], 'utf8')) hex += byte.toString(16).padStart(2, '0').toUpperCase();
    }
  }
  return hex;
}

const kBooleans = { true: 'true', t: 'true', false: 'false', f: 'false' };

/** True when Cairn's `actual` cell matches DuckDB's `expected` cell of the given kind. */
export function cellsMatch(expected, actual, kind, tolerance = 1e-9) {
  if (expected === null || actual === null) return expected === actual;
  switch (kind) {
    case 'int':
    case 'decimal': {
      const e = canonicalDecimal(expected);
      const a = canonicalDecimal(actual);
      if (e !== null && a !== null && e === a) return true;
      if (kind === 'int' && a !== null && !a.includes('.')) return false;  // integers are exact
      const ef = parseFloating(expected);
      const af = parseFloating(actual);
      return ef !== undefined && af !== undefined && closeEnough(ef, af, tolerance);
    }
    case 'float':
    case 'double': {
      const ef = parseFloating(expected);
      const af = parseFloating(actual);
      if (ef === undefined || af === undefined) return expected === actual;
      return closeEnough(ef, af, kind === 'float' ? Math.max(tolerance, 1e-6) : tolerance);
    }
    case 'bool':
      return (kBooleans[expected.toLowerCase()] ?? expected) === (kBooleans[actual.toLowerCase()] ?? actual);
    case 'blob':
      return expected.toUpperCase() === bytesFromCairn(actual);
    case 'timestamptz':
      return expected.replace(/\+00:00$/, '+00') === actual.replace(/\+00:00$/, '+00');
    default:
      return expected === actual;
  }
}

function rowKey(row) {
  return JSON.stringify(row);
}

function formatRow(row) {
  return row.map((cell) => (cell === null ? 'NULL' : JSON.stringify(cell))).join(' | ');
}

/**
 * Compares DuckDB's { columns, rows } with Cairn's rows ([[string|null]]). Options:
 * unordered (compare as multisets: both sides sorted by text), tolerance.
 * Returns { ok, message } — message names the first differing rows with both answers.
 */
export function compareResults(expected, actualRows, { unordered = false, tolerance = 1e-9, maxShown = 5 } = {}) {
  const kinds = expected.columns.map((column) => column.kind);
  let wantRows = expected.rows;
  let gotRows = actualRows;
  if (unordered) {
    wantRows = [...wantRows].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
    gotRows = [...gotRows].sort((x, y) => rowKey(x).localeCompare(rowKey(y)));
  }
  const problems = [];
  if (gotRows.length !== wantRows.length) {
    problems.push(`row count: DuckDB ${wantRows.length}, Cairn ${gotRows.length}`);
  }
  const n = Math.min(wantRows.length, gotRows.length);
  let shown = 0;
  for (let r = 0; r < n && shown < maxShown; r++) {
    const want = wantRows[r];
    const got = gotRows[r];
    let same = got.length === want.length;
    for (let c = 0; same && c < want.length; c++) same = cellsMatch(want[c], got[c], kinds[c], tolerance);
    if (!same) {
      problems.push(`row ${r}:\n      DuckDB: ${formatRow(want)}\n      Cairn:  ${formatRow(got)}`);
      shown++;
    }
  }
  if (gotRows.length !== wantRows.length && shown === 0) {
    const extra = gotRows.length > wantRows.length ? gotRows.slice(n, n + 3) : wantRows.slice(n, n + 3);
    const who = gotRows.length > wantRows.length ? 'Cairn' : 'DuckDB';
    for (const row of extra) problems.push(`only in ${who}: ${formatRow(row)}`);
  }
  return { ok: problems.length === 0, message: problems.join('\n    ') };
}

/** Drops Cairn's header record when the shell printed one (matches DuckDB's column names). */
export function withoutHeader(expected, header, rows) {
  const names = expected.columns.map((column) => column.name.toLowerCase());
  const lowered = header.map((name) => name.toLowerCase());
  if (lowered.length === names.length && lowered.every((name, i) => name === names[i])) return rows;
  if (rows.length === expected.rows.length) return rows;  // header differs in names only
  // No header at all: the first record was data.
  return [header.map((text) => (text === '' ? null : text)), ...rows];
}

/**
 * Known answers the comparison must accept and reject; returns a list of violations (empty when
 * the comparison behaves). run.mjs reports it as a check so a broken comparator cannot pass
 * everything silently.
 */
export function comparatorViolations() {
  const cases = [
    // [expected, actual, kind, should match]
    ['1.50', '1.5', 'decimal', true], ['1.50', '1.51', 'decimal', false], ['-0.00', '0', 'decimal', true],
    ['12345678901234567890', '12345678901234567891', 'int', false], ['42', '42', 'int', true],
    ['0.1', '0.10000000000000001', 'double', true], ['0.1', '0.1000001', 'double', false],
    ['inf', 'Infinity', 'double', true], ['nan', 'NaN', 'double', true], ['inf', '-inf', 'double', false],
    ['0.1', '0.100000001', 'float', true], ['true', 't', 'bool', true], ['true', 'f', 'bool', false],
    ['00FF41', '\\x00ff41', 'blob', true], ['00FF41', '\\x00\\xFFA', 'blob', true], ['00FF41', '\\x00ff42', 'blob', false],
    ['2020-01-01 00:00:00+00', '2020-01-01 00:00:00+00:00', 'timestamptz', true],
    ['abc', 'abd', 'text', false], ['', null, 'text', false], [null, null, 'int', true],
  ];
  const violations = [];
  for (const [expected, actual, kind, want] of cases) {
    if (cellsMatch(expected, actual, kind) !== want) {
      violations.push(`${kind} ${JSON.stringify(expected)} vs ${JSON.stringify(actual)} should ${want ? '' : 'not '}match`);
    }
  }
  const table = { columns: [{ name: 'a', kind: 'int' }], rows: [['1'], ['2']] };
  if (compareResults(table, [['1']]).ok) violations.push('a missing row must fail');
  if (compareResults(table, [['2'], ['1']]).ok) violations.push('ordered comparison must see row order');
  if (!compareResults(table, [['2'], ['1']], { unordered: true }).ok) violations.push('unordered comparison must ignore order');
  return violations;
}

-- constant_folding.sql: expressions over constants, which Cairn's optimizer evaluates once
-- while planning (rule constant_folding), must give PostgreSQL's values, types, column names
-- and errors: arithmetic, casts of literals, string and date functions, TPC-H Q1's
-- `date - interval`, three-valued AND / OR / NOT with constant operands, CASE with constant
-- conditions, COALESCE, IS NULL; errors (division by zero, overflow, bad input) keep their
-- SQLSTATEs. Compared with PostgreSQL 15 by run.mjs.

SELECT 2 + 3, 2 * 3 + 4 - 1, 7 / 2, 7.0 / 2, 2 ^ 10, -(5), abs(-7), 10 % 3;
SELECT upper('abc'), lower('ÀÉ'), 'a' || 'b' || 'c', length('héllo'), substr('abcdef', 2, 3), replace('aXbX', 'X', '-');
SELECT date '1998-12-01' - interval '90' day, date '1998-12-01' - 90, timestamp '2001-03-01 12:00' + interval '1 month';
SELECT CAST('42' AS integer) + 1, '3.50'::numeric * 2, '1e3'::float8 / 4, CAST(1.5 AS integer), '2024-02-29'::date + 1;
SELECT NULL::int + 1, NULL::text || 'x', coalesce(NULL, 2, 3), coalesce(1, NULL), NULL IS NULL, 1 IS NOT NULL;
SELECT NOT true, true AND NULL, false AND NULL, true OR NULL, false OR NULL, NULL::boolean AND NULL;
SELECT CASE WHEN 1 < 2 THEN 'x' ELSE 'y' END, CASE WHEN NULL THEN 1 WHEN false THEN 2 ELSE 3 END, CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END;
SELECT x, x + (2 * 3) AS y FROM (VALUES (1), (2)) AS t(x) WHERE x > 2 - 1 OR 1 = 0;
SELECT x FROM (VALUES (1), (2), (3)) AS t(x) WHERE x <> 1 + 1 AND (true OR x > 100) ORDER BY x;
SELECT count(*) FROM generate_series(1, 10) AS t(x) WHERE x > 2 + 3 AND upper('a') = 'A';
SELECT sum(x * (1 + 1)), max(x) FILTER (WHERE 1 = 1) FROM generate_series(1, 4) AS t(x);
SELECT x, CASE WHEN x > 0 THEN 1 ELSE 1 / (x - x) END AS safe FROM (VALUES (1), (2)) AS t(x);
SELECT 1 / 0;
SELECT 2147483647 + 1;
SELECT 'abc'::integer;
SELECT x FROM (VALUES (1)) AS t(x) WHERE x > 1 / 0;

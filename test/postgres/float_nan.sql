-- float_nan.sql: PostgreSQL's float order — NaN equals NaN and is greater than every other value
-- (Infinity included), -0 equals 0 — in comparisons, BETWEEN, IN, GREATEST/LEAST, min/max,
-- ORDER BY, DISTINCT, GROUP BY and joins, for float8 and float4, compared with PostgreSQL 15.
-- Run by run.mjs.
SELECT 'NaN'::float8 = 'NaN'::float8, 'NaN'::float8 <> 'NaN'::float8, 'NaN'::float8 > 1, 'NaN'::float8 < 1, 1 < 'NaN'::float8, 'NaN'::float8 >= 'Infinity'::float8, 'NaN'::float8 > 'Infinity'::float8, 'NaN'::float8 <= 'NaN'::float8;
SELECT 'NaN'::real = 'NaN'::real, 'NaN'::real > 'Infinity'::real, '-0'::float8 = 0::float8, '-0'::real < 0::real;
SELECT greatest(1::float8, 'NaN', 2), least(1::float8, 'NaN', 2), greatest('NaN'::float8, 'Infinity'), least('NaN'::float8, 'NaN');
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (2), ('-Infinity'), ('Infinity'), (NULL), ('NaN')) SELECT count(*) FILTER (WHERE x > 1), count(*) FILTER (WHERE x = 'NaN'), count(*) FILTER (WHERE x < 'NaN'), count(*) FILTER (WHERE x <> 'NaN'), count(*) FILTER (WHERE x BETWEEN 2 AND 'NaN'), count(*) FILTER (WHERE x >= 'Infinity') FROM t;
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (2), ('-Infinity'), ('Infinity'), (NULL), ('NaN')) SELECT x FROM t ORDER BY x DESC NULLS LAST;
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (2), ('NaN')) SELECT min(x), max(x), count(DISTINCT x) FROM t;
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (2), ('NaN')) SELECT x, count(*) FROM t GROUP BY x ORDER BY x;
WITH a(x) AS (VALUES (1.0::float8), ('NaN')), b(y) AS (VALUES ('NaN'::float8), (1)) SELECT x, y FROM a JOIN b ON x = y ORDER BY x;
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (2)) SELECT x FROM t WHERE x IN ('NaN', 2) ORDER BY x;
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (2)) SELECT x, CASE WHEN x = 'NaN' THEN 'nan' ELSE 'num' END, nullif(x, 'NaN') FROM t ORDER BY x;

-- aggregates_statistics.sql: the statistical aggregates (var_pop, var_samp, variance, stddev_pop,
-- stddev_samp, stddev, corr, covar_pop, covar_samp, regr_*), bit_and/bit_or/bit_xor and every,
-- compared with PostgreSQL 15: values, result types, NULL and one-row semantics, NaN and
-- infinity inputs, overflow (22003), grouped and ungrouped, FILTER. Variance inputs are double
-- precision here (PostgreSQL returns numeric for integer inputs, Cairn double precision:
-- docs/sql/aggregates.md). Run by run.mjs.

WITH t(x) AS (VALUES (1.0::float8), (2.0), (3.0), (4.0))
SELECT var_pop(x), var_samp(x), variance(x), stddev_pop(x), stddev_samp(x), stddev(x) FROM t;
WITH t(x) AS (VALUES (0.1::float8), (0.2), (0.3), (0.7), (1e-3), (12345.678))
SELECT var_pop(x), var_samp(x), stddev_pop(x), stddev_samp(x) FROM t;
WITH t(x) AS (VALUES (1e9::float8 + 4), (1e9 + 7), (1e9 + 13), (1e9 + 16))
SELECT var_pop(x), var_samp(x), stddev_samp(x) FROM t;
WITH t(x) AS (VALUES (5.0::float8)) SELECT var_pop(x), var_samp(x), stddev_pop(x), stddev_samp(x) FROM t;
WITH t(x) AS (SELECT 1.0::float8 WHERE false) SELECT var_pop(x), var_samp(x), stddev(x) FROM t;
WITH t(x) AS (VALUES (NULL::float8), (NULL)) SELECT var_pop(x), stddev_samp(x) FROM t;
WITH t(x) AS (VALUES (1.0::float8), (NULL), (3.0), (NULL)) SELECT var_pop(x), var_samp(x) FROM t;
WITH t(x) AS (VALUES (1.0::float8), ('NaN'), (3.0)) SELECT var_pop(x), stddev_samp(x) FROM t;
WITH t(x) AS (VALUES ('Infinity'::float8), (1.0)) SELECT var_pop(x), var_samp(x) FROM t;
WITH t(x) AS (VALUES (1.0::float8), ('-Infinity')) SELECT var_pop(x) FROM t;
WITH t(x) AS (VALUES ('1e308'::float8), ('1e308'), ('-1e308')) SELECT var_pop(x) FROM t;
WITH t(x) AS (VALUES (1.5::real), (2.5::real), (4.0::real)) SELECT var_samp(x), stddev_pop(x) FROM t;
WITH t(g, x) AS (VALUES (1, 1.0::float8), (1, 2.0), (2, 10.0), (2, 30.0), (2, 35.0), (3, 7.0))
SELECT g, var_pop(x), var_samp(x), stddev_samp(x), count(*) FROM t GROUP BY g ORDER BY g;
WITH t(g, x) AS (VALUES (1, 1.0::float8), (1, 2.0), (1, 9.0), (2, 30.0))
SELECT g, stddev(x) FILTER (WHERE x > 1) FROM t GROUP BY g ORDER BY g;
SELECT var_samp(x::float8), stddev_pop(x::float8) FROM generate_series(1, 1000) AS s(x);
SELECT pg_typeof(var_pop(1.0::float8)), pg_typeof(stddev(1.0::real));
-- Many rows (several threads in Cairn, partial states merged): compared to 1e-6 absolute.
SELECT var_samp(x::float8)::bigint, (stddev_pop(x::float8 / 7) * 1e6)::bigint, (var_pop(x % 1000 + 0.5) * 1e6)::bigint
FROM generate_series(1, 300000) AS s(x);

-- Two-variable statistics: (Y, X).
WITH t(y, x) AS (VALUES (1.0::float8, 2.0::float8), (2.0, 4.5), (4.0, 5.0), (3.0, 9.0), (7.5, 10.0))
SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x) FROM t;
WITH t(y, x) AS (VALUES (1.0::float8, 2.0::float8), (2.0, 4.5), (4.0, 5.0), (3.0, 9.0), (7.5, 10.0))
SELECT regr_count(y, x), regr_avgx(y, x), regr_avgy(y, x), regr_sxx(y, x), regr_syy(y, x), regr_sxy(y, x) FROM t;
WITH t(y, x) AS (VALUES (1, 2), (2, 4), (3, 7), (NULL, 8), (5, NULL), (4, 9))
SELECT corr(y, x), regr_count(y, x), regr_slope(y, x), regr_avgx(y, x), covar_samp(y, x) FROM t;
WITH t(y, x) AS (VALUES (1.0::float8, 3.0::float8), (2.0, 3.0), (5.0, 3.0))
SELECT corr(y, x), regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x), regr_sxx(y, x), covar_pop(y, x) FROM t;
WITH t(y, x) AS (VALUES (4.0::float8, 1.0::float8), (4.0, 2.0), (4.0, 5.0))
SELECT corr(y, x), regr_slope(y, x), regr_intercept(y, x), regr_r2(y, x), regr_syy(y, x) FROM t;
WITH t(y, x) AS (VALUES (4.0::float8, 1.0::float8)) SELECT corr(y, x), covar_pop(y, x), covar_samp(y, x), regr_count(y, x), regr_avgy(y, x), regr_sxx(y, x) FROM t;
WITH t(y, x) AS (SELECT 1.0::float8, 1.0::float8 WHERE false)
SELECT corr(y, x), covar_pop(y, x), regr_count(y, x), regr_avgx(y, x), regr_r2(y, x) FROM t;
WITH t(y, x) AS (VALUES (1.0::float8, 'NaN'::float8), (2.0, 3.0)) SELECT corr(y, x), regr_avgy(y, x), regr_sxx(y, x), regr_syy(y, x) FROM t;
WITH t(y, x) AS (VALUES ('1e308'::float8, 1.0::float8), ('-1e308', 2.0), ('1e308', 3.0)) SELECT regr_syy(y, x) FROM t;
WITH t(g, y, x) AS (VALUES (1, 1.0::float8, 1.0::float8), (1, 2.0, 3.0), (1, 2.5, 4.0), (2, 5.0, 1.0), (2, 3.0, 2.0))
SELECT g, corr(y, x), regr_slope(y, x), regr_intercept(y, x), regr_count(y, x) FROM t GROUP BY g ORDER BY g;
SELECT pg_typeof(corr(1, 2)), pg_typeof(regr_count(1, 2)), pg_typeof(covar_pop(1.5, 2));
SELECT corr(x::float8, (x * x)::float8), regr_slope(x::float8 * 3 + 1, x::float8), regr_intercept(x::float8 * 3 + 1, x::float8)
FROM generate_series(1, 1000) AS s(x);
SELECT (corr(x::float8, (x % 97)::float8) * 1e12)::bigint, (regr_slope((x % 89)::float8, x::float8) * 1e15)::bigint,
       (regr_intercept(x * 0.5 + (x % 13), x) * 1e6)::bigint, (covar_samp(x, x % 101) * 1e6)::bigint, regr_count(x, x)
FROM generate_series(1, 300000) AS s(x);
SELECT corr('a'::text, 'b'::text);

-- bit_and, bit_or, bit_xor on smallint, integer, bigint; every.
WITH t(x) AS (VALUES (12), (10), (NULL), (14)) SELECT bit_and(x), bit_or(x), bit_xor(x) FROM t;
WITH t(x) AS (VALUES (-1::bigint), (6), (3)) SELECT bit_and(x), bit_or(x), bit_xor(x) FROM t;
WITH t(x) AS (VALUES (7::smallint), (-8::smallint)) SELECT bit_and(x), bit_or(x), bit_xor(x), pg_typeof(bit_or(x)) FROM t;
WITH t(x) AS (SELECT 1 WHERE false) SELECT bit_and(x), bit_or(x), bit_xor(x) FROM t;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 4), (2, 4), (3, NULL))
SELECT g, bit_or(x), bit_xor(x), bit_and(x) FROM t GROUP BY g ORDER BY g;
SELECT bit_xor(x), bit_or(x::bigint * 1024), bit_and(x * 2 + 1) FROM generate_series(1, 100000) AS s(x);
SELECT bit_and(1.5);
WITH t(b) AS (VALUES (true), (NULL), (false)) SELECT every(b), bool_and(b), bool_or(b) FROM t;
WITH t(b) AS (VALUES (true), (true)) SELECT every(b) FROM t;

-- As window functions (running and sliding frames). Cairn merges partial states of a sliding
-- frame (a segment tree), PostgreSQL accumulates the frame row by row: the last bit may differ.
WITH t(x) AS (VALUES (1.0::float8), (2.0), (3.0), (5.0))
SELECT x, var_samp(x) OVER (ORDER BY x), stddev_pop(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),
       regr_slope(x * 2, x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       (corr(x, x * x) OVER (ORDER BY x ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) * 1e12)::bigint
FROM t ORDER BY x;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 4), (2, 5), (2, 7))
SELECT g, x, bit_or(x) OVER (PARTITION BY g ORDER BY x), bit_xor(x) OVER (PARTITION BY g),
       covar_pop(x, g) OVER (), regr_count(x, g) OVER (ORDER BY x)
FROM t ORDER BY g, x;

-- Correlated subqueries over no rows: the aggregates that are not NULL for no rows.
WITH a(x) AS (VALUES (1), (2)), b(k, y) AS (VALUES (1, 5.0::float8))
SELECT x, (SELECT regr_count(y, y) FROM b WHERE b.k = a.x), (SELECT count(y ORDER BY y) FROM b WHERE b.k = a.x),
       (SELECT var_pop(y) FROM b WHERE b.k = a.x), (SELECT string_agg(y::int::text, ',' ORDER BY y) FROM b WHERE b.k = a.x)
FROM a ORDER BY x;

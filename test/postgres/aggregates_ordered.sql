-- aggregates_ordered.sql: ordered aggregates agg(args ORDER BY keys) — string_agg with ASC/DESC,
-- NULLS FIRST/LAST, several keys, keys that are not arguments, DISTINCT with ORDER BY, FILTER,
-- groups, separators per row — and the ordered-set aggregates percentile_cont, percentile_disc
-- and mode WITHIN GROUP (ORDER BY ...): result types, interpolation, DESC, NULLs, intervals,
-- text, empty groups, fraction errors (22003), compared with PostgreSQL 15. Run by run.mjs.

WITH t(s, k) AS (VALUES ('b', 2), ('a', 3), ('c', 1)) SELECT string_agg(s, ',' ORDER BY k) FROM t;
WITH t(s, k) AS (VALUES ('b', 2), ('a', 3), ('c', 1)) SELECT string_agg(s, ',' ORDER BY k DESC) FROM t;
WITH t(s, k) AS (VALUES ('b', 2), ('a', 3), ('c', 1)) SELECT string_agg(s, ',' ORDER BY s) FROM t;
WITH t(s, k) AS (VALUES ('b', 2), ('a', 3), ('c', 1))
SELECT string_agg(s, ',' ORDER BY k), string_agg(s, ',' ORDER BY k DESC), string_agg(s, ';') FILTER (WHERE false) FROM t;
WITH t(s, k) AS (VALUES ('b', NULL), ('a', 3), ('c', 1), ('d', NULL))
SELECT string_agg(s, ',' ORDER BY k, s), string_agg(s, ',' ORDER BY k NULLS FIRST, s DESC) FROM t;
WITH t(s, k) AS (VALUES ('b', NULL), ('a', 3), ('c', 1)) SELECT string_agg(s, ',' ORDER BY k DESC), string_agg(s, ',' ORDER BY k DESC NULLS LAST) FROM t;
WITH t(s, k) AS (VALUES ('x', 2), (NULL, 1), ('y', 0)) SELECT string_agg(s, '-' ORDER BY k) FROM t;
WITH t(s, sep, k) AS (VALUES ('a', '+', 3), ('b', '-', 1), ('c', '*', 2)) SELECT string_agg(s, sep ORDER BY k) FROM t;
WITH t(s) AS (VALUES ('b'), ('a'), ('b'), ('c'), (NULL), ('a'))
SELECT string_agg(DISTINCT s, ',' ORDER BY s), string_agg(DISTINCT s, ',' ORDER BY s DESC), count(DISTINCT s) FROM t;
WITH t(g, s, k) AS (VALUES (1, 'a', 2), (1, 'b', 1), (2, 'c', 5), (2, 'd', 9), (2, 'e', 7), (3, NULL, 1))
SELECT g, string_agg(s, '|' ORDER BY k DESC), string_agg(s, '|' ORDER BY s) FROM t GROUP BY g ORDER BY g;
WITH t(s, k) AS (VALUES ('a', 1.5), ('b', -2.0), ('c', 0.25)) SELECT string_agg(s, '' ORDER BY k), string_agg(s, '' ORDER BY -k) FROM t;
WITH t(s, d) AS (VALUES ('a', date '2024-03-01'), ('b', date '2023-01-01'), ('c', date '2024-01-01'))
SELECT string_agg(s, ',' ORDER BY d DESC) FROM t;
SELECT string_agg(x::text, ',' ORDER BY x DESC) FROM generate_series(1, 12) AS s(x);
SELECT length(string_agg(x::text, ',' ORDER BY x)), left(string_agg(x::text, ',' ORDER BY -x), 30), right(string_agg(x::text, ',' ORDER BY -x), 30), sum(x ORDER BY x)
FROM generate_series(1, 50000) AS s(x);
SELECT count(x ORDER BY x), min(x ORDER BY x DESC), avg(x ORDER BY x) FROM generate_series(1, 10) AS s(x);
SELECT string_agg(x::text, ';') = string_agg(x::text, ';' ORDER BY x) FROM (SELECT x FROM generate_series(1, 5) AS s(x)) AS q;
WITH t(s) AS (VALUES ('b'), ('a')) SELECT string_agg(s, ',' ORDER BY NULL) IS NOT NULL FROM t;
WITH t(s, k) AS (VALUES ('b', 2), ('a', 3)) SELECT string_agg(DISTINCT s, ',' ORDER BY k) FROM t;

-- Ordered-set aggregates.
WITH t(x) AS (VALUES (1.0::float8), (2.0), (3.0), (4.0), (10.0))
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(0.25) WITHIN GROUP (ORDER BY x),
       percentile_cont(0.9) WITHIN GROUP (ORDER BY x), percentile_cont(0) WITHIN GROUP (ORDER BY x),
       percentile_cont(1) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (1), (2), (3), (4)) SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(1.0 / 3) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (1), (2), (3), (4), (NULL)) SELECT percentile_cont(0.3) WITHIN GROUP (ORDER BY x DESC), percentile_disc(0.3) WITHIN GROUP (ORDER BY x DESC) FROM t;
WITH t(x) AS (VALUES (1), (2), (3), (4), (5))
SELECT percentile_disc(0) WITHIN GROUP (ORDER BY x), percentile_disc(0.2) WITHIN GROUP (ORDER BY x),
       percentile_disc(0.21) WITHIN GROUP (ORDER BY x), percentile_disc(0.5) WITHIN GROUP (ORDER BY x),
       percentile_disc(1) WITHIN GROUP (ORDER BY x), pg_typeof(percentile_disc(0.5) WITHIN GROUP (ORDER BY x)) FROM t;
WITH t(x) AS (VALUES (1.25), (2.50), (3.75)) SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(0.4) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(s) AS (VALUES ('pear'), ('apple'), ('fig'), (NULL)) SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY s), percentile_disc(0.5) WITHIN GROUP (ORDER BY s DESC) FROM t;
WITH t(d) AS (VALUES (interval '1 day'), (interval '3 days 12 hours'), (interval '1 month'))
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d), percentile_cont(0.75) WITHIN GROUP (ORDER BY d), percentile_disc(0.75) WITHIN GROUP (ORDER BY d) FROM t;
WITH t(d) AS (VALUES (date '2024-01-01'), (date '2024-03-01'), (date '2023-06-30')) SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY d) FROM t;
WITH t(x) AS (SELECT 1 WHERE false) SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.5) WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (NULL::int), (NULL)) SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (1), (2)) SELECT percentile_cont(NULL) WITHIN GROUP (ORDER BY x), percentile_disc(NULL) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (1), (2)) SELECT percentile_cont(1.5) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (1), (2)) SELECT percentile_disc(-0.1) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (1), (2)) SELECT percentile_cont('NaN'::float8) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (NULL::int)) SELECT percentile_cont(2) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(x) AS (VALUES (3), (1), (3), (2), (1), (NULL), (NULL), (NULL))
SELECT mode() WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY x DESC), pg_typeof(mode() WITHIN GROUP (ORDER BY x)) FROM t;
WITH t(s) AS (VALUES ('b'), ('a'), ('b'), ('c'), ('a'), ('a')) SELECT mode() WITHIN GROUP (ORDER BY s) FROM t;
WITH t(g, x) AS (VALUES (1, 1.0::float8), (1, 3.0), (2, 10.0), (2, 20.0), (2, 60.0), (2, 20.0), (3, NULL))
SELECT g, percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_disc(0.5) WITHIN GROUP (ORDER BY x), mode() WITHIN GROUP (ORDER BY x),
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE x < 50)
FROM t GROUP BY g ORDER BY g;
WITH t(g, x) AS (VALUES (1, 1), (1, 3), (2, 10), (2, 20), (2, 60))
SELECT g, percentile_cont(g / 4.0) WITHIN GROUP (ORDER BY x) FROM t GROUP BY g ORDER BY g;
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), percentile_cont(0.99) WITHIN GROUP (ORDER BY x),
       percentile_disc(0.999) WITHIN GROUP (ORDER BY -x), mode() WITHIN GROUP (ORDER BY x % 7)
FROM generate_series(1, 200001) AS s(x);
-- errors
WITH t(x) AS (VALUES (1)) SELECT percentile_cont(0.5) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(s) AS (VALUES ('a')) SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) FROM t;
WITH t(x) AS (VALUES (1)) SELECT mode(1) WITHIN GROUP (ORDER BY x) FROM t;
WITH t(s) AS (VALUES ('a')) SELECT string_agg(DISTINCT s, ',' ORDER BY s || 'x') FROM t;

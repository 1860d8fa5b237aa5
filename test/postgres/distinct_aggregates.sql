-- distinct_aggregates.sql: DISTINCT aggregates — planned as two plain aggregates (GROUP BY
-- groups and arguments, then GROUP BY groups; optimizer rule distinct_aggregates) when they share
-- one argument list, and by the operator's distinct sets otherwise. NULL arguments are skipped,
-- equal values count once by the type's equality (NaN = NaN, 1.0 = 1.00, case-sensitive text),
-- an empty input gives count 0 and NULL sums. Compared with PostgreSQL 15 by run.mjs.

-- one distinct argument, grouped and ungrouped, with duplicate-insensitive companions
SELECT g, count(DISTINCT x), sum(DISTINCT x), avg(DISTINCT x), min(DISTINCT x), max(x) FROM (SELECT i % 7 AS g, i % 13 AS x FROM generate_series(1, 1000) AS s(i)) AS t GROUP BY g ORDER BY g;
SELECT count(DISTINCT x), sum(DISTINCT x), min(x), max(x) FROM (SELECT CASE WHEN i % 5 = 0 THEN NULL ELSE i % 11 END AS x FROM generate_series(1, 1000) AS s(i)) AS t;
SELECT count(DISTINCT x), sum(DISTINCT x), avg(DISTINCT x) FROM (SELECT i AS x FROM generate_series(1, 100) AS s(i) WHERE i < 0) AS t;
SELECT g, count(DISTINCT x) FROM (SELECT i % 3 AS g, i AS x FROM generate_series(1, 100) AS s(i) WHERE i < 0) AS t GROUP BY g;
SELECT g, count(DISTINCT x) FROM (VALUES (1, NULL::int), (1, NULL), (2, 5), (2, NULL), (NULL, 5), (NULL, 5)) AS t(g, x) GROUP BY g ORDER BY g;
-- expressions as argument and group
SELECT i % 4 AS g, count(DISTINCT i % 10), sum(DISTINCT i % 10) FROM generate_series(1, 500) AS s(i) GROUP BY i % 4 ORDER BY 1;
-- HAVING and ORDER BY over a distinct aggregate
SELECT i % 10 AS g, count(DISTINCT i % 7) AS n FROM generate_series(1, 60) AS s(i) GROUP BY i % 10 HAVING count(DISTINCT i % 7) > 5 ORDER BY n DESC, g;
-- types: text (case-sensitive), floats (NaN equals NaN), numeric by value, booleans, dates
SELECT count(DISTINCT s), min(DISTINCT s), max(s) FROM (VALUES ('a'), ('A'), ('a'), ('b'), (NULL), ('')) AS t(s);
SELECT count(DISTINCT x), max(DISTINCT x), min(x) FROM (VALUES ('NaN'::float8), ('NaN'), (1.5), (1.5), ('Infinity'), (NULL)) AS t(x);
SELECT count(DISTINCT x) FROM (VALUES (1.0::numeric), (1.00), (1), (2.5), (2.50)) AS t(x);
SELECT bool_and(DISTINCT b), bool_or(DISTINCT b), count(DISTINCT b) FROM (VALUES (true), (false), (true), (NULL)) AS t(b);
SELECT count(DISTINCT d), min(DISTINCT d), max(DISTINCT d) FROM (VALUES (date '2024-01-01'), (date '2024-01-01'), (date '2023-12-31')) AS t(d);
SELECT bit_and(DISTINCT x), bit_or(DISTINCT x), bit_xor(DISTINCT x) FROM (VALUES (3), (3), (5), (6), (5)) AS t(x);
-- several arguments or FILTER: the operator's distinct sets
SELECT count(DISTINCT x), count(DISTINCT y), sum(DISTINCT y) FROM (SELECT i % 17 AS x, i % 23 AS y FROM generate_series(1, 2000) AS s(i)) AS t;
SELECT g, count(DISTINCT x), count(*) FROM (SELECT i % 5 AS g, i % 13 AS x FROM generate_series(1, 300) AS s(i)) AS t GROUP BY g ORDER BY g;
SELECT g, count(DISTINCT x) FILTER (WHERE x > 3), count(DISTINCT x) FROM (SELECT i % 5 AS g, i % 13 AS x FROM generate_series(1, 300) AS s(i)) AS t GROUP BY g ORDER BY g;
-- a distinct aggregate in a correlated subquery and under a join
SELECT o, (SELECT count(DISTINCT i % o) FROM generate_series(1, 50) AS s(i)) FROM generate_series(1, 6) AS u(o) ORDER BY o;
SELECT a.g, count(DISTINCT b.v) FROM (SELECT i AS g FROM generate_series(1, 4) AS s(i)) AS a JOIN (SELECT i % 4 + 1 AS g, i % 9 AS v FROM generate_series(1, 200) AS s(i)) AS b ON a.g = b.g GROUP BY a.g ORDER BY a.g;
-- without GROUP BY, DISTINCT over different arguments: the sets are merged partition by partition
-- in parallel and the partial results combined (counts, sums, averages, extremes, ordered
-- string_agg / array_agg, FILTER, NULLs, text)
SELECT count(DISTINCT i % 1000), count(DISTINCT i % 37), sum(DISTINCT i % 5000), avg(DISTINCT i % 999), min(DISTINCT -i), max(DISTINCT 'v' || (i % 4321)) FROM generate_series(1, 200000) AS s(i);
SELECT count(DISTINCT x), count(DISTINCT y), count(DISTINCT x) FILTER (WHERE y > 10), count(*) FROM (SELECT CASE WHEN i % 11 = 0 THEN NULL ELSE i % 3000 END AS x, i % 23 AS y FROM generate_series(1, 100000) AS s(i)) AS t;
SELECT string_agg(DISTINCT (i % 40)::text, ',' ORDER BY (i % 40)::text), array_agg(DISTINCT i % 13 ORDER BY i % 13), count(DISTINCT i) FROM generate_series(1, 50000) AS s(i);
SELECT count(DISTINCT x), count(DISTINCT y) FROM (SELECT i AS x, i % 7 AS y FROM generate_series(1, 100) AS s(i) WHERE i < 0) AS t;

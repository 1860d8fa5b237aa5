-- window.sql: window functions (OVER, WINDOW clauses, frames, exclusions, ranking and value
-- functions, aggregates over frames, their errors), compared with PostgreSQL 15. Run by run.mjs.
-- Data come from VALUES lists. Cairn's sum over integers is HUGEINT (DuckDB's type), so sums
-- of integers are cast to bigint here; the values are what is compared.
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30), (2, 30), (3, NULL)) SELECT a, b, row_number() OVER (ORDER BY a, b), rank() OVER (ORDER BY a), dense_rank() OVER (ORDER BY a), percent_rank() OVER (ORDER BY a), cume_dist() OVER (ORDER BY a) FROM t ORDER BY a, b;
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30), (2, 30), (3, NULL)) SELECT a, b, sum(b) OVER (PARTITION BY a)::bigint, sum(b) OVER (ORDER BY a)::bigint, count(*) OVER (), count(b) OVER (ORDER BY b) FROM t ORDER BY a, b;
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30), (2, 40), (3, NULL)) SELECT a, b, lag(b) OVER w, lead(b) OVER w, lag(b, 2) OVER w, lead(b, 2, -1) OVER w, lag(b, 0) OVER w, lag(b, -1) OVER w FROM t WINDOW w AS (ORDER BY a, b) ORDER BY a, b;
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30), (2, 40), (3, NULL)) SELECT a, b, lag(b, 1, 0) OVER (PARTITION BY a ORDER BY b), lead(b, 1, 99) OVER (PARTITION BY a ORDER BY b) FROM t ORDER BY a, b;
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30), (2, 40), (3, NULL), (3, 5)) SELECT a, b, first_value(b) OVER w, last_value(b) OVER w, nth_value(b, 2) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY b) ORDER BY a, b;
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30), (2, 40), (3, NULL), (3, 5)) SELECT a, b, first_value(b) OVER w, last_value(b) OVER w, nth_value(b, 3) OVER w FROM t WINDOW w AS (ORDER BY b NULLS FIRST ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) ORDER BY a, b;
WITH d(i) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)), t(x) AS (SELECT a.i * 1000 + b.i * 100 + c.i * 10 + e.i + 1 FROM d a, d b, d c, d e WHERE a.i * 1000 + b.i * 100 + c.i * 10 + e.i < 10) SELECT x, ntile(3) OVER (ORDER BY x), ntile(4) OVER (ORDER BY x DESC), ntile(20) OVER (ORDER BY x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3), (4), (5), (6), (7)) SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)::bigint, sum(x) OVER (ORDER BY x ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)::bigint, sum(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND 2 FOLLOWING)::bigint, sum(x) OVER (ORDER BY x ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING)::bigint, sum(x) OVER (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND 3 FOLLOWING)::bigint FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3), (4), (5), (6), (7)) SELECT x, min(x) OVER (ORDER BY x ROWS 2 PRECEDING), max(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 10 FOLLOWING), count(*) OVER (ORDER BY x ROWS BETWEEN 10 PRECEDING AND 10 PRECEDING), sum(x) OVER (ORDER BY x ROWS BETWEEN 5 FOLLOWING AND UNBOUNDED FOLLOWING)::bigint FROM t ORDER BY x;
WITH t(x, g) AS (VALUES (1, 1), (1, 1), (2, 1), (3, 2), (3, 2), (3, 2), (5, 2), (8, 3)) SELECT x, g, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING)::bigint, count(*) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING), sum(x) OVER (ORDER BY x DESC RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)::bigint, count(*) OVER (ORDER BY x RANGE 3 PRECEDING) FROM t ORDER BY x, g;
WITH t(x, g) AS (VALUES (1, 1), (1, 1), (2, 1), (3, 2), (3, 2), (3, 2), (5, 2), (8, 3)) SELECT x, g, count(*) OVER (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(x) OVER (ORDER BY x GROUPS BETWEEN CURRENT ROW AND 1 FOLLOWING)::bigint, count(*) OVER (ORDER BY x GROUPS BETWEEN 2 PRECEDING AND 1 PRECEDING), count(*) OVER (PARTITION BY g ORDER BY x GROUPS 1 PRECEDING) FROM t ORDER BY x, g;
WITH t(x) AS (VALUES (1), (2), (2), (3), (3), (3), (4)) SELECT x, sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW)::bigint, sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE GROUP)::bigint, sum(x) OVER (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING EXCLUDE TIES)::bigint, sum(x) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE NO OTHERS)::bigint FROM t ORDER BY x;
WITH t(x, y) AS (VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd'), (3, 'e'), (3, 'f'), (4, 'g')) SELECT x, y, first_value(y) OVER w, last_value(y) OVER w, nth_value(y, 2) OVER w, count(*) OVER w FROM t WINDOW w AS (ORDER BY x GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW EXCLUDE TIES) ORDER BY x, y;
WITH t(x, y) AS (VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd'), (3, 'e'), (3, 'f'), (4, 'g')) SELECT x, y, string_agg(y, '-') OVER (ORDER BY x, y ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING), string_agg(y, '') OVER (ORDER BY x, y), string_agg(y, '/') OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING EXCLUDE CURRENT ROW) FROM t ORDER BY x, y;
WITH t(x, b) AS (VALUES (1, true), (2, false), (3, true), (4, NULL)) SELECT x, bool_and(b) OVER (ORDER BY x), bool_or(b) OVER (ORDER BY x ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), every(b) OVER () FROM t ORDER BY x;
WITH t(x) AS (VALUES (1.5), (2.5), (NULL), (4.0)) SELECT x, sum(x) OVER (ORDER BY x), avg(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)::float8, min(x) OVER (ORDER BY x NULLS FIRST ROWS 1 PRECEDING), max(x) OVER () FROM t ORDER BY x;
WITH t(x) AS (VALUES (1.5::float8), (2.5), (-1), (4.25)) SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1.5 PRECEDING AND 1 FOLLOWING), count(*) OVER (ORDER BY x DESC RANGE BETWEEN 2 FOLLOWING AND 4 FOLLOWING) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1.50::numeric(5,2)), (2.75), (3.00), (5.25)) SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 1.25 PRECEDING AND CURRENT ROW), count(*) OVER (ORDER BY x RANGE BETWEEN CURRENT ROW AND 2 FOLLOWING) FROM t ORDER BY x;
WITH t(d, v) AS (VALUES (DATE '2024-01-01', 1), (DATE '2024-01-02', 2), (DATE '2024-01-05', 3), (DATE '2024-02-01', 4), (DATE '2024-03-01', 5)) SELECT d, v, sum(v) OVER (ORDER BY d RANGE BETWEEN INTERVAL '3 days' PRECEDING AND CURRENT ROW)::bigint, count(*) OVER (ORDER BY d RANGE BETWEEN CURRENT ROW AND INTERVAL '1 month' FOLLOWING), count(*) OVER (ORDER BY d DESC RANGE BETWEEN INTERVAL '1 day' PRECEDING AND INTERVAL '1 month' FOLLOWING) FROM t ORDER BY d;
WITH t(ts, v) AS (VALUES (TIMESTAMP '2024-01-01 10:00', 1), (TIMESTAMP '2024-01-01 10:30', 2), (TIMESTAMP '2024-01-01 12:00', 3), (NULL, 4)) SELECT ts, v, sum(v) OVER (ORDER BY ts RANGE BETWEEN INTERVAL '1 hour' PRECEDING AND CURRENT ROW)::bigint, count(*) OVER (ORDER BY ts NULLS FIRST RANGE BETWEEN INTERVAL '90 minutes' PRECEDING AND INTERVAL '1 minute' FOLLOWING) FROM t ORDER BY ts;
WITH t(x) AS (VALUES (1), (NULL), (3), (NULL), (5)) SELECT x, count(*) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND 1 FOLLOWING), sum(x) OVER (ORDER BY x NULLS FIRST RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)::bigint, rank() OVER (ORDER BY x NULLS FIRST), row_number() OVER (ORDER BY x DESC NULLS LAST) FROM t ORDER BY x NULLS FIRST;
WITH t(g, x) AS (VALUES (NULL, 1), (NULL, 2), ('a', 3), ('a', 4), ('b', 5)) SELECT g, x, sum(x) OVER (PARTITION BY g)::bigint, row_number() OVER (PARTITION BY g ORDER BY x DESC), count(*) OVER (PARTITION BY g ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) FROM t ORDER BY g, x;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5)) SELECT g, sum(x)::bigint, sum(sum(x)) OVER ()::bigint, rank() OVER (ORDER BY count(*) DESC), row_number() OVER (ORDER BY g DESC) FROM t GROUP BY g ORDER BY g;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5), (3, 9)) SELECT g, count(*) OVER (ORDER BY g) FROM t GROUP BY g HAVING count(*) > 1 ORDER BY g;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5)) SELECT DISTINCT g, count(*) OVER (PARTITION BY g) FROM t ORDER BY g;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5)) SELECT g, x FROM t ORDER BY row_number() OVER (ORDER BY x DESC) LIMIT 3;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5)) SELECT g, x, count(*) FILTER (WHERE x % 2 = 1) OVER (PARTITION BY g ORDER BY x), sum(x) FILTER (WHERE x > 2) OVER ()::bigint FROM t ORDER BY g, x;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5)) SELECT g, x, sum(x) OVER w2::bigint, row_number() OVER w3 FROM t WINDOW w1 AS (PARTITION BY g), w2 AS (w1 ORDER BY x), w3 AS (w2 ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) ORDER BY g, x;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3), (2, 4), (2, 5)) SELECT g, x, sum(x) OVER (w ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)::bigint, count(*) OVER (w) FROM t WINDOW w AS (PARTITION BY g ORDER BY x) ORDER BY g, x;
WITH t(x) AS (SELECT 1 WHERE false) SELECT x, row_number() OVER (), sum(x) OVER (ORDER BY x)::bigint FROM t;
SELECT row_number() OVER (), rank() OVER (ORDER BY 1), sum(2) OVER ()::bigint, lag(5) OVER (), percent_rank() OVER (), cume_dist() OVER ();
WITH t(x) AS (VALUES ('apple_pie_with_cream_1'), ('apple_pie_with_cream_2'), ('apple_pie_with_cream_1'), ('b')) SELECT x, rank() OVER (ORDER BY x), count(*) OVER (PARTITION BY x), dense_rank() OVER (ORDER BY x DESC) FROM t ORDER BY x;
WITH t(x) AS (VALUES (0.0::float8), (-0.0::float8), ('NaN'::float8), ('NaN'::float8), ('Infinity'::float8)) SELECT x, rank() OVER (ORDER BY x), count(*) OVER (PARTITION BY x) FROM t ORDER BY x;
WITH d(i) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)), t(x) AS (SELECT a.i * 1000 + b.i * 100 + c.i * 10 + e.i + 1 FROM d a, d b, d c, d e WHERE a.i * 1000 + b.i * 100 + c.i * 10 + e.i < 5000) SELECT count(*), sum(r)::bigint, sum(s)::bigint, min(m), max(m) FROM (SELECT row_number() OVER (ORDER BY x DESC) AS r, sum(x) OVER (ORDER BY x ROWS BETWEEN 10 PRECEDING AND 10 FOLLOWING) AS s, max(x % 97) OVER (PARTITION BY x % 7 ORDER BY x ROWS 3 PRECEDING) AS m FROM t) q;
WITH d(i) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)), t(x) AS (SELECT a.i * 1000 + b.i * 100 + c.i * 10 + e.i + 1 FROM d a, d b, d c, d e WHERE a.i * 1000 + b.i * 100 + c.i * 10 + e.i < 3000) SELECT x % 5 AS g, min(c), max(c), sum(l)::bigint FROM (SELECT x, count(*) OVER (PARTITION BY x % 5 ORDER BY x - x % 10 RANGE BETWEEN 20 PRECEDING AND 10 FOLLOWING) AS c, lag(x, 3, 0) OVER (PARTITION BY x % 5 ORDER BY x) AS l FROM t) q GROUP BY 1 ORDER BY 1;
WITH t(x, i) AS (VALUES (1, INTERVAL '1 month'), (2, INTERVAL '30 days'), (3, INTERVAL '1 day'), (4, INTERVAL '29 days 23 hours')) SELECT x, rank() OVER (ORDER BY i), count(*) OVER (PARTITION BY NULL), count(*) OVER (PARTITION BY x > 1), sum(x) OVER (ORDER BY i RANGE BETWEEN INTERVAL '1 day' PRECEDING AND CURRENT ROW)::bigint, sum(x) OVER (ORDER BY i DESC RANGE BETWEEN INTERVAL '1 hour' PRECEDING AND INTERVAL '28 days' FOLLOWING)::bigint FROM t ORDER BY x;
-- errors
SELECT 1 WHERE row_number() OVER () > 0;
WITH t(x) AS (VALUES (1)) SELECT x FROM t GROUP BY row_number() OVER ();
WITH t(x) AS (VALUES (1)) SELECT sum(row_number() OVER ()) FROM t;
WITH t(x) AS (VALUES (1)) SELECT row_number() OVER () AS r, count(*) FROM t GROUP BY 1;
WITH t(x, y) AS (VALUES (1, 2)) SELECT x, sum(y) OVER (ORDER BY x) FROM t GROUP BY x;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (ORDER BY row_number() OVER ()) FROM t;
WITH t(x) AS (VALUES (1)) SELECT row_number() FROM t;
WITH t(x) AS (VALUES (1)) SELECT abs(x) OVER () FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER w FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER w FROM t WINDOW w AS (), w AS (ORDER BY x);
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (w ORDER BY x) FROM t WINDOW w AS (ORDER BY x);
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (w PARTITION BY x) FROM t WINDOW w AS (ORDER BY x);
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (w) FROM t WINDOW w AS (ORDER BY x ROWS CURRENT ROW);
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (ROWS BETWEEN -1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (ORDER BY x RANGE BETWEEN -1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (ROWS BETWEEN NULL PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x, y) AS (VALUES (1, 2)) SELECT sum(x) OVER (ORDER BY x, y RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (GROUPS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (1)) SELECT ntile(0) OVER () FROM t;
WITH t(x) AS (VALUES (1)) SELECT nth_value(x, 0) OVER () FROM t;
WITH t(x) AS (VALUES (1)) SELECT count(DISTINCT x) OVER () FROM t;
WITH t(x) AS (VALUES ('a')) SELECT count(*) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (DATE '2024-01-01')) SELECT count(*) OVER (ORDER BY x RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (ROWS BETWEEN CURRENT ROW AND 1 PRECEDING) FROM t;
WITH t(x) AS (VALUES (1)) SELECT sum(x) OVER (ROWS UNBOUNDED FOLLOWING) FROM t;
WITH t(x) AS (VALUES (1)) SELECT row_number(x) OVER () FROM t;
-- functions that never look at peer groups (row_number, ntile, lag/lead, ROWS frames) over
-- ORDER BY keys with ties, with and without PARTITION BY: per tie group, the multiset of values is
-- the same whatever order the ties take
SELECT k, min(rn), max(rn), count(*), sum(rn) FROM (SELECT i % 7 AS k, row_number() OVER (ORDER BY i % 7) AS rn FROM generate_series(1, 5000) AS s(i)) AS q GROUP BY k ORDER BY k;
SELECT p, k, min(rn), max(rn), sum(rn) FROM (SELECT i % 3 AS p, i % 5 AS k, row_number() OVER (PARTITION BY i % 3 ORDER BY i % 5) AS rn FROM generate_series(1, 3000) AS s(i)) AS q GROUP BY p, k ORDER BY p, k;
SELECT k, sum(t), min(t), max(t) FROM (SELECT i % 4 AS k, ntile(9) OVER (ORDER BY i % 4) AS t FROM generate_series(1, 1000) AS s(i)) AS q GROUP BY k ORDER BY k;
SELECT k, sum(w), count(*) FROM (SELECT i % 6 AS k, sum(i % 6) OVER (ORDER BY i % 6 ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS w FROM generate_series(1, 600) AS s(i)) AS q GROUP BY k ORDER BY k;
SELECT k, sum(coalesce(l, -1)), sum(coalesce(d, -1)) FROM (SELECT i % 5 AS k, lag(i % 5) OVER (ORDER BY i % 5) AS l, lead(i % 5, 2) OVER (ORDER BY i % 5) AS d FROM generate_series(1, 700) AS s(i)) AS q GROUP BY k ORDER BY k;
SELECT k, sum(f), sum(l) FROM (SELECT i % 5 AS k, first_value(i % 5) OVER (ORDER BY i % 5 ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) AS f, last_value(i % 5) OVER (ORDER BY i % 5 ROWS BETWEEN CURRENT ROW AND 4 FOLLOWING) AS l FROM generate_series(1, 500) AS s(i)) AS q GROUP BY k ORDER BY k;
-- the same ties where peers matter (rank, the default RANGE frame, EXCLUDE TIES) next to row_number
SELECT k, min(rn), max(r), max(c), max(x) FROM (SELECT i % 7 AS k, row_number() OVER w AS rn, rank() OVER w AS r, count(*) OVER w AS c, sum(i % 7) OVER (ORDER BY i % 7 ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES) AS x FROM generate_series(1, 2000) AS s(i) WINDOW w AS (ORDER BY i % 7)) AS q GROUP BY k ORDER BY k;

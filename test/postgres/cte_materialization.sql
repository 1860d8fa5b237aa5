-- cte_materialization.sql: non-recursive WITH queries referenced once (inlined), twice or more
-- (computed once and read by every reference, as PostgreSQL 12+ materializes them), written AS
-- MATERIALIZED / AS NOT MATERIALIZED, read from subqueries, joins, UNION branches and other
-- CTEs, compared with PostgreSQL 15. A volatile CTE referenced twice has the same rows at both
-- references. Run by run.mjs.
WITH r AS (SELECT random() AS x) SELECT a.x = b.x FROM r a, r b;
WITH r AS (SELECT g, random() AS x FROM generate_series(1, 100) g) SELECT count(*) FROM r a JOIN r b ON a.g = b.g AND a.x = b.x;
WITH r AS MATERIALIZED (SELECT random() AS x) SELECT count(*) FROM r WHERE x = (SELECT x FROM r);
WITH r AS (SELECT g, random() AS x FROM generate_series(1, 50) g) SELECT count(*) FROM r WHERE x = (SELECT max(x) FROM r) OR x = (SELECT min(x) FROM r);
WITH t(a, b) AS (VALUES (1, 'x'), (2, 'y'), (3, 'z')) SELECT t1.a, t2.b FROM t t1 JOIN t t2 ON t1.a = t2.a + 1 ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 10) g) SELECT a FROM t WHERE a > (SELECT avg(a) FROM t) ORDER BY a;
WITH t(a) AS (SELECT g FROM generate_series(1, 10) g) SELECT a FROM t WHERE EXISTS (SELECT 1 FROM t t2 WHERE t2.a = t.a * 2) ORDER BY a;
WITH t(a) AS (SELECT g FROM generate_series(1, 5) g) SELECT a FROM t UNION ALL SELECT a * 10 FROM t ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 5) g), u(b) AS (SELECT a * 2 FROM t) SELECT a, b FROM t, u WHERE a = b ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 5) g), u(b) AS (SELECT a * 2 FROM t), v(c) AS (SELECT b + 1 FROM u UNION ALL SELECT a FROM t) SELECT c, (SELECT count(*) FROM u) FROM v, v v2 WHERE v.c = v2.c ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 5) g) SELECT (SELECT count(*) FROM t), (SELECT sum(a) FROM t), (SELECT max(a) FROM t);
WITH t(a) AS NOT MATERIALIZED (SELECT g FROM generate_series(1, 5) g) SELECT count(*) FROM t t1, t t2 WHERE t1.a < t2.a;
WITH t(a) AS MATERIALIZED (SELECT g FROM generate_series(1, 5) g) SELECT sum(a) FROM t WHERE a > 2;
WITH t(a) AS (SELECT g FROM generate_series(1, 5) g), unused AS (SELECT 1 / 0) SELECT count(*) FROM t, t t2;
WITH t(a, b) AS (VALUES (1, 10), (1, 20), (2, 30)) SELECT a, sum(b) FROM t GROUP BY ROLLUP (a) ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 4) g) SELECT x.a, (SELECT count(*) FROM t WHERE t.a < x.a) FROM t x ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 4) g) SELECT * FROM (WITH u AS (SELECT a FROM t WHERE a > 1) SELECT u1.a FROM u u1, u u2 WHERE u1.a = u2.a) s ORDER BY 1;
WITH RECURSIVE base(n) AS (VALUES (3)), r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r, base WHERE i < base.n) SELECT i, (SELECT n FROM base) FROM r ORDER BY 1;
WITH t(a) AS (SELECT g FROM generate_series(1, 3) g) SELECT a, (SELECT count(*) FROM (WITH u AS (SELECT t2.a FROM t t2 WHERE t2.a <= t.a) SELECT * FROM u, u u2) z) FROM t ORDER BY 1;

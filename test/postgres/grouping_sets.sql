-- grouping_sets.sql: GROUPING SETS, ROLLUP, CUBE, GROUP BY (), combinations of them with plain
-- GROUP BY items, GROUPING(), HAVING and ORDER BY over them, NULLs in grouped columns, compared
-- with PostgreSQL 15. Run by run.mjs.

WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30), (2, NULL, 5))
SELECT a, b, sum(c), grouping(a, b), grouping(b) FROM t GROUP BY ROLLUP (a, b) ORDER BY 1, 2, 4;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, b, count(*), sum(c) FROM t GROUP BY CUBE (a, b) ORDER BY 1, 2;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS ((a), (b), ()) ORDER BY 1, 2;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, b, sum(c) FROM t GROUP BY a, ROLLUP (b) ORDER BY 1, 2;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, b, sum(c) FROM t GROUP BY GROUPING SETS ((a, b), a, a) ORDER BY 1, 2;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, b, c, count(*) FROM t GROUP BY ROLLUP ((a, b), c) ORDER BY 1, 2, 3;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, sum(c) FROM t GROUP BY ROLLUP (a) HAVING sum(c) > 25 ORDER BY 1;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, sum(c), grouping(a) FROM t GROUP BY ROLLUP (a) ORDER BY grouping(a), a;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a + 1, sum(c) FROM t GROUP BY ROLLUP (a + 1) ORDER BY 1;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT CASE WHEN grouping(a) = 1 THEN 'all' ELSE a::text END AS label, sum(c) FROM t GROUP BY ROLLUP (a) ORDER BY 1;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, b, sum(c), grouping(a, b) FROM t GROUP BY GROUPING SETS (ROLLUP (a), CUBE (b)) ORDER BY 4, 1, 2;
WITH t(a, c) AS (SELECT 1, 1 WHERE false) SELECT count(*), sum(c) FROM t GROUP BY ();
WITH t(a, c) AS (SELECT 1, 1 WHERE false) SELECT a, count(*) FROM t GROUP BY ROLLUP (a);
WITH t(a, c) AS (VALUES (1, 1), (2, 2)) SELECT grouping(a), a FROM t GROUP BY a ORDER BY 2;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, sum(c), rank() OVER (ORDER BY sum(c) DESC) FROM t GROUP BY ROLLUP (a) ORDER BY 1;
WITH t(a, b, c) AS (VALUES (1, 1, 10), (1, 2, 20), (2, 1, 30))
SELECT a, count(DISTINCT b), sum(c) FILTER (WHERE b = 1) FROM t GROUP BY CUBE (a) ORDER BY 1;
WITH t(a, b, c) AS (VALUES (1, 1, 10)) SELECT a, grouping(b) FROM t GROUP BY ROLLUP (a);
WITH t(a, b, c) AS (VALUES (1, 1, 10)) SELECT a FROM t WHERE grouping(a) = 0 GROUP BY a;
WITH t(a, b, c) AS (VALUES (1, 1, 10)) SELECT a, b FROM t GROUP BY ROLLUP (a);

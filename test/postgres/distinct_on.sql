-- distinct_on.sql: SELECT DISTINCT ON (...) with and without ORDER BY tie-breakers, on hidden
-- columns, with NULL keys, positions and output names, with aggregates, and the
-- "must match initial ORDER BY expressions" rule, compared with PostgreSQL 15. Run by run.mjs.

WITH t(g, x, s) AS (VALUES (1, 10, 'a'), (1, 20, 'b'), (2, 5, 'c'), (2, 7, 'd'), (NULL, 1, 'e'), (NULL, 2, 'f'))
SELECT DISTINCT ON (g) g, x, s FROM t ORDER BY g, x DESC;
WITH t(g, x, s) AS (VALUES (1, 10, 'a'), (1, 20, 'b'), (2, 5, 'c'), (2, 7, 'd'), (NULL, 1, 'e'), (NULL, 2, 'f'))
SELECT DISTINCT ON (g) s FROM t ORDER BY g DESC, x;
WITH t(g, x, s) AS (VALUES (1, 10, 'a'), (1, 20, 'b'), (2, 5, 'c'), (2, 7, 'd'))
SELECT DISTINCT ON (1) g, s FROM t ORDER BY 1, s DESC;
WITH t(g, h, x) AS (VALUES (1, 1, 10), (1, 1, 20), (1, 2, 5), (2, 1, 7))
SELECT DISTINCT ON (g, h) g, h, x FROM t ORDER BY h, g, x;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5)) SELECT DISTINCT ON (g % 2) g, x FROM t ORDER BY g % 2, x DESC;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5)) SELECT count(*) FROM (SELECT DISTINCT ON (g) g, x FROM t) s;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5)) SELECT DISTINCT ON (g) g, sum(x) FROM t GROUP BY g, x ORDER BY g, sum(x);
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5)) SELECT DISTINCT ON (g) g, x FROM t ORDER BY g, x LIMIT 1;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5)) SELECT DISTINCT ON (g) g, x FROM t ORDER BY x;

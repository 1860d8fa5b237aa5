-- recursive.sql: WITH RECURSIVE — UNION ALL and UNION (duplicates and cycles end the recursion),
-- several columns, joins with the working table, several CTEs, type rules of the recursive term,
-- compared with PostgreSQL 15. Run by run.mjs.

WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 1000) SELECT count(*), sum(n), max(n) FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION SELECT n % 3 + 1 FROM t) SELECT * FROM t ORDER BY n;
WITH RECURSIVE t(n) AS (VALUES (1), (1) UNION SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t ORDER BY n;
WITH RECURSIVE t(n) AS (VALUES (1), (1) UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT * FROM t ORDER BY n;
WITH RECURSIVE fib(a, b) AS (SELECT 0::bigint, 1::bigint UNION ALL SELECT b, a + b FROM fib WHERE b < 1000) SELECT a FROM fib;
WITH RECURSIVE t(n, s) AS (SELECT 1, 'a'::text UNION ALL SELECT n + 1, s || 'b' FROM t WHERE n < 4) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 WHERE false UNION ALL SELECT n + 1 FROM t) SELECT count(*) FROM t;
WITH RECURSIVE
  edges(src, dst) AS (VALUES (1, 2), (2, 3), (3, 4), (2, 5), (5, 1)),
  reach(node) AS (SELECT 1 UNION SELECT dst FROM reach JOIN edges ON src = node)
SELECT node FROM reach ORDER BY node;
WITH RECURSIVE
  edges(src, dst) AS (VALUES (1, 2), (2, 3), (3, 4), (2, 5)),
  paths(node, depth) AS (SELECT 1, 0 UNION ALL SELECT dst, depth + 1 FROM paths, edges WHERE src = node)
SELECT node, depth FROM paths ORDER BY depth, node;
WITH RECURSIVE
  tree(id, parent) AS (VALUES (1, NULL), (2, 1), (3, 1), (4, 2), (5, 4)),
  ancestors(id, anc) AS (SELECT id, parent FROM tree UNION ALL SELECT a.id, t.parent FROM ancestors a JOIN tree t ON t.id = a.anc)
SELECT id, count(anc) FROM ancestors GROUP BY id ORDER BY id;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3) SELECT a.n, b.n FROM t a, t b WHERE a.n < b.n ORDER BY 1, 2;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 3)
SELECT n, (SELECT count(*) FROM t t2 WHERE t2.n <= t.n) FROM t ORDER BY n;
WITH RECURSIVE t(d) AS (SELECT '2024-01-30'::date UNION ALL SELECT d + 1 FROM t WHERE d < '2024-02-02') SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n * 2 FROM t WHERE n < 100) SELECT * FROM t WHERE n > 10 ORDER BY n DESC LIMIT 2;
WITH RECURSIVE t AS (SELECT 1 AS x) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n * 1.5 FROM t WHERE n < 10) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1.0 UNION ALL SELECT n * 2 FROM t WHERE n < 10) SELECT * FROM t;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1, n FROM t WHERE n < 3) SELECT * FROM t;
-- cairn-error 0A000: numeric keeps one scale per column in Cairn; this scale grows every iteration
WITH RECURSIVE t(n) AS (SELECT 1.0 UNION ALL SELECT n * 1.5 FROM t WHERE n < 10) SELECT * FROM t;

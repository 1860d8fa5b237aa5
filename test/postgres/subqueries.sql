-- subqueries.sql: subqueries in every clause — scalar, EXISTS, IN / NOT IN, ANY / SOME / ALL,
-- correlated at one and two levels, in SELECT, WHERE, HAVING, JOIN ... ON and FROM — compared with
-- PostgreSQL 15, including its NULL semantics for IN / NOT IN / ANY / ALL and error 21000. Data
-- comes from VALUES lists in WITH clauses. Run by run.mjs.

-- uncorrelated scalar subqueries
SELECT (SELECT 1);
SELECT (SELECT 1 WHERE false);
SELECT (SELECT 'a'::text), (SELECT NULL::int);
SELECT (SELECT x FROM (VALUES (1), (2)) v(x));
SELECT (SELECT x FROM (VALUES (1), (2)) v(x) WHERE x > 1) + 10;
SELECT (SELECT max(x) FROM (VALUES (1), (2)) v(x)) * 2;
SELECT 1 WHERE (SELECT count(*) FROM (VALUES (1), (2)) v(x)) = 2;
WITH t(x) AS (VALUES (1), (2), (3)) SELECT x FROM t WHERE x > (SELECT avg(x) FROM t) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)) SELECT x, (SELECT sum(x) FROM t) AS total FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2)) SELECT x FROM t WHERE x = (SELECT x FROM t);
WITH t(x) AS (VALUES (1)) SELECT x FROM t WHERE x = (SELECT x FROM t WHERE false);
WITH t(x) AS (SELECT 1 WHERE false) SELECT (SELECT x FROM (VALUES (1), (2)) v(x)) FROM t;

-- EXISTS / NOT EXISTS
SELECT EXISTS (SELECT 1), EXISTS (SELECT 1 WHERE false), NOT EXISTS (SELECT 1 WHERE false);
SELECT 1 WHERE EXISTS (SELECT 1 WHERE false);
SELECT EXISTS (SELECT NULL);
WITH t(x) AS (VALUES (1), (2)) SELECT x FROM t WHERE EXISTS (SELECT * FROM t WHERE x > 5) ORDER BY x;
WITH t(x) AS (VALUES (1), (2)) SELECT x FROM t WHERE EXISTS (SELECT * FROM t LIMIT 1) ORDER BY x;
WITH t(x) AS (VALUES (1), (2)) SELECT x FROM t WHERE EXISTS (SELECT * FROM t LIMIT 0) ORDER BY x;

-- IN / NOT IN with NULLs (PostgreSQL's three-valued semantics)
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x, x IN (SELECT 2 UNION ALL SELECT NULL) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x, x NOT IN (SELECT 2 UNION ALL SELECT NULL) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x, x IN (SELECT 2), x NOT IN (SELECT 2) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x, x IN (SELECT 1 WHERE false), x NOT IN (SELECT 1 WHERE false) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x FROM t WHERE x NOT IN (SELECT 2) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x FROM t WHERE x NOT IN (SELECT 2 UNION ALL SELECT NULL) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (NULL)) SELECT x FROM t WHERE x IN (SELECT 2 UNION ALL SELECT NULL) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)) SELECT x FROM t WHERE x IN (SELECT x + 1 FROM t) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)) SELECT x FROM t WHERE x IN (SELECT x::bigint FROM t WHERE x > 1) ORDER BY x;
WITH t(x) AS (VALUES (1.5), (2.0)) SELECT x FROM t WHERE x IN (SELECT 2) ORDER BY x;
WITH t(s) AS (VALUES ('a'), ('b')) SELECT s FROM t WHERE s IN (SELECT 'b') ORDER BY s;
WITH t(x) AS (VALUES (1), (2), (3)) SELECT x, NOT (x IN (SELECT 2)) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)) SELECT x FROM t WHERE x IN (SELECT 1) OR x IN (SELECT 3) ORDER BY x;

-- ANY / SOME / ALL
WITH t(x) AS (VALUES (0), (1), (3), (NULL)) SELECT x, x > ALL (SELECT 1 UNION ALL SELECT 2), x < ANY (SELECT 1 UNION ALL SELECT NULL) FROM t ORDER BY x;
WITH t(x) AS (VALUES (0), (1), (3), (NULL)) SELECT x, x = ALL (SELECT 1), x <> ALL (SELECT 1 UNION ALL SELECT NULL), x >= SOME (SELECT 1) FROM t ORDER BY x;
WITH t(x) AS (VALUES (0), (1)) SELECT x, x = ALL (SELECT 1 WHERE false), x = ANY (SELECT 1 WHERE false) FROM t ORDER BY x;
WITH t(x) AS (VALUES (0), (1), (3)) SELECT x FROM t WHERE x >= ALL (SELECT x FROM t) ORDER BY x;
WITH t(x) AS (VALUES (0), (1), (3)) SELECT x FROM t WHERE x < ANY (SELECT x FROM t) ORDER BY x;

-- correlated subqueries
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (1), (2), (NULL))
SELECT x, (SELECT count(*) FROM u WHERE y = x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (1), (2), (NULL))
SELECT x, (SELECT count(y) + 1 FROM u WHERE y = x), (SELECT sum(y) FROM u WHERE y = x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3), (NULL)), u(y) AS (VALUES (1), (1), (2), (NULL))
SELECT x, (SELECT max(y) FROM u WHERE y < x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3), (NULL)), u(y) AS (VALUES (1), (2), (NULL))
SELECT x, EXISTS (SELECT 1 FROM u WHERE y = x), x IN (SELECT y FROM u WHERE y <= x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3), (NULL)), u(y) AS (VALUES (1), (2), (NULL))
SELECT x FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE y = x) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3), (NULL)), u(y) AS (VALUES (1), (2), (NULL))
SELECT x FROM t WHERE EXISTS (SELECT 1 FROM u WHERE y <> x) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT y FROM u WHERE y = x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT y FROM u WHERE y = x AND x < 2) FROM t ORDER BY x;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (2, 7), (3, 1))
SELECT g, x FROM t a WHERE x = (SELECT max(x) FROM t b WHERE b.g = a.g) ORDER BY g;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (2, 7), (3, 1))
SELECT g, x FROM t a WHERE x > (SELECT avg(x) FROM t b WHERE b.g = a.g) ORDER BY g;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (NULL, 7), (NULL, 1))
SELECT g, x, (SELECT count(*) FROM t b WHERE b.g IS NOT DISTINCT FROM a.g) FROM t a ORDER BY g, x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT count(DISTINCT y) FROM u WHERE y <= x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT string_agg(y::text, ',') FROM u WHERE y <= x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y, z) AS (VALUES (1, 'a'), (2, 'b'), (2, 'c'))
SELECT x, (SELECT count(*) FROM u WHERE y = x GROUP BY y) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT DISTINCT y FROM u WHERE y = x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT y FROM u WHERE y = x UNION SELECT x + 10) FROM t WHERE x = 3;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT count(*) FROM (SELECT y FROM u WHERE y = x UNION ALL SELECT x) s) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2)), w(z) AS (VALUES (2), (3))
SELECT x, (SELECT count(*) FROM u JOIN w ON y = z WHERE z <= x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2)), w(z) AS (VALUES (2), (3))
SELECT x, (SELECT count(*) FROM u LEFT JOIN w ON y = z AND z = x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT count(*) FROM u WHERE y = x) * 10 + (SELECT min(y) FROM u WHERE y > x) FROM t ORDER BY x;

-- correlated at two levels (the innermost subquery refers to the outermost query)
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2)), w(z) AS (VALUES (2), (3))
SELECT x, (SELECT count(*) FROM u WHERE EXISTS (SELECT 1 FROM w WHERE z = y AND z = x)) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2)), w(z) AS (VALUES (2), (3))
SELECT x FROM t WHERE EXISTS (SELECT 1 FROM u WHERE y = x AND y IN (SELECT z FROM w WHERE z >= x)) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2)), w(z) AS (VALUES (2), (3))
SELECT x, (SELECT max((SELECT max(z) FROM w WHERE z > y + x)) FROM u WHERE y = x) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2)), w(z) AS (VALUES (2), (3))
SELECT x FROM t WHERE x IN (SELECT y FROM u WHERE EXISTS (SELECT 1 FROM w WHERE z > x AND z > y)) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, (SELECT y FROM u WHERE y >= x ORDER BY y LIMIT 1) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2), (5))
SELECT x, (SELECT sum(y) FROM (SELECT y FROM u WHERE y >= x ORDER BY y DESC LIMIT 2 OFFSET 1) s) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2), (5))
SELECT x FROM t WHERE x IN (SELECT y FROM u WHERE y <> x ORDER BY y LIMIT 2) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2), (5))
SELECT x, (SELECT count(*) FROM (SELECT y FROM u WHERE y > x LIMIT 0) s) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2)), u(y) AS (VALUES (1), (2), (2), (5))
SELECT x, (SELECT y FROM u WHERE y >= x ORDER BY y OFFSET 1 LIMIT 1) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2)), u(y) AS (VALUES (1), (2))
SELECT x, (SELECT count(*) FROM u a FULL JOIN u b ON a.y = b.y AND b.y = x) FROM t ORDER BY x;

-- HAVING, GROUP BY, JOIN ... ON
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (3, 1))
SELECT g, sum(x) FROM t GROUP BY g HAVING sum(x) > (SELECT avg(x) FROM t) ORDER BY g;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (3, 1)), u(g) AS (VALUES (1), (3))
SELECT g, sum(x), EXISTS (SELECT 1 FROM u WHERE u.g = t.g) FROM t GROUP BY g ORDER BY g;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (3, 1)), u(g, y) AS (VALUES (1, 1), (1, 2), (3, 3))
SELECT g, (SELECT sum(y) FROM u WHERE u.g = t.g) FROM t GROUP BY g ORDER BY g;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 5), (3, 1)), u(g) AS (VALUES (1), (3))
SELECT g, count(*) FROM t WHERE g IN (SELECT g FROM u) GROUP BY g ORDER BY g;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2))
SELECT x, y FROM t JOIN u ON x = y + (SELECT 1) ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2))
SELECT x, y FROM t JOIN u ON y IN (SELECT 2) AND x > y ORDER BY x, y;
WITH t(x) AS (VALUES (1), (2), (3))
SELECT s.m FROM (SELECT max(x) AS m FROM t WHERE x < (SELECT max(x) FROM t)) s;
WITH t(x) AS (VALUES (1), (2), (3))
SELECT x FROM t ORDER BY (SELECT 0 - x);
WITH t(x) AS (VALUES (1), (2), (3))
SELECT sum((SELECT x * 2)) FROM t;

-- IS [NOT] DISTINCT FROM
SELECT 1 IS DISTINCT FROM NULL, NULL IS DISTINCT FROM NULL, 1 IS NOT DISTINCT FROM 1, 1 IS NOT DISTINCT FROM 2;
SELECT NULL::int IS NOT DISTINCT FROM NULL, 'a' IS DISTINCT FROM 'a', 1 IS DISTINCT FROM 1.0;

-- errors
SELECT (SELECT 1, 2);
SELECT (SELECT x FROM (VALUES (1), (2)) v(x));
WITH t(x) AS (VALUES (1), (2)), u(y) AS (VALUES (1), (1)) SELECT x, (SELECT y FROM u WHERE y = x) FROM t;
SELECT 1 IN (SELECT 1, 2);
WITH t(g, x) AS (VALUES (1, 10)) SELECT g, (SELECT x) FROM t GROUP BY g;

-- LATERAL
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, c FROM t, LATERAL (SELECT count(*) AS c FROM u WHERE y <= x) s ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, y FROM t, LATERAL (SELECT y FROM u WHERE y = x) s ORDER BY x, y;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, y FROM t LEFT JOIN LATERAL (SELECT y FROM u WHERE y = x) s ON true ORDER BY x, y;
WITH t(x) AS (VALUES (1), (2), (3), (NULL)), u(y) AS (VALUES (1), (2), (2))
SELECT x, m FROM t CROSS JOIN LATERAL (SELECT max(y) + x AS m FROM u WHERE y < x) s ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2))
SELECT x, y, z FROM t JOIN LATERAL (SELECT y, y * x AS z FROM u WHERE y >= x) s ON z > 2 ORDER BY x, y;
WITH t(x) AS (VALUES (1), (2)) SELECT * FROM t, LATERAL (SELECT x * 10 AS ten) a, LATERAL (SELECT ten + x AS more) b ORDER BY x;
WITH t(x) AS (VALUES (1), (2)), u(y) AS (VALUES (1)) SELECT * FROM t, (SELECT y FROM u WHERE y = x) s;

-- windows inside and around correlated subqueries
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2), (3))
SELECT x, (SELECT max(rn) FROM (SELECT row_number() OVER (ORDER BY y) AS rn FROM u WHERE y <= x) s) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2), (3))
SELECT x, (SELECT sum(c) FROM (SELECT count(*) OVER (PARTITION BY y) AS c FROM u WHERE y >= x) s) FROM t ORDER BY x;
WITH t(x) AS (VALUES (1), (2), (3)), u(y) AS (VALUES (1), (2), (2), (3))
SELECT x, rank() OVER (ORDER BY (SELECT count(*) FROM u WHERE y = x) DESC, x) FROM t ORDER BY x;
WITH t(g, x) AS (VALUES (1, 1), (1, 2), (2, 3)), u(y) AS (VALUES (1), (2), (3))
SELECT g, sum((SELECT count(*) FROM u WHERE y <= x)) OVER (PARTITION BY g) FROM t ORDER BY g, x;
WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 4), u(y) AS (VALUES (2), (4))
SELECT n, EXISTS (SELECT 1 FROM u WHERE y = n) FROM t ORDER BY n;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 30)), u(g, y) AS (VALUES (1, 15), (2, 5))
SELECT g, x FROM t WHERE x > ALL (SELECT y FROM u WHERE u.g = t.g) ORDER BY g, x;
WITH t(g, x) AS (VALUES (1, 10), (1, 20), (2, 30), (3, 1)), u(g, y) AS (VALUES (1, 15), (2, 5), (2, NULL))
SELECT g, x, x > ALL (SELECT y FROM u WHERE u.g = t.g), x < ANY (SELECT y FROM u WHERE u.g = t.g) FROM t ORDER BY g, x;
WITH t(g) AS (VALUES (1), (2)), u(g, y) AS (VALUES (1, 5), (1, 7), (2, 9))
SELECT g, ys FROM t, LATERAL (SELECT string_agg(y::text, ',' ORDER BY y DESC) AS ys FROM u WHERE u.g = t.g) s ORDER BY g;
WITH t(a, b) AS (VALUES (1, 1), (1, 2), (2, 1))
SELECT a, b, (SELECT count(*) FROM t t2 WHERE t2.a = t.a) FROM t GROUP BY ROLLUP (a, b) ORDER BY 1, 2;

-- EXISTS / NOT EXISTS / IN whose correlation is only in the subquery's WHERE conjuncts (pulled up
-- into the semi / anti join's condition, TPC-H Q21), with NULL keys, <> correlations, projections
-- and a smaller outer input (built on: RIGHT_SEMI / RIGHT_ANTI)
WITH o(k, s) AS (VALUES (1, 10), (1, 11), (2, 20), (3, 30), (NULL, 40), (4, NULL)), i(k, s, f) AS (VALUES (1, 10, true), (1, 12, true), (2, 20, false), (3, 31, true), (NULL, 40, true), (4, 50, true), (4, NULL, true)) SELECT o.k, o.s FROM o WHERE EXISTS (SELECT * FROM i WHERE i.k = o.k AND i.s <> o.s AND i.f) ORDER BY 1, 2;
WITH o(k, s) AS (VALUES (1, 10), (1, 11), (2, 20), (3, 30), (NULL, 40), (4, NULL)), i(k, s, f) AS (VALUES (1, 10, true), (1, 12, true), (2, 20, false), (3, 31, true), (NULL, 40, true), (4, 50, true), (4, NULL, true)) SELECT o.k, o.s FROM o WHERE NOT EXISTS (SELECT * FROM i WHERE i.k = o.k AND i.s <> o.s AND i.f) ORDER BY 1, 2;
WITH o(k, s) AS (VALUES (1, 10), (1, 11), (2, 20), (3, 30), (NULL, 40), (4, NULL)), i(k, s, f) AS (VALUES (1, 10, true), (1, 12, true), (2, 20, false), (3, 31, true), (NULL, 40, true), (4, 50, true), (4, NULL, true)) SELECT o.k, o.s FROM o WHERE o.s IN (SELECT i.s + 0 FROM i WHERE i.k = o.k) ORDER BY 1, 2;
WITH o(k, s) AS (VALUES (1, 10), (1, 11), (2, 20), (3, 30), (NULL, 40), (4, NULL)), i(k, s, f) AS (VALUES (1, 10, true), (1, 12, true), (2, 20, false), (3, 31, true), (NULL, 40, true), (4, 50, true), (4, NULL, true)) SELECT o.k, o.s FROM o WHERE EXISTS (SELECT i.k * 2 AS d FROM i WHERE i.f AND o.s > 15 AND i.s >= o.s - 1) ORDER BY 1, 2;
WITH o(k) AS (VALUES (1), (2), (NULL)), i(k) AS (SELECT g % 5 FROM generate_series(1, 3000) g) SELECT k FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k) ORDER BY 1;
WITH o(k) AS (VALUES (1), (2), (7), (NULL)), i(k) AS (SELECT g % 5 FROM generate_series(1, 3000) g) SELECT k FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k) ORDER BY 1;
WITH o(k, s) AS (VALUES (1, 1), (2, 9), (7, 0), (NULL, 0)), i(k, s) AS (SELECT g % 5, g % 7 FROM generate_series(1, 3000) g) SELECT k FROM o WHERE NOT EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.s > o.s) ORDER BY 1;
WITH o(k, s) AS (VALUES (1, 1), (2, 9), (7, 0), (NULL, 0)), i(k, s) AS (SELECT g % 5, g % 7 FROM generate_series(1, 3000) g) SELECT k FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.k = o.k AND i.s > o.s) ORDER BY 1;
WITH o(a, b) AS (VALUES (1, 1), (1, 2), (2, 2)), i(a, b) AS (VALUES (1, 1), (1, 1), (2, 3)) SELECT a, b FROM o WHERE EXISTS (SELECT 1 FROM i WHERE i.a = o.a AND i.b = o.b) ORDER BY 1, 2;
WITH o(a, b) AS (VALUES (1, 1), (1, 2), (2, 2)), i(a, b) AS (VALUES (1, 1), (1, 1), (2, 3)) SELECT a, b FROM o WHERE (SELECT count(*) FROM i WHERE i.a = o.a) > 1 AND NOT EXISTS (SELECT 1 FROM i WHERE i.a = o.a AND i.b = o.b) ORDER BY 1, 2;

-- correlated aggregate subqueries over a large inner input and a small outer one: the inner
-- rows are first cut to the outer keys (optimizer rule aggregate_input_reduction; TPC-H Q17,
-- Q20), including outer keys that match no group, NULL keys and two-column keys
WITH o(k, q) AS (VALUES (3, 1), (5, 700), (7, 0), (20000, 5), (NULL, 1)), i(k, q) AS (SELECT g % 1000, g FROM generate_series(1, 20000) g) SELECT o.k, o.q FROM o WHERE o.q < (SELECT 0.2 * avg(i.q) FROM i WHERE i.k = o.k) ORDER BY 1, 2;
WITH o(k, q) AS (VALUES (3, 1), (5, 700), (7, 0), (20000, 5), (NULL, 1)), i(k, q) AS (SELECT g % 1000, g FROM generate_series(1, 20000) g) SELECT o.k, (SELECT count(*) FROM i WHERE i.k = o.k), (SELECT sum(i.q) FROM i WHERE i.k = o.k) FROM o ORDER BY 1;
WITH o(a, b) AS (VALUES (1, 2), (1, 3), (4, 4), (NULL, 2)), i(a, b, q) AS (SELECT g % 10, g % 7, g FROM generate_series(1, 20000) g) SELECT o.a, o.b, (SELECT max(i.q) FROM i WHERE i.a = o.a AND i.b = o.b) FROM o ORDER BY 1, 2;
WITH o(k) AS (VALUES (1), (2), (999)), i(k, q) AS (SELECT g % 1000, g % 13 FROM generate_series(1, 20000) g) SELECT o.k FROM o WHERE 100 < (SELECT sum(q) FROM i WHERE i.k = o.k GROUP BY i.k HAVING count(*) > 5) ORDER BY 1;

-- set_operations.sql: UNION / INTERSECT / EXCEPT with PostgreSQL's precedence and NULL handling
-- (NULLs compare equal in set operations), and generate_series over integers and timestamps,
-- compared with PostgreSQL 15. Run by run.mjs.

SELECT 1 UNION SELECT 2 INTERSECT SELECT 2 ORDER BY 1;
SELECT 1 UNION SELECT 2 EXCEPT SELECT 1 ORDER BY 1;
SELECT 1 EXCEPT SELECT 1 UNION SELECT 3 ORDER BY 1;
(SELECT 1 UNION SELECT 2) INTERSECT (SELECT 2 UNION SELECT 3);
SELECT x FROM (VALUES (1), (2), (2), (NULL), (NULL)) v(x) INTERSECT SELECT y FROM (VALUES (2), (NULL), (3)) w(y) ORDER BY 1;
SELECT x FROM (VALUES (1), (2), (2), (NULL), (NULL)) v(x) EXCEPT SELECT y FROM (VALUES (2), (3)) w(y) ORDER BY 1;
SELECT x FROM (VALUES (1), (2)) v(x) EXCEPT SELECT y FROM (VALUES (1), (2)) w(y);
SELECT x, s FROM (VALUES (1, 'a'), (1, 'b'), (2, NULL)) v(x, s) INTERSECT SELECT 2, NULL::text ORDER BY 1;
SELECT x, s FROM (VALUES (1, 'a'), (1, 'b'), (2, NULL)) v(x, s) EXCEPT SELECT 1, 'a' ORDER BY 1, 2;
SELECT 1 INTERSECT SELECT 1.0 ORDER BY 1;
SELECT 1::bigint EXCEPT SELECT 2 ORDER BY 1;
SELECT x FROM (VALUES (3), (1), (2)) v(x) INTERSECT SELECT x FROM (VALUES (1), (3)) v(x) ORDER BY x DESC LIMIT 1;
SELECT count(*) FROM (SELECT x FROM (VALUES (1), (2)) v(x) INTERSECT SELECT 2) s;
SELECT 1, 2 INTERSECT SELECT 1;
SELECT 1 EXCEPT SELECT true;

-- generate_series
SELECT * FROM generate_series(1, 5);
SELECT * FROM generate_series(5, 1);
SELECT * FROM generate_series(10, 1, -3) s(x);
SELECT g FROM generate_series(1, 10, 4) g;
SELECT count(*), sum(g), min(g), max(g) FROM generate_series(1, 1000000) g;
SELECT count(*), sum(g) FROM generate_series(-5, 5) AS g;
SELECT * FROM generate_series(1, 3, 0);
SELECT * FROM generate_series(2147483646, 2147483647);
SELECT * FROM generate_series(9223372036854775806, 9223372036854775807);
SELECT * FROM generate_series(1::bigint, 3);
SELECT g, pg_typeof(g) FROM generate_series(1, 2) g;
SELECT * FROM generate_series('2024-01-31'::timestamp, '2024-05-01', '1 month');
SELECT * FROM generate_series('2024-01-01 00:00'::timestamp, '2024-01-01 03:00', '90 minutes');
SELECT * FROM generate_series('2024-01-03'::timestamp, '2024-01-01', '-1 day');
SELECT * FROM generate_series('2024-01-03'::timestamp, '2024-01-01', '1 day');
SELECT count(*) FROM generate_series('2024-01-01'::timestamp, '2024-12-31', '1 hour');
SELECT a.g, b.g FROM generate_series(1, 2) a(g) CROSS JOIN generate_series(1, 2) b(g) ORDER BY 1, 2;
SELECT g FROM generate_series(1, 10) g WHERE g % 3 = 0 ORDER BY g DESC;

-- INTERSECT ALL / EXCEPT ALL: min(m, n) and max(m - n, 0) copies
SELECT x FROM (VALUES (1), (1), (1), (2), (NULL), (NULL)) v(x) INTERSECT ALL SELECT y FROM (VALUES (1), (1), (2), (2), (NULL)) w(y) ORDER BY 1;
SELECT x FROM (VALUES (1), (1), (1), (2), (NULL), (NULL)) v(x) EXCEPT ALL SELECT y FROM (VALUES (1), (2), (2), (NULL)) w(y) ORDER BY 1;
SELECT x, s FROM (VALUES (1, 'a'), (1, 'a'), (1, 'b')) v(x, s) INTERSECT ALL SELECT 1, 'a' ORDER BY 1, 2;
SELECT x, s FROM (VALUES (1, 'a'), (1, 'a'), (1, 'b')) v(x, s) EXCEPT ALL SELECT 1, 'a' ORDER BY 1, 2;
SELECT 1 UNION ALL SELECT 1 INTERSECT ALL SELECT 1 ORDER BY 1;
SELECT count(*) FROM (SELECT g % 10 FROM generate_series(1, 1000) g EXCEPT ALL SELECT g % 5 FROM generate_series(1, 1000) g) s;
SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v;
VALUES (1, 2.5), (2, NULL) ORDER BY 1 DESC;

-- untyped literals take the other input's type
SELECT 1 UNION SELECT '2' ORDER BY 1;
SELECT 1 UNION SELECT 'x';
SELECT 'a' UNION SELECT 'b' ORDER BY 1;
SELECT date '2024-01-02' UNION SELECT '2024-01-01' ORDER BY 1;
SELECT 'b', 1 UNION SELECT 'a', '2' ORDER BY 1;
-- Decimals of different scales (or with integers) unify to numeric, each value keeping its scale.
SELECT 1.5 AS x UNION ALL SELECT 2 ORDER BY 1;
SELECT x FROM (VALUES (1.50), (2), (0.125)) t(x) ORDER BY 1;
-- 2.50 and '2.5' are one value to UNION, and tie in ORDER BY: which spelling survives, and
-- their order, are unspecified (parallel inputs race). Compared: the count, and each input's
-- own scale, ordered by its text.
SELECT count(*) FROM (SELECT 2.50 UNION SELECT '2.5') s;
SELECT x, x::text FROM (SELECT 2.50 UNION ALL SELECT '2.5') s(x) ORDER BY x::text;

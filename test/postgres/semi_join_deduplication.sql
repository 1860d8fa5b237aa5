-- semi_join_deduplication.sql: EXISTS, NOT EXISTS, IN and NOT IN whose subquery side repeats
-- its keys. The hash join drops build rows whose key the building thread already holds (SEMI,
-- ANTI and MARK joins without other conditions; PhysicalHashJoin::DeduplicatesBuild), and stops
-- doing so once a window of 16,384 rows brings mostly new keys. The answers must not change:
-- NULL keys (never equal, but a NOT IN over a NULL is NULL), numeric 1.0 = 1.00, float
-- 0 = -0 and NaN = NaN, text by bytes, several keys. Compared with PostgreSQL 15 by run.mjs.

-- many duplicates: 200,000 build rows over 97 keys
SELECT count(*) FROM generate_series(1, 5000) AS p(i) WHERE EXISTS (SELECT 1 FROM generate_series(1, 200000) AS b(j) WHERE j % 97 = p.i % 150);
SELECT count(*) FROM generate_series(1, 5000) AS p(i) WHERE NOT EXISTS (SELECT 1 FROM generate_series(1, 200000) AS b(j) WHERE j % 97 = p.i % 150);
SELECT count(*) FROM generate_series(1, 5000) AS p(i) WHERE p.i % 150 IN (SELECT j % 97 FROM generate_series(1, 200000) AS b(j));
SELECT count(*) FROM generate_series(1, 5000) AS p(i) WHERE p.i % 150 NOT IN (SELECT j % 97 FROM generate_series(1, 200000) AS b(j));
-- a NULL among many duplicate build keys: NOT IN is NULL for unmatched rows, NOT EXISTS ignores it
SELECT count(*) FROM generate_series(1, 5000) AS p(i) WHERE p.i % 150 NOT IN (SELECT CASE WHEN j = 123456 THEN NULL ELSE j % 97 END FROM generate_series(1, 200000) AS b(j));
SELECT (p.i % 150 NOT IN (SELECT CASE WHEN j = 123456 THEN NULL ELSE j % 97 END FROM generate_series(1, 200000) AS b(j))) AS r, count(*) FROM generate_series(1, 300) AS p(i) GROUP BY 1 ORDER BY 1;
SELECT count(*) FROM generate_series(1, 5000) AS p(i) WHERE NOT EXISTS (SELECT 1 FROM generate_series(1, 200000) AS b(j) WHERE CASE WHEN j % 2 = 0 THEN NULL ELSE j % 97 END = p.i % 150);
-- two keys, text and integer
SELECT count(*) FROM generate_series(1, 4000) AS p(i) WHERE EXISTS (SELECT 1 FROM generate_series(1, 100000) AS b(j) WHERE 'k' || (j % 31) = 'k' || (p.i % 40) AND j % 7 = p.i % 9);
SELECT count(*) FROM generate_series(1, 4000) AS p(i) WHERE NOT EXISTS (SELECT 1 FROM generate_series(1, 100000) AS b(j) WHERE 'k' || (j % 31) = 'k' || (p.i % 40) AND j % 7 = p.i % 9);
-- mostly new keys (deduplication stops), then duplicates of them
SELECT count(*) FROM generate_series(1, 300000) AS p(i) WHERE NOT EXISTS (SELECT 1 FROM (SELECT j FROM generate_series(1, 100000) AS b(j) UNION ALL SELECT j % 1000 FROM generate_series(1, 100000) AS b(j)) AS u WHERE u.j = p.i);
SELECT count(*) FROM generate_series(1, 300000) AS p(i) WHERE p.i IN (SELECT j % 1000 FROM generate_series(1, 100000) AS b(j) UNION ALL SELECT j FROM generate_series(1, 100000) AS b(j));
-- numeric keys equal by value, floats 0 = -0 and NaN = NaN
SELECT count(*) FROM (VALUES (1.0::numeric), (1.00), (2.5), (3)) AS p(x) WHERE EXISTS (SELECT 1 FROM generate_series(1, 50000) AS b(j) WHERE (CASE WHEN j % 2 = 0 THEN 1.00 ELSE 2.50 END)::numeric = p.x);
SELECT count(*) FROM (VALUES (0.0::float8), ('-0'::float8), ('NaN'::float8), (1.5)) AS p(x) WHERE p.x IN (SELECT CASE j % 3 WHEN 0 THEN '-0'::float8 WHEN 1 THEN 'NaN'::float8 ELSE 7 END FROM generate_series(1, 50000) AS b(j));
SELECT count(*) FROM (VALUES (0.0::float8), ('-0'::float8), ('NaN'::float8), (1.5)) AS p(x) WHERE NOT EXISTS (SELECT 1 FROM generate_series(1, 50000) AS b(j) WHERE CASE j % 3 WHEN 0 THEN 0.0::float8 WHEN 1 THEN 'NaN'::float8 ELSE 7 END = p.x);
-- a residual condition keeps every build row (no deduplication): the answers still match
SELECT count(*) FROM generate_series(1, 3000) AS p(i) WHERE EXISTS (SELECT 1 FROM generate_series(1, 60000) AS b(j) WHERE j % 97 = p.i % 150 AND j > p.i * 10);
SELECT count(*) FROM generate_series(1, 3000) AS p(i) WHERE NOT EXISTS (SELECT 1 FROM generate_series(1, 60000) AS b(j) WHERE j % 97 = p.i % 150 AND j < p.i * 10);

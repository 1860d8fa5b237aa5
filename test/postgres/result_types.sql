-- result_types.sql: result types and result column names PostgreSQL 15 gives aggregates,
-- casts, function calls and operators: sum(smallint|integer) bigint, sum(bigint) numeric,
-- avg(integer types) numeric, count bigint; FigureColname's names (count, sum, int4, text,
-- case, coalesce, ?column?); pg_typeof's spellings. Compared by run.mjs.

-- sum, avg, count result types
SELECT sum(x), avg(x), count(x), count(*) FROM (VALUES (1::smallint), (2::smallint), (2::smallint)) AS t(x);
SELECT sum(x), avg(x), count(x) FROM (VALUES (1), (2), (4)) AS t(x);
SELECT sum(x), avg(x) FROM (VALUES (1::bigint), (2::bigint)) AS t(x);
SELECT sum(x), avg(x) FROM (VALUES (1.25), (2.5)) AS t(x);
SELECT sum(x), avg(x) FROM (VALUES (1.5::float8), (2.25::float8)) AS t(x);
SELECT sum(x), avg(x) FROM (VALUES (-1), (-2)) AS t(x);
-- numeric division picks the display scale per value (20 digits here, 12 for an average of
-- 100000 or more).
SELECT avg(x) FROM (VALUES (-3), (2)) AS t(x);
SELECT avg(x) FROM (VALUES (1), (1)) AS t(x);
SELECT avg(x) FROM (VALUES (100000), (100001)) AS t(x);
SELECT avg(x) FROM (VALUES (1000), (2001)) AS t(x);
SELECT avg(x) FROM (VALUES (5), (2), (2)) AS t(x);
-- numeric division rounds half away from zero, for negative averages too
SELECT avg(x), avg(-x), avg(x::bigint), avg(x::smallint) FROM (VALUES (1), (2), (2)) AS t(x);
SELECT avg(x) FROM (VALUES (2), (3), (3), (3), (3), (3)) AS t(x);
SELECT avg(x) FROM (VALUES (9223372036854775807), (9223372036854775806)) AS t(x);
SELECT avg(x) FROM (VALUES (1.05), (2.5), (3.125)) AS t(x);
SELECT sum(x) FROM (VALUES (2147483647), (2147483647)) AS t(x);
SELECT sum(x) FROM (VALUES (9223372036854775807), (9223372036854775807)) AS t(x);
SELECT sum(x), avg(x), count(x) FROM (VALUES (NULL::int)) AS t(x);
SELECT sum(x), count(*) FROM (VALUES (1), (2)) AS t(x) WHERE x > 5;
SELECT x % 2 AS k, sum(x), avg(x), count(*) FROM (VALUES (1), (2), (3), (4), (5)) AS t(x) GROUP BY 1 ORDER BY 1;
SELECT pg_typeof(sum(x)), pg_typeof(avg(x)), pg_typeof(count(x)) FROM (VALUES (1::smallint)) AS t(x);
SELECT pg_typeof(sum(x)), pg_typeof(avg(x)) FROM (VALUES (1)) AS t(x);
SELECT pg_typeof(sum(x)), pg_typeof(avg(x)) FROM (VALUES (1::bigint)) AS t(x);
SELECT pg_typeof(sum(x)), pg_typeof(avg(x)) FROM (VALUES (1.5)) AS t(x);
SELECT pg_typeof(sum(x)), pg_typeof(avg(x)) FROM (VALUES (1.5::real)) AS t(x);
SELECT pg_typeof(sum(x)), pg_typeof(avg(x)) FROM (VALUES (1.5::float8)) AS t(x);

-- result column names (FigureColname)
SELECT 1, 2, 'a', -1, 1 + 2, true, 7 / 2;
SELECT 1::int, 'a'::text, 1::numeric(10,2), 1::float8, 'x'::varchar, 1::bigint, 1::smallint, 1::real, 1::boolean;
SELECT date '2024-01-01', interval '1 day', CAST(2 AS bigint);
SELECT lower('A'), coalesce(NULL, 1), nullif(1, 2), greatest(1, 2), least(1, 2), abs(-1)::text;
SELECT CASE WHEN true THEN 1 END, CASE WHEN x > 0 THEN 1 ELSE x END, x::int, x, t.x, -x FROM (VALUES (1)) AS t(x);
SELECT x IS NULL, x IN (1, 2), x BETWEEN 1 AND 2, 'a' LIKE 'b', NOT true FROM (VALUES (1)) AS t(x);
SELECT count(*), sum(x), avg(x), min(x), max(x), count(x)::int, sum(x) + 1 FROM (VALUES (3), (4)) AS t(x);
SELECT x AS a, x AS a, 1 AS "Mixed Case" FROM (VALUES (1)) AS t(x);
SELECT * FROM (SELECT 1, 2) AS s;
SELECT * FROM (SELECT 1 AS a, 2 AS a) AS s;

-- pg_typeof spells PostgreSQL's type names; an untyped literal is unknown
SELECT pg_typeof('a'), pg_typeof('a'::text), pg_typeof(1), pg_typeof(1::smallint), pg_typeof(1::bigint), pg_typeof(1.5);
SELECT pg_typeof(1.5::real), pg_typeof(1.5::float8), pg_typeof(true), pg_typeof('a'::bytea), pg_typeof(NULL);
SELECT pg_typeof(current_date), pg_typeof(now()), pg_typeof(now()::timestamp), pg_typeof(interval '1 day'), pg_typeof('12:00'::time);
SELECT pg_typeof(7 / 2), pg_typeof(1 + 2::bigint), pg_typeof(round(2.5)), pg_typeof(round(2.5::float8)), pg_typeof(ceil(2));
SELECT 'a', pg_typeof(x) FROM (VALUES ('a')) AS t(x);

-- unknown-typed literals take the other operand's type; two of them are ambiguous
SELECT 1 + '2', '3' * 2, 2.5 + '1.25', x = '5', x < '10' FROM (VALUES (5)) AS t(x);
SELECT '1' + '2';
SELECT '2' * '3';
SELECT 1 + 'a';
SELECT date '2024-01-02' - '2024-01-01', date '2024-01-01' + '1 day'::interval, '2024-01-01' < date '2024-01-02';
SELECT '2024-01-01' < now(), now() > '2000-01-01';
SELECT 'a' || 'b', 'a' || 1, 1 || 'a';

-- string concatenation with NULL: || gives NULL, concat skips NULLs
SELECT 'a' || NULL, NULL || 'a', concat('a', NULL, 'b'), concat(NULL), concat_ws(',', 'a', NULL, 'b');

-- interval output (IntervalStyle postgres)
SELECT interval '1 year 2 months', interval '1 day 2 hours', interval '-1 second', interval '1 year -1 day 3 seconds';
SELECT interval '-1 day -02:00:00', interval '1.5 seconds', interval '-1 year -2 mons +3 days -04:05:06.7', interval '0 seconds';
SELECT timestamp '2024-03-01 00:00:00' - timestamp '2024-01-01 12:00:00', date '2024-03-01' - date '2024-01-01';

-- unknown-typed output columns are text
SELECT NULL, NULL::int;
SELECT * FROM (SELECT NULL AS x) s;
SELECT NULL UNION SELECT 1 ORDER BY 1;
SELECT NULL AS a, 'b' AS b;

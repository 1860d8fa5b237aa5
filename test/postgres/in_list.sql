-- in_list.sql: x IN (...) / x NOT IN (...) over lists of constants, short (compared term by
-- term) and long (probed in a hash set), for every comparable type, with PostgreSQL's
-- three-valued semantics: a NULL probe is NULL, a NULL term makes a miss NULL (NOT IN: NULL or
-- FALSE), an empty match without NULL is FALSE. Float equality: -0 = 0 and NaN = NaN; numeric
-- equality by value (1.0 = 1.00); interval equality by span (1 day = 24 hours).
-- Compared with PostgreSQL 15 by run.mjs.

-- integers: long lists, hits, misses, NULL terms and NULL probes
SELECT x, x IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19) AS hit, x NOT IN (1, 3, 5, 7, 9, 11, 13, 15, 17, 19) AS miss FROM (VALUES (1), (2), (19), (20), (NULL)) AS t(x) ORDER BY x;
SELECT x, x IN (1, 3, 5, 7, 9, 11, 13, 15, 17, NULL) AS hit, x NOT IN (1, 3, 5, 7, 9, 11, 13, 15, 17, NULL) AS miss FROM (VALUES (1), (2), (17), (NULL)) AS t(x) ORDER BY x;
SELECT x, x IN (1, 3, NULL) AS hit, x NOT IN (1, 3, NULL) AS miss FROM (VALUES (1), (2), (NULL)) AS t(x) ORDER BY x;
SELECT count(*) FROM generate_series(1, 100000) AS t(x) WHERE x IN (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);
SELECT count(*) FROM generate_series(1, 100000) AS t(x) WHERE x NOT IN (2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536);
SELECT count(*) FROM generate_series(1, 1000) AS t(x) WHERE x NOT IN (2, 4, 8, 16, 32, 64, 128, 256, 512, NULL);
SELECT count(*) FROM generate_series(1, 1000) AS t(x) WHERE (x IN (2, 4, 8, 16, 32, 64, 128, 256, 512, NULL)) IS NULL;
SELECT count(*) FROM generate_series(1, 1000) AS t(x) WHERE NOT (x NOT IN (2, 4, 8, 16, 32, 64, 128, 256, 512, NULL));
SELECT x FROM generate_series(-5, 5) AS t(x) WHERE x::bigint IN (-9223372036854775808, -4, -2, 0, 2, 4, 9223372036854775807, 100, 200, 300) ORDER BY x;
SELECT x FROM generate_series(-5, 5) AS t(x) WHERE x::smallint IN (-4::smallint, -2::smallint, 0::smallint, 2::smallint, 4::smallint, 6::smallint, 8::smallint, 10::smallint, 12::smallint) ORDER BY x;
-- mixed integer and numeric terms unify to numeric
SELECT x, x IN (1, 2.0, 3.50, 4, 5, 6, 7, 8, 9, 10.5) AS hit FROM (VALUES (1), (2), (3), (10), (11)) AS t(x) ORDER BY x;
SELECT x, x IN (1, 2.0, 3.5) AS hit FROM (VALUES (1), (2), (3)) AS t(x) ORDER BY x;

-- numeric: equal by value whatever the scale
SELECT x, x IN (1.00, 2.5, 3.000, 4, 5, 6, 7, 8, 9, 0.10) AS hit, x NOT IN (1.00, 2.5, 3.000, 4, 5, 6, 7, 8, 9, 0.10) AS miss FROM (VALUES (1.0), (2.50), (3), (0.1), (0.11), (NULL)) AS t(x) ORDER BY x;
SELECT x, x IN (1.00, 2.5, 3.000) AS hit FROM (VALUES (1.0), (2.50), (3), (0.1)) AS t(x) ORDER BY x;
SELECT x, x::numeric(10, 2) IN (1.00, 2.5, 3.000, 4, 5, 6, 7, 8, 9, 0.10) AS hit FROM (VALUES (1.0), (2.50), (0.1), (0.105)) AS t(x) ORDER BY x;

-- floats: -0 = 0, NaN = NaN, no match otherwise
SELECT x, x IN ('NaN'::float8, 0::float8, 1.5::float8, 2.5::float8, 3.5::float8, 4.5::float8, 5.5::float8, 6.5::float8, 7.5::float8, 'Infinity'::float8) AS hit FROM (VALUES ('-0'::float8), ('NaN'::float8), (1.5::float8), (1.25::float8), ('Infinity'::float8), ('-Infinity'::float8), (NULL)) AS t(x) ORDER BY x;
SELECT x, x IN ('-0'::float8, 1::float8, 2::float8, 3::float8, 4::float8, 5::float8, 6::float8, 7::float8, 8::float8, 9::float8) AS hit FROM (VALUES (0::float8), ('-0'::float8), (10::float8)) AS t(x) ORDER BY x;
SELECT x, x IN ('NaN'::float8, 0::float8) AS hit FROM (VALUES ('-0'::float8), ('NaN'::float8), (1::float8)) AS t(x) ORDER BY x;
SELECT x, x IN ('NaN'::real, 0::real, 1.5::real, 2.5::real, 3.5::real, 4.5::real, 5.5::real, 6.5::real, 7.5::real, 8.5::real) AS hit FROM (VALUES ('-0'::real), ('NaN'::real), (2.5::real), (2.25::real)) AS t(x) ORDER BY x;

-- text: byte equality, case and trailing blanks matter
SELECT s, s IN ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'a longer string than twelve bytes', 'ü') AS hit, s NOT IN ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', NULL) AS miss FROM (VALUES ('a'), ('A'), ('a '), ('a longer string than twelve bytes'), ('a longer string than twelve byteS'), ('ü'), (''), (NULL)) AS t(s) ORDER BY s;
SELECT count(*) FROM generate_series(1, 5000) AS t(x) WHERE x::text IN ('1', '10', '100', '1000', '2000', '3000', '4000', '5000', '6000', '7', '77', '777');
SELECT s FROM (VALUES ('x'::varchar(3)), ('yy'), ('zzz')) AS t(s) WHERE s IN ('x', 'yy', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h') ORDER BY s;

-- dates, timestamps, times, intervals
SELECT d, d IN ('1998-12-01', '1998-09-02', '2000-02-29', '1970-01-01', '1969-12-31', '2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04') AS hit FROM (VALUES (date '1998-12-01'), (date '1998-09-02'), (date '1998-09-03'), (date '1969-12-31'), (NULL)) AS t(d) ORDER BY d;
SELECT ts, ts IN (timestamp '2024-01-01 00:00:00', '2024-01-01 00:00:01', '2024-01-01 12:00', '1999-12-31 23:59:59.999999', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06') AS hit FROM (VALUES (timestamp '2024-01-01'), (timestamp '2024-01-01 00:00:00.5'), (timestamp '1999-12-31 23:59:59.999999')) AS t(ts) ORDER BY ts;
SELECT ts, ts IN (timestamptz '2024-01-01 00:00:00+00', '2024-01-01 01:00:00+01', '2024-06-01 00:00+00', '2024-01-02 00:00+00', '2024-01-03 00:00+00', '2024-01-04 00:00+00', '2024-01-05 00:00+00', '2024-01-06 00:00+00', '2024-01-07 00:00+00') AS hit FROM (VALUES (timestamptz '2024-01-01 00:00:00+00'), (timestamptz '2024-01-01 03:00:00+03'), (timestamptz '2024-01-01 00:00:01+00')) AS t(ts) ORDER BY ts;
SELECT tm, tm IN (time '00:00', '12:00', '12:30:00.5', '23:59:59', '01:00', '02:00', '03:00', '04:00', '05:00') AS hit FROM (VALUES (time '12:00:00'), (time '12:30:00.5'), (time '12:30:00')) AS t(tm) ORDER BY tm;
SELECT i, i IN (interval '1 day', interval '1 month', interval '2 hours', interval '3 hours', interval '4 hours', interval '5 hours', interval '6 hours', interval '7 hours', interval '8 hours') AS hit FROM (VALUES (interval '24 hours'), (interval '30 days'), (interval '120 minutes'), (interval '1 day 1 second')) AS t(i) ORDER BY i;

-- uuid, bool, bytea
SELECT u, u IN ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '123e4567-e89b-12d3-a456-426614174000', '123e4567-e89b-12d3-a456-426614174001', '123e4567-e89b-12d3-a456-426614174002', '123e4567-e89b-12d3-a456-426614174003', '123e4567-e89b-12d3-a456-426614174004', '123e4567-e89b-12d3-a456-426614174005') AS hit FROM (VALUES ('A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11'::uuid), ('123e4567-e89b-12d3-a456-426614174009'::uuid)) AS t(u) ORDER BY u;
SELECT b, b IN (true, true, true, true, true, true, true, true, true, NULL) AS hit, b NOT IN (false, false, false, false, false, false, false, false, false, false) AS miss FROM (VALUES (true), (false), (NULL)) AS t(b) ORDER BY b;
SELECT x, x IN ('\x00'::bytea, '\x01', '\x0102', '\xff', '\x', '\x03', '\x04', '\x05', '\x06') AS hit FROM (VALUES ('\x0102'::bytea), ('\x'::bytea), ('\x0201'::bytea)) AS t(x) ORDER BY x;

-- terms that are constant expressions (casts, arithmetic) and duplicates
SELECT x FROM generate_series(1, 20) AS t(x) WHERE x IN (1 + 1, 2 * 3, '7'::int, 10 - 1, 11, 11, 11, 13, 17, 19) ORDER BY x;
-- NULL IN (...), and a probe that is an expression
SELECT NULL IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS a, NULL::int NOT IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) AS b;
SELECT x, (x % 7) IN (0, 1, 2, 3, 4, 5, 6, 70, 80, 90) AND x > 3 AS both FROM (VALUES (1), (5), (NULL)) AS t(x) ORDER BY x;
-- IN in the select list and under CASE
SELECT x, CASE WHEN x IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10) THEN 'small' WHEN x NOT IN (11, 12, 13, 14, 15, 16, 17, 18, 19, 20, NULL) THEN 'big' ELSE 'unknown' END AS size FROM (VALUES (3), (15), (25), (NULL)) AS t(x) ORDER BY x;

-- a term that does not convert to the probe's type fails as PostgreSQL's comparison does
SELECT 1 IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 'x');
SELECT date '2024-01-01' IN ('2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-06', '2024-01-07', '2024-01-08', 'not a date');

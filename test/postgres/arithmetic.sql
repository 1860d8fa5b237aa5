-- arithmetic.sql: integer, numeric and float arithmetic where PostgreSQL and DuckDB differ —
-- integer division truncates toward zero, % takes the dividend's sign, division by zero is
-- 22012 for every numeric type, integer overflow is 22003 (also MIN / -1 and abs(MIN)),
-- rounding functions (numeric half away from zero, double precision rint) and their result
-- types. Compared with PostgreSQL 15 by run.mjs (values, types, column names, SQLSTATEs).

-- integer division and modulo
SELECT 7 / 2, -7 / 2, 7 / -2, -7 / -2, 1 / 3, 0 / 5;
SELECT 7 % 2, -7 % 2, 7 % -2, -7 % -2, 0 % 3;
SELECT 7::smallint / 2::smallint, -7::smallint % 2::smallint, 7::bigint / 2, -9::bigint % 4;
SELECT 7::smallint / 2, 7 / 2::bigint, 10 / 3 * 3, 10 % 3 + 10 / 3 * 3;
SELECT x / 4, x % 4 FROM (VALUES (-9), (-8), (-1), (0), (1), (8), (9)) AS t(x);
SELECT 2147483647 / -1, (-2147483648)::int % -1, (-9223372036854775808)::bigint % -1;
SELECT (-32768)::smallint % (-1)::smallint;

-- division and modulo by zero: 22012 for integers, numerics and floats
SELECT 1 / 0;
SELECT 1 % 0;
SELECT 1::bigint / 0;
SELECT 1::smallint % 0::smallint;
SELECT 1.5 / 0;
SELECT 1.5 % 0;
SELECT 1.0::float8 / 0;
SELECT 1::float8 / 0::float8;
SELECT x / 0 FROM (VALUES (0), (1)) AS t(x);

-- integer overflow: 22003
SELECT (-2147483648)::int / -1;
SELECT (-9223372036854775808)::bigint / -1;
SELECT (-32768)::smallint / (-1)::smallint;
SELECT 2147483647 + 1;
SELECT (-2147483648)::int - 1;
SELECT 65536 * 65536;
SELECT 9223372036854775807 + 1;
SELECT 32767::smallint + 1::smallint;
SELECT -((-2147483648)::int);
SELECT -((-9223372036854775808)::bigint);
SELECT abs((-2147483648)::int);
SELECT abs((-9223372036854775808)::bigint);
SELECT abs((-32768)::smallint);
SELECT 2147483647 + 1::bigint, 65536::bigint * 65536;

-- rounding: numeric half away from zero, double precision rint (half to even)
SELECT round(2.5), round(3.5), round(-2.5), round(-3.5), round(0.5), round(1.4999);
SELECT round(2.5::float8), round(3.5::float8), round(-2.5::float8), round(0.5::float8), round(1.5::float8);
SELECT round(2.567, 1), round(2.5, 3), round(1234.5, -2), round(-2.55, 1), round(9.96, 1), round(0.0, 2);
SELECT round(1.5, -2147483648), round(-1.5, -1), round(1.5, 0), trunc(1.5, -2147483648);
-- cairn-rows [["1.500000000000000000000000000000000000"]] DECIMAL holds 38 digits: the scale is capped
SELECT round(1.5, 50);
SELECT trunc(2.567, 1), trunc(-2.567, 2), trunc(2.567), trunc(-2.5), trunc(1234.5, -2);
SELECT ceil(2.1), ceil(-2.1), floor(2.9), floor(-2.1), ceiling(2.0001), ceil(2.0);
SELECT ceil(2.5::float8), floor(-2.5::float8), trunc(-2.7::float8);
SELECT round(2), ceil(2), floor(2::bigint), trunc(2::smallint);
SELECT round(x), trunc(x, 1) FROM (VALUES (1.25), (-1.25), (1.35)) AS t(x);
SELECT abs(-2), abs(-2::smallint), abs(-2::bigint), abs(-2.5), abs(-2.5::real), abs(-2.5::float8);

-- numeric + - * keep exact digits
SELECT 1.5 + 2.25, 1.5 - 2.25, 1.5 * 2.25, 10.5 % 3, -10.5 % 3;
SELECT 0.1 + 0.2, 0.1::float8 + 0.2::float8;

-- sign: double precision for integers and floats, numeric for numerics
SELECT sign(-3), sign(0), sign(5::bigint), sign(-2.5), sign(0.0), sign(2.5::float8), sign(-2::smallint);
SELECT pg_typeof(sign(-3)), pg_typeof(sign(-2.5)), pg_typeof(sign(2.5::float8));

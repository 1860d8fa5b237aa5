-- functions_numeric_division.sql: numeric / numeric and integer / numeric divide exactly in
-- numeric (PostgreSQL's numeric_div), rounding half away from zero; 22012 for a zero divisor,
-- NULL in NULL out. The quotient is a numeric whose display scale is chosen per value by
-- select_div_scale (20 digits below 1, fewer from 10000), as in PostgreSQL.

SELECT 7.0 / 2.0, 10::numeric / 4, -7.5 / 2, 9 / 4.0, 100.00 * 15 / 7;
SELECT 1.5 / 0.5, 2.25 / 1.5, -9.99 / 3, 5 / -2.0;
SELECT x / 3.0 FROM (VALUES (4), (5), (7), (8), (-8), (NULL)) AS t(x);
SELECT 1.00000000000000000001 / 3, 7 / 2.000000000000000000;
SELECT NULL::numeric / 2, 2 / NULL::numeric;
SELECT 1.0 / 3, 2 / 3::numeric(10,2), 1::numeric(38,0) / 7;
SELECT 100000.0 / 3;
SELECT 1.0 / 0;
SELECT 0.0 / 0;
SELECT 5 / 0.00;
SELECT sum(x) / count(*) AS mean FROM (VALUES (1.5), (2.5), (4.0)) AS t(x);
SELECT avg(x) FROM (VALUES (1), (2)) AS t(x);

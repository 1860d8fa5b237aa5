-- unknown_literals.sql: untyped string literals as function arguments resolve as PostgreSQL's
-- function resolution does (text first, then the category's preferred type), compared with
-- PostgreSQL 15. Run by run.mjs.

SELECT abs('-1'), round('2.5'), sqrt('4');
SELECT age('2024-01-01'::timestamp, '2023-01-01'), age('2024-01-01', '2023-06-01'::timestamp);
SELECT make_date('2024', 1, 1), upper('a'), length('abc');
SELECT to_char('2024-05-17'::date, 'YYYY'), date_part('year', '2024-05-17');
SELECT lower('ÄB'), to_timestamp('2024-05-17', 'YYYY-MM-DD');
SELECT greatest('1', '2'), coalesce('a', 'b');
SELECT repeat('ab', '2');
SELECT date_trunc('month', '2024-05-17');

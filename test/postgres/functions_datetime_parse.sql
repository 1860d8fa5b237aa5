-- functions_datetime_parse.sql: to_date(text, template) and to_timestamp(text, template) —
-- numeric fields with and without separators, month and day names, 12-hour clocks, fractions,
-- zone offsets, defaults for missing fields and PostgreSQL's errors. Run by run.mjs.

SELECT to_date('2024-01-05', 'YYYY-MM-DD'), to_date('20240105', 'YYYYMMDD'), to_date('05/01/2024', 'DD/MM/YYYY');
SELECT to_date('2024 Jan 5', 'YYYY Mon DD'), to_date('5 JANUARY 2024', 'DD MONTH YYYY'), to_date('Friday 5 january 2024', 'Day DD Month YYYY');
SELECT to_date('2024-060', 'YYYY-DDD'), to_date('24-03-01', 'YY-MM-DD'), to_date('99-03-01', 'YY-MM-DD');
SELECT to_date('2024', 'YYYY'), to_date('03', 'MM');
SELECT to_date('  2024 -  01 - 05', 'YYYY-MM-DD');
SELECT to_date('2024.01.05', 'YYYY-MM-DD'), to_date('2024/1/5', 'YYYY/MM/DD');
SELECT to_timestamp('2024-01-05 13:14:15', 'YYYY-MM-DD HH24:MI:SS');
SELECT to_timestamp('2024-01-05 01:14:15 PM', 'YYYY-MM-DD HH:MI:SS AM'), to_timestamp('2024-01-05 12:00 a.m.', 'YYYY-MM-DD HH12:MI A.M.');
SELECT to_timestamp('2024-01-05 13:14:15.5', 'YYYY-MM-DD HH24:MI:SS.MS'), to_timestamp('13:14:15.123456', 'HH24:MI:SS.US');
SELECT to_timestamp('2024-01-05 10:00 +02', 'YYYY-MM-DD HH24:MI TZH'), to_timestamp('2024-01-05 10:00 -03:30', 'YYYY-MM-DD HH24:MI TZH:TZM');
SELECT to_timestamp('2024-01-05T10:00', 'YYYY-MM-DD"T"HH24:MI');
SELECT to_date(NULL, 'YYYY'), to_date('2024', NULL);
SELECT to_date('2024-13-01', 'YYYY-MM-DD');
SELECT to_date('2024-02-30', 'YYYY-MM-DD');
SELECT to_date('2024-xx-01', 'YYYY-MM-DD');
SELECT to_date('2024 Foo 01', 'YYYY Mon DD');
SELECT to_timestamp('13:00 PM', 'HH:MI PM');
SELECT to_timestamp('2024-01-05 25:00', 'YYYY-MM-DD HH24:MI');

-- datetime.sql: date/time arithmetic and its overflow errors, compared with PostgreSQL 15.
-- Run by run.mjs.
SELECT TIMESTAMP '2001-01-01' + INTERVAL '300000 years';
SELECT TIMESTAMP '2001-01-01' - INTERVAL '300000 years';
SELECT TIMESTAMP '2001-01-01' + INTERVAL '1 year 2 mons 3 days 04:05:06', TIMESTAMP '2024-01-31' + INTERVAL '1 month';
SELECT TIMESTAMP '2024-03-31' - INTERVAL '1 month', TIMESTAMP '2000-02-29' + INTERVAL '1' YEAR;
SELECT TIMESTAMP '2001-01-01' + INTERVAL '2147483647 days';
SELECT TIMESTAMP '2001-01-01' + INTERVAL '-2147483648 days';
SELECT TIMESTAMP '2001-01-01' + INTERVAL '2147483647 months';
SELECT DATE '2024-01-01' + 30, DATE '2024-03-01' - 1, 7 + DATE '2024-01-01';
SELECT DATE '5874897-12-31' + 1;
SELECT DATE '4713-01-01 BC' - 1;
SELECT DATE '2024-03-01' - DATE '2024-01-01', DATE '4713-01-01 BC' - DATE '5874897-12-31';
SELECT TIMESTAMP '2024-03-01 12:00' - TIMESTAMP '2024-01-01', TIMESTAMP '2024-01-01' - TIMESTAMP '2024-03-01 12:00:00.5';
SELECT INTERVAL '1 day' * 3, INTERVAL '1 mon 2 days 03:00:00' * -2;
SELECT INTERVAL '2147483647 days' * 2;
SELECT INTERVAL '1000000000 months' * 3;
SELECT INTERVAL '2147483647 days' + INTERVAL '1 day';
SELECT INTERVAL '-2147483648 months' - INTERVAL '1 month';
SELECT -INTERVAL '-2147483648 days';
SELECT INTERVAL '2147483648 days';
SELECT INTERVAL '2147483647 years';
SELECT INTERVAL '178956970 years 8 months';
SELECT INTERVAL '9223372036854775807 microseconds', INTERVAL '-2562047788:00:54.775808';
SELECT INTERVAL '9223372036854775808 microseconds';
SELECT TIME '23:00' + INTERVAL '2 hours', TIME '01:00' - INTERVAL '2 hours', TIME '10:00' + INTERVAL '1 day 1 minute';
SELECT '0000-01-01'::date;
SELECT '2024-13-01'::date;
SELECT '2024-02-30'::timestamp;

-- extract is numeric (fractions for second, millisecond, epoch), date_part double precision
SELECT extract(second FROM timestamp '2024-01-01 12:00:01.5'), extract(epoch FROM timestamp '2024-01-01 00:00:00.25'), extract(milliseconds FROM timestamp '2024-01-01 00:00:01.5');
SELECT extract(year FROM timestamp '2024-05-01 10:00'), extract(dow FROM date '2024-05-01'), extract(epoch FROM date '2024-05-01'), extract(day FROM date '2024-05-01');
SELECT extract(second FROM time '10:00:01.5'), extract(epoch FROM interval '1 day 1.5 seconds'), extract(microseconds FROM timestamp '2024-01-01 00:00:01.5');
SELECT date_part('second', timestamp '2024-01-01 12:00:01.5'), date_part('epoch', timestamp '2024-01-01 00:00:00.25'), date_part('year', date '2024-05-01');
SELECT extract(century FROM timestamp '2024-05-01'), extract(quarter FROM timestamp '2024-05-01'), extract(isodow FROM timestamp '2024-05-05');

-- date_trunc of an interval
SELECT date_trunc('hour', interval '1 day 02:30:45.5'), date_trunc('day', interval '1 mon 3 days 04:00'), date_trunc('year', interval '3 years 5 months 2 days');
SELECT date_trunc('quarter', interval '1 year 5 months'), date_trunc('second', interval '-1 day -02:30:45.5'), date_trunc('decade', interval '25 years');
SELECT date_trunc('week', interval '10 days');

-- ISO 8601's basic form YYYYMMDD (date_in accepts it; COPY FROM files use it).
SELECT '20240315'::date, '19991231'::date, '20240315 10:30:00'::timestamp;
SELECT '20240230'::date;

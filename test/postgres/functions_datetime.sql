-- functions_datetime.sql: PostgreSQL's date/time functions — AT TIME ZONE in both directions
-- (tz database names in any case, POSIX numeric offsets, intervals, DST gaps and overlaps),
-- age, date_bin, make_interval, to_timestamp(double), to_char on timestamps, intervals and
-- numbers (template patterns, FM, TH, quoted text; 9 0 . , S FM); NULLs and errors.

SELECT timestamp '2024-11-03 01:30' AT TIME ZONE 'America/New_York', timestamp '2024-03-10 02:30' AT TIME ZONE 'America/New_York';
SELECT timestamp '2024-07-01 12:00' AT TIME ZONE 'Europe/Paris', timestamp '2024-01-01 12:00' AT TIME ZONE 'europe/paris';
SELECT timestamptz '2024-07-01 12:00+00' AT TIME ZONE 'Europe/Paris', timestamptz '2024-03-10 06:59:59+00' AT TIME ZONE 'America/New_York', timestamptz '2024-03-10 07:00:00+00' AT TIME ZONE 'America/New_York';
SELECT timestamp '2024-01-01 00:00' AT TIME ZONE '+05', timestamp '2024-01-01 00:00' AT TIME ZONE 'UTC+5', timestamp '2024-01-01 00:00' AT TIME ZONE '-03:30', timestamp '2024-01-01' AT TIME ZONE 'UTC';
SELECT timestamp '2024-01-01' AT TIME ZONE interval '02:00', timestamptz '2024-01-01 00:00+00' AT TIME ZONE interval '-05:30';
SELECT timestamptz '2024-01-01 00:00+00' AT TIME ZONE 'EST5EDT', timestamptz '2024-06-01 00:00+00' AT TIME ZONE 'Asia/Kolkata', date '2024-06-01' AT TIME ZONE 'Asia/Tokyo';
SELECT timestamp '2024-01-01' AT TIME ZONE NULL, NULL::timestamp AT TIME ZONE 'UTC';
SELECT timestamp '2024-01-01' AT TIME ZONE 'Nowhere/Land';
SELECT timestamp '2024-01-01' AT TIME ZONE interval '1 day';
SELECT age(timestamp '2024-03-31', timestamp '2024-02-29'), age(timestamp '2024-01-31 10:00', timestamp '2023-02-28 12:00'), age(timestamp '2020-01-01', timestamp '2024-03-15 01:02:03');
SELECT age(date '2024-01-01', date '2023-02-01'), age(timestamptz '2024-05-01 00:00+00', timestamptz '2024-03-31 12:00+00'), age(timestamp '2024-03-01', timestamp '2024-01-31'), age(NULL::timestamp, timestamp '2024-01-01');
SELECT date_bin('15 minutes', timestamp '2024-01-01 10:37:12', timestamp '2000-01-01'), date_bin('15 minutes', timestamp '1999-12-31 23:37:12', timestamp '2000-01-01 00:05');
SELECT date_bin(interval '1 day', timestamp '2024-01-01 10:00', timestamp '2000-01-01 06:00'), date_bin('15 minutes', timestamp '2000-01-01 00:00', timestamp '2000-01-01 00:15'), date_bin('1 hour', timestamptz '2024-01-01 10:30+00', timestamptz '2024-01-01 00:00+00');
SELECT date_bin('1 month', timestamp '2024-01-01', timestamp '2000-01-01');
SELECT date_bin('0 minutes', timestamp '2024-01-01', timestamp '2000-01-01');
SELECT make_interval(1, 2, 3, 4, 5, 6, 7.5), make_interval(0, 0, 0, 10), make_interval(), make_interval(-1), make_interval(0, 0, 0, 0, 25);
SELECT to_timestamp(1700000000.5), to_timestamp(0), to_timestamp(-1.25), to_timestamp(NULL::float8);
SELECT to_timestamp('nan'::float8);
SELECT to_char(timestamp '2024-03-05 14:07:09.123456', 'YYYY-MM-DD HH24:MI:SS.MS.US'), to_char(timestamp '2024-03-05 14:07:09', 'HH12 AM am P.M. Mon MON mon Month MONTH');
SELECT to_char(timestamp '2024-03-05 00:07:09', 'HH HH12 Dy DY Day DAY D ID DDD IDDD W WW IW IYYY IY Q CC J');
SELECT to_char(timestamp '2024-03-05', 'FMMonth FMDD, YYYY'), to_char(timestamp '2024-03-05', 'DDth DDTH FMDDth "quoted DD" YYYY"-"MM'), to_char(timestamp '2024-03-21', 'FMDDth'), to_char(timestamp '2024-03-22', 'FMDDth'), to_char(timestamp '2024-03-13', 'FMDDth');
SELECT to_char(timestamp '0005-01-01', 'YYYY Y,YYY YYY YY Y AD'), to_char(timestamp '2024-12-30', 'IYYY-IW-ID RM rm SSSS'), to_char(date '2024-02-29', 'YYYY/MM/DD');
SELECT to_char(timestamptz '2024-03-05 14:07:09+00', 'YYYY-MM-DD HH24:MI TZ tz OF'), to_char(timestamp '2024-03-05 14:07:09', 'HH24:MI TZ'), to_char(NULL::timestamp, 'YYYY');
SELECT to_char(interval '1 year 2 months 3 days 04:05:06.789', 'YYYY MM DD HH24 MI SS MS'), to_char(interval '30 hours 5 minutes', 'HH24:MI'), to_char(interval '-2 hours', 'HH24');
SELECT to_char(0.5, '9.99'), to_char(0, '999'), to_char(-5, '999'), to_char(0.5, 'FM9.99'), to_char(12.3, 'FM999.00'), to_char(1234567.891, '9,999,999.99');
SELECT to_char(-12, 'S999'), to_char(12, '999S'), to_char(1234, '999'), to_char(5, '000'), to_char(-0.5, '0.9'), to_char(12, 'FM9,999'), to_char(100, '9,999');
SELECT to_char(3.14159::float8, '9.999'), to_char(0.0, '9.99'), to_char(12, '99.'), to_char(12.5::float8, '99'), to_char(-1234.5, 'FM9999.9'), to_char(2.5, '9'), to_char(-2.5, '9');
SELECT to_char(-7, '999MI'), to_char(7, '999MI'), to_char(7, 'PL999'), to_char(-7, 'SG999'), to_char(1234.5678, '99999.999'), to_char(NULL::numeric, '999');
SELECT to_char(interval '1 year 2 months 3 days', 'Mon');
SELECT to_char(interval '1 year 2 months 3 days', 'D');
SELECT to_char(interval '1 year 2 months 3 days', 'YYYY MM DD W Q CC RM');
-- cairn-error 0A000: DDD of an interval is computed from a made-up date in PostgreSQL
SELECT to_char(interval '1 year 2 months 3 days', 'DDD');

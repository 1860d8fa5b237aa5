-- temporal.sql: make_date/make_time/make_timestamp, date_trunc and extract at the calendar's
-- limits and around year 0, interval * and / by numbers (PostgreSQL's fraction cascade),
-- timestamp - timestamp at the extremes, and TIMESTAMPTZ literals with zone offsets,
-- compared with PostgreSQL 15. Run by run.mjs.
SELECT make_date(2024, 2, 29), make_date(-44, 3, 15), make_date(-4714, 11, 24), make_date(5874897, 12, 31);
SELECT make_date(0, 1, 1);
SELECT make_date(2023, 2, 29);
SELECT make_date(2024, 13, 1);
SELECT make_date(-4714, 11, 23);
SELECT make_date(5874898, 1, 1);
SELECT make_time(12, 30, 15.5), make_time(0, 0, 0), make_time(24, 0, 0), make_time(23, 59, 59.9999995);
SELECT make_time(24, 0, 0.5);
SELECT make_time(12, 60, 0);
SELECT make_time(-1, 0, 0);
SELECT make_time(12, 0, 60.5);
SELECT make_timestamp(2024, 1, 2, 3, 4, 5.5), make_timestamp(1, 1, 1, 0, 0, 0), make_timestamp(2000, 2, 29, 23, 59, 59.999999);
SELECT make_timestamp(0, 1, 1, 0, 0, 0);
SELECT make_timestamp(-44, 3, 15, 0, 0, 0);
SELECT make_timestamp(2023, 2, 29, 0, 0, 0);
SELECT make_timestamp(2024, 1, 1, 25, 0, 0);
SELECT date_trunc('century', TIMESTAMP '2024-05-05'), date_trunc('millennium', TIMESTAMP '2024-05-05'), date_trunc('decade', TIMESTAMP '2024-05-05');
SELECT date_trunc('century', TIMESTAMP '2000-12-31'), date_trunc('millennium', TIMESTAMP '2000-12-31'), date_trunc('century', TIMESTAMP '0001-06-01');
SELECT date_trunc('century', TIMESTAMP '0001-12-31 BC'), date_trunc('millennium', TIMESTAMP '0001-12-31 BC'), date_trunc('decade', TIMESTAMP '0001-12-31 BC');
SELECT date_trunc('century', TIMESTAMP '0101-01-01 BC'), date_trunc('decade', TIMESTAMP '0002-06-01 BC'), date_trunc('decade', TIMESTAMP '0009-05-05');
SELECT date_trunc('year', TIMESTAMP '4713-06-01 BC'), date_trunc('month', TIMESTAMP '4714-11-30 BC'), date_trunc('week', TIMESTAMP '4714-11-27 BC');
SELECT date_trunc('year', TIMESTAMP '4714-11-24 BC');
SELECT date_trunc('century', TIMESTAMP '4713-06-01 BC');
SELECT date_trunc('millennium', TIMESTAMP '4713-06-01 BC');
SELECT date_trunc('decade', TIMESTAMP '4711-06-01 BC');
SELECT date_trunc('year', TIMESTAMP '294246-07-01 12:34:56.789'), date_trunc('millennium', TIMESTAMP '294246-07-01'), date_trunc('hour', TIMESTAMP '294247-01-10 04:00:54.775807');
SELECT extract(year FROM TIMESTAMP '0001-12-31 BC')::bigint, extract(year FROM TIMESTAMP '0002-06-01 BC')::bigint, extract(year FROM TIMESTAMP '4714-11-24 BC')::bigint;
SELECT extract(century FROM TIMESTAMP '0001-12-31 BC')::bigint, extract(century FROM TIMESTAMP '0101-01-01 BC')::bigint, extract(century FROM TIMESTAMP '2000-12-31')::bigint, extract(century FROM TIMESTAMP '2001-01-01')::bigint;
SELECT extract(millennium FROM TIMESTAMP '0001-12-31 BC')::bigint, extract(millennium FROM TIMESTAMP '1001-01-01 BC')::bigint, extract(millennium FROM TIMESTAMP '2001-01-01')::bigint;
SELECT extract(decade FROM TIMESTAMP '0001-12-31 BC')::bigint, extract(decade FROM TIMESTAMP '0011-01-01 BC')::bigint, extract(decade FROM TIMESTAMP '0009-05-05')::bigint;
SELECT extract(isoyear FROM TIMESTAMP '0001-01-01')::bigint, extract(isoyear FROM TIMESTAMP '0001-06-01 BC')::bigint, extract(week FROM TIMESTAMP '0001-06-01 BC')::bigint;
SELECT extract(year FROM TIMESTAMP '294246-12-31 23:59:59')::bigint, extract(doy FROM TIMESTAMP '4714-11-24 BC')::bigint, extract(dow FROM TIMESTAMP '4714-11-24 BC')::bigint;
SELECT date_part('year', TIMESTAMP '0044-03-15 BC')::bigint, date_part('century', TIMESTAMP '4714-11-24 BC')::bigint, date_part('millennium', TIMESTAMP '4714-11-24 BC')::bigint;
SELECT INTERVAL '1 mon' * 1.5, INTERVAL '1 mon 1 day' * 0.5, INTERVAL '1 day' * 1.5, INTERVAL '1 mon' * -0.5;
SELECT INTERVAL '1 year 2 mons 3 days 04:05:06.789' * 2.5, 2.5 * INTERVAL '1 mon', INTERVAL '1 mon' * 0.0001;
SELECT INTERVAL '1 mon' * 3, 3 * INTERVAL '1 day 02:00:00', INTERVAL '1 mon' * CAST(1.5 AS double precision);
SELECT INTERVAL '1000000000 mons' * 2.5;
SELECT INTERVAL '1 mon' * CAST('NaN' AS double precision);
SELECT INTERVAL '1 mon' / 3, INTERVAL '1 day' / 7, INTERVAL '1 year' / 1.5, INTERVAL '10 mons 10 days' / 4;
SELECT INTERVAL '1 mon 1 day 00:00:01' / -2, INTERVAL '-1 mon' / 3, INTERVAL '29 days 23:59:59' / 0.5;
SELECT INTERVAL '1 day' / 0;
SELECT INTERVAL '1 day' / 0.0;
SELECT TIMESTAMP '294247-01-10 04:00:54.775807' - TIMESTAMP '2000-01-01', TIMESTAMP '4714-11-24 BC' - TIMESTAMP '2000-01-01';
SELECT TIMESTAMP '294247-01-10 04:00:54.775807' - TIMESTAMP '1970-01-01', TIMESTAMP '1970-01-01' - TIMESTAMP '294247-01-10 04:00:54.775807';
-- cairn-error 22008: the difference exceeds 64-bit microseconds; PostgreSQL 15's timestamp_mi wraps around and answers 104311403 days 04:00:54.775809
SELECT TIMESTAMP '4714-11-24 BC' - TIMESTAMP '294247-01-10 04:00:54.775807';
-- cairn-error 22008: the difference exceeds 64-bit microseconds; PostgreSQL 15's timestamp_mi wraps around and answers -104311403 days -04:00:54.775809
SELECT TIMESTAMP '294247-01-10 04:00:54.775807' - TIMESTAMP '4714-11-24 BC';
SELECT TIMESTAMP '2024-01-01 00:00:00.000001' - TIMESTAMP '2024-01-02', TIMESTAMP '2024-01-02' - TIMESTAMP '2024-01-01 00:00:00.000001';
SELECT TIMESTAMPTZ '2024-01-01 12:00:00+05:30', TIMESTAMPTZ '2024-01-01 12:00:00-08', TIMESTAMPTZ '2024-01-01 12:00:00Z';
SELECT TIMESTAMPTZ '2024-01-01 12:00:00 +0530', TIMESTAMPTZ '2024-01-01T12:00:00.5-03:30', TIMESTAMPTZ '2024-01-01 00:30:00+01';
SELECT TIMESTAMPTZ '2024-01-01 12:00:00+05:30' = TIMESTAMPTZ '2024-01-01 06:30:00Z', CAST(TIMESTAMPTZ '2024-01-01 02:00:00+05:30' AS date);
SELECT TIMESTAMP '2024-01-01 12:00:00+05:30', TIMESTAMP '2024-01-01 12:00:00Z', CAST('2024-01-01 12:00:00-08' AS timestamp);
-- cairn-error 0A000: Cairn has no time zone database; zone names are refused, offsets work
SELECT TIMESTAMPTZ '2024-01-01 12:00:00 America/New_York';
-- cairn-error 0A000: Cairn has no time zone database; zone names are refused, offsets work
SELECT TIMESTAMPTZ '2024-01-01 12:00:00 Europe/Paris';

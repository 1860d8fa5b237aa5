-- date_timestamp_comparison.sql: a DATE compared with a TIMESTAMP constant (Cairn rewrites it
-- as a DATE comparison, optimizer rule date_timestamp_comparison), at midnight and between
-- midnights, before and after 1970, with the constant on either side and NULLs, compared with
-- PostgreSQL 15. Run by run.mjs.
SELECT d, d < timestamp '2020-01-01 12:00', d <= timestamp '2020-01-01 12:00', d > timestamp '2020-01-01 12:00', d >= timestamp '2020-01-01 12:00', d = timestamp '2020-01-02', d <> timestamp '2020-01-02', d = timestamp '2020-01-02 00:00:01', d <> timestamp '2020-01-01 00:00:01' FROM (VALUES (date '2020-01-01'), (date '2020-01-02'), (date '2019-12-31'), (NULL::date)) t(d) ORDER BY d;
SELECT d, d < timestamp '1969-12-31 23:59:59.999999', d <= timestamp '1969-12-31 00:00', d > timestamp '1969-12-30 00:00:00.000001', d >= timestamp '1969-12-31 00:00:00.5' FROM (VALUES (date '1969-12-30'), (date '1969-12-31'), (date '1970-01-01')) t(d) ORDER BY d;
SELECT d, timestamp '2020-01-01 12:00' > d, timestamp '2020-01-01 12:00' >= d, timestamp '2020-01-01 12:00' < d, timestamp '2020-01-02' = d FROM (VALUES (date '2020-01-01'), (date '2020-01-02')) t(d) ORDER BY d;
SELECT count(*) FROM generate_series(date '1998-01-01', date '1999-01-01', interval '1 day') g(ts) WHERE ts::date <= date '1998-12-01' - interval '90' day;
SELECT d FROM (VALUES (date '1995-03-31'), (date '1995-04-01'), (date '1995-01-01'), (date '1994-12-31')) t(d) WHERE d >= date '1995-01-01' AND d < date '1995-01-01' + interval '3' month ORDER BY d;
SELECT d, d < date '0001-01-01 BC' + interval '1 day 1 hour', d >= timestamp '0044-03-15 BC 06:00' FROM (VALUES (date '0001-01-01 BC'), (date '0001-01-02 BC'), (date '0044-03-15 BC'), (date '0044-03-16 BC')) t(d) ORDER BY d;

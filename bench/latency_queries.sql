-- Queries for cairn_bench's latency-under-load measurement (bench/run.mjs): how long a short
-- query on one connection takes while a long query keeps every worker busy on another.
-- Format as bench/flights_queries.sql: "-- name: <id>" then the query, ended by ";".
-- `long` must take seconds and run in parallel on every worker; `short` is the probe.

-- name: long
SELECT count(*) FROM (
  SELECT date, delay, distance, origin, count(*) AS n FROM flights GROUP BY date, delay, distance, origin
  UNION ALL
  SELECT date, delay, distance, destination, count(*) AS n FROM flights GROUP BY date, delay, distance, destination
) AS groups;

-- name: short
SELECT 42;

-- Pipeline-breaker benchmark queries over `flights_x10`: vega-datasets' flights-3m.parquet
-- repeated ten times (30,000,000 rows) with a unique BIGINT `id` per row, written by DuckDB
-- (bench/breakers.mjs generates it; with --scale 30 the queries read flights_x30, 90,000,000 rows).
-- Each stresses one breaker with many rows and keys; the
-- outer aggregate keeps the result small so the breaker, not result transfer, is measured —
-- except full_sort, which streams every sorted row to the client as a sort must.
-- Format: each query starts with a "-- name: <id>" line and ends with ";".

-- name: group_by_unique_id
SELECT count(*), sum(total) FROM (SELECT id, sum(delay) AS total FROM flights_x10 GROUP BY id) AS g;

-- name: group_by_high_cardinality
SELECT count(*), max(n) FROM (SELECT id % 3000000 AS k, count(*) AS n, avg(distance) AS d FROM flights_x10 GROUP BY id % 3000000) AS g;

-- name: self_join_on_id
SELECT count(*), sum(a.delay + b.distance) FROM flights_x10 AS a JOIN flights_x10 AS b ON a.id = b.id;

-- name: full_sort
SELECT id, delay, origin FROM flights_x10 ORDER BY delay, origin, id;

-- name: count_distinct
-- A quarter as many distinct values as rows (every value four times).
SELECT count(DISTINCT id / 4) FROM flights_x10;

-- name: top_n
-- The ten largest delays with every column of their rows.
SELECT id, date, delay, distance, origin, destination FROM flights_x10 ORDER BY delay DESC, id LIMIT 10;

-- Benchmark queries over vega-datasets' flights-3m.parquet (3,000,000 rows; Polars-written,
-- zstd + dictionary) and airports.csv, as tables `flights` and `airports`.
-- Format: each query starts with a "-- name: <id>" line and ends with ";".
-- Both engines run the identical text (bench/run.mjs, bench/cairn_bench.cpp).

-- name: count_star
SELECT count(*) FROM flights;

-- name: count_selective_filter
SELECT count(*) FROM flights WHERE delay > 300 AND origin = 'ORD';

-- name: sum_avg
SELECT sum(delay), avg(delay), sum(distance), avg(distance) FROM flights;

-- name: group_by_origin
SELECT origin, count(*) AS n, avg(delay) AS mean_delay FROM flights GROUP BY origin ORDER BY n DESC LIMIT 10;

-- name: group_by_route
SELECT origin, destination, count(*) AS n, avg(delay) AS mean_delay FROM flights
GROUP BY origin, destination ORDER BY n DESC, origin, destination LIMIT 10;

-- name: group_by_date
SELECT date, count(*) AS n FROM flights GROUP BY date ORDER BY n DESC, date LIMIT 10;

-- name: count_distinct
SELECT count(DISTINCT origin), count(DISTINCT destination), count(DISTINCT date) FROM flights;

-- name: join_airports
SELECT a.state, count(*) AS n, avg(f.delay) AS mean_delay
FROM flights AS f JOIN airports AS a ON f.origin = a.iata
GROUP BY a.state ORDER BY n DESC, a.state LIMIT 10;

-- name: top_n_delay
SELECT date, origin, destination, delay FROM flights ORDER BY delay DESC, date, origin, destination LIMIT 10;

-- name: like_predicate
SELECT count(*) FROM flights WHERE origin LIKE 'S%' AND destination LIKE '%X';

-- name: date_trunc_month
SELECT date_trunc('month', date) AS month, count(*) AS n, avg(delay) AS mean_delay
FROM flights GROUP BY 1 ORDER BY 1;

-- name: filter_group_by
SELECT origin, count(*) AS n, max(delay) AS worst FROM flights
WHERE distance > 1000 AND delay > 60 GROUP BY origin ORDER BY n DESC, origin LIMIT 10;

-- name: correlated_scalar_avg
SELECT count(*) FROM flights f
WHERE delay > (SELECT avg(delay) FROM flights g WHERE g.origin = f.origin);

-- name: correlated_not_exists
SELECT count(*) FROM flights f
WHERE NOT EXISTS (SELECT 1 FROM flights g WHERE g.origin = f.destination AND g.destination = f.origin);

-- name: window_running_delay_by_origin
-- Per-origin running sum of delay by date (the default RANGE frame: peers share the value),
-- summarized per origin so the result is small.
SELECT origin, max(running) AS max_running, min(running) AS min_running FROM (
  SELECT origin, sum(delay) OVER (PARTITION BY origin ORDER BY date) AS running FROM flights
) AS q GROUP BY origin ORDER BY origin LIMIT 10;

-- name: window_row_number_all
-- row_number over the whole table (one partition of 3,000,000 rows).
SELECT max(rn), count(*) FROM (SELECT row_number() OVER (ORDER BY date, delay) AS rn FROM flights) AS q;

-- name: array_agg_per_origin
-- One array of delays per origin (array_agg), measured by its length.
SELECT origin, array_length(array_agg(delay), 1) AS n FROM flights GROUP BY origin ORDER BY n DESC, origin LIMIT 10;

-- name: unnest_array_agg
-- Every delay packed into per-origin arrays and unnested again (a set-returning function in the
-- SELECT list over 3,000,000 elements).
SELECT count(*), sum(d) FROM (SELECT unnest(array_agg(delay)) AS d FROM flights GROUP BY origin) AS q;

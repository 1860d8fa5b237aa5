-- The demo: analytical SQL over vega-datasets' flights-3m.parquet (3 million US flights,
-- Jan-Jun 2001, written by Polars) and airports.csv, mapped as tables `flights` and `airports`
-- in demo-data/table_mappings.json. demo/run.sh prints each query and Cairn's answer;
-- demo/check.mjs runs the same text in DuckDB and compares.
-- Format: each query starts with a "-- name: <title>" line and ends with ";".

-- name: How many flights?
SELECT count(*) AS flights FROM flights;

-- name: Flights from Chicago O'Hare delayed by more than five hours
SELECT count(*) AS long_delays FROM flights WHERE origin = 'ORD' AND delay > 300;

-- name: Busiest origins, with their average delay
SELECT origin, count(*) AS flights, round(avg(delay), 2) AS avg_delay
FROM flights GROUP BY origin ORDER BY flights DESC, origin LIMIT 10;

-- name: Departures per state (join with airports.csv)
SELECT a.state, count(*) AS flights, round(avg(f.delay), 2) AS avg_delay
FROM flights AS f JOIN airports AS a ON f.origin = a.iata
GROUP BY a.state ORDER BY flights DESC, a.state LIMIT 10;

-- name: The ten longest delays
SELECT date, origin, destination, delay, distance
FROM flights ORDER BY delay DESC, date, origin, destination LIMIT 10;

-- name: Flights from airports whose code starts with S to ones ending in X
SELECT origin, destination, count(*) AS flights
FROM flights WHERE origin LIKE 'S%' AND destination LIKE '%X'
GROUP BY origin, destination ORDER BY flights DESC, origin, destination LIMIT 10;

-- name: Flights and delay per month
SELECT date_trunc('month', date) AS month, count(*) AS flights, round(avg(delay), 2) AS avg_delay
FROM flights GROUP BY 1 ORDER BY 1;

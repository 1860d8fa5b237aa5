-- generate.sql: builds the eight TPC-H tables (TPC-H 3.0.1 clause 1.4, column types per clause
-- 1.3 with CHAR/VARCHAR as VARCHAR, identifiers as INTEGER and order keys as BIGINT) in DuckDB
-- with plain SQL, and writes each as <OUT>/<table>.parquet. This is NOT dbgen: values follow the
-- distributions of clause 4.2.3 closely enough that every query of clause 2.4 returns rows, but
-- answers differ from the published dbgen answer sets.
--
-- Parameters, substituted as text before the script runs (generate.mjs):
--   {{SF}}    scale factor (1 = 6,001,215-ish lineitem rows; 0.01 for tests)
--   {{SEED}}  an integer; the same seed and SF give the same files (every value comes from
--             hash(row key, column stream, seed), none from random(), so parallelism cannot
--             change them; every table is sorted by its key before it is written)
--   {{OUT}}   output directory (must exist)
--
-- Properties the queries rely on, as in dbgen:
--   * o_orderkey is sparse (the first 8 of every 32 keys); o_custkey is never a multiple of 3,
--     so a third of the customers have no orders (Q13, Q22).
--   * each part has 4 suppliers by clause 4.2.3's formula, and lineitem's (l_partkey,
--     l_suppkey) is always one of them (Q9, Q20).
--   * l_shipdate = o_orderdate + 1..121 days, l_commitdate = o_orderdate + 30..90,
--     l_receiptdate = l_shipdate + 1..30; returnflag R/A when received by 1995-06-17, else N;
--     linestatus O when shipped after 1995-06-17, else F; o_orderstatus F/O/P from its lines;
--     o_totalprice = sum of extendedprice * (1 + tax) * (1 - discount), rounded per line.
--   * phone numbers start with 10 + nationkey; p_retailprice follows clause 4.2.3's formula;
--     l_extendedprice = l_quantity * p_retailprice.
--   * comments are words from clause 4.2.2.10's lists, so some orders say "special ...
--     requests"; about 1 in 200 suppliers' comments holds "Customer ... Complaints" (Q16).

-- A deterministic integer in [lo, hi] for (key, stream).
CREATE OR REPLACE TEMP MACRO tpch_random(key, stream, lo, hi) AS
  CAST(lo AS BIGINT) + CAST(hash(key, stream, {{SEED}}) % CAST(hi - lo + 1 AS UBIGINT) AS BIGINT);
-- A deterministic element of `list` for (key, stream).
CREATE OR REPLACE TEMP MACRO tpch_pick(list, key, stream) AS
  list[1 + tpch_random(key, stream, 0, len(list) - 1)];
-- A comment of `lo`..`hi` words for (key, stream).
CREATE OR REPLACE TEMP MACRO tpch_comment(key, stream, lo, hi) AS
  array_to_string(list_transform(range(tpch_random(key, stream, lo, hi)),
    i -> tpch_pick(['furiously', 'sly', 'careful', 'blithely', 'quickly', 'fluffily', 'slyly',
                    'carefully', 'regular', 'final', 'special', 'pending', 'ironic', 'express',
                    'bold', 'even', 'silent', 'unusual', 'requests', 'accounts', 'deposits',
                    'packages', 'foxes', 'ideas', 'theodolites', 'instructions', 'dependencies',
                    'excuses', 'platelets', 'asymptotes', 'courts', 'pinto beans', 'sleep',
                    'wake', 'are', 'cajole', 'haggle', 'nag', 'use', 'boost', 'affix', 'detect',
                    'integrate', 'among', 'about', 'above', 'along', 'across', 'after', 'against'],
                   key, stream * 64 + i)), ' ');
-- A string of `lo`..`hi` characters from [0-9a-zA-Z,], like dbgen's v-strings.
CREATE OR REPLACE TEMP MACRO tpch_vstring(key, stream, lo, hi) AS
  substr(replace(to_base64(unhex(md5(CAST(key AS VARCHAR) || ':' || CAST(stream AS VARCHAR) || ':' ||
                                     CAST({{SEED}} AS VARCHAR)) ||
                                 md5(CAST(stream AS VARCHAR) || ':' || CAST(key AS VARCHAR)))),
                 '/', ','),
         1, CAST(tpch_random(key, stream + 1000, lo, hi) AS INTEGER));
-- A phone number for a nation: 10 + nationkey, then three random groups (clause 4.2.2.9).
CREATE OR REPLACE TEMP MACRO tpch_phone(key, stream, nationkey) AS
  CAST(10 + nationkey AS VARCHAR) || '-' || CAST(tpch_random(key, stream, 100, 999) AS VARCHAR) || '-' ||
  CAST(tpch_random(key, stream + 1, 100, 999) AS VARCHAR) || '-' ||
  CAST(tpch_random(key, stream + 2, 1000, 9999) AS VARCHAR);
-- A DECIMAL(15,2) amount of `cents` hundredths.
CREATE OR REPLACE TEMP MACRO tpch_money(cents) AS CAST(cents / 100.0 AS DECIMAL(15, 2));
-- p_retailprice of a part key, in hundredths (clause 4.2.3).
CREATE OR REPLACE TEMP MACRO tpch_retail_cents(partkey) AS
  90000 + ((partkey // 10) % 20001) + 100 * (partkey % 1000);

CREATE OR REPLACE TEMP TABLE tpch_scale AS
SELECT
  greatest(1, CAST(floor({{SF}} * 10000) AS BIGINT)) AS suppliers,
  greatest(1, CAST(floor({{SF}} * 200000) AS BIGINT)) AS parts,
  greatest(3, CAST(floor({{SF}} * 150000) AS BIGINT)) AS customers,
  greatest(1, CAST(floor({{SF}} * 1500000) AS BIGINT)) AS orders,
  greatest(1, CAST(floor({{SF}} * 1000) AS BIGINT)) AS clerks;

CREATE OR REPLACE TABLE region AS
SELECT CAST(k AS INTEGER) AS r_regionkey, name AS r_name, tpch_comment(k, 1, 4, 10) AS r_comment
FROM (VALUES (0, 'AFRICA'), (1, 'AMERICA'), (2, 'ASIA'), (3, 'EUROPE'), (4, 'MIDDLE EAST')) AS v(k, name)
ORDER BY r_regionkey;

CREATE OR REPLACE TABLE nation AS
SELECT CAST(k AS INTEGER) AS n_nationkey, name AS n_name, CAST(region AS INTEGER) AS n_regionkey,
       tpch_comment(k, 2, 4, 12) AS n_comment
FROM (VALUES (0, 'ALGERIA', 0), (1, 'ARGENTINA', 1), (2, 'BRAZIL', 1), (3, 'CANADA', 1),
             (4, 'EGYPT', 4), (5, 'ETHIOPIA', 0), (6, 'FRANCE', 3), (7, 'GERMANY', 3),
             (8, 'INDIA', 2), (9, 'INDONESIA', 2), (10, 'IRAN', 4), (11, 'IRAQ', 4),
             (12, 'JAPAN', 2), (13, 'JORDAN', 4), (14, 'KENYA', 0), (15, 'MOROCCO', 0),
             (16, 'MOZAMBIQUE', 0), (17, 'PERU', 1), (18, 'CHINA', 2), (19, 'ROMANIA', 3),
             (20, 'SAUDI ARABIA', 4), (21, 'VIETNAM', 2), (22, 'RUSSIA', 3),
             (23, 'UNITED KINGDOM', 3), (24, 'UNITED STATES', 1)) AS v(k, name, region)
ORDER BY n_nationkey;

CREATE OR REPLACE TABLE supplier AS
SELECT
  CAST(k AS INTEGER) AS s_suppkey,
  'Supplier#' || lpad(CAST(k AS VARCHAR), 9, '0') AS s_name,
  tpch_vstring(k, 10, 10, 40) AS s_address,
  CAST(nationkey AS INTEGER) AS s_nationkey,
  tpch_phone(k, 12, nationkey) AS s_phone,
  tpch_money(tpch_random(k, 15, -99999, 999999)) AS s_acctbal,
  CASE tpch_random(k, 16, 0, 199)
    WHEN 0 THEN tpch_comment(k, 17, 1, 4) || ' Customer ' || tpch_comment(k, 18, 1, 4) || ' Complaints'
    WHEN 1 THEN tpch_comment(k, 17, 1, 4) || ' Customer ' || tpch_comment(k, 18, 1, 4) || ' Recommends'
    ELSE tpch_comment(k, 19, 5, 14)
  END AS s_comment
FROM (SELECT k, tpch_random(k, 11, 0, 24) AS nationkey
      FROM range(1, (SELECT suppliers FROM tpch_scale) + 1) AS r(k))
ORDER BY s_suppkey;

CREATE OR REPLACE TABLE part AS
SELECT
  CAST(k AS INTEGER) AS p_partkey,
  array_to_string(list_transform(range(5), i -> tpch_pick(
    ['almond', 'antique', 'aquamarine', 'azure', 'beige', 'bisque', 'black', 'blanched', 'blue',
     'blush', 'brown', 'burlywood', 'burnished', 'chartreuse', 'chiffon', 'chocolate', 'coral',
     'cornflower', 'cornsilk', 'cream', 'cyan', 'dark', 'deep', 'dim', 'dodger', 'drab',
     'firebrick', 'floral', 'forest', 'frosted', 'gainsboro', 'ghost', 'goldenrod', 'green',
     'grey', 'honeydew', 'hot', 'indian', 'ivory', 'khaki', 'lace', 'lavender', 'lawn', 'lemon',
     'light', 'lime', 'linen', 'magenta', 'maroon', 'medium', 'metallic', 'midnight', 'mint',
     'misty', 'moccasin', 'navajo', 'navy', 'olive', 'orange', 'orchid', 'pale', 'papaya',
     'peach', 'peru', 'pink', 'plum', 'powder', 'puff', 'purple', 'red', 'rose', 'rosy', 'royal',
     'saddle', 'salmon', 'sandy', 'seashell', 'sienna', 'sky', 'slate', 'smoke', 'snow',
     'spring', 'steel', 'tan', 'thistle', 'tomato', 'turquoise', 'violet', 'wheat', 'white',
     'yellow'], k, 20 + i)), ' ') AS p_name,
  'Manufacturer#' || CAST(m AS VARCHAR) AS p_mfgr,
  'Brand#' || CAST(m AS VARCHAR) || CAST(tpch_random(k, 26, 1, 5) AS VARCHAR) AS p_brand,
  tpch_pick(['STANDARD', 'SMALL', 'MEDIUM', 'LARGE', 'ECONOMY', 'PROMO'], k, 27) || ' ' ||
    tpch_pick(['ANODIZED', 'BURNISHED', 'PLATED', 'POLISHED', 'BRUSHED'], k, 28) || ' ' ||
    tpch_pick(['TIN', 'NICKEL', 'BRASS', 'STEEL', 'COPPER'], k, 29) AS p_type,
  CAST(tpch_random(k, 30, 1, 50) AS INTEGER) AS p_size,
  tpch_pick(['SM', 'LG', 'MED', 'JUMBO', 'WRAP'], k, 31) || ' ' ||
    tpch_pick(['CASE', 'BOX', 'BAG', 'JAR', 'PKG', 'PACK', 'CAN', 'DRUM'], k, 32) AS p_container,
  tpch_money(tpch_retail_cents(k)) AS p_retailprice,
  tpch_comment(k, 33, 1, 4) AS p_comment
FROM (SELECT k, tpch_random(k, 25, 1, 5) AS m FROM range(1, (SELECT parts FROM tpch_scale) + 1) AS r(k))
ORDER BY p_partkey;

-- Supplier i (0..3) of part p: (p + i * (S/4 + (p - 1)/S)) mod S + 1 (clause 4.2.3).
CREATE OR REPLACE TEMP MACRO tpch_part_supplier(p, i, s) AS CAST((p + i * (s // 4 + (p - 1) // s)) % s + 1 AS INTEGER);

CREATE OR REPLACE TABLE partsupp AS
SELECT
  CAST(p AS INTEGER) AS ps_partkey,
  tpch_part_supplier(p, i, (SELECT suppliers FROM tpch_scale)) AS ps_suppkey,
  CAST(tpch_random(p * 4 + i, 40, 1, 9999) AS INTEGER) AS ps_availqty,
  tpch_money(tpch_random(p * 4 + i, 41, 100, 100000)) AS ps_supplycost,
  tpch_comment(p * 4 + i, 42, 8, 20) AS ps_comment
FROM range(1, (SELECT parts FROM tpch_scale) + 1) AS r(p), range(0, 4) AS s(i)
ORDER BY ps_partkey, ps_suppkey;

CREATE OR REPLACE TEMP TABLE tpch_order_base AS
SELECT
  CAST((n // 8) * 32 + n % 8 + 1 AS BIGINT) AS o_orderkey,
  CAST((c // 2) * 3 + c % 2 + 1 AS INTEGER) AS o_custkey,
  DATE '1992-01-01' + CAST(tpch_random(n, 51, 0, 2405) AS INTEGER) AS o_orderdate,
  tpch_random(n, 52, 1, 7) AS line_count,
  n
FROM (SELECT n, tpch_random(n, 50, 0, (SELECT customers FROM tpch_scale) * 2 // 3 - 1) AS c
      FROM range(0, (SELECT orders FROM tpch_scale)) AS r(n));

CREATE OR REPLACE TABLE lineitem AS
SELECT
  o_orderkey AS l_orderkey,
  CAST(partkey AS INTEGER) AS l_partkey,
  tpch_part_supplier(partkey, tpch_random(k, 61, 0, 3), (SELECT suppliers FROM tpch_scale)) AS l_suppkey,
  CAST(linenumber AS INTEGER) AS l_linenumber,
  CAST(quantity AS DECIMAL(15, 2)) AS l_quantity,
  tpch_money(quantity * tpch_retail_cents(partkey)) AS l_extendedprice,
  tpch_money(tpch_random(k, 63, 0, 10)) AS l_discount,
  tpch_money(tpch_random(k, 64, 0, 8)) AS l_tax,
  CASE WHEN receiptdate <= DATE '1995-06-17' THEN tpch_pick(['R', 'A'], k, 65) ELSE 'N' END AS l_returnflag,
  CASE WHEN shipdate > DATE '1995-06-17' THEN 'O' ELSE 'F' END AS l_linestatus,
  shipdate AS l_shipdate,
  o_orderdate + CAST(tpch_random(k, 66, 30, 90) AS INTEGER) AS l_commitdate,
  receiptdate AS l_receiptdate,
  tpch_pick(['DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'], k, 67) AS l_shipinstruct,
  tpch_pick(['REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'], k, 68) AS l_shipmode,
  tpch_comment(k, 69, 2, 6) AS l_comment
FROM (
  SELECT *, shipdate + CAST(tpch_random(k, 62, 1, 30) AS INTEGER) AS receiptdate
  FROM (
    SELECT *, tpch_random(k, 60, 1, (SELECT parts FROM tpch_scale)) AS partkey,
           tpch_random(k, 70, 1, 50) AS quantity,
           o_orderdate + CAST(tpch_random(k, 71, 1, 121) AS INTEGER) AS shipdate
    FROM (SELECT o_orderkey, o_orderdate, linenumber, o_orderkey * 8 + linenumber AS k
          FROM (SELECT o_orderkey, o_orderdate, unnest(range(1, line_count + 1)) AS linenumber
                FROM tpch_order_base))))
ORDER BY l_orderkey, l_linenumber;

CREATE OR REPLACE TABLE orders AS
SELECT
  b.o_orderkey,
  b.o_custkey,
  CASE WHEN t.open_lines = 0 THEN 'F' WHEN t.open_lines = t.lines THEN 'O' ELSE 'P' END AS o_orderstatus,
  t.totalprice AS o_totalprice,
  b.o_orderdate,
  tpch_pick(['1-URGENT', '2-HIGH', '3-MEDIUM', '4-NOT SPECIFIED', '5-LOW'], b.n, 53) AS o_orderpriority,
  'Clerk#' || lpad(CAST(tpch_random(b.n, 54, 1, (SELECT clerks FROM tpch_scale)) AS VARCHAR), 9, '0') AS o_clerk,
  CAST(0 AS INTEGER) AS o_shippriority,
  tpch_comment(b.n, 55, 4, 12) AS o_comment
FROM tpch_order_base AS b
JOIN (SELECT l_orderkey,
             CAST(sum(round(l_extendedprice * (1 + l_tax) * (1 - l_discount), 2)) AS DECIMAL(15, 2)) AS totalprice,
             count(*) AS lines,
             count(*) FILTER (WHERE l_linestatus = 'O') AS open_lines
      FROM lineitem GROUP BY l_orderkey) AS t ON t.l_orderkey = b.o_orderkey
ORDER BY b.o_orderkey;

CREATE OR REPLACE TABLE customer AS
SELECT
  CAST(k AS INTEGER) AS c_custkey,
  'Customer#' || lpad(CAST(k AS VARCHAR), 9, '0') AS c_name,
  tpch_vstring(k, 80, 10, 40) AS c_address,
  CAST(nationkey AS INTEGER) AS c_nationkey,
  tpch_phone(k, 82, nationkey) AS c_phone,
  tpch_money(tpch_random(k, 85, -99999, 999999)) AS c_acctbal,
  tpch_pick(['AUTOMOBILE', 'BUILDING', 'FURNITURE', 'MACHINERY', 'HOUSEHOLD'], k, 86) AS c_mktsegment,
  tpch_comment(k, 87, 6, 16) AS c_comment
FROM (SELECT k, tpch_random(k, 81, 0, 24) AS nationkey
      FROM range(1, (SELECT customers FROM tpch_scale) + 1) AS r(k))
ORDER BY c_custkey;

COPY region TO '{{OUT}}/region.parquet' (FORMAT parquet);
COPY nation TO '{{OUT}}/nation.parquet' (FORMAT parquet);
COPY supplier TO '{{OUT}}/supplier.parquet' (FORMAT parquet);
COPY part TO '{{OUT}}/part.parquet' (FORMAT parquet);
COPY partsupp TO '{{OUT}}/partsupp.parquet' (FORMAT parquet);
COPY customer TO '{{OUT}}/customer.parquet' (FORMAT parquet);
COPY orders TO '{{OUT}}/orders.parquet' (FORMAT parquet);
COPY lineitem TO '{{OUT}}/lineitem.parquet' (FORMAT parquet);

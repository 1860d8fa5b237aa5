-- like_patterns.sql: LIKE / NOT LIKE / ILIKE over the pattern shapes Cairn evaluates on fast
-- paths (exact, prefix%, %suffix, %infix%, literals separated by % such as TPC-H Q13's
-- '%special%requests%', and patterns with _ that take the general matcher), on overlapping,
-- repeated, empty and multi-byte text, compared with PostgreSQL 15. Run by run.mjs.
SELECT s, s LIKE '%special%requests%', s NOT LIKE '%special%requests%', s LIKE 'a%a', s LIKE 'ab%ba', s LIKE '%a%a%'
FROM (VALUES ('special requests'), ('requests special'), ('specialrequests'), ('special'), (''), ('a'), ('aa'), ('aba'),
             ('abba'), ('aba ba'), ('xspecial yrequestsz'), ('special requests special'), (NULL)) t(s) ORDER BY s;
SELECT s, s LIKE 'ab%', s LIKE '%ab', s LIKE '%ab%', s LIKE 'a%b%c', s LIKE '%a%b%c%', s LIKE 'a%', s LIKE '%'
FROM (VALUES ('abc'), ('ab'), ('cab'), ('acbbc'), ('a b c'), ('abcabc'), ('cba'), (''), ('x')) t(s) ORDER BY s;
SELECT s, s LIKE '%é%ü%', s LIKE 'é%😀', s LIKE '%😀%😀%', s LIKE '_é%', s LIKE '%_ü', s ILIKE '%É%Ü%'
FROM (VALUES ('éaü'), ('üé'), ('é😀'), ('😀é😀'), ('xéyü'), ('éü'), ('😀😀')) t(s) ORDER BY s;
SELECT s, s LIKE '%a\%b%', s LIKE 'a\_%', s LIKE '%\\%', s LIKE '%%%a%%'
FROM (VALUES ('a%b'), ('a_b'), ('ab'), ('x\y'), ('aa'), ('xa')) t(s) ORDER BY s;

-- functions_regex.sql: PostgreSQL's POSIX regular expressions on RE2 — the ~ ~* !~ !~*
-- operators, regexp_like, regexp_replace (flags g and i, \1 and \& in the replacement, a bare &
-- is literal, start and N), regexp_count, regexp_instr, regexp_substr, substring(s FROM
-- pattern); empty matches advance one character; NULL in, NULL out; invalid patterns 2201B,
-- invalid flags and positions 22023.

SELECT 'abc' ~ 'b', 'abc' ~ 'B', 'abc' ~* 'B', 'abc' !~ 'B', 'abc' !~* 'B', 'abc' ~ '^a.c$';
SELECT s ~ '^[0-9]+$' AS digits FROM (VALUES ('123'), ('12a'), (''), (NULL)) AS t(s);
SELECT 'line1' || chr(10) || 'line2' ~ 'line1.line2', 'a' || chr(10) || 'b' ~ '^b';
SELECT regexp_like('Hello', 'hello'), regexp_like('Hello', 'hello', 'i'), regexp_like(NULL, 'a');
SELECT regexp_replace('abc', 'b', '[&]'), regexp_replace('abc', 'b', '[\&]'), regexp_replace('a\b', '\\', '\\\\');
SELECT regexp_replace('john smith', '(\w+) (\w+)', '\2, \1'), regexp_replace('aXbXc', 'x', '-', 'gi');
SELECT regexp_replace('abc', 'b*', '-', 'g'), regexp_replace('abcabc', 'b', 'X'), regexp_replace('abcabc', 'b', 'X', 'g');
SELECT regexp_replace('aaaa', 'a', 'x', 2), regexp_replace('aaaa', 'a', 'x', 1, 3), regexp_replace('aaaa', 'a', 'x', 2, 0);
SELECT regexp_replace('AaAa', 'a', 'x', 1, 2, 'i'), regexp_replace(NULL, 'a', 'b'), regexp_replace('a', 'a', NULL);
SELECT regexp_count('abcabc', 'b'), regexp_count('abc', 'x*'), regexp_count('ABab', 'a', 1, 'i'), regexp_count('abcabc', 'b', 3);
SELECT regexp_instr('abcabc', 'b'), regexp_instr('abcabc', 'b', 1, 2), regexp_instr('abcabc', 'b', 1, 1, 1), regexp_instr('abc', 'x');
SELECT regexp_instr('xaybzc', '(a)y(b)', 1, 1, 0, '', 2), regexp_instr('héllo wörld', 'w');
SELECT regexp_substr('abcabc', 'c.'), regexp_substr('abcabc', 'b', 1, 3), regexp_substr('k=v; a=b', '(\w)=(\w)', 1, 2, '', 2);
SELECT substring('foobar' FROM 'o(b.)'), substring('foobar' FROM 'o.b'), substring('foobar' FROM 'x'), substring('' FROM 'x*');
SELECT substring('Thomas' FROM '...$'), substring('abc' FROM '(x)?b');
SELECT 'a' ~ '(';
SELECT regexp_replace('a', '[', 'b');
SELECT regexp_replace('a', 'a', 'b', 'z');
SELECT regexp_like('a', 'a', 'g');
SELECT regexp_count('a', 'a', 0);
SELECT regexp_instr('a', 'a', 1, 0);

-- strings.sql: Unicode case mapping and code-point counting/slicing of the string functions,
-- compared with PostgreSQL 15 (UTF8 database, locale C.UTF-8). Run by run.mjs.
SELECT upper('héllo'), lower('HÉLLO'), upper('straße'), lower('ΣΊΣΥΦΟΣ'), upper('ǆ'), upper('😀x');
SELECT initcap('hello wORLD'), initcap('élan vital-über'), initcap('o''neil 3rd'), initcap('');
SELECT upper('ıi'), lower('İI'), upper('ﬁ'), lower('Ａ');
SELECT length('héllo')::int, char_length('😀😀')::int, octet_length('héllo')::int;
SELECT substr('héllo wörld', 2, 4), substring('héllo' FROM 2), substring('héllo' FROM 0 FOR 3), substr('😀a😀b', 3);
SELECT left('héllo', 2), right('héllo', 2), left('héllo', -1), right('héllo', -1);
SELECT reverse('héllo😀'), lpad('é', 4, 'ü'), rpad('é', 4, 'xü'), lpad('héllo', 3), rpad('😀', 3);
SELECT strpos('héllo', 'l')::int, position('ö' IN 'wörld')::int, strpos('😀😀x', 'x')::int;
SELECT replace('héllo', 'é', 'e'), split_part('à,é,ï', ',', 2), split_part('à😀é😀ï', '😀', 3);
SELECT 'HÉLLO' ILIKE 'hé%', 'héllo' ILIKE 'HÉLLO', 'ÉCOLE' ILIKE '_cole', 'straße' ILIKE 'STRASSE';
SELECT lower('ÀÉÎ') = lower('àéî'), upper('àéî') = 'ÀÉÎ';
SELECT trim(both 'é' FROM 'éébcéé'), ltrim('ééx', 'é'), rtrim('xüü', 'ü');

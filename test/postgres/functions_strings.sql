-- functions_strings.sql: PostgreSQL's text functions where engines differ — split_part with
-- negative n, strpos/position, lpad/rpad truncation and empty fill, translate, initcap,
-- format (%s %I %L, positions, widths), quote_ident/quote_literal/quote_nullable, md5,
-- sha256 (through encode(..., 'hex')), to_hex, ascii, chr, repeat, left/right with negative n;
-- NULL in NULL out, and the errors PostgreSQL raises.

SELECT split_part('a,b,c', ',', 2), split_part('a,b,c', ',', -1), split_part('a,b,c', ',', -3), split_part('a,b,c', ',', 4), split_part('a,b,c', ',', -4);
SELECT split_part('', ',', 1), split_part('abc', '', 1), split_part('abc', '', -1), split_part('a,,b', ',', 2);
SELECT split_part('a', ',', 0);
SELECT strpos('hello', 'll'), strpos('hello', ''), strpos('héllo', 'l'), position('lo' IN 'hello'), position('x' IN 'hello');
SELECT lpad('hi', 5), lpad('hi', 5, 'xy'), lpad('hello', 3), lpad('hi', 5, ''), lpad('hi', -1), rpad('hi', 5, 'xy'), rpad('hello', 2), rpad('hi', 4, '');
SELECT translate('12345', '143', 'ax'), translate('hello', 'l', ''), translate('abc', 'aa', 'xy'), translate('héllo', 'é', 'e');
SELECT initcap('hello wORLD foo-bar o''neil'), initcap('123abc ABC');
SELECT format('Hello %s', 'World'), format('%s|%I|%L', 'x', 'Y z', NULL), format('%5s|%-5s|', 'ab', 'cd'), format('%2$s %1$s', 'a', 'b');
SELECT format('%L', 'O''Reilly'), format('%I', 'select'), format('%%'), format('%s', NULL), format(NULL, 1), format('%*s|', 4, 'x');
SELECT format('%I', NULL);
SELECT format('%s %s', 'a');
SELECT format('%z', 'a');
SELECT quote_ident('foo'), quote_ident('Foo'), quote_ident('foo bar'), quote_ident('a"b'), quote_ident('select'), quote_ident(''), quote_ident('_x1');
SELECT quote_literal('abc'), quote_literal('O''Reilly'), quote_literal(E'back\\slash'), quote_literal(NULL), quote_nullable(NULL), quote_nullable('a');
SELECT md5('abc'), md5(''), md5(NULL), encode(sha256('abc'), 'hex'), encode(sha256(''), 'hex'), encode(sha256('\x616263'), 'hex');
SELECT encode(sha224('abc'), 'hex'), encode(sha512('abc'), 'hex'), encode('hello', 'base64'), encode('\x00ff', 'hex');
SELECT to_hex(255), to_hex(-1), to_hex(-1::bigint), to_hex(0), to_hex(9223372036854775807), to_hex(NULL::int);
SELECT ascii('A'), ascii(''), ascii('é'), ascii('€'), chr(65), chr(233), chr(8364), chr(128512);
SELECT chr(0);
SELECT chr(-1);
SELECT chr(1114112);
SELECT chr(55296);
SELECT repeat('ab', 3), repeat('ab', 0), repeat('ab', -1), repeat('', 5);
SELECT left('hello', 2), left('hello', -2), left('hello', -10), right('hello', 2), right('hello', -2), right('hello', 10);
-- cairn-error 54000: PostgreSQL fails allocating the padding (out of memory)
SELECT format('%2147483647s', 'x');

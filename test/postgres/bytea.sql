-- bytea.sql: bytea input in the hex and escape formats, hex output (bytea_output = hex), errors,
-- and functions over bytea, compared with PostgreSQL 15. Run by run.mjs.

SELECT 'abc'::bytea, '\x41'::bytea, '\x'::bytea, ''::bytea;
SELECT '\x 41 42'::bytea, '\xDEADbeef'::bytea;
SELECT 'a\\b'::bytea, 'a\101b'::bytea, '\000'::bytea;
SELECT '\x4'::bytea;
SELECT '\xZZ'::bytea;
SELECT 'a\9'::bytea;
SELECT 'a\'::bytea;
SELECT md5('abc'), encode('abc'::bytea, 'hex'), encode('\x00ff'::bytea, 'base64');
SELECT 'abc'::bytea = '\x616263'::bytea, 'abc'::bytea < 'abd'::bytea;
SELECT sha256('abc');

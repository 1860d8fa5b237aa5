// generate_session_seeds.mjs: writes the seed corpus of the session_fuzz target
// (test/fuzz/session_fuzz/): client byte streams of whole sessions — a startup packet, then
// simple queries, extended-query exchanges (named and unnamed statements and portals, text and
// binary parameters and results, row limits, errors before Sync), a transaction, and Terminate.
//
// Usage: node test/fuzz/generate_session_seeds.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { bind, close, describe, execute, parse, queryMessage, startupPacket, sync, terminate } from '../server/protocol_client.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'session_fuzz');
mkdirSync(dir, { recursive: true });

const start = startupPacket({ user: 'fuzz', database: 'fuzz' });

const seeds = {
  simple: [queryMessage('SELECT 1, \'a\'::text, NULL; SELECT x FROM generate_series(1, 3) g(x)'), terminate],
  extended_text: [parse('', 'SELECT $1::int4 + 1, $2::text', [23, 0]), bind('', '', ['41', 'x']), describe('P', ''),
    execute(''), sync, terminate],
  extended_binary: [parse('s', 'SELECT $1::int8, $2::numeric, $3::date, $4::bytea'),
    bind('p', 's', [Buffer.from([0, 0, 0, 0, 0, 0, 0, 9]), Buffer.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 5]),
      Buffer.from([0, 0, 0, 1]), Buffer.from([1, 2])], [1], [1]),
    describe('S', 's'), execute('p', 1), execute('p', 0), close('P', 'p'), close('S', 's'), sync, terminate],
  row_limit: [parse('', 'SELECT x FROM generate_series(1, 10) g(x)'), bind('c', '', []), execute('c', 3), execute('c', 3),
    sync, terminate],
  error_skip: [parse('', 'SELECT 1/0'), bind('', '', []), execute(''), parse('', 'SELECT 2'), sync,
    queryMessage('SELECT 3'), terminate],
  transaction: [queryMessage('BEGIN'), parse('', 'SELECT $1::int4[]'), bind('', '', ['{1,2}']), execute(''), sync,
    queryMessage('COMMIT'), terminate],
};
for (const [name, messages] of Object.entries(seeds)) {
  writeFileSync(path.join(dir, name), Buffer.concat([start, ...messages]));
}
console.log(`wrote ${Object.keys(seeds).length} seeds to ${path.relative(process.cwd(), dir)}`);

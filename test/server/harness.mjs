// harness.mjs: what every test script of test/server/ shares — its command line
// (`--build-dir DIR`, and `--filter TEXT` where the script supports it) and its checks, printed
// one line each ("ok" / "FAIL" with the detail) and summed up as "N passed, M failed", the line
// scripts/run-tests.sh reads.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/// The repository's root directory.
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/// Parses process.argv for script `script` (its path, for the usage line); exits 2 on an unknown
/// argument. Returns { cairn: the cairn binary's path, buildDir, filter }.
export function parseTestArguments(script, { filter: allowFilter = false } = {}) {
  let buildDir = 'build';
  let filter = '';
  for (let i = 2; i < process.argv.length; i++) {
    if (process.argv[i] === '--build-dir') buildDir = process.argv[++i];
    else if (allowFilter && process.argv[i] === '--filter') filter = process.argv[++i];
    else {
      console.error(`unknown argument ${process.argv[i]}\nusage: node ${script} [--build-dir DIR]${allowFilter ? ' [--filter TEXT]' : ''}`);
      process.exit(2);
    }
  }
  return { cairn: path.resolve(root, buildDir, 'cairn'), buildDir, filter };
}

let passed = 0;
let failed = 0;

/// Records one check and prints it (the detail only when it failed).
export function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n     ${detail}`}`);
}

/// Prints "N passed, M failed" and exits: 0 when nothing failed, else 1.
export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

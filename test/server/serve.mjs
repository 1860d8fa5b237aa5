// serve.mjs: starts `cairn serve` for the server tests, on a free port chosen by the server
// (--port 0), and waits until its log says where it listens.
import { spawn } from 'node:child_process';

/// Starts `cairn` (the binary's path) `serve DATA_DIR --port 0 --writable --threads 2` plus
/// `extra` arguments; resolves { child, port, log() } once it listens.
export function startServer(cairn, dataDir, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(cairn, ['serve', dataDir, '--port', '0', '--writable', '--threads', '2', ...extra],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log}`)), 20000);
    child.stderr.on('data', (data) => {
      log += data;
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), log: () => log });
      }
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${log}`)));
  });
}

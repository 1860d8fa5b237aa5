// cairn_cli.mjs: runs one SQL statement through Cairn's shell
// (`cairn DATA_DIR --format csv -c SQL`) and returns its rows as text.
//
// Output contract assumed from the shell: a header record, then one record per row; NULL is an
// unquoted empty field and the empty string is "" (csv_records.mjs). A non-zero exit status
// or text on stderr with no output is an error.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';

import { fieldValue, parseCsvRecords } from './csv_records.mjs';

export class CairnCli {
  /** `binary`: path to the cairn executable; `dataDir`: the data directory it opens. */
  constructor(binary, dataDir, { timeoutMs = 300_000 } = {}) {
    this.binary = binary;
    this.dataDir = dataDir;
    this.timeoutMs = timeoutMs;
  }

  available() {
    return existsSync(this.binary);
  }

  /**
   * Runs `sql`. Resolves to { ok: true, header: [names], rows: [[string|null]], ms } or
   * { ok: false, error: text, ms }; never rejects.
   */
  query(sql) {
    const started = performance.now();
    return new Promise((resolve) => {
      execFile(this.binary, [this.dataDir, '--format', 'csv', '-c', sql],
               { timeout: this.timeoutMs, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' },
               (error, stdout, stderr) => {
        const ms = performance.now() - started;
        if (error) {
          const why = error.killed ? `timed out after ${this.timeoutMs / 1000} s` : `exit status ${error.code ?? error.signal}`;
          resolve({ ok: false, error: `${why}: ${(stderr || stdout).trim().slice(0, 2000)}`, ms });
          return;
        }
        let records;
        try {
          records = parseCsvRecords(stdout);
        } catch (parseError) {
          resolve({ ok: false, error: `${parseError.message}: ${stdout.slice(0, 500)}`, ms });
          return;
        }
        if (records.length === 0) {
          resolve({ ok: false, error: `no output${stderr ? `; stderr: ${stderr.trim()}` : ''}`, ms });
          return;
        }
        const header = records[0].map((field) => field.text);
        const rows = records.slice(1).map((record) => record.map(fieldValue));
        resolve({ ok: true, header, rows, ms, stderr });
      });
    });
  }
}

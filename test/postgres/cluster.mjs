// cluster.mjs: a private PostgreSQL 15 cluster for differential tests — initdb into a fresh
// temporary directory (UTF8, locale C.UTF-8), started with pg_ctl on a Unix socket in that
// directory and no TCP listener (listen_addresses='') unless asked for, so a taken port cannot
// interfere; the port number then only names the socket. As root, the server and psql run as the `postgres` user
// (runuser). stop() stops it and removes the directory. Clients connect with host = cluster.dir
// (the socket directory), port = cluster.port, user postgres, database postgres.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A private PostgreSQL 15 cluster on a Unix socket in a temporary directory. */
export class PostgresCluster {
  /// `tcp`: also listen on 127.0.0.1:port (for clients that must use TCP, e.g. benchmarks that
  /// compare with a TCP server); the port is then random and could be taken (start throws).
  constructor({ tcp = false } = {}) {
    this.tcp = tcp;
    this.asRoot = process.getuid && process.getuid() === 0;
    this.dir = null;
    this.started = false;
  }

  run(command, args, options = {}) {
    const [file, argv] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
    return spawnSync(file, argv, { encoding: 'utf8', cwd: this.dir, ...options });
  }

  findBinary(name) {
    const candidates = ['/usr/lib/postgresql/15/bin', ...(process.env.PATH || '').split(':')];
    for (const dir of candidates) {
      const probe = spawnSync('test', ['-x', path.join(dir, name)]);
      if (probe.status === 0) return path.join(dir, name);
    }
    return null;
  }

  start() {
    this.initdb = this.findBinary('initdb');
    this.pgCtl = this.findBinary('pg_ctl');
    this.psqlBinary = this.findBinary('psql');
    if (!this.initdb || !this.pgCtl || !this.psqlBinary) {
      throw new Error('PostgreSQL 15 (initdb, pg_ctl, psql) is not installed; scripts/setup.sh installs it');
    }
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'cairn-pg-'));
    chmodSync(this.dir, 0o700);
    if (this.asRoot) {
      const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
      if (id.status !== 0) throw new Error('running as root, but there is no `postgres` user to run the server');
      chownSync(this.dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
    }
    const data = path.join(this.dir, 'data');
    const init = this.run(this.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8',
                                        '--no-sync']);
    if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}${init.stderr}`);
    // A random port: it only names the socket file inside our private directory.
    this.port = 20000 + Math.floor(Math.random() * 40000);
    const start = this.run(this.pgCtl, ['-D', data, '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60', '-o',
                                        `-p ${this.port} -k ${this.dir} -c listen_addresses='${this.tcp ? '127.0.0.1' : ''}' -c fsync=off`, 'start']);
    if (start.status !== 0) {
      let log = '';
      try { log = readFileSync(path.join(this.dir, 'server.log'), 'utf8'); } catch { /* no log */ }
      throw new Error(`pg_ctl start failed:\n${start.stdout}${start.stderr}${log}`);
    }
    this.started = true;
  }

  /** Runs a psql script in one session; resolves to its stdout. */
  psql(script) {
    const scriptFile = path.join(this.dir, 'queries.psql');
    writeFileSync(scriptFile, script);
    if (this.asRoot) {
      const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
      chownSync(scriptFile, Number(id.stdout.trim()), 0);
    }
    const env = { ...process.env, PGOPTIONS: '-c TimeZone=UTC -c DateStyle=ISO -c IntervalStyle=postgres -c extra_float_digits=1',
                  PGCLIENTENCODING: 'UTF8' };
    const args = ['-X', '-q', '-h', this.dir, '-p', String(this.port), '-U', 'postgres', '-d', 'postgres', '-f', scriptFile];
    return new Promise((resolve, reject) => {
      const [file, argv] = this.asRoot ? ['runuser', ['-u', 'postgres', '--', this.psqlBinary, ...args]] : [this.psqlBinary, args];
      const child = spawn(file, argv, { env, cwd: this.dir });
      const out = [];
      child.stdout.on('data', (chunk) => out.push(chunk));
      child.stderr.on('data', () => {});  // errors are read back through :SQLSTATE
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(Buffer.concat(out).toString('utf8'))
                                               : reject(new Error(`psql exited with ${code}`))));
    });
  }

  stop() {
    if (this.started) {
      this.run(this.pgCtl, ['-D', path.join(this.dir, 'data'), '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore' });
      this.started = false;
    }
    if (this.dir) {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = null;
    }
  }
}

// protocol_client.mjs: a minimal PostgreSQL protocol v3 client over a raw socket, for tests that
// must see exactly what goes over the wire (type OIDs, format codes, message order) or send what
// no driver would (malformed messages). Messages are built from bytes as given; the server's
// messages are parsed into { type, body }.
import net from 'node:net';

// A minimal protocol client over a raw socket: it sends bytes as given and parses the
// server's messages, so tests see exactly what went over the wire.
export function int32(value) {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}
export function startupPacket(parameters = { user: 'cairn', database: 'cairn' }) {
  const body = [int32(3 << 16)];
  for (const [key, value] of Object.entries(parameters)) body.push(Buffer.from(`${key}\0${value}\0`));
  body.push(Buffer.from([0]));
  const payload = Buffer.concat(body);
  return Buffer.concat([int32(payload.length + 4), payload]);
}
export function message(type, body) {
  return Buffer.concat([Buffer.from(type), int32(body.length + 4), body]);
}
export function queryMessage(sql) { return message('Q', Buffer.from(`${sql}\0`)); }

// Extended query and COPY messages (PostgreSQL 15 documentation, 55.7).
export function cstring(text) { return Buffer.from(`${text}\0`); }
export function int16(value) { const b = Buffer.alloc(2); b.writeInt16BE(value); return b; }
/// Parse: statement `name`, `sql`, parameter type OIDs.
export function parse(name, sql, oids = []) {
  return message('P', Buffer.concat([cstring(name), cstring(sql), int16(oids.length), ...oids.map((o) => int32(o))]));
}
/// Bind: portal from statement with `values` (null = NULL; strings or Buffers) and format codes.
export function bind(portal, statement, values = [], resultFormats = [], parameterFormats = []) {
  const parts = [cstring(portal), cstring(statement), int16(parameterFormats.length), ...parameterFormats.map(int16),
    int16(values.length)];
  for (const value of values) {
    if (value === null) parts.push(int32(0xffffffff));
    else {
      const bytes = Buffer.isBuffer(value) ? value : Buffer.from(value);
      parts.push(int32(bytes.length), bytes);
    }
  }
  parts.push(int16(resultFormats.length), ...resultFormats.map(int16));
  return message('B', Buffer.concat(parts));
}
export function describe(kind, name) { return message('D', Buffer.concat([Buffer.from(kind), cstring(name)])); }
export function execute(portal, maxRows = 0) { return message('E', Buffer.concat([cstring(portal), int32(maxRows)])); }
export function close(kind, name) { return message('C', Buffer.concat([Buffer.from(kind), cstring(name)])); }
export function copyData(text) { return message('d', Buffer.from(text)); }
export const sync = message('S', Buffer.alloc(0));
export const flush = message('H', Buffer.alloc(0));
export const copyDone = message('c', Buffer.alloc(0));
export const terminate = message('X', Buffer.alloc(0));

export class RawClient {
  /// `target`: a TCP port on 127.0.0.1, or { path } of a Unix socket.
  constructor(target) {
    this.buffer = Buffer.alloc(0);
    this.messages = [];
    this.closed = false;
    this.waiters = [];
    this.socket = typeof target === 'number' ? net.connect(target, '127.0.0.1') : net.connect(target);
    this.socket.on('data', (data) => { this.buffer = Buffer.concat([this.buffer, data]); this.parse(); });
    this.socket.on('close', () => { this.closed = true; this.wake(); });
    this.socket.on('error', () => {});
  }
  parse() {
    while (this.buffer.length >= 5) {
      const length = this.buffer.readUInt32BE(1);
      if (this.buffer.length < 1 + length) break;
      this.messages.push({ type: String.fromCharCode(this.buffer[0]), body: this.buffer.subarray(5, 1 + length) });
      this.buffer = this.buffer.subarray(1 + length);
    }
    this.wake();
  }
  wake() { for (const waiter of this.waiters.splice(0)) waiter(); }
  send(bytes) { this.socket.write(bytes); }
  /// Resolves the messages received up to and including the first one `done` accepts (or all
  /// of them when the server closed the connection), removing them from the queue.
  async until(done, timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.messages.findIndex(done);
      if (index >= 0) return this.messages.splice(0, index + 1);
      if (this.closed) return this.messages.splice(0);
      if (Date.now() > deadline) throw new Error('timed out waiting for the server');
      await new Promise((resolve) => { this.waiters.push(resolve); setTimeout(resolve, 200); });
    }
  }
  async waitClosed(timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return this.closed;
  }
  async connect(parameters = undefined) {
    this.send(startupPacket(parameters));
    return this.until((m) => m.type === 'Z');
  }
  async query(sql) {
    this.send(queryMessage(sql));
    return this.until((m) => m.type === 'Z');
  }
  end() { this.socket.end(); }
}

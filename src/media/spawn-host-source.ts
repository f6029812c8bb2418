/**
 * The helper process of spawn-host.ts, as the source `node -e` runs. Plain CommonJS with no imports of ours, so it
 * starts in tens of milliseconds from the compiled package and from the TypeScript sources alike (no loader).
 *
 * Protocol (IPC, JSON): it says `{ op: 'ready' }` once; then for `{ op: 'spawn', token, bin, args, stdio }` it opens
 * one connection to the socket in VIDEOGEN_SPAWN_SOCKET per 'pipe' entry, writes the token and the entry's index
 * on it, spawns the program with those connections as its stdio, closes its own copies and answers
 * `{ op: 'spawned' }` or `{ op: 'error', message, code }`; later `{ op: 'exit', code, signal }`. `{ op: 'kill',
 * token, signal }` signals a child. `{ op: 'usage', token }` is answered with the CPU clock ticks (Linux, 1/100 s)
 * of the helper and of the children it has reaped. When the parent goes away, its children are killed.
 */
export const SPAWN_HOST_SOURCE = String.raw`
'use strict';
const net = require('node:net');
const { spawn } = require('node:child_process');
const socketPath = process.env.VIDEOGEN_SPAWN_SOCKET;
delete process.env.VIDEOGEN_SPAWN_SOCKET;
const children = new Map();
const send = (message) => { if (process.connected) process.send(message); };
function connect(token, index) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath);
    // Never read: bytes arriving here are the parent's, meant for the child.
    socket.pause();
    socket.once('error', reject);
    socket.once('connect', () => socket.write(token + index, (error) => (error ? reject(error) : resolve(socket))));
  });
}
async function launch(m) {
  let sockets = [];
  try {
    sockets = await Promise.all(m.stdio.map((kind, index) => (kind === 'pipe' ? connect(m.token, index) : null)));
  } catch (error) {
    for (const s of sockets) if (s) s.destroy();
    return send({ op: 'error', token: m.token, message: 'cannot connect the child\'s streams: ' + error.message, code: error.code });
  }
  let child;
  try {
    child = spawn(m.bin, m.args, { stdio: sockets.map((s) => s || 'ignore') });
  } catch (error) {
    for (const s of sockets) if (s) s.destroy();
    return send({ op: 'error', token: m.token, message: error.message, code: error.code });
  }
  for (const s of sockets) if (s) s.destroy();
  let failed = false;
  child.once('error', (error) => {
    failed = true;
    children.delete(m.token);
    send({ op: 'error', token: m.token, message: error.message, code: error.code });
  });
  child.once('spawn', () => {
    children.set(m.token, child);
    send({ op: 'spawned', token: m.token });
  });
  child.once('exit', (code, signal) => {
    children.delete(m.token);
    if (!failed) send({ op: 'exit', token: m.token, code, signal });
  });
}
function cpuTicks() {
  try {
    const f = require('node:fs').readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  } catch {
    return null;
  }
}
process.on('message', (m) => {
  if (m.op === 'spawn') void launch(m);
  else if (m.op === 'usage') send({ op: 'usage', token: m.token, ticks: cpuTicks() });
  else if (m.op === 'kill') { const c = children.get(m.token); if (c) c.kill(m.signal); }
});
process.on('disconnect', () => {
  for (const c of children.values()) c.kill('SIGKILL');
  process.exit(0);
});
send({ op: 'ready' });
`;

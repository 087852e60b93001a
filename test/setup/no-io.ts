// Setup of the unit project: a unit test starts no process and opens no socket. Each way to do either
// throws, naming the call, so a test that needs a program or a port fails at once and belongs in
// test/integration.
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(__filename);
const refuse = (what: string) => () => {
  throw new Error(`a unit test may not ${what}: it belongs in test/integration`);
};
const forbid = (module: string, names: string[], what: string) => {
  const m = require(module) as Record<string, unknown>;
  for (const name of names) m[name] = refuse(`${what} (${module}.${name})`);
};
forbid(
  'child_process',
  ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'],
  'start a process',
);
forbid('net', ['connect', 'createConnection', 'createServer'], 'open a socket');
forbid('dgram', ['createSocket'], 'open a socket');
forbid('tls', ['connect'], 'open a socket');
// cassandra-driver connects with `new net.Socket().connect(…)`, past every function above
(require('net') as typeof import('net')).Socket.prototype.connect = refuse(
  'open a socket (net.Socket.prototype.connect)',
) as never;
syncBuiltinESMExports();

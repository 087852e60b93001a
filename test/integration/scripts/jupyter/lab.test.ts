// freePort: a TCP port nothing listens on (it opens a socket, so it is not a unit test).
import * as net from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../scripts/jupyter/lab';

describe('freePort', () => {
  it('gives a TCP port that can be listened on at once', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

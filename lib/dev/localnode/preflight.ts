// preflight: before a node is spawned, can it listen where it must — its CQL and internode ports on
// its own loopback address, and its JMX port on 127.0.0.1? Each refusal says what to do about it.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as net from 'node:net';
import type { NodeLayout } from './layout';
import type { Resolved } from './options';

/** Can we bind `host:port` right now? ('EADDRNOTAVAIL' means the address is not configured.) */
function canListen(host: string, port: number): Promise<true | string> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    srv.listen({ host, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Throws a clear error when one of the node's ports cannot be bound. */
export async function preflight(r: Resolved, node: NodeLayout): Promise<void> {
  const cql = await canListen(node.address, node.port);
  if (cql === 'EADDRNOTAVAIL') {
    throw new Error(
      `Address ${node.address} is not configured on this machine's loopback interface, so ${node.name} cannot listen there` +
        (process.platform === 'darwin' ? ` (on macOS: sudo ifconfig lo0 alias ${node.address} up).` : '.'),
    );
  }
  if (cql !== true) {
    throw new Error(
      `Port ${node.address}:${node.port} is already in use (${cql}) by something that does not answer CQL as a node of this cluster; ` +
        `${node.name} cannot start there. Stop it, or choose another baseAddress/port.`,
    );
  }
  const storage = await canListen(node.address, r.storagePort);
  if (storage !== true) {
    throw new Error(
      `Internode port ${node.address}:${r.storagePort} is already in use (${storage}); ${node.name} cannot start. ` +
        `Another Cassandra may run there (check with "sparkify cassandra status"), or choose another baseAddress.`,
    );
  }
  const jmx = await canListen('127.0.0.1', node.jmxPort);
  if (jmx !== true) {
    throw new Error(
      `JMX port 127.0.0.1:${node.jmxPort} for ${node.name} is already in use (${jmx}), probably by another Cassandra on this machine. ` +
        `Pick a free JMX base port with the jmxPort option, --jmx-port or CASSANDRA_JMX_PORT (node i uses base+i).`,
    );
  }
}

// jvm: the command line that runs one node — heap, the jamm agent, Cassandra's module flags, where its
// configuration, data and logs are, and the fast-start settings for small test/teaching nodes.
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findJar } from './install';
import type { NodeLayout } from './layout';
import type { Resolved } from './options';
import { readNodeInfo } from './state';

/** Cassandra's conf/jvm17-server.options module flags (also accepted by Java 11). */
export const JVM_MODULE_FLAGS = [
  '--add-exports',
  'java.base/jdk.internal.misc=ALL-UNNAMED',
  '--add-exports',
  'java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED',
  '--add-exports',
  'java.rmi/sun.rmi.registry=ALL-UNNAMED',
  '--add-exports',
  'java.rmi/sun.rmi.server=ALL-UNNAMED',
  '--add-exports',
  'java.sql/java.sql=ALL-UNNAMED',
  '--add-exports',
  'java.base/java.lang.ref=ALL-UNNAMED',
  '--add-exports',
  'jdk.unsupported/sun.misc=ALL-UNNAMED',
  '--add-exports',
  'jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED',
  '--add-exports',
  'jdk.attach/sun.tools.attach=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang.module=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.loader=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.ref=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.reflect=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.math=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.module=ALL-UNNAMED',
  '--add-opens',
  'java.base/jdk.internal.util.jar=ALL-UNNAMED',
  '--add-opens',
  'jdk.management/com.sun.management.internal=ALL-UNNAMED',
  '--add-opens',
  'java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.io=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang.reflect=ALL-UNNAMED',
  '--add-opens',
  'jdk.compiler/com.sun.tools.javac=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.lang=ALL-UNNAMED',
  '--add-opens',
  'java.base/java.util=ALL-UNNAMED',
];

const BOOTSTRAP_RING_DELAY_MS = 5000;

/**
 * ring_delay_ms for this start: tiny, except for a node about to bootstrap (stream data into a cluster that has some),
 * which must first hear from the seed through gossip ("Unable to contact any seeds" otherwise).
 */
function ringDelayMs(node: NodeLayout): number {
  const info = readNodeInfo(node);
  const firstStart = !fs.existsSync(path.join(node.dir, 'data', 'system'));
  return node.index > 0 && info?.autoBootstrap && firstStart ? BOOTSTRAP_RING_DELAY_MS : 100;
}

export function jvmArgs(r: Resolved, node: NodeLayout, libDir: string): string[] {
  const jamm = findJar(libDir, 'jamm-');
  if (!jamm)
    throw new Error(`The jamm agent jar is missing from ${libDir}; delete ${path.dirname(libDir)} and install again.`);
  return [
    `-Xms${r.heap}`,
    `-Xmx${r.heap}`,
    `-Xmn${r.newHeap}`,
    '-Xss256k',
    '-XX:+UseG1GC',
    '-XX:+ExitOnOutOfMemoryError',
    `-javaagent:${jamm}`,
    '-Djdk.attach.allowAttachSelf=true',
    ...JVM_MODULE_FLAGS,
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Djava.net.preferIPv4Stack=true',
    `-Dcassandra.config=${pathToFileURL(node.yaml).href}`,
    `-Dlogback.configurationFile=${pathToFileURL(node.logback).href}`,
    `-Dcassandra.storagedir=${node.dir}`,
    `-Dcassandra.logdir=${node.logDir}`,
    `-Dcassandra.triggers_dir=${path.join(node.dir, 'triggers')}`,
    // Fast start for test/teaching nodes (one token each, no token allocation wait).
    '-Dcassandra.skip_wait_for_gossip_to_settle=0',
    `-Dcassandra.ring_delay_ms=${ringDelayMs(node)}`,
    '-Dcassandra.superuser_setup_delay_ms=100',
    '-Dcassandra-foreground=yes',
    `-Dcassandra.jmx.local.port=${node.jmxPort}`,
    ...r.extraJvmArgs,
    '-cp',
    `${libDir}${path.sep}*`,
    'org.apache.cassandra.service.CassandraDaemon',
  ];
}

// java: which `java` runs the nodes (JAVA_HOME's, else the one on PATH) and whether it is a Java
// Cassandra 5.0 accepts (11 or 17; newer is tried with a warning).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { errMessage } from './logs';

/** The java executable: `<javaHome>/bin/java` when JAVA_HOME is set, else `java` from PATH. */
export function javaCommand(javaHome: string | undefined): string {
  return javaHome ? path.join(javaHome, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
}

/** Checks that Java runs and returns its major version; throws a clear error otherwise. */
export function checkJava(javaHome: string | undefined, log: (l: string) => void): number {
  const java = javaCommand(javaHome);
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (r.error) {
    const how = javaHome
      ? `JAVA_HOME is set to ${javaHome}, but ${java} could not be run (${errMessage(r.error)}). Fix or unset JAVA_HOME.`
      : `"java" is not on PATH (${errMessage(r.error)}). Install a Java 17 runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless) or set JAVA_HOME.`;
    throw new Error(`Cassandra 5.0 needs Java 11 or 17. ${how}`);
  }
  const text = `${r.stderr ?? ''}${r.stdout ?? ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) throw new Error(`Could not read the Java version from "${java} -version": ${text.trim()}`);
  const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
  if (major < 11) {
    throw new Error(
      `Cassandra 5.0 needs Java 11 or 17, but ${java} is Java ${major}. Install openjdk-17 and/or set JAVA_HOME.`,
    );
  }
  if (major !== 11 && major !== 17)
    log(`warning: Cassandra 5.0 supports Java 11 and 17; ${java} is Java ${major}, trying anyway`);
  return major;
}

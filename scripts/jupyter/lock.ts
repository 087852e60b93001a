// scripts/jupyter/lock.ts: one set-up at a time. Owns `<root>/build/venv.lock`, a directory created
// atomically and holding its owner's pid, so parallel runs (test files, `npm run lab` beside the tests)
// install the venv once; a lock whose owner died is taken over.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sleep } from '../../lib/common/async';
import { SetupError } from '../../lib/errors';

const WAIT_MS = 15 * 60_000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the lock directory with this process's pid in it; false when another process holds it. */
function tryTake(lock: string): boolean {
  try {
    fs.mkdirSync(lock);
    fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
}

/** True when the lock's owner has written its pid and is no longer running. */
function isStale(lock: string): boolean {
  let owner = NaN;
  try {
    owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // The owner has not written its pid yet (or just left): look again shortly.
  }
  return Number.isInteger(owner) && owner > 0 && !isAlive(owner);
}

async function acquire(lock: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!tryTake(lock)) {
    if (isStale(lock)) {
      fs.rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new SetupError(`Waited 15 minutes for ${lock} (another set-up running?); remove it if stale.`);
    await sleep(250);
  }
}

/** Runs `fn` holding `<root>/build/venv.lock` (a directory, created atomically), so parallel runs install once. */
export async function withLock<T>(root: string, fn: () => Promise<T> | T): Promise<T> {
  fs.mkdirSync(path.join(root, 'build'), { recursive: true });
  const lock = path.join(root, 'build', 'venv.lock');
  await acquire(lock);
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

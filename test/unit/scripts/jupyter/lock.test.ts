// The set-up lock: held while `fn` runs, removed after, taken over from an owner that died.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLock } from '../../../../scripts/jupyter/lock';

let root = '';
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-lock-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));
const lock = () => path.join(root, 'build', 'venv.lock');

describe('withLock', () => {
  it('holds build/venv.lock with its pid while fn runs and removes it after, also when fn throws', async () => {
    const seen = await withLock(root, () => fs.readFileSync(path.join(lock(), 'pid'), 'utf8'));
    expect(seen).toBe(String(process.pid));
    expect(fs.existsSync(lock())).toBe(false);
    await expect(
      withLock(root, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(fs.existsSync(lock())).toBe(false);
  });
  it('takes over a lock whose owner is no longer running', async () => {
    fs.mkdirSync(lock(), { recursive: true });
    fs.writeFileSync(path.join(lock(), 'pid'), '999999999');
    expect(await withLock(root, () => 'ran')).toBe('ran');
  });
  it('runs one holder at a time', async () => {
    const order: string[] = [];
    const hold = (name: string) =>
      withLock(root, async () => {
        order.push(`${name}+`);
        await new Promise((r) => setTimeout(r, 50));
        order.push(`${name}-`);
      });
    await Promise.all([hold('a'), hold('b')]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-']);
  });
});

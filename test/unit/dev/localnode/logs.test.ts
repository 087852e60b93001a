// logs: the excerpt a failed start shows (lib/dev/localnode/logs) — ERROR lines above the last lines of
// system.log, only this start's JVM output without its known chatter, and notes appended to errors.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalCassandraError } from '../../../../lib/errors';
import { isJvmNoise, jvmOutputExcerpt, logTail, systemLogExcerpt, withNote } from '../../../../lib/dev/localnode/logs';

describe('systemLogExcerpt', () => {
  it('keeps the last lines and, above them, the last ERROR lines', () => {
    const text = ['INFO a', 'ERROR cause', 'INFO b', '', 'INFO c', 'ERROR late', 'INFO d'].join('\n');
    expect(systemLogExcerpt(text, 2)).toEqual({ errors: ['ERROR cause'], last: ['ERROR late', 'INFO d'] });
  });

  it('clips long lines at 400 characters', () => {
    expect(systemLogExcerpt('x'.repeat(500), 1).last[0]).toBe(`${'x'.repeat(400)} …`);
  });
});

describe('jvmOutputExcerpt', () => {
  it('shows only what the last start printed, without the JVM chatter', () => {
    const text = [
      'old failure',
      '==== t1 starting node1',
      'older',
      '==== t2 starting node1',
      'WARNING: A terminally deprecated method in java.lang.System has been called',
      '  ',
      'Error: boom',
      '',
    ].join('\n');
    expect(jvmOutputExcerpt(text, 15)).toEqual(['Error: boom']);
  });

  it.each([
    ['WARNING: System::setSecurityManager will be removed', true],
    ['WARNING: Please consider reporting this to the maintainers', true],
    ['WARNING: something else', false],
  ])('isJvmNoise(%j) is %s', (line, noise) => {
    expect(isJvmNoise(line)).toBe(noise);
  });
});

describe('logTail', () => {
  it('says so when both logs are missing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sparkify-logs-'));
    const node = { systemLog: path.join(dir, 'system.log'), stdoutLog: path.join(dir, 'stdout.log') };
    expect(logTail(node)).toBe(`(${node.systemLog} and ${node.stdoutLog} are empty or missing)`);
    fs.writeFileSync(node.systemLog, 'ERROR first\nINFO x\n');
    expect(logTail(node, 1)).toBe(
      `Errors in ${node.systemLog}:\nERROR first\nLast lines of ${node.systemLog}:\nINFO x`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('withNote', () => {
  it('appends to the summary and keeps the log excerpt apart', () => {
    const e = withNote(new LocalCassandraError('node1 died.', 'the log'), '(stopped.)');
    expect([e.summary, e.logTail]).toEqual(['node1 died. (stopped.)', 'the log']);
    expect(withNote(new Error('plain'), 'note').summary).toBe('plain note');
  });
});

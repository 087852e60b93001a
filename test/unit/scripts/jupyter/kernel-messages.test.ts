// The kernel messages a page sees: frames of both websocket protocols parsed, and the bounded log's lines.
import { describe, expect, it } from 'vitest';
import { KernelMessageLog, parseKernelFrame, type KernelFrame } from '../../../../scripts/jupyter/kernel-messages';

/** A frame as jupyter_server's serialize_msg_to_ws_v1 writes it: count, offsets, then the parts. */
function v1Frame(parts: string[]): Buffer {
  const bodies = parts.map((p) => Buffer.from(p, 'utf8'));
  const n = bodies.length + 1;
  const offsets = [8 * (1 + n)];
  for (const b of bodies) offsets.push(offsets[offsets.length - 1] + b.length);
  const head = Buffer.alloc(8 * (1 + n));
  head.writeBigUInt64LE(BigInt(n), 0);
  offsets.forEach((o, i) => head.writeBigUInt64LE(BigInt(o), 8 * (i + 1)));
  return Buffer.concat([head, ...bodies]);
}

const reply: KernelFrame = {
  channel: 'shell',
  msgType: 'execute_reply',
  msgId: 'r1',
  parentId: 'e1',
  content: { status: 'ok', execution_count: 7 },
};

describe('parseKernelFrame', () => {
  it.each<[string, string | Buffer, KernelFrame | undefined]>([
    [
      'a v1 binary frame',
      v1Frame([
        'shell',
        JSON.stringify({ msg_type: 'execute_reply', msg_id: 'r1' }),
        JSON.stringify({ msg_id: 'e1' }),
        '{}',
        JSON.stringify({ status: 'ok', execution_count: 7 }),
      ]),
      reply,
    ],
    [
      'a legacy JSON frame',
      JSON.stringify({
        channel: 'shell',
        header: { msg_type: 'execute_reply', msg_id: 'r1' },
        parent_header: { msg_id: 'e1' },
        content: { status: 'ok', execution_count: 7 },
      }),
      reply,
    ],
    ['text that is not a message', 'hello', undefined],
    ['JSON without a header', '{"channel":"iopub"}', undefined],
    ['a binary frame too short', Buffer.from([1, 2, 3]), undefined],
  ])('%s', (_, payload, expected) => {
    expect(parseKernelFrame(payload)).toEqual(expected);
  });
});

describe('KernelMessageLog', () => {
  const frame = (f: Partial<KernelFrame>): KernelFrame => ({
    channel: 'iopub',
    msgType: 'status',
    msgId: 'x',
    parentId: '',
    content: {},
    ...f,
  });

  it('names each message by its kind and detail, and an execute request by its first line of code', () => {
    const log = new KernelMessageLog(10, () => Date.UTC(2026, 11, 3, 18, 48, 12, 345));
    log.record(
      'sent',
      frame({ channel: 'shell', msgType: 'execute_request', msgId: 'e1', content: { code: '// Cell six\nx' } }),
    );
    log.record('received', frame({ parentId: 'e1', content: { execution_state: 'busy' } }));
    log.record(
      'received',
      frame({ msgType: 'stream', parentId: 'e1', content: { name: 'stderr', text: 'oops\n  at x' } }),
    );
    log.record('received', frame(reply));
    log.record('received', frame({ parentId: 'other', content: { execution_state: 'idle' } }));
    expect(log.last(10)).toEqual([
      '18:48:12.345 → shell execute_request [// Cell six]',
      '18:48:12.345 ← iopub status busy [// Cell six]',
      '18:48:12.345 ← iopub stream stderr: oops at x [// Cell six]',
      '18:48:12.345 ← shell execute_reply ok #7 [// Cell six]',
      '18:48:12.345 ← iopub status idle',
    ]);
  });

  it('keeps only the last lines it was sized for', () => {
    const log = new KernelMessageLog(3, () => 0);
    for (let i = 0; i < 5; i++) log.record('received', frame({ content: { execution_state: `s${i}` } }));
    expect(log.last(10)).toEqual([
      '00:00:00.000 ← iopub status s2',
      '00:00:00.000 ← iopub status s3',
      '00:00:00.000 ← iopub status s4',
    ]);
    expect(log.last(1)).toEqual(['00:00:00.000 ← iopub status s4']);
  });
});

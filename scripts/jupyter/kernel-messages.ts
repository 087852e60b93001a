// scripts/jupyter/kernel-messages.ts: the kernel messages a JupyterLab page sends and receives, as the
// browser sees them on the kernel's websocket — each a one-line summary in a bounded log, so a stopped Run
// All can say which request went unanswered and what the kernel said last.
import type { Page } from 'playwright-core';

/** The parts of a Jupyter message a summary needs. */
export interface KernelFrame {
  channel: string;
  msgType: string;
  msgId: string;
  parentId: string;
  content: Record<string, unknown>;
}

interface RawMessage {
  channel?: string;
  header?: { msg_type?: string; msg_id?: string };
  parent_header?: { msg_id?: string };
  content?: Record<string, unknown>;
}

/**
 * Parses one websocket frame: JSON text (the legacy protocol) or the binary v1 protocol of
 * jupyter_server (`v1.kernel.websocket.jupyter.org`): a little-endian uint64 count n, n uint64 offsets,
 * then the parts channel, header, parent header, metadata, content, buffers. Undefined when neither.
 */
export function parseKernelFrame(payload: string | Buffer): KernelFrame | undefined {
  try {
    if (typeof payload === 'string') return frameOf(JSON.parse(payload) as RawMessage);
    const n = Number(payload.readBigUInt64LE(0));
    const offsets = Array.from({ length: n }, (_, i) => Number(payload.readBigUInt64LE(8 * (i + 1))));
    const part = (i: number) => payload.subarray(offsets[i], offsets[i + 1] ?? payload.length).toString('utf8');
    const json = (i: number) => JSON.parse(part(i) || '{}') as Record<string, unknown>;
    return frameOf({
      channel: part(0),
      header: json(1) as RawMessage['header'],
      parent_header: json(2) as RawMessage['parent_header'],
      content: json(4),
    });
  } catch {
    return undefined;
  }
}

function frameOf(m: RawMessage): KernelFrame | undefined {
  if (!m.header?.msg_type) return undefined;
  return {
    channel: m.channel ?? '?',
    msgType: m.header.msg_type,
    msgId: m.header.msg_id ?? '',
    parentId: m.parent_header?.msg_id ?? '',
    content: m.content ?? {},
  };
}

/** The last `size` kernel messages of a page, each summarized; execute requests named by their code's first line. */
export class KernelMessageLog {
  private readonly lines: string[] = [];
  private readonly requests = new Map<string, string>();

  constructor(
    private readonly size = 300,
    private readonly now = () => Date.now(),
  ) {}

  record(direction: 'sent' | 'received', frame: KernelFrame): void {
    if (frame.msgType === 'execute_request') {
      const code = String(frame.content.code ?? '');
      this.requests.set(frame.msgId, code.split('\n')[0].slice(0, 60));
    }
    const t = new Date(this.now()).toISOString().slice(11, 23);
    const arrow = direction === 'sent' ? '→' : '←';
    const detail = detailOf(frame);
    const about = frame.msgType === 'execute_request' ? frame.msgId : frame.parentId;
    const cell = this.requests.get(about);
    const line = `${t} ${arrow} ${frame.channel} ${frame.msgType}${detail}${cell ? ` [${cell}]` : ''}`;
    this.lines.push(line);
    if (this.lines.length > this.size) this.lines.shift();
  }

  /** The last `n` lines, oldest first. */
  last(n: number): string[] {
    return this.lines.slice(-n);
  }
}

/** What tells one message of a kind from another: a status's state, a reply's status and count, a stream's name. */
function detailOf(f: KernelFrame): string {
  const c = f.content;
  if (f.msgType === 'status') return ` ${String(c.execution_state)}`;
  if (f.msgType.endsWith('_reply'))
    return ` ${String(c.status)}${c.execution_count != null ? ` #${c.execution_count}` : ''}`;
  if (f.msgType === 'stream') return ` ${String(c.name)}: ${String(c.text).slice(0, 80).replace(/\s+/g, ' ')}`;
  if (f.msgType === 'error') return ` ${String(c.ename)}: ${String(c.evalue).slice(0, 80)}`;
  return '';
}

/** Records every kernel message on `page`'s kernel websockets from now on. */
export function watchKernelMessages(page: Page, log = new KernelMessageLog()): KernelMessageLog {
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/api/kernels/')) return;
    const on = (direction: 'sent' | 'received') => (data: { payload: string | Buffer }) => {
      const frame = parseKernelFrame(data.payload);
      if (frame) log.record(direction, frame);
    };
    ws.on('framesent', on('sent'));
    ws.on('framereceived', on('received'));
  });
  return log;
}

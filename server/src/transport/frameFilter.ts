/**
 * Passes well-formed LSP frames (`Content-Length: N`, an empty line, N bytes) through and drops malformed ones.
 * vscode-jsonrpc's stream reader reports a bad header but stays mid-frame, so it misreads everything after it and
 * the server goes deaf. Here a bad frame is reported, and reading resumes at the next `Content-Length:` header.
 */
import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
/** The spec's spelling, searched case-sensitively: Buffer.indexOf stops at the first hit, keeping resync linear. */
const RESYNC_TOKEN = Buffer.from('Content-Length:');
/** A longer header block is garbage; waiting for its empty line would buffer forever. */
const MAX_HEADER_BYTES = 8 * 1024;
/** About V8's longest string: a larger body could not be decoded, so such a length is bogus. */
const MAX_BODY_BYTES = 2 ** 29;

/** A frame; or a problem and how many bytes to drop before resyncing; or how many bytes to wait for. */
type Read = { frame: Buffer; rest: Buffer } | { problem: string; skip: number } | { wanted: number };

export class FrameFilter extends Transform {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes needed before parsing is worth trying again (the end of a body being received). */
  private wanted = 0;
  /** After a bad frame: discard input up to the next `Content-Length:`. */
  private resyncing = false;
  /** Between a bad frame and the next good one: report only the first problem, not every fragment of garbage. */
  private skipping = false;

  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size >= this.wanted) this.drain();
    done();
  }

  private drain(): void {
    let buffer: Buffer = Buffer.concat(this.chunks, this.size);
    this.wanted = 0;
    for (;;) {
      if (this.resyncing) {
        const at = buffer.indexOf(RESYNC_TOKEN);
        // Keep a tail that may be the start of a header split across chunks.
        if (at < 0) {
          buffer = buffer.subarray(Math.max(0, buffer.length - RESYNC_TOKEN.length + 1));
          break;
        }
        buffer = buffer.subarray(at);
        this.resyncing = false;
      }
      const read = readFrame(buffer);
      if ('wanted' in read) {
        this.wanted = read.wanted;
        break;
      }
      if ('problem' in read) {
        if (!this.skipping) this.report(read.problem);
        this.skipping = true;
        this.resyncing = true;
        buffer = buffer.subarray(read.skip);
        continue;
      }
      this.skipping = false;
      this.push(read.frame);
      buffer = read.rest;
    }
    this.chunks = buffer.length ? [buffer] : [];
    this.size = buffer.length;
  }
}

/** One frame from the start of the buffer (with a canonical header the library parses as we did), or what is wrong. */
function readFrame(buffer: Buffer): Read {
  const end = buffer.indexOf(HEADER_END);
  const blockLength = end < 0 ? buffer.length : end;
  // No header starting before the last MAX_HEADER_BYTES can end in time; one starting after still may.
  if (blockLength > MAX_HEADER_BYTES) return { problem: `no empty line within ${MAX_HEADER_BYTES} bytes of headers`, skip: blockLength - MAX_HEADER_BYTES };
  if (end < 0) return { wanted: 0 };
  const length = declaredLength(buffer.toString('latin1', 0, end));
  // Usually skip one byte only: after a too-short length, the next real header sits inside this block. But a block
  // with two lengths is a real header block, and resyncing on its second line would take junk for a frame.
  if (typeof length !== 'number') return { problem: length.problem, skip: length.wholeBlock ? end + HEADER_END.length : 1 };
  const bodyStart = end + HEADER_END.length;
  if (buffer.length < bodyStart + length) return { wanted: bodyStart + length };
  const frame = Buffer.concat([Buffer.from(`Content-Length: ${length}\r\n\r\n`, 'ascii'), buffer.subarray(bodyStart, bodyStart + length)]);
  return { frame, rest: buffer.subarray(bodyStart + length) };
}

/** The body length a header block declares, or what is wrong with the block. */
function declaredLength(header: string): number | { problem: string; wholeBlock?: boolean } {
  const values: string[] = [];
  // Empty lines can only lead the block: a stray CRLF after the previous body, harmless.
  for (const line of header.split('\r\n').filter((l) => l !== '')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return { problem: `header line ${quote(line)} is not "Name: value"` };
    if (line.slice(0, colon).trim().toLowerCase() === 'content-length') values.push(line.slice(colon + 1).trim());
  }
  if (values.length === 0) return { problem: `no Content-Length header in ${quote(header)}` };
  if (new Set(values).size > 1) return { problem: `conflicting Content-Length headers ${quote(values.join(', '))}`, wholeBlock: true };
  const value = values[0];
  if (!/^\d+$/.test(value)) return { problem: `Content-Length ${quote(value)} is not a byte count` };
  const length = Number(value);
  return length <= MAX_BODY_BYTES ? length : { problem: `Content-Length ${value} is larger than any message can be` };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

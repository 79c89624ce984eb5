import { createHash } from 'node:crypto';
import { Transform, type TransformCallback, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as nextMacrotask } from 'node:timers/promises';

/** Size and SHA-256 (hex) of the bytes a writer produced, for the batch's manifest. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

/** Passes bytes through unchanged, counting and hashing them on the way. */
export class Metered extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  private digest: string | null = null;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  /** Read once everything went through (the hash cannot be updated afterwards). */
  get sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }
}

/**
 * Writes what `source` yields into `out` through stream.pipeline, so the generator is asked for
 * more only when `out` has room (flat memory), ends `out`, and resolves with the generator's
 * return value plus the size and SHA-256 of the bytes. On failure `out` is destroyed and the
 * promise rejects: what `out` received is not a valid file.
 */
export async function writeChunks<R extends object>(
  source: AsyncGenerator<string | Buffer, R, undefined>,
  out: Writable,
): Promise<R & FileDigest> {
  let result: R | undefined;
  async function* relay() {
    for (;;) {
      const next = await source.next();
      if (next.done) {
        result = next.value;
        return;
      }
      yield typeof next.value === 'string' ? Buffer.from(next.value, 'utf8') : next.value;
    }
  }
  const meter = new Metered();
  await pipeline(relay, meter, out);
  return { ...result!, bytes: meter.bytes, sha256: meter.sha256 };
}

/** Resolves on 'drain'; rejects when `stream` fails or closes first (no 'drain' would come). */
function drained(stream: Writable): Promise<void> {
  if (stream.destroyed) return Promise.reject(new Error('Output closed before the end'));
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', onDrain).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(new Error('Output closed before the end'));
    stream.on('drain', onDrain).on('error', onError).on('close', onClose);
  });
}

/**
 * For writers that push into a stream by themselves (pdfkit, exceljs): lets the piping run (it
 * moves data on later ticks), then waits as long as `stream` asks to, so that a slow output
 * slows the drawing instead of filling memory.
 */
export async function relieve(stream: Writable): Promise<void> {
  await nextMacrotask();
  while (stream.writableNeedDrain) {
    await drained(stream);
    await nextMacrotask();
  }
}

import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TSentenceEncoder } from './encoder';

/**
 * Sentence vectors of training and test texts, kept on disk so `npm run train` and `npm run evaluate`
 * encode each text once (5,500 comments take minutes on one core). The file holds hashes and vectors,
 * never text: records of a 20-byte sha1 of the text followed by `dim` float32 values. The folder is
 * git-ignored; deleting it only costs time.
 */
export const EMBEDDING_CACHE_DIR = path.resolve(__dirname, '..', '..', '..', '.cache', 'embeddings');

const keyOf = (text: string): string => createHash('sha1').update(text).digest('hex');

export function cacheFileOf(dir: string, encoder: Pick<TSentenceEncoder, 'id' | 'dim'>): string {
  return path.join(dir, `${encoder.id.replace(/[^a-zA-Z0-9._-]/g, '_')}-${encoder.dim}.f32`);
}

export function readEmbeddingCache(file: string, dim: number): Map<string, Float32Array> {
  const cache = new Map<string, Float32Array>();
  if (!existsSync(file)) return cache;
  const bytes = readFileSync(file);
  const record = 20 + dim * 4;
  for (let at = 0; at + record <= bytes.length; at += record) {
    const key = bytes.subarray(at, at + 20).toString('hex');
    const vector = new Float32Array(dim);
    for (let d = 0; d < dim; d += 1) vector[d] = bytes.readFloatLE(at + 20 + d * 4);
    cache.set(key, vector);
  }
  return cache;
}

/**
 * Vectors of `texts` in order: cached ones read, the others encoded in chunks of `chunk` and appended
 * to the cache file as they come, so an interrupted run keeps what it did. `progress` gets counts only.
 */
export async function encodeWithCache(
  encoder: TSentenceEncoder,
  texts: readonly string[],
  options: { dir?: string; chunk?: number; progress?: (done: number, total: number) => void } = {},
): Promise<Float32Array[]> {
  const dir = options.dir ?? EMBEDDING_CACHE_DIR;
  mkdirSync(dir, { recursive: true });
  const file = cacheFileOf(dir, encoder);
  const cache = readEmbeddingCache(file, encoder.dim);
  const keys = texts.map(keyOf);
  const missing = [...new Set(keys.flatMap((key, i) => (cache.has(key) ? [] : [i])).map((i) => texts[i]!))];
  const chunk = options.chunk ?? 64;
  for (let at = 0; at < missing.length; at += chunk) {
    const part = missing.slice(at, at + chunk);
    const vectors = await encoder.encode(part);
    const buffers = part.map((text, i) => {
      const buffer = Buffer.alloc(20 + encoder.dim * 4);
      Buffer.from(keyOf(text), 'hex').copy(buffer, 0);
      vectors[i]!.forEach((v, d) => buffer.writeFloatLE(v, 20 + d * 4));
      cache.set(keyOf(text), vectors[i]!);
      return buffer;
    });
    appendFileSync(file, Buffer.concat(buffers));
    options.progress?.(Math.min(at + chunk, missing.length), missing.length);
  }
  return keys.map((key) => cache.get(key)!);
}

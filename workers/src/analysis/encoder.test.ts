import { type TSentenceEncoder, batchingEncoder } from './encoder';

/** A fake encoder that records the batches it is given; vector = [text length, batch number]. */
function recordingEncoder(): TSentenceEncoder & { batches: string[][] } {
  const batches: string[][] = [];
  return {
    id: 'fake',
    dim: 2,
    batches,
    async encode(texts) {
      batches.push([...texts]);
      return texts.map((t) => Float32Array.from([t.length, batches.length]));
    },
  };
}

describe('batchingEncoder', () => {
  it('when jobs ask within the window, their texts are encoded in one batch and each gets its own vectors', async () => {
    const inner = recordingEncoder();
    const encoder = batchingEncoder(inner, { windowMs: 20, maxBatch: 32 });
    const [a, b, c] = await Promise.all([
      encoder.encode(['one', 'three']),
      encoder.encode(['fives']),
      encoder.encode(['sixsix', 'x', 'yy']),
    ]);
    expect(inner.batches).toEqual([['one', 'three', 'fives', 'sixsix', 'x', 'yy']]);
    expect(a!.map((v) => v[0])).toEqual([3, 5]);
    expect(b!.map((v) => v[0])).toEqual([5]);
    expect(c!.map((v) => v[0])).toEqual([6, 1, 2]);
  });

  it('splits a large batch into chunks of maxBatch, in order', async () => {
    const inner = recordingEncoder();
    const encoder = batchingEncoder(inner, { windowMs: 1, maxBatch: 4 });
    const texts = Array.from({ length: 10 }, (_, i) => 'a'.repeat(i + 1));
    const vectors = await encoder.encode(texts);
    expect(inner.batches.map((batch) => batch.length)).toEqual([4, 4, 2]);
    expect(vectors.map((v) => v[0])).toEqual(texts.map((t) => t.length));
  });

  it('calls made apart in time are separate batches, and an empty call never reaches the encoder', async () => {
    const inner = recordingEncoder();
    const encoder = batchingEncoder(inner, { windowMs: 1, maxBatch: 32 });
    await encoder.encode(['first']);
    await encoder.encode(['second']);
    expect(await encoder.encode([])).toEqual([]);
    expect(inner.batches).toEqual([['first'], ['second']]);
  });

  it('when the encoder fails, every caller of that batch gets the error and later batches still run', async () => {
    let fail = true;
    const encoder = batchingEncoder(
      {
        id: 'flaky',
        dim: 1,
        async encode(texts) {
          if (fail) throw new Error('encoder down');
          return texts.map(() => Float32Array.from([1]));
        },
      },
      { windowMs: 5, maxBatch: 8 },
    );
    const results = await Promise.allSettled([encoder.encode(['a']), encoder.encode(['b'])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await encoder.encode(['c'])).toHaveLength(1);
  });
});

import { callBatcher } from './batcher';

type TInput = { text: string };

const answer = (text: string) => ({ redactedText: text });

describe('the call batcher', () => {
  it('gathers the comments of jobs running at once into one call and gives each job its own answers, in order', async () => {
    const calls: string[][] = [];
    const batcher = callBatcher(async (inputs: TInput[]) => {
      calls.push(inputs.map((i) => i.text));
      return inputs.map((i) => answer(i.text));
    });
    const [a, b, c] = await Promise.all([
      batcher.run([{ text: 'a1' }, { text: 'a2' }]),
      batcher.run([{ text: 'b1' }]),
      batcher.run([{ text: 'c1' }, { text: 'c2' }]),
    ]);
    expect(calls).toEqual([['a1', 'a2', 'b1', 'c1', 'c2']]);
    expect(a!.map((r) => r.redactedText)).toEqual(['a1', 'a2']);
    expect(b!.map((r) => r.redactedText)).toEqual(['b1']);
    expect(c!.map((r) => r.redactedText)).toEqual(['c1', 'c2']);
  });

  it('keeps batches to the largest size and analyses what arrives meanwhile as the next batch', async () => {
    const calls: number[] = [];
    const batcher = callBatcher(
      async (inputs: TInput[]) => {
        calls.push(inputs.length);
        await new Promise((r) => setTimeout(r, 5));
        return inputs.map((i) => answer(i.text));
      },
      { maxBatch: 3 },
    );
    const jobs = ['1', '2', '3', '4', '5'].map((t) => batcher.run([{ text: t }, { text: `${t}b` }]));
    const results = await Promise.all(jobs);
    expect(results.map((r) => r.map((x) => x.redactedText))).toEqual([
      ['1', '1b'],
      ['2', '2b'],
      ['3', '3b'],
      ['4', '4b'],
      ['5', '5b'],
    ]);
    expect(Math.max(...calls)).toBeLessThanOrEqual(3);
    expect(batcher.pending()).toBe(0);
  });

  it('fails every job of a batch whose analysis fails, and carries on with the next', async () => {
    let fail = true;
    const batcher = callBatcher(async (inputs: TInput[]) => {
      if (fail) throw new Error('encoder down');
      return inputs.map((i) => answer(i.text));
    });
    await expect(batcher.run([{ text: 'x' }])).rejects.toThrow('encoder down');
    fail = false;
    await expect(batcher.run([{ text: 'y' }])).resolves.toHaveLength(1);
    await expect(batcher.run([])).resolves.toEqual([]);
  });

  it('runs each job of a failed batch again on its own, so one bad input fails only its own job', async () => {
    const calls: string[][] = [];
    const batcher = callBatcher(async (inputs: TInput[]) => {
      calls.push(inputs.map((i) => i.text));
      if (inputs.some((i) => i.text === 'bad')) throw new Error('cannot store');
      return inputs.map((i) => answer(i.text));
    });
    const settled = await Promise.allSettled([
      batcher.run([{ text: 'a' }]),
      batcher.run([{ text: 'bad' }]),
      batcher.run([{ text: 'c' }, { text: 'd' }]),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[2] as PromiseFulfilledResult<{ redactedText: string }[]>).value).toEqual([
      answer('c'),
      answer('d'),
    ]);
    expect(calls).toEqual([['a', 'bad', 'c', 'd'], ['a'], ['bad'], ['c', 'd']]);
  });
});

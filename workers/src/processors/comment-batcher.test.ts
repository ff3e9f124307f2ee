import type { TCommentAnalysis } from '../../../shared/src/analysis/contract';
import { commentBatcher, type TCommentInput } from './comment-batcher';

const answer = (text: string) => ({ redactedText: text }) as TCommentAnalysis;

describe('the comment batcher', () => {
  it('gathers the comments of jobs running at once into one call and gives each job its own answers, in order', async () => {
    const calls: string[][] = [];
    const batcher = commentBatcher(async (inputs: readonly TCommentInput[]) => {
      calls.push(inputs.map((i) => i.text));
      return inputs.map((i) => answer(i.text));
    });
    const [a, b, c] = await Promise.all([
      batcher.analyse([{ text: 'a1' }, { text: 'a2' }]),
      batcher.analyse([{ text: 'b1' }]),
      batcher.analyse([{ text: 'c1' }, { text: 'c2' }]),
    ]);
    expect(calls).toEqual([['a1', 'a2', 'b1', 'c1', 'c2']]);
    expect(a!.map((r) => r.redactedText)).toEqual(['a1', 'a2']);
    expect(b!.map((r) => r.redactedText)).toEqual(['b1']);
    expect(c!.map((r) => r.redactedText)).toEqual(['c1', 'c2']);
  });

  it('keeps batches to the largest size and analyses what arrives meanwhile as the next batch', async () => {
    const calls: number[] = [];
    const batcher = commentBatcher(
      async (inputs: readonly TCommentInput[]) => {
        calls.push(inputs.length);
        await new Promise((r) => setTimeout(r, 5));
        return inputs.map((i) => answer(i.text));
      },
      { maxBatch: 3 },
    );
    const jobs = ['1', '2', '3', '4', '5'].map((t) => batcher.analyse([{ text: t }, { text: `${t}b` }]));
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
    const batcher = commentBatcher(async (inputs: readonly TCommentInput[]) => {
      if (fail) throw new Error('encoder down');
      return inputs.map((i) => answer(i.text));
    });
    await expect(batcher.analyse([{ text: 'x' }])).rejects.toThrow('encoder down');
    fail = false;
    await expect(batcher.analyse([{ text: 'y' }])).resolves.toHaveLength(1);
    await expect(batcher.analyse([])).resolves.toEqual([]);
  });
});

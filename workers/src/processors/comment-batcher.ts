import type { TCommentAnalysis } from '../../../shared/src/analysis/contract';
import type { TTextIntent } from '../../../shared/src/survey/definition';
import type { TCompiledTaxonomy } from '../../../shared/src/taxonomy/friction';

export type TCommentInput = { text: string; intent?: TTextIntent; friction?: TCompiledTaxonomy };
type TAnalyseBatch = (inputs: readonly TCommentInput[]) => Promise<TCommentAnalysis[]>;

type TPending = {
  inputs: TCommentInput[];
  resolve: (results: TCommentAnalysis[]) => void;
  reject: (err: unknown) => void;
};

/**
 * Gathers the comments of the jobs a worker runs at once into one `analyseComments` call, so the
 * sentence encoder encodes them as a batch (its cost per comment falls steeply with batch size).
 * A call waits at most `waitMs` for company, and never while a batch is being analysed: those
 * that arrive meanwhile form the next batch. Rejected: a fixed timer per batch, which would add its
 * delay to a live response on an idle worker.
 */
export function commentBatcher(analyse: TAnalyseBatch, opts: { maxBatch?: number; waitMs?: number } = {}) {
  const maxBatch = opts.maxBatch ?? 64;
  const waitMs = opts.waitMs ?? 2;
  let queue: TPending[] = [];
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function flush(): Promise<void> {
    timer = null;
    if (running || queue.length === 0) return;
    running = true;
    const batch: TPending[] = [];
    let size = 0;
    while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.inputs.length <= maxBatch)) {
      const next = queue.shift()!;
      batch.push(next);
      size += next.inputs.length;
    }
    try {
      const results = await analyse(batch.flatMap((p) => p.inputs));
      let at = 0;
      for (const p of batch) {
        p.resolve(results.slice(at, at + p.inputs.length));
        at += p.inputs.length;
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    } finally {
      running = false;
      if (queue.length > 0) schedule();
    }
  }

  function schedule(): void {
    if (timer || running) return;
    timer = setTimeout(() => void flush(), waitMs);
  }

  return {
    analyse(inputs: TCommentInput[]): Promise<TCommentAnalysis[]> {
      if (inputs.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ inputs, resolve, reject });
        schedule();
      });
    },
    /** Comments waiting for a batch (for tests). */
    pending: () => queue.reduce((n, p) => n + p.inputs.length, 0),
    clear: () => {
      queue = [];
    },
  };
}

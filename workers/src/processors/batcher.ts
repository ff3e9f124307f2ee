type TPending<I, O> = {
  inputs: I[];
  resolve: (results: O[]) => void;
  reject: (err: unknown) => void;
};

/**
 * Gathers the calls of the jobs a worker runs at once into one call of `run`, which takes every
 * caller's inputs together and answers each input in order. Used twice: the comments of concurrent
 * jobs go to the sentence encoder as one batch (its cost per comment falls steeply with batch
 * size), and their analyses are stored in one transaction (a busy unit-day's rollup rows are then
 * updated and locked once per batch, not once per response, so jobs do not queue on them).
 *
 * A call waits at most `waitMs` for company, and never while a batch is running: those that arrive
 * meanwhile form the next batch. When a batch of several callers fails, each caller is run again on
 * its own, so one bad input fails only its own job. Rejected: a fixed timer per batch, which would
 * add its delay to a live response on an idle worker.
 */
export function callBatcher<I, O>(
  run: (inputs: I[]) => Promise<O[]>,
  opts: { maxBatch?: number; waitMs?: number } = {},
) {
  const maxBatch = opts.maxBatch ?? 64;
  const waitMs = opts.waitMs ?? 2;
  const queue: TPending<I, O>[] = [];
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  async function runAll(batch: TPending<I, O>[]): Promise<void> {
    const results = await run(batch.flatMap((p) => p.inputs));
    let at = 0;
    for (const p of batch) {
      p.resolve(results.slice(at, at + p.inputs.length));
      at += p.inputs.length;
    }
  }

  async function flush(): Promise<void> {
    timer = null;
    if (running || queue.length === 0) return;
    running = true;
    const batch: TPending<I, O>[] = [];
    let size = 0;
    while (queue.length > 0 && (batch.length === 0 || size + queue[0]!.inputs.length <= maxBatch)) {
      const next = queue.shift()!;
      batch.push(next);
      size += next.inputs.length;
    }
    try {
      await runAll(batch).catch(async (err: unknown) => {
        if (batch.length === 1) throw err;
        for (const p of batch) await runAll([p]).catch(p.reject);
      });
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
    run(inputs: I[]): Promise<O[]> {
      if (inputs.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ inputs, resolve, reject });
        schedule();
      });
    },
    /** Inputs waiting for a batch (for tests). */
    pending: () => queue.reduce((n, p) => n + p.inputs.length, 0),
  };
}

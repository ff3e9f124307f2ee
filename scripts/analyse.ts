/**
 * `npm run --silent analyse`: JSON lines in, JSON lines out, same order (ARCHITECTURE.md, contract 3).
 * Input `{"id", "text", "question"?}`; output `{"id", "sentiment", "themes", "urgent", "redactedText"}`.
 * The same analyseComments the worker runs, called on batches of input lines so the sentence encoder
 * encodes them together. A line that is not valid input gets `{"id", "error"}` in its place, so the
 * order still lines up, and the exit code is 2.
 */
import readline from 'node:readline';
import { ZAnalyseInput, type TAnalyseInput, type TAnalyseOutput } from '../shared/src/analysis/contract';
import { analyseComments } from '../workers/src/analysis/analyse-comment';
import { intentOfQuestion } from '../workers/src/analysis/question-intent';

/** Lines analysed per call: a few encoder batches, small enough to stream output steadily. */
const BATCH_LINES = 128;

type TLineError = { id: string | null; error: string };

function parseLine(line: string): TAnalyseInput | TLineError {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { id: null, error: 'not JSON' };
  }
  const parsed = ZAnalyseInput.safeParse(json);
  if (parsed.success) return parsed.data;
  const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null;
  return {
    id,
    error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; '),
  };
}

async function analyseBatch(lines: readonly string[]): Promise<(TAnalyseOutput | TLineError)[]> {
  const parsed = lines.map(parseLine);
  const inputs = parsed.filter((p): p is TAnalyseInput => !('error' in p));
  const results = await analyseComments(
    inputs.map(({ text, question }) => ({ text, intent: intentOfQuestion(question) })),
  );
  let k = 0;
  return parsed.map((p) => {
    if ('error' in p) return p;
    const result = results[k++]!;
    return {
      id: p.id,
      sentiment: result.sentiment,
      themes: result.themes,
      urgent: result.urgent,
      redactedText: result.redactedText,
    };
  });
}

async function main(): Promise<void> {
  const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failed = false;
  let batch: string[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const outputs = await analyseBatch(batch);
    batch = [];
    if (outputs.some((o) => 'error' in o)) failed = true;
    const out = outputs.map((o) => `${JSON.stringify(o)}\n`).join('');
    if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
  };
  for await (const line of input) {
    if (line.trim() === '') continue;
    batch.push(line);
    if (batch.length >= BATCH_LINES) await flush();
  }
  await flush();
  if (failed) process.exitCode = 2;
}

main().catch((err: Error) => {
  console.error(`analyse failed: ${err.message}`);
  process.exit(1);
});

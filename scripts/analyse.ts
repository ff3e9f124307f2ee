/**
 * `npm run --silent analyse`: JSON lines in, JSON lines out, same order (ARCHITECTURE.md, contract 3).
 * Input `{"id", "text", "question"?}`; output `{"id", "sentiment", "themes", "urgent", "redactedText"}`.
 * The same analyseComment the worker runs. A line that is not valid input gets `{"id", "error"}` in
 * its place, so the order still lines up, and the exit code is 2.
 */
import readline from 'node:readline';
import { ZAnalyseInput, type TAnalyseOutput } from '../shared/src/analysis/contract';
import { analyseComment } from '../workers/src/analysis/analyse-comment';
import { intentOfQuestion } from '../workers/src/analysis/question-intent';

function analyseLine(line: string): TAnalyseOutput | { id: string | null; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { id: null, error: 'not JSON' };
  }
  const parsed = ZAnalyseInput.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'string' ? (json as { id: string }).id : null;
    return {
      id,
      error: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; '),
    };
  }
  const { id, text, question } = parsed.data;
  const result = analyseComment({ text, intent: intentOfQuestion(question) });
  return {
    id,
    sentiment: result.sentiment,
    themes: result.themes,
    urgent: result.urgent,
    redactedText: result.redactedText,
  };
}

async function main(): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failed = false;
  let out = '';
  for await (const line of lines) {
    if (line.trim() === '') continue;
    const result = analyseLine(line);
    if ('error' in result) failed = true;
    out += `${JSON.stringify(result)}\n`;
    if (out.length > 64_000) {
      if (!process.stdout.write(out)) await new Promise((r) => process.stdout.once('drain', r));
      out = '';
    }
  }
  process.stdout.write(out);
  if (failed) process.exitCode = 2;
}

main().catch((err: Error) => {
  console.error(`analyse failed: ${err.message}`);
  process.exit(1);
});

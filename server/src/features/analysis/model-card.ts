import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZModelCard, type TModelCard } from '../../../../shared/src/api/analysis-trust';

/** Written by `npm run train` beside the model it describes (workers/src/analysis/models). */
export const MODEL_CARD_FILE = path.resolve(
  __dirname,
  '../../../../workers/src/analysis/models/model-card.json',
);

/**
 * The current model's test figures. A missing or malformed card is said plainly rather than
 * failing the page: the figures are about the model, and the model still runs without them.
 */
export async function readModelCard(
  file = MODEL_CARD_FILE,
): Promise<{ card: TModelCard | null; problem: string | null }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return {
      card: null,
      problem: 'No model card: the current model was trained without writing its test figures.',
    };
  }
  try {
    const parsed = ZModelCard.safeParse(JSON.parse(text));
    if (parsed.success) return { card: parsed.data, problem: null };
  } catch {
    // Not JSON: the same answer as a card of the wrong shape.
  }
  return {
    card: null,
    problem: 'The model card could not be read: its figures are not in the expected form.',
  };
}

import { z } from 'zod';

/**
 * The analysis settings: the only place in workers/src/analysis that reads process.env. The worker,
 * `npm run analyse`, `npm run train` and `npm run evaluate` all read them here, so they agree on the
 * encoder.
 */
const ZAnalysisEnv = z.object({
  /** `use`: the Universal Sentence Encoder lite shipped in npm; `none`: the sparse model alone. */
  ANALYSIS_ENCODER: z.enum(['use', 'none']).default('use'),
  /** A local ONNX sentence-encoder folder (transformers.js layout); when set it replaces `use`. */
  ANALYSIS_ENCODER_DIR: z.string().min(1).optional(),
  /** Where the heads for ANALYSIS_ENCODER_DIR are written and read; default: inside that folder. */
  ANALYSIS_HEADS_FILE: z.string().min(1).optional(),
});

export type TAnalysisConfig = Readonly<z.infer<typeof ZAnalysisEnv>>;

export function parseAnalysisConfig(env: Record<string, string | undefined>): TAnalysisConfig {
  const parsed = ZAnalysisEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid analysis configuration:\n${lines.join('\n')}`);
  }
  return Object.freeze(parsed.data);
}

let config: TAnalysisConfig | undefined;

/** Read once, at first use. */
export function analysisConfig(): TAnalysisConfig {
  config ??= parseAnalysisConfig(process.env);
  return config;
}

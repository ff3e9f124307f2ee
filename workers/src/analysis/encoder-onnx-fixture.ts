import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A tiny sentence encoder in the transformers.js folder layout (config.json, tokenizer.json,
 * tokenizer_config.json, onnx/model.onnx), built here byte by byte so tests exercise the real
 * loading path with no weights from the internet. The graph is an embedding lookup masked by the
 * attention mask (Gather, Cast, Unsqueeze, Mul), the shape of a BERT encoder's `last_hidden_state`;
 * the tokenizer is a lower-casing WordPiece over a few dozen words. Test support only.
 */

/** Protocol-buffer wire format, just what an ONNX ModelProto needs. */
function varint(value: number | bigint): number[] {
  let v = BigInt(value);
  if (v < 0n) v += 1n << 64n;
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}
const tag = (field: number, wire: number): number[] => varint((field << 3) | wire);
const int = (field: number, value: number | bigint): number[] => [...tag(field, 0), ...varint(value)];
const bytes = (field: number, data: Uint8Array | number[]): number[] => [
  ...tag(field, 2),
  ...varint(data.length),
  ...data,
];
const str = (field: number, text: string): number[] => bytes(field, [...Buffer.from(text, 'utf8')]);

const FLOAT = 1;
const INT64 = 7;

function tensorType(elemType: number, dims: (number | string)[]): number[] {
  const shape = dims.flatMap((d) => bytes(1, typeof d === 'number' ? int(1, d) : str(2, d)));
  return bytes(1, [...int(1, elemType), ...bytes(2, shape)]);
}
const valueInfo = (name: string, elemType: number, dims: (number | string)[]): number[] => [
  ...str(1, name),
  ...bytes(2, tensorType(elemType, dims)),
];
function node(op: string, inputs: string[], outputs: string[], attributes: number[][] = []): number[] {
  return [
    ...inputs.flatMap((i) => str(1, i)),
    ...outputs.flatMap((o) => str(2, o)),
    ...str(3, `${op.toLowerCase()}_${outputs[0] ?? ''}`),
    ...str(4, op),
    ...attributes.flatMap((a) => bytes(5, a)),
  ];
}
const intAttribute = (name: string, value: number): number[] => [
  ...str(1, name),
  ...int(3, value),
  ...int(20, 2),
];
function tensor(name: string, dims: number[], elemType: number, raw: Buffer): number[] {
  return [...dims.flatMap((d) => int(1, d)), ...int(2, elemType), ...str(8, name), ...bytes(9, raw)];
}

/** The ONNX model: `last_hidden_state[b, s] = embeddings[input_ids[b, s]] * attention_mask[b, s]`. */
export function tinyEncoderOnnx(embeddings: Float32Array, vocabSize: number, dim: number): Buffer {
  const graph = [
    ...bytes(1, node('Gather', ['embeddings', 'input_ids'], ['gathered'])),
    ...bytes(1, node('Cast', ['attention_mask'], ['mask_float'], [intAttribute('to', FLOAT)])),
    ...bytes(1, node('Unsqueeze', ['mask_float', 'last_axis'], ['mask_3d'])),
    ...bytes(1, node('Mul', ['gathered', 'mask_3d'], ['last_hidden_state'])),
    ...str(2, 'tiny_encoder'),
    ...bytes(5, tensor('embeddings', [vocabSize, dim], FLOAT, Buffer.from(embeddings.buffer))),
    ...bytes(5, tensor('last_axis', [1], INT64, Buffer.from(new BigInt64Array([2n]).buffer))),
    ...bytes(11, valueInfo('input_ids', INT64, ['batch_size', 'sequence_length'])),
    ...bytes(11, valueInfo('attention_mask', INT64, ['batch_size', 'sequence_length'])),
    ...bytes(12, valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dim])),
  ];
  const model = [
    ...int(1, 8), // ir_version
    ...str(2, 'careloop-test'),
    ...bytes(7, graph),
    ...bytes(8, [...str(1, ''), ...int(2, 13)]), // opset_import: default domain, opset 13
  ];
  return Buffer.from(model);
}

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS =
  'the a and was were is staff nurse nurses doctor ward night care kind rude wait waiting long ' +
  'pain quiet quieter parking cheap cheaper good great bad lovely help helpful thank you very not';
const PIECES = ['##s', '##ed', '##ing', '##er', '##ly', '.', ',', '!', '?'];

/** A WordPiece tokenizer.json in the `tokenizers` library's format. */
export function tinyTokenizerJson(vocab: readonly string[]): string {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string) => ({ id: token, type_id: 0 });
  return JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({
      id: ids[content],
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
      ],
      pair: [
        { SpecialToken: special('[CLS]') },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: special('[SEP]') },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: Object.fromEntries(
        ['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [ids[t]], tokens: [t] }]),
      ),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  });
}

/** Writes the tiny encoder folder into `dir` and returns its vocabulary and width. */
export function writeTinyEncoder(dir: string, dim = 8): { vocab: string[]; dim: number } {
  const vocab = [...SPECIAL, ...WORDS.split(' '), ...PIECES];
  // Deterministic, varied weights: no two tokens share an embedding.
  const embeddings = new Float32Array(vocab.length * dim).map((_, i) => Math.sin(i * 12.9898 + 1) * 0.5);
  mkdirSync(path.join(dir, 'onnx'), { recursive: true });
  writeFileSync(path.join(dir, 'onnx', 'model.onnx'), tinyEncoderOnnx(embeddings, vocab.length, dim));
  writeFileSync(path.join(dir, 'tokenizer.json'), tinyTokenizerJson(vocab));
  writeFileSync(
    path.join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 64,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      mask_token: '[MASK]',
    }),
  );
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: dim,
      vocab_size: vocab.length,
      max_position_embeddings: 64,
    }),
  );
  return { vocab, dim };
}

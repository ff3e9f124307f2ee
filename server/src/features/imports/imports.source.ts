import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { TInvalidParam } from '../../../../shared/src/errors';
import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { invalid } from '../../http/app-error';
import { csvRowInput, readCsvHeader, type TCsvLayout } from './imports.rows';

/** The file, as it arrives: the request itself, or any stream of text or bytes (the demo script's). */
export type TImportSource = AsyncIterable<string | Uint8Array>;

/** One row of the file: what it holds (to check), or why it could not be read at all. */
export type TRawRow = { line: number; input: unknown } | { line: number; problems: TInvalidParam[] };

/** No answer needs more than this (text answers stop at 5,000 characters); it bounds memory per line. */
const MAX_LINE_BYTES = 1024 * 1024;

/**
 * The request's chunks, leaving the request open when reading stops early: a refused header must
 * still be answered (400) over the same connection, which destroying the request would cut.
 */
function chunksOf(source: TImportSource): AsyncIterable<string | Uint8Array> {
  return source instanceof Readable ? source.iterator({ destroyOnReturn: false }) : source;
}

/** Lines of UTF-8 text (LF or CRLF), numbered from 1, read a chunk at a time. */
async function* readLines(source: TImportSource): AsyncGenerator<{ line: number; text: string }> {
  const decoder = new TextDecoder();
  let rest = '';
  let line = 0;
  for await (const chunk of chunksOf(source)) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      line += 1;
      yield { line, text: text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end) };
      start = end + 1;
    }
    rest = text.slice(start);
    if (rest.length > MAX_LINE_BYTES) {
      throw invalid([{ name: `line ${line + 1}`, reason: 'is longer than 1 MiB' }], 'A line is too long');
    }
  }
  rest += decoder.decode();
  if (rest !== '') yield { line: line + 1, text: rest.replace(/\r$/, '') };
}

const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * NDJSON rows. A first line that is not a JSON object means the body is not NDJSON at all (400);
 * a later one is that row's problem. Blank lines are skipped, but counted for the line numbers.
 */
export async function* ndjsonRows(source: TImportSource): AsyncGenerator<TRawRow> {
  let first = true;
  for await (const { line, text } of readLines(source)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (!isObject(value)) {
      if (first) {
        throw invalid(
          [{ name: 'body', reason: `line ${line} is not a JSON object` }],
          'The body is not NDJSON: send one JSON object a line',
        );
      }
      yield { line, problems: [{ name: 'row', reason: 'is not a JSON object' }] };
    } else yield { line, input: value };
    first = false;
  }
  if (first) throw invalid([{ name: 'body', reason: 'holds no rows' }], 'The file is empty');
}

/**
 * CSV rows (RFC 4180, UTF-8, a byte-order mark allowed), as NDJSON rows would hold them. A header
 * that does not fit the survey, or a file the parser cannot read on (an unclosed quote), is a 400.
 */
export async function* csvRows(
  source: TImportSource,
  definition: TSurveyDefinition,
): AsyncGenerator<TRawRow> {
  const parser = parse({
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    max_record_size: MAX_LINE_BYTES,
  });
  // pipe() rather than pipeline(): stopping early must not destroy the request (see chunksOf).
  const input = source instanceof Readable ? source : Readable.from(source);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let layout: TCsvLayout | null = null;
  let rows = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!layout) {
        layout = readCsvHeader(record, definition);
        continue;
      }
      rows += 1;
      const read = csvRowInput(layout, record);
      yield 'input' in read ? { line: info.lines, input: read.input } : { line: info.lines, ...read };
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw invalid(
      [{ name: `line ${parser.info.lines}`, reason: `cannot be read as CSV (${error.code})` }],
      'The CSV file cannot be read',
    );
  } finally {
    input.unpipe(parser);
  }
  if (!layout) throw invalid([{ name: 'body', reason: 'has no header row' }], 'The file is empty');
  if (rows === 0)
    throw invalid([{ name: 'body', reason: 'holds no rows under its header' }], 'The file is empty');
}

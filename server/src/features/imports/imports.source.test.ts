import { ndjsonRows, type TRawRow } from './imports.source';

async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const part of parts) yield part;
}

async function rowsOf(...parts: (string | Uint8Array)[]): Promise<TRawRow[]> {
  const out: TRawRow[] = [];
  for await (const row of ndjsonRows(chunks(...parts))) out.push(row);
  return out;
}

describe('reading NDJSON as it streams', () => {
  it('keeps a line and a character that straddle chunks whole, and numbers lines with blanks and CRLF', async () => {
    const bytes = new TextEncoder().encode('{"a":"é"}\r\n\n{"b":2}');
    const cut = bytes.indexOf(0xa9); // inside the two bytes of é
    const rows = await rowsOf(bytes.slice(0, cut), bytes.slice(cut, 14), bytes.slice(14));
    expect(rows).toEqual([
      { line: 1, input: { a: 'é' } },
      { line: 3, input: { b: 2 } },
    ]);
  });

  it('a later line that is not a JSON object is that row’s problem; a first one refuses the body', async () => {
    expect(await rowsOf('{"a":1}\n[1]\n')).toEqual([
      { line: 1, input: { a: 1 } },
      { line: 2, problems: [{ name: 'row', reason: 'is not a JSON object' }] },
    ]);
    await expect(rowsOf('a,b\n1,2\n')).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(rowsOf('\n \n')).rejects.toMatchObject({ message: 'The file is empty' });
  });
});

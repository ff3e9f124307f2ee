/**
 * Vocabulary (sorted) and idf from the comments at `rows` of `counts` only: features in at least
 * `minDocumentFrequency` of them, intent features `i:` always; idf = 1 + ln(N / (1 + df)) as
 * natural's TfIdf computes it. natural's TfIdf itself was dropped here: its idf() scans every
 * document per term (15 s for this vocabulary, against milliseconds from the document frequencies
 * counted anyway).
 */
export function fitVocabulary(
  counts: readonly Map<string, number>[],
  rows: readonly number[],
  minDocumentFrequency: number,
): { features: string[]; idf: number[] } {
  const documentFrequency = new Map<string, number>();
  for (const n of rows) {
    for (const feature of counts[n]?.keys() ?? []) {
      documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
    }
  }
  const features = [...documentFrequency.entries()]
    .filter(([feature, df]) => df >= minDocumentFrequency || feature.startsWith('i:'))
    .map(([feature]) => feature)
    .sort();
  const idf = features.map((feature) => {
    const df = documentFrequency.get(feature) ?? 0;
    return Number((1 + Math.log(rows.length / (1 + df))).toPrecision(5));
  });
  return { features, idf };
}

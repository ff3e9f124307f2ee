import {
  FRICTION_TAXONOMY_SEED,
  ZTaxonomyDefinition,
  compileTaxonomy,
  matchTaxonomy,
  type TTaxonomyDefinition,
} from './friction';

const seed = compileTaxonomy(FRICTION_TAXONOMY_SEED);
const keysOf = (text: string) => matchTaxonomy(seed, text).map((m) => m.key);

describe('FRICTION_TAXONOMY_SEED', () => {
  it('is a valid definition with ten themes of 10 to 30 terms each', () => {
    expect(ZTaxonomyDefinition.parse(FRICTION_TAXONOMY_SEED)).toEqual(FRICTION_TAXONOMY_SEED);
    expect(FRICTION_TAXONOMY_SEED.themes).toHaveLength(10);
    for (const theme of FRICTION_TAXONOMY_SEED.themes) {
      expect(theme.terms.length).toBeGreaterThanOrEqual(10);
      expect(theme.terms.length).toBeLessThanOrEqual(30);
    }
  });

  it('maps realistic clinician comments to the right themes', () => {
    expect(keysOf('It takes 14 clicks to order a simple blood test')).toEqual(['usability-clicks']);
    expect(keysOf('the AI scribe invented a medication the patient never took')).toContain(
      'ai-accuracy-trust',
    );
    expect(keysOf('constant pop-up alerts, I just click through them now')).toContain('alerts-fatigue');
    expect(keysOf('the system was down for two hours during the ward round')).toEqual(['downtime-speed']);
    expect(keysOf("can't log in with my smartcard")).toEqual(['sign-in-access']);
    expect(keysOf('Nobody showed us how to use it and the helpdesk never answers')).toEqual([
      'training-support',
    ]);
    expect(keysOf('Lovely team, no complaints')).toEqual([]);
  });

  it('reports the terms that matched, in taxonomy order', () => {
    expect(matchTaxonomy(seed, 'the AI scribe invented a medication')).toEqual([
      { key: 'ai-accuracy-trust', label: 'AI accuracy and trust', terms: ['AI', 'scribe*', 'invented'] },
    ]);
    const keys = keysOf('Too many pop up alerts and the system is slow');
    expect(keys).toEqual(['alerts-fatigue', 'downtime-speed']);
  });
});

describe('compileTaxonomy and matchTaxonomy', () => {
  const custom = (terms: string[]): TTaxonomyDefinition => ({
    themes: [{ key: 'custom', label: 'Custom', terms }],
  });
  const matched = (terms: string[], text: string) =>
    matchTaxonomy(compileTaxonomy(custom(terms)), text)[0]?.terms ?? [];

  it('matches case-insensitively on word boundaries, with a trailing * as a prefix', () => {
    expect(matched(['click*'], 'CLICKING everywhere')).toEqual(['click*']);
    expect(matched(['click'], 'clicking everywhere')).toEqual([]);
    expect(matched(['log'], 'a catalogue')).toEqual([]);
    expect(matched(['pop-up'], 'a pop up appeared')).toEqual(['pop-up']);
  });

  it('treats regex characters in user terms literally', () => {
    expect(matched(['C++ (beta)'], 'we tried C++ (beta) today')).toEqual(['C++ (beta)']);
    expect(matched(['C++ (beta)'], 'we tried C (beta) today')).toEqual([]);
    expect(matched(['a.b*'], 'a.bcd')).toEqual(['a.b*']);
    expect(matched(['a.b*'], 'axbcd')).toEqual([]);
    expect(matched(['(', '[x]', '\\d+', '^$'], 'nothing here 123')).toEqual([]);
  });

  it('stays fast on a long text with a term that would backtrack as a regex', () => {
    const compiled = compileTaxonomy(custom(['a* a* a* b', '(a+)+$']));
    expect(matchTaxonomy(compiled, `${'a '.repeat(5000)}c`)).toEqual([]);
  });

  it('refuses invalid definitions', () => {
    expect(() => compileTaxonomy({ themes: [] })).toThrow();
    expect(() => compileTaxonomy(custom([]))).toThrow();
    expect(() => compileTaxonomy({ themes: [{ key: 'Not A Slug', label: 'x', terms: ['y'] }] })).toThrow();
    const theme = { key: 'same', label: 'Same', terms: ['x'] };
    expect(ZTaxonomyDefinition.safeParse({ themes: [theme, theme] }).success).toBe(false);
  });
});

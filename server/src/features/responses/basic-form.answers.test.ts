import type { TSurveyDefinition } from '../../../../shared/src/survey/definition';
import { holdsNul, parseNumber, readRawAnswers, toAnswers } from './basic-form.answers';
import { escapeHtml } from './basic-form.html';

const def: TSurveyDefinition = {
  title: { en: 'Visit' },
  defaultLocale: 'en',
  locales: ['en'],
  audience: 'patient',
  items: [
    { linkId: 'first', type: 'boolean', text: { en: 'First visit?' } },
    {
      linkId: 'why',
      type: 'text',
      text: { en: 'Why back?' },
      enableWhen: [{ question: 'first', operator: '=', answer: false }],
    },
    {
      linkId: 'more',
      type: 'group',
      text: { en: 'More' },
      enableWhen: [{ question: 'first', operator: '=', answer: true }],
      items: [{ linkId: 'score', type: 'rating', min: 0, max: 10, text: { en: 'Score' } }],
    },
    {
      linkId: 'tags',
      type: 'choice',
      repeats: true,
      text: { en: 'Tags' },
      answerOption: [{ code: 'a', text: { en: 'A' } }],
    },
    { linkId: 'temp', type: 'decimal', text: { en: 'Temp' } },
  ],
};

describe('reading a plain form post', () => {
  it('types each answer as the JSON page would, leaving unreadable ones as text for validation', () => {
    const raw = readRawAnswers(def, {
      'a.first': 'true',
      'a.score': '7',
      'a.tags': ['a'],
      'a.temp': '36,6',
      'a.unknown': 'ignored',
    });
    expect(toAnswers(def, raw)).toEqual({ first: true, score: 7, tags: ['a'], temp: 36.6 });
    expect(parseNumber('twenty', true)).toBe('twenty');
    expect(parseNumber('1.5', true)).toBe('1.5');
  });

  it('drops answers to questions, and groups, whose conditions the other answers rule out, and blank fields', () => {
    const raw = readRawAnswers(def, {
      'a.first': 'false',
      'a.why': 'Came back',
      'a.score': '9',
      'a.temp': ' ',
    });
    expect(toAnswers(def, raw)).toEqual({ first: false, why: 'Came back' });
    expect(toAnswers(def, readRawAnswers(def, { 'a.why': 'No answer above' }))).toEqual({});
  });

  it('notices NUL characters in names and values', () => {
    expect(holdsNul({ 'a.why': 'a\u0000b' })).toBe(true);
    expect(holdsNul({ 'a.\u0000': 'x' })).toBe(true);
    expect(holdsNul({ 'a.why': ['fine', 'also fine'] })).toBe(false);
  });

  it('escapes text for HTML content and quoted attributes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});

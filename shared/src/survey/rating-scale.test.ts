import { ratingScale } from './rating-scale';

const tr = (text: Record<string, string>) => text.en ?? '';

describe('the layout of a rating scale', () => {
  it('a Likert scale labels every point and shows no ends', () => {
    const scale = ratingScale(
      {
        linkId: 'kind',
        type: 'rating',
        min: 1,
        max: 2,
        text: { en: 'Kind?' },
        labels: [
          { value: 2, text: { en: 'Yes' } },
          { value: 1, text: { en: 'No' } },
        ],
      },
      tr,
    );
    expect(scale).toEqual({
      everyPointLabelled: true,
      points: [
        { value: 1, label: 'No' },
        { value: 2, label: 'Yes' },
      ],
      ends: [],
    });
  });

  it('an NPS scale shows numbers, its labels at the ends, lowest first', () => {
    const scale = ratingScale(
      {
        linkId: 'nps',
        type: 'rating',
        min: 0,
        max: 10,
        text: { en: 'Recommend?' },
        labels: [
          { value: 10, text: { en: 'Extremely likely' } },
          { value: 0, text: { en: 'Not at all likely' } },
        ],
      },
      tr,
    );
    expect(scale.everyPointLabelled).toBe(false);
    expect(scale.points).toHaveLength(11);
    expect(scale.points[5]).toEqual({ value: 5, label: undefined });
    expect(scale.ends).toEqual([
      { value: 0, label: 'Not at all likely' },
      { value: 10, label: 'Extremely likely' },
    ]);
    expect(ratingScale({ linkId: 'x', type: 'rating', min: 1, max: 5, text: { en: 'X' } }, tr).ends).toEqual(
      [],
    );
  });
});

import { localToday, periodWindow } from './board.summary';

describe('board periods', () => {
  it('counts days back from today, today included', () => {
    const w = periodWindow('7d', '2026-11-29');
    expect(w).toMatchObject({
      from: '2026-11-23',
      to: '2026-11-29',
      week: false,
      previousFrom: '2026-11-16',
    });
    expect(w.buckets).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(periodWindow('30d', '2026-03-01').from).toBe('2026-01-31');
  });

  it('draws long periods by week from a Monday, the current week last', () => {
    // 2026-11-29 is a Sunday: its week began on Monday 23rd.
    const w = periodWindow('90d', '2026-11-29');
    expect(w.buckets).toHaveLength(13);
    expect(w.buckets.at(-1)).toBe('2026-11-23');
    expect(w.from).toBe('2026-08-31');
    expect(new Date(`${w.from}T00:00:00Z`).getUTCDay()).toBe(1);
    expect(periodWindow('365d', '2026-11-30').buckets).toHaveLength(52);
  });

  it('takes today from the organisation’s clock, not the server’s', () => {
    const lateEvening = new Date('2026-06-30T23:30:00Z');
    expect(localToday('Europe/London', lateEvening)).toBe('2026-07-01');
    expect(localToday('America/New_York', lateEvening)).toBe('2026-06-30');
  });
});

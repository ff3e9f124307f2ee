import {
  DEMO_CHANGES,
  DEMO_UNITS,
  SITE_DRIFT_PER_YEAR,
  WINDOWS,
  type TChangeKey,
  type TDemoUnit,
} from './layout';

/**
 * The demo's truth: for every unit and day, the chance that a patient rates the service "good" or
 * "very good", and how many answer. The generator draws answers from it; tests read it to know
 * what the impact page should find.
 */

const DAY_MS = 86_400_000;
// Day numbers and strings are cached: planning tries every go-live date of a year, each over a
// year of unit-days, and parsing dates was nearly all of its time.
const numbers = new Map<string, number>();
const strings = new Map<number, string>();
const dayNumber = (day: string): number => {
  let n = numbers.get(day);
  if (n === undefined) numbers.set(day, (n = Date.parse(`${day}T00:00:00Z`) / DAY_MS));
  return n;
};
const dayString = (n: number): string => {
  let day = strings.get(n);
  if (day === undefined) strings.set(n, (day = new Date(n * DAY_MS).toISOString().slice(0, 10)));
  return day;
};
export const addDays = (day: string, days: number): string => dayString(dayNumber(day) + days);
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
/** Day 0 (1970-01-01) was a Thursday. */
export const isWeekend = (day: string): boolean => [2, 3].includes(dayNumber(day) % 7);

/** Every day from `from` to `to`, both included. */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The year of history and each change's go-live date. */
export type TDemoPlan = {
  firstDay: string;
  lastDay: string;
  goLive: Record<TChangeKey, string>;
};

/** Winter pressures: a few points lower everywhere from December to February. */
export function seasonalDip(day: string): number {
  const month = Number(day.slice(5, 7));
  return month === 1 ? -0.05 : month === 12 || month === 2 ? -0.03 : 0;
}

const unitsOf = (change: TChangeKey) => new Set(DEMO_CHANGES[change].unitKeys);
const CHANGE_UNITS = { kiosk: unitsOf('kiosk'), scribe: unitsOf('scribe') };

/** The chance of a positive FFT answer on this unit and day. */
export function fftPositiveChance(unit: TDemoUnit, day: string, plan: TDemoPlan): number {
  let q = unit.baseline + seasonalDip(day);
  q += ((SITE_DRIFT_PER_YEAR[unit.site] ?? 0) * daysBetween(plan.firstDay, day)) / 365;
  for (const key of ['kiosk', 'scribe'] as const) {
    if (CHANGE_UNITS[key].has(unit.key) && day >= plan.goLive[key]) q += DEMO_CHANGES[key].effect;
  }
  return Math.min(0.99, Math.max(0.05, q));
}

/** The change the unit's clinicians report on that day, if a demo change touches it and has gone live. */
export function liveChange(unit: TDemoUnit, day: string, plan: TDemoPlan): TChangeKey | null {
  for (const key of ['kiosk', 'scribe'] as const) {
    if (CHANGE_UNITS[key].has(unit.key) && day >= plan.goLive[key]) return key;
  }
  return null;
}

/** Expected FFT answers of a unit on a day at scale 1 (patients answer less at weekends). */
export const fftVolume = (unit: TDemoUnit, day: string): number =>
  unit.volume * (isWeekend(day) ? unit.weekend : 1);

/**
 * The FFT positive share the units should show over a span of days: each day's chance weighted by
 * its expected answers, as the observed share weighs them.
 */
export function expectedFftPositive(
  unitKeys: readonly string[],
  from: string,
  to: string,
  plan: TDemoPlan,
): number {
  let answers = 0;
  let positive = 0;
  for (const unit of DEMO_UNITS.filter((u) => unitKeys.includes(u.key))) {
    for (const day of eachDay(from, to)) {
      const volume = fftVolume(unit, day);
      answers += volume;
      positive += volume * fftPositiveChance(unit, day, plan);
    }
  }
  return answers === 0 ? 0 : positive / answers;
}

/** The impact page's default windows around a go-live date. */
export function windowsAround(goLive: string) {
  const afterFrom = addDays(goLive, WINDOWS.settle);
  return {
    before: { from: addDays(goLive, -WINDOWS.before), to: addDays(goLive, -1) },
    after: { from: afterFrom, to: addDays(afterFrom, WINDOWS.after - 1) },
  };
}

/** Expected after − before of the FFT positive share of these units around a go-live date. */
export function expectedShift(unitKeys: readonly string[], goLive: string, plan: TDemoPlan): number {
  const w = windowsAround(goLive);
  return (
    expectedFftPositive(unitKeys, w.after.from, w.after.to, plan) -
    expectedFftPositive(unitKeys, w.before.from, w.before.to, plan)
  );
}

/** Go-live of the harmful change: about five months before the end of the history. */
const KIOSK_DAYS_BEFORE_END = 150;

/** The plan a run made, from the go-live dates it stored (the year ends a fixed time after the kiosk's). */
export function planFromGoLives(goLive: Record<TChangeKey, string>): TDemoPlan {
  const lastDay = addDays(goLive.kiosk, KIOSK_DAYS_BEFORE_END);
  return { firstDay: addDays(lastDay, -364), lastDay, goLive };
}
/** Where the no-effect change would go if seasons and drift allowed: about four months before the end. */
const SCRIBE_TARGET_DAYS_BEFORE_END = 122;

/**
 * The year ending `lastDay` and the two go-live dates. The kiosk goes live about five months before
 * the end. The scribe's go-live is placed so that its units' own before and after windows hold the
 * same season (winter, the drift), since the verdict compares the change's units before and after:
 * a go-live in early spring would read as "better" from winter's end alone, which is no effect of
 * the change. A smaller weight keeps its comparison units balanced too (not straddling the kiosk's
 * go-live); among equals, the date nearest four months before the end.
 */
export function planDemo(lastDay: string): TDemoPlan {
  const firstDay = addDays(lastDay, -364);
  const kiosk = addDays(lastDay, -KIOSK_DAYS_BEFORE_END);
  const partial: TDemoPlan = { firstDay, lastDay, goLive: { kiosk, scribe: kiosk } };
  const scribeUnits = DEMO_CHANGES.scribe.unitKeys;
  const others = DEMO_UNITS.map((u) => u.key).filter((k) => !scribeUnits.includes(k));
  const target = addDays(lastDay, -SCRIBE_TARGET_DAYS_BEFORE_END);
  let best = { day: target, cost: Infinity };
  const earliest = addDays(firstDay, WINDOWS.before);
  const latest = addDays(lastDay, -(WINDOWS.settle + WINDOWS.after - 1));
  for (let day = earliest; day <= latest; day = addDays(day, 1)) {
    const plan = { ...partial, goLive: { kiosk, scribe: day } };
    const cost =
      Math.abs(expectedShift(scribeUnits, day, plan)) +
      0.3 * Math.abs(expectedShift(others, day, plan)) +
      0.00002 * Math.abs(daysBetween(target, day));
    if (cost < best.cost) best = { day, cost };
  }
  return { ...partial, goLive: { kiosk, scribe: best.day } };
}

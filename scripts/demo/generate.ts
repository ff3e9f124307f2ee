import type { TAnswers } from '../../shared/src/survey/definition';
import {
  DEMO_SURVEYS,
  DEMO_TIME_ZONE,
  DEMO_UNITS,
  PULSE_PER_UNIT_DAY,
  type TChangeKey,
  type TDemoSurveyKey,
  type TDemoUnit,
  type TUnitKind,
} from './layout';
import { eachDay, fftPositiveChance, fftVolume, isWeekend, liveChange, type TDemoPlan } from './model';
import { improvementComment, patientComment, type TCommentContext, type TTone, type TTopic } from './phrases';
import { frictionComment } from './friction-phrases';
import { createRandom, hashSeed, type TRandom } from './random';

/**
 * The demo's history, one import row at a time: for each day of the plan and each unit, a
 * Poisson-distributed number of answers (fewer at weekends), drawn from the unit's chance of a
 * positive answer that day (see model.ts), with comments from the phrase bank in the answer's tone.
 * Pure apart from the seeded random source: the same options give the same rows.
 */

export type TDemoRow = {
  externalId: string;
  submittedAt: string;
  unitId: string;
  changeId?: string;
  answers: TAnswers;
};

export type TGenerateOptions = {
  plan: TDemoPlan;
  /** 1 is a realistic trust (about 70,000 FFT answers a year); tests use a small fraction. */
  scale: number;
  seed: number;
  /** The database ids of the demo's units and changes, by key. */
  unitIds: Readonly<Record<string, string>>;
  changeIds: Readonly<Record<TChangeKey, string>>;
  timeZone?: string;
};

/** Opening hours, local time: when patients (and clinicians) answer. */
const HOURS: Record<TUnitKind, [from: number, to: number]> = {
  emergency: [0, 24],
  clinic: [8, 18],
  ward: [9, 21],
  maternity: [7, 22],
  therapy: [8, 18],
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The zone's UTC offset on a day ("+01:00"), read at noon: answers come after the 01:00 switch. */
function offsetFinder(timeZone: string): (day: string) => string {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, timeZoneName: 'longOffset' });
  const cache = new Map<string, string>();
  return (day) => {
    let offset = cache.get(day);
    if (offset === undefined) {
      const name = format.formatToParts(new Date(`${day}T12:00:00Z`)).find((p) => p.type === 'timeZoneName');
      offset = /[+-]\d\d:\d\d/.exec(name?.value ?? '')?.[0] ?? '+00:00';
      cache.set(day, offset);
    }
    return offset;
  };
}

function timeOfDay(kind: TUnitKind, random: TRandom): string {
  const [from, to] = HOURS[kind];
  // Busier in the middle of opening hours: the mean of two uniforms peaks there.
  const hour = from + ((random.next() + random.next()) / 2) * (to - from);
  const h = Math.min(23, Math.floor(hour));
  return `${pad(h)}:${pad(Math.floor(random.next() * 60))}:${pad(Math.floor(random.next() * 60))}`;
}

const BASE_TOPICS: Record<TTopic, number> = {
  staff: 5,
  waiting: 2.5,
  parking: 1,
  food: 0.8,
  communication: 1.5,
  cleanliness: 0.8,
  appointments: 1.2,
  discharge: 0.7,
  checkin: 0,
};

/** What patients write about: the kiosk's units, once it is live, talk about checking in and waiting. */
function topicsFor(tone: TTone, change: TChangeKey | null): [TTopic, number][] {
  const weights = { ...BASE_TOPICS };
  if (tone !== 'positive') {
    weights.waiting *= 1.6;
    weights.communication *= 1.3;
  }
  if (change === 'kiosk') {
    weights.checkin = tone === 'positive' ? 1 : 4;
    weights.waiting += 1.5;
    weights.appointments += 1;
    weights.communication += 1;
  }
  return Object.entries(weights) as [TTopic, number][];
}

const FFT_POSITIVE: [string, number][] = [
  ['very_good', 0.72],
  ['good', 0.28],
];
const FFT_OTHER: [string, number][] = [
  ['neither', 0.4],
  ['poor', 0.33],
  ['very_poor', 0.27],
];
const DONT_KNOW = 0.015;

type TDraw = { unit: TDemoUnit; day: string; change: TChangeKey | null; q: number; random: TRandom };

function fftAnswers({ unit, change, q, random }: TDraw): TAnswers {
  const u = random.next();
  const code =
    u < q ? random.weighted(FFT_POSITIVE) : u < 1 - DONT_KNOW ? random.weighted(FFT_OTHER) : 'dont_know';
  const tone: TTone =
    code === 'very_good' || code === 'good'
      ? random.chance(0.08)
        ? 'mixed'
        : 'positive'
      : code === 'poor' || code === 'very_poor'
        ? 'negative'
        : 'mixed';
  const answers: TAnswers = { fft: code };
  const ctx: TCommentContext = { kind: unit.kind, random, topics: topicsFor(tone, change) };
  const reason = { positive: 0.3, mixed: 0.45, negative: 0.55 }[tone];
  if (random.chance(reason)) answers.fft_reason = patientComment(tone, ctx);
  const improve = { positive: 0.05, mixed: 0.2, negative: 0.3 }[tone];
  if (random.chance(improve)) answers.fft_improve = improvementComment(tone, ctx);
  return answers;
}

function npsAnswers({ unit, change, q, random }: TDraw): TAnswers {
  const promoter = Math.min(0.95, Math.max(0.02, q - 0.22));
  const detractor = Math.min(0.95, Math.max(0.02, 0.08 + (0.92 - q) * 0.9));
  const u = random.next();
  const [score, tone]: [number, TTone] =
    u < promoter
      ? [random.chance(0.6) ? 10 : 9, 'positive']
      : u < promoter + detractor
        ? [random.weighted([0, 1, 2, 3, 4, 5, 6].map((s) => [s, s + 1] as const)), 'negative']
        : [random.chance(0.5) ? 8 : 7, 'mixed'];
  const answers: TAnswers = { nps: score };
  if (random.chance(0.3)) {
    answers.nps_reason = patientComment(tone, { kind: unit.kind, random, topics: topicsFor(tone, change) });
  }
  return answers;
}

/** Effect ratings 1 (much worse) to 5 (much better): the kiosk costs its clinicians time and workload. */
const EFFECT = {
  usual: [0.08, 0.22, 0.4, 0.22, 0.08],
  kioskTime: [0.3, 0.4, 0.2, 0.08, 0.02],
  kioskSafety: [0.1, 0.25, 0.5, 0.12, 0.03],
} as const;
const rating = (weights: readonly number[], random: TRandom) =>
  random.weighted(weights.map((w, i) => [i + 1, w] as const));

function pulseAnswers({ change, random }: TDraw): TAnswers {
  const kiosk = change === 'kiosk';
  const answers: TAnswers = {
    change: kiosk ? 'kiosk' : change === 'scribe' ? 'ai_tool' : random.chance(0.7) ? 'ehr_module' : 'other',
    effect_time: rating(kiosk ? EFFECT.kioskTime : EFFECT.usual, random),
    effect_safety: rating(kiosk ? EFFECT.kioskSafety : EFFECT.usual, random),
    effect_workload: rating(kiosk ? EFFECT.kioskTime : EFFECT.usual, random),
  };
  if (random.chance(0.55)) {
    const mean = ((answers.effect_time as number) + (answers.effect_workload as number)) / 2;
    const good = mean > 3 || (mean === 3 && random.chance(0.4));
    const about = kiosk ? 'kiosk' : change === 'scribe' && random.chance(0.15) ? 'scribe' : 'general';
    answers.friction = frictionComment(about, good, random);
  }
  return answers;
}

const ANSWERS: Record<TDemoSurveyKey, (d: TDraw) => TAnswers> = {
  fft: fftAnswers,
  nps: npsAnswers,
  pulse: pulseAnswers,
};

/** Expected answers of a survey on a unit and day, at the given scale. */
export function expectedVolume(survey: TDemoSurveyKey, unit: TDemoUnit, day: string, scale: number): number {
  if (survey === 'pulse') return PULSE_PER_UNIT_DAY * scale * (isWeekend(day) ? 0.3 : 1);
  return fftVolume(unit, day) * DEMO_SURVEYS[survey].share * scale;
}

/** The survey's import rows, day by day (in time order within a unit's day). */
export function* generateRows(survey: TDemoSurveyKey, options: TGenerateOptions): Generator<TDemoRow> {
  const { plan, scale, unitIds, changeIds } = options;
  const random = createRandom(hashSeed(options.seed, survey));
  const offsetOf = offsetFinder(options.timeZone ?? DEMO_TIME_ZONE);
  for (const day of eachDay(plan.firstDay, plan.lastDay)) {
    const offset = offsetOf(day);
    for (const unit of DEMO_UNITS) {
      const unitId = unitIds[unit.key];
      if (!unitId) throw new Error(`no id for demo unit ${unit.key}`);
      const count = random.poisson(expectedVolume(survey, unit, day, scale));
      if (count === 0) continue;
      const change = liveChange(unit, day, plan);
      const draw: TDraw = { unit, day, change, q: fftPositiveChance(unit, day, plan), random };
      const times = Array.from({ length: count }, () => timeOfDay(unit.kind, random)).sort();
      for (const [i, time] of times.entries()) {
        const answers = ANSWERS[survey](draw);
        // Clinicians name the change they report on; patients answer about their visit.
        const changeId = survey === 'pulse' && change ? changeIds[change] : undefined;
        yield {
          externalId: `demo-${survey}-${unit.key}-${day}-${i + 1}`,
          submittedAt: `${day}T${time}${offset}`,
          unitId,
          ...(changeId ? { changeId } : {}),
          answers,
        };
      }
    }
  }
}

/** The rows as NDJSON text, a few hundred lines a chunk, counting each row as it is read. */
export async function* ndjsonChunks(rows: Iterable<TDemoRow>, onRow: () => void = () => undefined) {
  let chunk: string[] = [];
  for (const row of rows) {
    chunk.push(JSON.stringify(row));
    onRow();
    if (chunk.length >= 500) {
      yield chunk.join('\n') + '\n';
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('\n') + '\n';
}

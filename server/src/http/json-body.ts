import { isUtf8 } from 'node:buffer';
import express from 'express';

/** A body the JSON parser refuses for what it holds rather than for its syntax; its message is the detail. */
export class RefusedBody extends SyntaxError {
  override name = 'RefusedBody';
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The JSON body parser of the API. Besides syntax it refuses, with a 400 that says why, what would
 * otherwise be stored changed or silently lost: bytes that are not UTF-8 (they would become U+FFFD),
 * a lone surrogate escape such as "\ud800" (not text), a NUL (PostgreSQL cannot store it in text or
 * jsonb) and a `__proto__` key (dropped by every later step that copies the object).
 */
export function jsonBody(): express.RequestHandler {
  return express.json({
    // Room for a survey's longest allowed answers (checkDefinition bounds their total).
    limit: '256kb',
    type: ['application/json', 'application/fhir+json'],
    verify: (_req, _res, buf) => {
      if (!isUtf8(buf)) throw new RefusedBody('The request body is not valid UTF-8');
    },
    reviver: (key, value: unknown) => {
      if (key === '__proto__') throw new RefusedBody('The request body holds a "__proto__" key');
      if (typeof value === 'string') {
        if (value.includes('\u0000')) throw new RefusedBody('The request body holds a NUL character');
        if (LONE_SURROGATE.test(value))
          throw new RefusedBody('The request body holds a lone surrogate, which is not text');
      }
      return value;
    },
  });
}

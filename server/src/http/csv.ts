/** A number as a spreadsheet reads it: the only cell starting with `-` that may be written as it is. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** A spreadsheet reads a cell starting with one of these as a formula (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field (RFC 4180) for every CSV the app writes: quoted when needed, and a cell a spreadsheet
 * would run as a formula is defused with a leading apostrophe. Only a plain number skips the guard,
 * so `-2+3+cmd|' /C calc'!A0` is defused while `-3` stays a number.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

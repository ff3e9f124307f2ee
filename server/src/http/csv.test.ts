import { csvField } from './csv';

describe('csvField', () => {
  it.each([
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["-2+3,cmd|' /C calc'!A0", `"'-2+3,cmd|' /C calc'!A0"`],
    ['=1+1', "'=1+1"],
    ['+44 20 7946 0000', "'+44 20 7946 0000"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-1e3', "'-1e3"],
    ['-', "'-"],
    ['\tcell', "'\tcell"],
  ])('defuses %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each(['-3', '-0.25', '12', '0.5', 'Ward 7', ''])('writes the plain value %j as it is', (value) => {
    expect(csvField(value)).toBe(value);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(csvField('a, "b"\nc')).toBe('"a, ""b""\nc"');
  });
});

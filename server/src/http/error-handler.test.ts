import { loggableError } from './error-handler';

describe('what an unexpected error leaves in the log', () => {
  it('keeps the name, the driver code and the call frames, never the message with query parameters', () => {
    const cause = Object.assign(new Error('invalid byte sequence'), { code: '22021' });
    const err = Object.assign(
      new Error(
        'Failed query: insert into "response_answers" ... params: fft_reason,text,My GP Dr Jones,general',
      ),
      { name: 'DrizzleQueryError', cause },
    );

    const logged = loggableError(err);

    expect(logged).toMatchObject({ name: 'DrizzleQueryError', code: '22021' });
    expect(logged.frames).toMatch(/^\s*at /);
    expect(JSON.stringify(logged)).not.toContain('Dr Jones');
    expect(JSON.stringify(logged)).not.toContain('params');
  });
});

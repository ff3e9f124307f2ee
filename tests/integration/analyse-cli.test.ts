import { spawn } from 'node:child_process';
import { ZAnalyseOutput } from '../../shared/src/analysis/contract';

/** Runs the CLI exactly as other programs do: `npm run --silent analyse`, JSON lines in and out. */
function runAnalyse(input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn('npm', ['run', '--silent', 'analyse'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
    proc.stdin.end(input);
  });
}

describe('npm run --silent analyse', () => {
  it('answers one JSON line per input line, in the same order, in the contract shape', async () => {
    const inputs = [
      { id: 'a', text: 'Nothing', question: 'What could we do better?' },
      { id: 'b', text: 'Rude receptionist and I waited five hours. Email me at jo.bloggs@example.com' },
      { id: 'c', text: 'I want to end my life, nobody listens', question: 'FFT Why?' },
      { id: 'd', text: 'Staff were brilliant and caring, thank you', question: 'What was good?' },
    ];
    const { code, stdout, stderr } = await runAnalyse(inputs.map((i) => JSON.stringify(i)).join('\n') + '\n');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(inputs.length);
    const outputs = lines.map((l) => ZAnalyseOutput.strict().parse(JSON.parse(l)));
    expect(outputs.map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(outputs[0]!.sentiment.label).toBe('positive');
    expect(outputs[1]!.sentiment.label).toBe('negative');
    expect(outputs[1]!.redactedText).toContain('[EMAIL]');
    expect(outputs[1]!.redactedText).not.toContain('jo.bloggs');
    expect(outputs[2]!.urgent).toBe(true);
    expect(outputs[3]!.urgent).toBe(false);
    expect(outputs[3]!.themes.map((t) => t.label)).toContain('Positive experience & gratitude');
  });

  it('a line that is not valid input gets an error line in its place, and the exit code says so', async () => {
    const { code, stdout } = await runAnalyse('{"id":"ok","text":"Fine"}\nnot json\n{"id":"x"}\n');
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(['ok', null, 'x']);
    expect(lines[1]!.error).toBe('not JSON');
    expect(lines[2]!.error).toMatch(/text/);
    expect(code).toBe(2);
  });
});

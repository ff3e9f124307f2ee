import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TEST_REDIS_URL } from '../support/env';
import { freePort } from '../support/redis-server';

/**
 * `npm start` on embedded defaults with its data folder on a disk without room: a small tmpfs mounted
 * for the test (the suite runs as root in CI, as its Postgres cases need too).
 */
describe('a full disk under the embedded database', () => {
  it('npm start stops with a clear error and leaves nothing half-written', async () => {
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'careloop-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', mountPoint]);
    try {
      const dataDir = path.join(mountPoint, 'data');
      // Embedded defaults: no DATABASE_URL.
      const { DATABASE_URL: _none, ...inherited } = process.env;
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        env: {
          ...inherited,
          DATA_DIR: dataDir,
          REDIS_URL: TEST_REDIS_URL,
          REDIS_PREFIX: `full${Date.now()}`,
          PORT: String(await freePort()),
          ADMIN_EMAIL: 'admin@full.example',
          ADMIN_PASSWORD: 'full-disk-password',
          ANALYSIS_ENCODER: 'none',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(output).toMatch(/Not enough free disk space for the embedded database/);
      expect(output).toMatch(/DATA_DIR/);
      expect(output).not.toMatch(/is running at/);
      // Nothing half-written: no database folder was started on the full disk.
      expect(fs.existsSync(path.join(dataDir, 'pglite', 'PG_VERSION'))).toBe(false);
      expect(fs.readdirSync(mountPoint).flatMap((d) => fs.readdirSync(path.join(mountPoint, d)))).toEqual([]);
    } finally {
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  }, 120_000);
});

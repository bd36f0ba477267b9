import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { expect, test } from '../fixtures';
import { APP_URL } from '../../playwright.config';

/**
 * The body cap measured where it matters: the server's memory. Before #12 a 500 MB chunked upload to
 * the sign-in endpoint took the process from 135 MB to 1.6 GB. The resident set of the process that
 * listens on the app's port is read from /proc before and after.
 */
function serverPid(): number {
  const port = new URL(APP_URL).port;
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`no process listens on ${port}: ${out}`);
  return Number(pid);
}

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

function chunkedUpload(path: string, totalBytes: number): Promise<number> {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(`${APP_URL}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = (): void => {
      while (!answered && sent < totalBytes) {
        sent += chunk.byteLength;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

test('a 500 MB chunked upload leaves the server’s memory where it was', async () => {
  test.setTimeout(180_000);
  const pid = serverPid();
  const before = rssMb(pid);
  const statuses = [];
  for (const path of ['/api/auth/signin/entra', '/api/join/AAAAAAAAAAAAAAAAAAAAAA/sign-in']) {
    statuses.push(await chunkedUpload(path, 500 * 1024 * 1024));
  }
  const after = rssMb(pid);
  console.log(
    `body cap: server RSS ${before} MB before, ${after} MB after two 500 MB uploads (Δ ${after - before} MB)`,
  );
  expect(statuses).toEqual([413, 413]);
  // Before the cap, the same upload added 1.4 GB. Allow for ordinary heap growth, not for a body.
  expect(after - before).toBeLessThan(100);
});

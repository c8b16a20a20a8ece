// Shared by the browser tests: Debian's Chromium through playwright-core, a
// `tact serve --demo` on an ephemeral loopback port, and pixel checks that
// tell a drawn chart from an empty canvas.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const TACT = process.env.TACT_BINARY ?? new URL('../../build/src/tact', import.meta.url).pathname;
export const ARTIFACTS = process.env.TACT_E2E_ARTIFACTS ?? new URL('./artifacts', import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'],
  });
}

// Starts `tact serve --demo` (with `extra` flags) in a fresh data directory;
// resolves once it prints where it listens. Without tokens (`--tokens FILE`
// among `extra`) it serves with no authentication.
export function startDemoServer(extra = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tact-e2e-'));
  const auth = extra.includes('--tokens') ? [] : ['--insecure-no-auth'];
  const child = spawn(TACT, ['serve', '--demo', ...auth, '--listen', '127.0.0.1:0', '--data', dataDir, '--access-log', 'off', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`tact serve did not start:\n${output}`)), 60000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/serving the demo on (http:\/\/[^\s]+)/);
      if (match) {
        clearTimeout(timer);
        resolve({ base: match[1], dataDir, child, stop: () => stop(child) });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`tact serve exited with ${code}:\n${output}`)));
  });
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

export async function getJson(base, path, token) {
  const response = await fetch(`${base}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

// Opens a view and waits until it and its charts are drawn.
export async function openView(page, url) {
  await page.goto(url);
  await page.waitForSelector('#view[data-ready="true"]', { timeout: 30000 });
}

// Pixels of `canvas` within a small distance of `hex`: a chart drew its
// series in that colour, not just axes and labels.
export async function pixelsOfColor(page, selector, hex) {
  return page.$eval(selector, (canvas, color) => {
    const want = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    const { width, height } = canvas;
    if (!width || !height) return 0;
    const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
    let count = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] > 200 && Math.abs(pixels[i] - want[0]) < 12 && Math.abs(pixels[i + 1] - want[1]) < 12 && Math.abs(pixels[i + 2] - want[2]) < 12) count++;
    }
    return count;
  }, hex);
}

export function runTact(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(TACT, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`tact ${args.join(' ')} exited ${code}:\n${output}`))));
  });
}

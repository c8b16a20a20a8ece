// The dashboard's held touches against a real `tact serve --demo` that holds
// touches for a tool: a touch held through the API is listed with its state
// counts, and cancelling it in the page cancels it in tact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getJson, launchBrowser, openView, startDemoServer } from './browser.mjs';

let server;
let browser;
let page;

before(async () => {
  const callbacks = join(mkdtempSync(join(tmpdir(), 'tact-e2e-held-')), 'callbacks.toml');
  // Nothing listens on port 9: no held touch here comes due before 2030.
  writeFileSync(callbacks, '[tool.e2e]\nurl = "http://127.0.0.1:9/"\nsecret = "e2e-callback-secret-0123"\n');
  server = await startDemoServer(['--callbacks', callbacks]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function decide(body) {
  const response = await fetch(`${server.base}/v1/decide`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  assert.equal(response.status, 200);
  return response.json();
}

test('a held touch is listed with the counts and cancelled from the page', async () => {
  const touch = { person_id: 'e2e-held', channel: 'email', kind: 'relationship', tool: 'e2e', at: '2030-03-05T10:00:00Z', on_limit: 'hold' };
  let held = null;
  for (let ask = 0; ask < 5 && !held; ask += 1) held = (await decide(touch)).held ?? null;
  assert.ok(held, 'the budget defers a later ask, and it is held');

  await openView(page, `${server.base}/#/held`);
  assert.equal(await page.getAttribute('[data-testid="held-tabs"] a[data-state="held"]', 'data-count'), '1');
  const row = `[data-testid="held-row"][data-id="${held.id}"]`;
  assert.ok(await page.isVisible(row), 'the held touch is listed');
  assert.match(await page.textContent(row), /e2e-held/);

  await page.click(`${row} [data-testid="held-cancel"]`);
  await page.waitForSelector('[data-testid="held-empty"]');
  assert.equal(await page.getAttribute('[data-testid="held-tabs"] a[data-state="cancelled"]', 'data-count'), '1');
  const after = await getJson(server.base, `/v1/held/${held.id}`);
  assert.equal(after.state, 'cancelled');

  await openView(page, `${server.base}/#/held/cancelled`);
  assert.ok(await page.isVisible(row), 'listed among the cancelled');
});

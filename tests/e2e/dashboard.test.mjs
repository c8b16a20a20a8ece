// The dashboard against a real `tact serve --demo`, in Debian's Chromium:
// every view draws its charts with data, shows the API's numbers, and a
// held-back person leads to their "why". Then `tact report` on the same data
// directory opens offline and draws the same numbers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ARTIFACTS, getJson, launchBrowser, openView, pixelsOfColor, runTact, startDemoServer } from './browser.mjs';

const SENT = '#5e81ac';
const HELD = '#d08770';
const VALUE = '#2e7d32';
const HARM = '#bf3b3b';
const LEFT = '#a3be8c';

const rate = (n) => n.toFixed(2);
const count = (n) => new Intl.NumberFormat('en-US').format(n);

let server;
let browser;
let page;
let overview;

before(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  overview = await getJson(server.base, '/v1/reports/overview');
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dashboard on the demo', () => {
  test('the overview shows the API totals and draws volume, value and rules', async () => {
    await openView(page, `${server.base}/#/`);
    const totals = overview.totals;
    assert.ok(totals.sent > 0 && totals.replied > 0, 'the demo has sends and replies');
    for (const [id, value] of [['asked', totals.asked], ['sent', totals.sent], ['held-back', totals.deferred + totals.suppressed], ['value', totals.value_per_100], ['harm', totals.harm_per_1000], ['dormant', totals.became_dormant], ['chose-less', totals.opted_down + totals.paused]]) {
      assert.equal(Number(await page.getAttribute(`[data-testid="kpi-${id}"]`, 'data-value')), value, id);
    }
    assert.equal(await page.textContent('[data-testid="kpi-sent"] .kpi-value'), count(totals.sent));
    assert.equal(await page.textContent('[data-testid="kpi-value"] .kpi-value'), rate(totals.value_per_100));
    assert.equal(await page.textContent('[data-testid="range"]'), `${overview.from} to ${overview.to} (UTC days)`);

    const volume = '[data-testid="chart-volume"]';
    assert.ok(await pixelsOfColor(page, volume, SENT) > 500, 'sent bars drawn');
    assert.ok(await pixelsOfColor(page, volume, HELD) > 500, 'held-back bars drawn');
    assert.ok(await pixelsOfColor(page, volume, VALUE) > 50, 'value line drawn');
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-rules"]', SENT) > 200, 'rules chart drawn');
    // People who chose less on their preference page, against those who left.
    assert.ok(totals.opted_down > 0 && totals.paused > 0, 'the demo has people who chose less');
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-preferences"]', SENT) > 100, 'opt-down bars drawn');
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-preferences"]', HARM) > 100, 'unsubscribe bars drawn');

    const rules = new Set([...Object.keys(totals.suppressed_by_rule), ...Object.keys(totals.deferred_by_rule)]);
    const shown = await page.$$eval('[data-testid="rules-table"] tbody tr', (rows) => rows.map((row) => row.dataset.rule));
    assert.deepEqual(new Set(shown), rules);
    const consent = await page.textContent('[data-testid="rules-table"] tr[data-rule="consent.email"] td:nth-child(3)');
    assert.equal(consent, count(totals.suppressed_by_rule['consent.email']));
    await page.screenshot({ path: join(ARTIFACTS, 'overview.png'), fullPage: true });
  });

  for (const by of ['team', 'campaign', 'sender']) {
    test(`the league table by ${by} is the API's, best value first`, async () => {
      const league = await getJson(server.base, `/v1/reports/league?by=${by}&limit=100`);
      await openView(page, `${server.base}/#/league/${by}`);
      const rows = await page.$$eval('[data-testid="league-row"]', (trs) => trs.map((tr) => ({
        name: tr.dataset.name,
        sent: tr.querySelector('[data-field="sent"]').textContent,
        value: tr.querySelector('[data-field="value"]').textContent,
        harm: tr.querySelector('[data-field="harm"]').textContent,
      })));
      assert.deepEqual(rows, league.rows.map((row) => ({ name: row.name, sent: count(row.sent), value: rate(row.value_per_100), harm: rate(row.harm_per_1000) })));
      const values = league.rows.map((row) => row.value_per_100);
      assert.deepEqual(values, [...values].sort((a, b) => b - a), 'sorted by value per touch');
      assert.ok(await pixelsOfColor(page, '[data-testid="chart-league"]', VALUE) > 300, 'value bars drawn');
      assert.ok(await pixelsOfColor(page, '[data-testid="chart-league"]', HARM) > 100, 'harm bars drawn');
      await page.screenshot({ path: join(ARTIFACTS, `league-${by}.png`), fullPage: true });
    });
  }

  test('a held-back person leads to their why: budgets left and next times per channel', async () => {
    await openView(page, `${server.base}/#/`);
    const link = page.locator('[data-testid="person-link"]').first();
    const id = await link.textContent();
    await link.click();
    await page.waitForFunction((want) => {
      const view = document.getElementById('view');
      return view.dataset.ready === 'true' && document.querySelector('[data-testid="person-id"]')?.textContent === want;
    }, id);
    const why = await getJson(server.base, `/v1/people/${encodeURIComponent(id)}/why`);
    const left = await page.$$eval('[data-testid="budgets"] tbody tr', (trs) => trs.map((tr) => [tr.dataset.rule, Number(tr.querySelector('[data-field="left"]').textContent)]));
    assert.deepEqual(left, why.budgets.map((b) => [b.rule, b.left]));
    const channels = await page.$$eval('[data-testid="channels"] tbody tr', (trs) => trs.map((tr) => tr.dataset.channel));
    assert.deepEqual(channels, why.channels.map((c) => c.channel));
    assert.equal(await page.locator('[data-testid="history"] tbody tr').count(), why.history.length);
    assert.ok(await pixelsOfColor(page, '[data-testid="chart-budgets"]', LEFT) > 200, 'budgets chart drawn');
    await page.screenshot({ path: join(ARTIFACTS, 'person.png'), fullPage: true });

    // Someone without a profile can still be asked about: unknown consent, the default zone.
    await openView(page, `${server.base}/#/person/nobody-at-all`);
    assert.equal(await page.textContent('[data-testid="person-id"]'), 'nobody-at-all');
    assert.match(await page.textContent('#view .range'), /no profile/);
  });

  test('the policy view shows the active policy as the API gives it', async () => {
    const policy = await getJson(server.base, '/v1/policy');
    await openView(page, `${server.base}/#/policy`);
    assert.equal(await page.textContent('[data-testid="policy-text"]'), policy.text);
    assert.equal(await page.locator('[data-testid="policy-budgets"] tbody tr').count(), policy.budgets.length);
    await page.screenshot({ path: join(ARTIFACTS, 'policy.png'), fullPage: true });
  });
});

describe('tact report', () => {
  test('the data directory as one HTML file draws the same numbers without a network', async () => {
    await server.stop();  // the mirror's last counts are written as it stops
    const html = join(ARTIFACTS, 'report.html');
    await runTact(['report', '--state', server.dataDir, '--html', html, '--from', overview.from, '--to', overview.to]);
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const requests = [];
    context.on('request', (request) => { if (!request.url().startsWith('file:')) requests.push(request.url()); });
    const offline = await context.newPage();
    await openView(offline, `file://${html}#/`);
    assert.equal(Number(await offline.getAttribute('[data-testid="kpi-sent"]', 'data-value')), overview.totals.sent);
    assert.equal(Number(await offline.getAttribute('[data-testid="kpi-value"]', 'data-value')), overview.totals.value_per_100);
    assert.ok(await pixelsOfColor(offline, '[data-testid="chart-volume"]', SENT) > 500, 'sent bars drawn offline');
    // One range, no filters: the file offers no controls that would do nothing.
    assert.equal(await offline.locator('[data-testid="range-bar"] select, [data-testid="range-bar"] input').count(), 0);
    await offline.screenshot({ path: join(ARTIFACTS, 'report-overview.png'), fullPage: true });
    await openView(offline, `file://${html}#/league/sender`);
    assert.ok(await pixelsOfColor(offline, '[data-testid="chart-league"]', VALUE) > 300, 'league drawn offline');
    await openView(offline, `file://${html}#/person`);
    const person = offline.locator('[data-testid="person-link"]').first();
    await person.click();
    await offline.waitForSelector('[data-testid="budgets"]');
    assert.deepEqual(requests, [], 'the report fetched nothing');
    await context.close();
  });

  test('a campaign plan as one HTML file: every day of the plan, and the people it held back', async () => {
    const dir = join(ARTIFACTS, 'plan');
    await runTact(['demo-data', '--people', '300', '--out', dir]);
    const summary = await runTact(['plan', '--people', join(dir, 'people.csv'), '--accounts', join(dir, 'accounts.csv'), '--touches', join(dir, 'touches.csv'), '--out', join(dir, 'decisions.csv'), '--no-progress']);
    const html = join(ARTIFACTS, 'plan-report.html');
    await runTact(['report', '--plan', join(dir, 'decisions.csv'), '--html', html]);
    const rows = readFileSync(join(dir, 'decisions.csv'), 'utf8').trim().split('\n').slice(1);
    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const offline = await context.newPage();
    await openView(offline, `file://${html}#/`);
    // The demo plan starts on 2027-03-01.
    assert.match(await offline.textContent('[data-testid="range"]'), /^2027-03-01 to /);
    // The terminal summary and the report count the same way: each proposed
    // touch once, by what finally became of it, and per rule the touches it
    // deferred at least once and the touches it suppressed.
    const printed = (label) => Number(summary.match(new RegExp(`^  ${label} +(\\d+)`, 'm'))[1]);
    const kpi = async (id) => Number(await offline.getAttribute(`[data-testid="kpi-${id}"]`, 'data-value'));
    assert.equal(await kpi('asked'), rows.length);
    assert.equal(printed('sent') + printed('deferred') + printed('suppressed'), rows.length);
    assert.equal(await kpi('sent'), printed('sent'));
    assert.equal(await kpi('held-back'), printed('deferred') + printed('suppressed'));
    assert.equal(rows.filter((row) => row.includes(',send,')).length, printed('sent'));
    const hint = await offline.textContent('[data-testid="kpi-held-back"] .kpi-hint');
    assert.equal(hint, `${count(printed('suppressed'))} suppressed, ${count(printed('deferred'))} deferred`);
    const byRule = summary.split('By rule (touches)')[1].split('\n\n')[0].trim().split('\n').slice(1);
    assert.ok(byRule.length > 5, summary);
    for (const line of byRule) {
      const [rule, deferred, suppressed] = line.trim().split(/ +/);
      const cells = await offline.$$eval(`[data-testid="rules-table"] tr[data-rule="${rule}"] td`, (tds) => tds.map((td) => td.textContent));
      assert.deepEqual(cells.slice(2), [count(Number(suppressed)), count(Number(deferred))], rule);
    }
    assert.ok(await pixelsOfColor(offline, '[data-testid="chart-volume"]', SENT) > 500, 'plan volume drawn');
    await offline.locator('[data-testid="person-link"]').first().click();
    await offline.waitForSelector('[data-testid="plan-rows"] tbody tr');
    await offline.screenshot({ path: join(ARTIFACTS, 'plan-report-person.png'), fullPage: true });
    await context.close();
  });
});

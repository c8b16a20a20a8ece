// The mirror a team can share, in Debian's Chromium against a real
// `tact serve --demo` with tokens: a reports token opens every view and
// changes nothing; a date range, the period before it and a filter show the
// API's numbers for them, in an address that can be sent on; tables download
// as CSV; the policy view lists the policy's versions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { ARTIFACTS, getJson, launchBrowser, openView, startDemoServer } from './browser.mjs';

const REPORTS = 'reports-token-0123456789';
const ADMIN = 'admin-token-0123456789';

let server;
let browser;
let page;

before(async () => {
  const tokens = join(mkdtempSync(join(tmpdir(), 'tact-e2e-mirror-')), 'tokens.toml');
  writeFileSync(tokens, `[[token]]\nname = "lead"\nsecret = "${REPORTS}"\nscopes = ["reports"]\n\n` +
    `[[token]]\nname = "ops"\nsecret = "${ADMIN}"\nscopes = ["admin", "decide"]\n`);
  // The default policy with control groups: a company-wide one and one of marketing's.
  const policy = join(dirname(tokens), 'policy.toml');
  writeFileSync(policy, `${readFileSync(new URL('../../examples/policy.toml', import.meta.url), 'utf8')}\n[control]\nholdout = 0.2\nteams = { "marketing" = 0.2 }\n`);
  server = await startDemoServer(['--tokens', tokens, '--policy', policy]);
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const api = (path) => getJson(server.base, path, REPORTS);
const kpi = async (id) => Number(await page.getAttribute(`[data-testid="kpi-${id}"]`, 'data-value'));
const dayBefore = (day, days) => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86400000).toISOString().slice(0, 10);

describe('the mirror with a reports token', () => {
  test('the dashboard asks for a token, and a reports token opens it', async () => {
    await openView(page, `${server.base}/#/`);
    await page.fill('input[name="token"]', REPORTS);
    await page.click('form.lookup button');
    await page.waitForSelector('[data-testid="kpi-asked"]');
    const overview = await api('/v1/reports/overview');
    assert.equal(await kpi('asked'), overview.totals.asked);
    assert.equal(await kpi('sent'), overview.totals.sent);
    // Reasons as sentences, with the rule id beside each.
    const sentence = await page.textContent('[data-testid="rules-table"] tr[data-rule="quiet_hours"] [data-field="sentence"]');
    assert.match(sentence, /evening, night, weekend/);
  });

  test('a date range and the period before it are the API\'s, and the address keeps them', async () => {
    const whole = await api('/v1/reports/overview');
    const to = whole.to;
    const from = dayBefore(to, 6);
    const previous = { from: dayBefore(from, 7), to: dayBefore(from, 1) };
    await openView(page, `${server.base}/#/?from=${from}&to=${to}&compare=1`);
    const week = await api(`/v1/reports/overview?from=${from}&to=${to}`);
    const before = await api(`/v1/reports/overview?from=${previous.from}&to=${previous.to}`);
    assert.ok(week.totals.asked > 0 && week.totals.asked < whole.totals.asked, 'a week is part of the whole');
    assert.equal(await kpi('asked'), week.totals.asked);
    assert.equal(await kpi('sent'), week.totals.sent);
    assert.equal(Number(await page.getAttribute('[data-testid="kpi-asked-before"]', 'data-value')), before.totals.asked);
    assert.equal(Number(await page.getAttribute('[data-testid="kpi-sent-before"]', 'data-value')), before.totals.sent);
    assert.equal(await page.textContent('[data-testid="range-before"]'), ` · compared with ${previous.from} to ${previous.to}`);
    assert.equal(await page.inputValue('[data-testid="range-bar"] input[name="from"]'), from);
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-range-compare.png'), fullPage: true });
  });

  test('a filter narrows the overview and the league table to one team', async () => {
    const teams = await api('/v1/reports/league?by=team');
    const team = teams.rows.find((row) => row.name !== '' && row.sent > 0).name;
    await openView(page, `${server.base}/#/`);
    await page.selectOption('[data-filter="team"]', team);
    await page.waitForFunction((name) => decodeURIComponent(location.hash).includes(`team=${name}`) &&
      document.querySelector('#view[data-ready="true"] [data-filter="team"]')?.value === name, team);
    const filtered = await api(`/v1/reports/overview?team=${encodeURIComponent(team)}`);
    assert.equal(await kpi('sent'), filtered.totals.sent);
    assert.ok(filtered.totals.sent < (await api('/v1/reports/overview')).totals.sent);
    // The league table by campaign keeps the filter: only that team's campaigns.
    await page.click('nav a[data-nav="league"]');
    await page.waitForSelector('#view[data-ready="true"] [data-testid="league-table"]');
    await page.click('[data-testid="league-tabs"] a[data-dimension="campaign"]');
    await page.waitForSelector('#view[data-ready="true"] [data-testid="league-table"][data-by="campaign"]');
    const campaigns = await api(`/v1/reports/league?by=campaign&team=${encodeURIComponent(team)}&limit=100`);
    const shown = await page.$$eval('[data-testid="league-row"]', (rows) => rows.map((row) => row.dataset.name));
    assert.deepEqual(shown, campaigns.rows.map((row) => row.name));
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-filter-team.png'), fullPage: true });
  });

  test('a table downloads as CSV with the rows the page shows', async () => {
    await openView(page, `${server.base}/#/`);
    const rows = await page.$$eval('[data-testid="rules-table"] tbody tr', (all) => all.length);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="csv-held-back-by-rule"]')]);
    assert.equal(download.suggestedFilename(), 'held-back-by-rule.csv');
    const text = readFileSync(await download.path(), 'utf8');
    const lines = text.trim().split('\n');
    assert.equal(lines[0], 'why,rule,asks suppressed,asks deferred');
    assert.equal(lines.length, rows + 1);
    assert.ok(lines.some((line) => line.includes(',quiet_hours,')), text);
  });

  test('a person is found by email, with their profile, and each kind of touch has its why', async () => {
    const put = await fetch(`${server.base}/v1/people/e2e-ana`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ana@lima.example', time_zone: 'Europe/Lisbon', country: 'PT', languages: ['pt', 'en'], consent: { email: 'opted_in', sms: 'opted_out' } }),
    });
    assert.equal(put.status, 201);
    await openView(page, `${server.base}/#/person`);
    await page.fill('input[name="person"]', 'Ana@Lima.example');
    await page.click('form.lookup button');
    await page.waitForSelector('#view[data-ready="true"] [data-testid="profile"]');
    assert.equal(await page.textContent('[data-testid="person-id"]'), 'e2e-ana');
    assert.equal(await page.textContent('[data-testid="profile"] tr[data-field="time zone"] td'), 'Europe/Lisbon');
    assert.equal(await page.textContent('[data-testid="profile"] tr[data-field="consent"] td'), 'email: opted_in · sms: opted_out');
    assert.equal(await page.inputValue('[data-testid="kind-chooser"]'), 'promotional');
    await page.selectOption('[data-testid="kind-chooser"]', 'cold');
    await page.waitForFunction(() => location.hash.endsWith('/cold') &&
      document.querySelector('#view[data-ready="true"] [data-testid="kind-chooser"]')?.value === 'cold');
    const why = await api('/v1/people/e2e-ana/why?kind=cold');
    const shown = await page.$$eval('[data-testid="channels"] tbody tr', (rows) => rows.map((row) => [row.dataset.channel, row.children[2].textContent]));
    assert.deepEqual(shown, why.channels.map((row) => [row.channel, row.decision.decision]));
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-person-chooser.png'), fullPage: true });
  });

  test('the policy view lists the versions, and the reports token changes nothing', async () => {
    await openView(page, `${server.base}/#/policy`);
    const versions = await api('/v1/policy/versions');
    const shown = await page.$$eval('[data-testid="policy-versions"] tbody tr', (rows) => rows.map((row) => Number(row.dataset.version)));
    assert.deepEqual(shown, versions.versions.map((v) => v.version));
    assert.match(await page.textContent('[data-testid="policy-versions"] tbody tr'), /in force/);
    // Every change is refused to it, from the page's own origin.
    const statuses = await page.evaluate(async (token) => {
      const call = (method, path, body) => fetch(path, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body })
        .then((response) => response.status);
      return [
        await call('PUT', '/v1/policy', '[[budget]]\nscope = "all"\nwindow = "1d"\nmax = 1\n'),
        await call('POST', '/v1/decide', JSON.stringify({ person_id: 'p-000001', channel: 'email', kind: 'promotional' })),
        await call('PUT', '/v1/people/p-000001', '{}'),
        await call('POST', '/v1/accounts/a-0001/hypotheses', '{}'),
      ];
    }, REPORTS);
    assert.deepEqual(statuses, [403, 403, 403, 403]);
    assert.deepEqual((await api('/v1/policy/versions')).versions.map((v) => v.version), versions.versions.map((v) => v.version));
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-policy-versions.png'), fullPage: true });
  });

  test('the distribution shows how many people received 1, 2, 3 and 4+ touches, as the API counts them', async () => {
    await openView(page, `${server.base}/#/crowding/week`);
    const distribution = await api('/v1/reports/distribution');
    assert.ok(distribution.weeks.length > 0);
    const rows = await page.$$('[data-testid="distribution-row"]');
    assert.equal(rows.length, distribution.weeks.length);
    for (const week of distribution.weeks) {
      for (const bucket of ['1', '2', '3', '4+']) {
        const shown = await page.textContent(`[data-testid="distribution-row"][data-from="${week.from}"] [data-bucket="${bucket}"]`);
        assert.equal(Number(shown.replace(/,/g, '')), week.people[bucket], `${week.from}: ${bucket}`);
      }
    }
    // Someone got more than one touch in some week: the chart has something to show.
    assert.ok(distribution.weeks.some((week) => week.people['2'] + week.people['3'] + week.people['4+'] > 0));
    assert.ok(await page.isVisible('[data-testid="chart-distribution"]'));
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-distribution-week.png'), fullPage: true });

    await page.click('[data-testid="distribution-tabs"] a[data-per="days30"]');
    await page.waitForFunction(() =>
      document.querySelector('#view[data-ready="true"] [data-testid="distribution-tabs"] a.active')?.dataset.per === 'days30');
    const periods = await page.$$('[data-testid="distribution-row"]');
    assert.equal(periods.length, distribution.days30.length);
    const latest = distribution.days30.at(-1);
    for (const team of latest.teams) {
      const shown = await page.textContent(`[data-testid="distribution-team"][data-team="${team.team}"] [data-bucket="1"]`);
      assert.equal(Number(shown.replace(/,/g, '')), team.people['1']);
    }
  });

  test('a team filter keeps one team\'s row, and the distribution says which filters it ignores', async () => {
    const team = (await api('/v1/reports/distribution')).weeks.at(-1).teams[0].team;
    await openView(page, `${server.base}/#/crowding/week?team=${encodeURIComponent(team)}&channel=email`);
    const teams = await page.$$eval('[data-testid="distribution-team"]', (rows) => rows.map((row) => row.dataset.team));
    assert.deepEqual(teams, [team]);
    assert.match(await page.textContent('[data-testid="distribution-filter-note"]'), /channel/);
    // The API refuses what the page leaves out.
    const refused = await fetch(`${server.base}/v1/reports/distribution?channel=email`, { headers: { authorization: `Bearer ${REPORTS}` } });
    assert.equal(refused.status, 400);
  });

  test('the collision matrix shows whose touches held back whose, as the API counts them', async () => {
    await openView(page, `${server.base}/#/crowding/week`);
    const matrix = await api('/v1/reports/collisions');
    assert.ok(matrix.rows.length > 0, 'the demo holds touches back by budgets and gaps');
    // Some team's touches were held back by another team's.
    assert.ok(matrix.rows.some((row) => Object.keys(row.by).some((team) => team !== row.team)));
    const rows = await page.$$eval('[data-testid="collision-row"]', (all) => all.map((row) => row.dataset.team));
    assert.deepEqual(rows, matrix.rows.map((row) => row.team));
    for (const row of matrix.rows) {
      for (const team of matrix.teams) {
        const shown = await page.textContent(`[data-testid="collision-row"][data-team="${row.team}"] td[data-column="${team}"]`);
        assert.equal(shown === '·' ? 0 : Number(shown.replace(/,/g, '')), row.by[team] ?? 0, `${row.team} by ${team}`);
      }
    }
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-collision-matrix.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="csv-collisions"]')]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    assert.equal(lines.length, 1 + matrix.rows.length);
    assert.match(lines[0], /held back/);
  });

  test('a held-back row drills down to the decision as it was made, every reason in a sentence', async () => {
    await openView(page, `${server.base}/#/`);
    const held = await api('/v1/reports/held-back?limit=25');
    const row = held.people.find((person) => person.reasons.length > 0 && person.reasons.every((reason) => reason.sentence));
    assert.ok(row, 'the service explains what it held back');
    const detail = page.locator(`[data-testid="held-back-decision"][data-person="${row.person_id}"]`);
    assert.equal(await detail.isVisible(), false);
    await page.click(`[data-testid="held-back-row"][data-person="${row.person_id}"] [data-testid="held-back-why"]`);
    await detail.waitFor({ state: 'visible' });
    const shown = await detail.locator('[data-testid="held-back-reasons"] li').evaluateAll((items) =>
      items.map((item) => ({ rule: item.dataset.rule, text: item.textContent })));
    assert.deepEqual(shown.map((reason) => reason.rule), row.reasons.map((reason) => reason.rule));
    shown.forEach((reason, index) => assert.ok(reason.text.startsWith(row.reasons[index].sentence), reason.text));
    const text = await detail.textContent();
    assert.match(text, row.decision === 'defer' ? /Deferred/ : /Suppressed/);
    assert.match(text, new RegExp(`policy version ${row.policy_version}`));
    assert.equal(await detail.locator('[data-testid="held-back-person"]').getAttribute('href'),
      `#/person/${encodeURIComponent(row.person_id)}/${row.kind}`);
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-held-back-drill-down.png'), fullPage: true });
  });

  test('a person\'s history names each touch\'s team, campaign and sender', async () => {
    // Someone held back who has received touches (the newest held back may have none yet).
    const held = await api('/v1/reports/held-back?limit=256');
    let person;
    let why;
    for (const row of held.people) {
      why = await api(`/v1/people/${encodeURIComponent(row.person_id)}/why`);
      person = row.person_id;
      if (why.history.length > 0) break;
    }
    assert.ok(why.history.length > 0, 'someone held back has a history');
    assert.ok(why.history.every((touch) => touch.team !== '' && touch.campaigns.length > 0 && touch.sender !== ''),
      'the demo\'s touches were all recorded with their team, and the mirror holds their days');
    await openView(page, `${server.base}/#/person/${encodeURIComponent(person)}`);
    const rows = await page.$$eval('[data-testid="history-row"]', (all) => all.map((row) => ({
      team: row.querySelector('[data-field="team"]').textContent,
      campaign: row.querySelector('[data-field="campaign"]').textContent,
      sender: row.querySelector('[data-field="sender"]').textContent,
    })));
    assert.deepEqual(rows, why.history.slice().reverse().map((touch) =>
      ({ team: touch.team, campaign: touch.campaigns.join(' or '), sender: touch.sender })));
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-person-history-sources.png'), fullPage: true });
  });

  test('the control groups show what each group\'s people did, treated against held out, with the interval', async () => {
    const control = await api('/v1/reports/control');
    assert.deepEqual(control.groups.map((group) => group.team), ['', 'marketing']);
    const everyone = control.groups[0];
    assert.equal(everyone.treated_people + everyone.control_people, control.people);
    assert.ok(everyone.replied.treated > 0 && everyone.replied.control > 0, 'people in both groups replied');
    await openView(page, `${server.base}/#/crowding/week`);
    for (const group of control.groups) {
      const row = `[data-testid="control-row"][data-team="${group.team}"]`;
      assert.equal(await page.textContent(`${row} [data-outcome="replied"]`),
        `${group.replied.treated_per_100.toFixed(2)} · ${group.replied.control_per_100.toFixed(2)}`);
      const verdict = await page.textContent(`${row} [data-field="verdict"]`);
      const { low, high } = group.value;
      assert.match(verdict, low > 0 ? /^adds/ : high < 0 ? /^costs/ : /^no difference within the interval/);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-control-groups.png'), fullPage: true });
    // Groups are people, not sources: a filter is refused, not ignored.
    const refused = await fetch(`${server.base}/v1/reports/control?team=marketing`, { headers: { authorization: `Bearer ${REPORTS}` } });
    assert.equal(refused.status, 400);
  });

  test('a kind filter narrows the league table to cold touches, and kind is a league of its own', async () => {
    await openView(page, `${server.base}/#/league/team`);
    await page.selectOption('[data-filter="kind"]', 'cold');
    await page.waitForFunction(() => location.hash.includes('kind=cold') &&
      document.querySelector('#view[data-ready="true"] [data-filter="kind"]')?.value === 'cold');
    const cold = await api('/v1/reports/league?by=team&kind=cold&limit=100');
    const all = await api('/v1/reports/league?by=team&limit=100');
    assert.ok(cold.rows.length > 0 && cold.rows.length < all.rows.length, 'only some teams send cold touches');
    const names = await page.$$eval('[data-testid="league-row"]', (rows) => rows.map((row) => row.dataset.name));
    assert.deepEqual(names, cold.rows.map((row) => row.name));
    await page.click('[data-testid="league-tabs"] a[data-dimension="kind"]');
    await page.waitForFunction(() => document.querySelector('#view[data-ready="true"] [data-testid="league-table"]')?.dataset.by === 'kind');
    const kinds = await page.$$eval('[data-testid="league-row"]', (rows) => rows.map((row) => row.dataset.name));
    assert.deepEqual(kinds, ['cold']);
    await page.screenshot({ path: join(ARTIFACTS, 'mirror-kind-filter.png'), fullPage: true });
  });

  test('every table of every view downloads as CSV, without the rows hidden until asked for', async () => {
    const person = (await api('/v1/reports/held-back?limit=1')).people[0].person_id;
    for (const view of ['#/', '#/league/team', '#/crowding/week', `#/person/${encodeURIComponent(person)}`, '#/policy']) {
      await openView(page, `${server.base}/${view}`);
      const tables = await page.$$eval('#view table[data-testid]', (all) =>
        all.map((table) => [table.dataset.testid, Boolean(table.nextElementSibling?.matches('a.csv'))]));
      assert.ok(tables.length > 0, view);
      for (const [table, linked] of tables) assert.ok(linked, `${view}: ${table} has no CSV link`);
    }
    await openView(page, `${server.base}/#/`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="csv-held-back"]')]);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    const rows = await page.$$('[data-testid="held-back-row"]');
    assert.equal(lines.length, 1 + rows.length);
  });
});

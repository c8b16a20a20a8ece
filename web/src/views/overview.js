// The overview: what went out each day against what it brought back, and
// what tact held back, by rule.
import * as data from '../data.js';
import { COLORS, draw, ruleColor } from '../charts.js';
import { csvLink } from '../csv.js';
import { formatCount, formatRate, formatTime, h, heldBackOf, nameOf } from '../format.js';
import { apiParams, previousPeriod, rangeBar, readState } from '../range.js';
import { ruleSentence } from '../rules.js';

const TOP_RULES = 8;

// A number of the range, with the period before when one is compared:
// `before` is that period's value (undefined: no comparison).
function kpi(id, label, value, shown, hint, before) {
  let change = null;
  if (before !== undefined) {
    const delta = value - before;
    const percent = before ? ` (${delta >= 0 ? '+' : ''}${Math.round((delta / before) * 100)} %)` : '';
    change = h('div', { class: 'kpi-before', 'data-testid': `kpi-${id}-before`, 'data-value': before },
      `${Number.isInteger(before) ? formatCount(before) : formatRate(before)} the period before${percent}`);
  }
  return h('div', { class: 'kpi', 'data-testid': `kpi-${id}`, 'data-value': value },
    h('div', { class: 'kpi-value' }, shown), h('div', { class: 'kpi-label' }, label),
    hint ? h('div', { class: 'kpi-hint' }, hint) : null, change);
}

// Value per 100 sent over the 7 days up to each day: a low-volume day
// alone swings too much to read.
function rollingValue(days) {
  return days.map((_, index) => {
    const week = days.slice(Math.max(0, index - 6), index + 1);
    const sent = week.reduce((sum, d) => sum + d.sent, 0);
    const value = week.reduce((sum, d) => sum + d.replied + d.meetings, 0);
    return sent ? (value * 100) / sent : null;
  });
}

function heldBackByRule(counts) {
  const rules = new Map();
  for (const [rule, n] of Object.entries(counts.suppressed_by_rule ?? {})) rules.set(rule, (rules.get(rule) ?? 0) + n);
  for (const [rule, n] of Object.entries(counts.deferred_by_rule ?? {})) rules.set(rule, (rules.get(rule) ?? 0) + n);
  return [...rules.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function volumeChart(canvas, days) {
  draw(canvas, {
    type: 'bar',
    data: {
      labels: days.map((d) => d.day),
      datasets: [
        { label: 'Sent', data: days.map((d) => d.sent), backgroundColor: COLORS.sent, stack: 'volume', yAxisID: 'y' },
        { label: 'Held back', data: days.map(heldBackOf), backgroundColor: COLORS.held, stack: 'volume', yAxisID: 'y' },
        { label: 'Value per 100 sent (7 days to the day)', type: 'line', data: rollingValue(days), borderColor: COLORS.value, backgroundColor: COLORS.value, yAxisID: 'rate', tension: 0.25 },
        { label: 'Harm per 1,000 sent', type: 'line', data: days.map((d) => d.harm_per_1000), borderColor: COLORS.harm, backgroundColor: COLORS.harm, yAxisID: 'rate', borderDash: [5, 4], tension: 0.25 },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        y: { stacked: true, title: { display: true, text: 'touches' }, beginAtZero: true },
        rate: { position: 'right', beginAtZero: true, title: { display: true, text: 'per 100 / per 1,000 sent' }, grid: { drawOnChartArea: false } },
        x: { stacked: true },
      },
    },
  });
}

// Days summed into weeks starting on Monday (UTC), labelled by that Monday.
function byWeek(days, fields) {
  const weeks = new Map();
  for (const day of days) {
    const date = new Date(`${day.day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    const monday = date.toISOString().slice(0, 10);
    const week = weeks.get(monday) ?? Object.fromEntries([['week', monday], ...fields.map((field) => [field, 0])]);
    for (const field of fields) week[field] += day[field] ?? 0;
    weeks.set(monday, week);
  }
  return [...weeks.values()];
}

// People who chose less or a break, against those who left, per week.
function preferencesChart(canvas, days) {
  const weeks = byWeek(days, ['opted_down', 'paused', 'unsubscribed']);
  draw(canvas, {
    type: 'bar',
    data: {
      labels: weeks.map((w) => `week of ${w.week}`),
      datasets: [
        { label: 'Chose less', data: weeks.map((w) => w.opted_down), backgroundColor: COLORS.optedDown },
        { label: 'Took a break', data: weeks.map((w) => w.paused), backgroundColor: COLORS.paused },
        { label: 'Unsubscribed', data: weeks.map((w) => w.unsubscribed), backgroundColor: COLORS.unsubscribed },
      ],
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'people' } } } },
  });
}

function rulesChart(canvas, days, rules) {
  const top = rules.slice(0, TOP_RULES).map(([rule]) => rule);
  const rest = (d) => heldBackOf(d) - top.reduce((sum, rule) => sum + (d.suppressed_by_rule?.[rule] ?? 0) + (d.deferred_by_rule?.[rule] ?? 0), 0);
  const datasets = top.map((rule, index) => ({
    label: rule,
    data: days.map((d) => (d.suppressed_by_rule?.[rule] ?? 0) + (d.deferred_by_rule?.[rule] ?? 0)),
    backgroundColor: ruleColor(index),
  }));
  if (rules.length > TOP_RULES) datasets.push({ label: 'other rules', data: days.map((d) => Math.max(0, rest(d))), backgroundColor: '#d8dee9' });
  draw(canvas, {
    type: 'bar',
    data: { labels: days.map((d) => d.day), datasets },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: 'decisions held back' } } } },
  });
}

// A held-back row, and below it (hidden until asked) the decision as it
// was made: the answer, every reason as a sentence with its rule id, and
// the policy version it was made under.
function heldBackRows(row) {
  const reasons = row.reasons?.length ? row.reasons : [{ rule: row.rule }];
  const detail = h('tr', { class: 'drill', 'data-testid': 'held-back-decision', 'data-person': row.person_id, hidden: true },
    h('td', { colspan: 6 },
      h('p', {}, h('strong', {}, row.decision === 'defer' ? `Deferred${row.not_before ? ` until ${formatTime(row.not_before)}` : ''}` : 'Suppressed'),
        ` · a ${row.kind ?? 'promotional'} touch by ${row.channel} from ${nameOf(row.sender)} (${nameOf(row.team)}, ${nameOf(row.campaign)})`,
        row.policy_version ? ` · policy version ${row.policy_version}` : ''),
      h('ul', { 'data-testid': 'held-back-reasons' }, reasons.map((reason) => h('li', { 'data-rule': reason.rule },
        reason.sentence ?? ruleSentence(reason.rule), ' ', h('code', {}, reason.rule)))),
      h('a', { href: `#/person/${encodeURIComponent(row.person_id)}/${row.kind ?? 'promotional'}`, 'data-testid': 'held-back-person' }, 'Their history and what is allowed now')));
  const toggle = h('button', {
    type: 'button', class: 'link', 'data-testid': 'held-back-why', 'aria-expanded': 'false',
    onclick: () => {
      detail.hidden = !detail.hidden;
      toggle.setAttribute('aria-expanded', String(!detail.hidden));
      toggle.textContent = detail.hidden ? 'why?' : 'hide';
    },
  }, 'why?');
  return [
    h('tr', { 'data-testid': 'held-back-row', 'data-person': row.person_id },
      h('td', {}, h('a', { href: `#/person/${encodeURIComponent(row.person_id)}`, 'data-testid': 'person-link' }, row.person_id)),
      h('td', {}, formatTime(row.at)), h('td', {}, row.decision), h('td', {}, ruleSentence(row.rule), ' ', h('code', {}, row.rule)),
      h('td', {}, `${nameOf(row.team)} · ${nameOf(row.campaign)}`), h('td', {}, toggle)),
    detail,
  ];
}

export async function renderOverview(root) {
  const state = readState();
  const [report, held, reputation] = await Promise.all([data.overview(apiParams(state)), data.heldBack(), data.reputation().catch(() => null)]);
  const totals = report.totals;
  const before = state.compare && !data.report
    ? (await data.overview({ ...apiParams(state), ...previousPeriod(report.from, report.to) })).totals
    : undefined;
  const was = (field) => (before ? (typeof field === 'function' ? field(before) : before[field]) : undefined);
  const rules = heldBackByRule(totals);
  const volumeCanvas = h('canvas', { 'data-testid': 'chart-volume', role: 'img', 'aria-label': 'Sent and held back per day, with value and harm rates' });
  const rulesCanvas = h('canvas', { 'data-testid': 'chart-rules', role: 'img', 'aria-label': 'Touches held back per day, by rule' });
  const preferencesCanvas = h('canvas', { 'data-testid': 'chart-preferences', role: 'img', 'aria-label': 'People who chose less or took a break, against those who unsubscribed, per week' });
  const choseLess = totals.opted_down + totals.paused;
  const rulesTable = h('table', { 'data-testid': 'rules-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'why'), h('th', {}, 'rule'), h('th', { class: 'n' }, 'asks suppressed'), h('th', { class: 'n' }, 'asks deferred'))),
    h('tbody', {}, rules.map(([rule]) => h('tr', { 'data-rule': rule },
      h('td', { 'data-field': 'sentence' }, ruleSentence(rule)),
      h('td', {}, h('code', {}, rule)),
      h('td', { class: 'n' }, formatCount(totals.suppressed_by_rule?.[rule] ?? 0)),
      h('td', { class: 'n' }, formatCount(totals.deferred_by_rule?.[rule] ?? 0))))));
  const previous = before ? previousPeriod(report.from, report.to) : null;
  root.append(
    h('h1', {}, 'What went out, and what it brought back'),
    await rangeBar(report),
    h('p', { class: 'range', 'data-testid': 'range' }, `${report.from} to ${report.to} (UTC days)`,
      previous ? h('span', { 'data-testid': 'range-before' }, ` · compared with ${previous.from} to ${previous.to}`) : null),
    h('section', { class: 'kpis' },
      kpi('asked', 'asks (decisions)', totals.asked, formatCount(totals.asked), 'each time a tool asked: a touch deferred twice, then sent, is 3 asks (in a plan, each touch once)', was('asked')),
      kpi('sent', 'touches sent', totals.sent, formatCount(totals.sent), null, was('sent')),
      kpi('held-back', 'asks held back', heldBackOf(totals), formatCount(heldBackOf(totals)), `${formatCount(totals.suppressed)} suppressed, ${formatCount(totals.deferred)} deferred`, was(heldBackOf)),
      kpi('value', 'value per 100 sent', totals.value_per_100, formatRate(totals.value_per_100), `${formatCount(totals.replied)} replies + ${formatCount(totals.meetings)} meetings, of ${formatCount(totals.sent)} sent`, was('value_per_100')),
      kpi('harm', 'harm per 1,000 sent', totals.harm_per_1000, formatRate(totals.harm_per_1000), `${formatCount(totals.unsubscribed)} unsubscribes + ${formatCount(totals.complained)} complaints, of ${formatCount(totals.sent)} sent`, was('harm_per_1000')),
      kpi('dormant', 'became dormant', totals.became_dormant, formatCount(totals.became_dormant), 'people who stopped engaging', was('became_dormant')),
      kpi('chose-less', 'chose less instead of leaving', choseLess, formatCount(choseLess),
        `${formatCount(totals.opted_down)} opted down + ${formatCount(totals.paused)} breaks, against ${formatCount(totals.unsubscribed)} unsubscribes`,
        was((t) => t.opted_down + t.paused)),
    ),
    h('section', { class: 'card' }, h('h2', {}, 'Touches sent and asks held back, against value and harm, per day'), h('div', { class: 'chart' }, volumeCanvas)),
    h('section', { class: 'card' }, h('h2', {}, 'Held back, by rule, per day'), h('div', { class: 'chart' }, rulesCanvas)),
    h('section', { class: 'card' }, h('h2', {}, 'People who chose less instead of leaving, per week'), h('div', { class: 'chart' }, preferencesCanvas)),
    h('div', { class: 'columns' },
      h('section', { class: 'card' }, h('h2', {}, 'Asks held back, by rule'),
        h('p', { class: 'kpi-hint' }, 'An ask held back by two rules counts for both.'), rulesTable, csvLink(rulesTable, 'held-back-by-rule')),
      h('section', { class: 'card' }, h('h2', {}, 'Recently held back'),
        held.people.length === 0 ? h('p', {}, 'Nobody yet.') :
        h('table', { 'data-testid': 'held-back' },
          h('thead', {}, h('tr', {}, h('th', {}, 'person'), h('th', {}, 'when'), h('th', {}, 'answer'), h('th', {}, 'rule'), h('th', {}, 'from'), h('th', {}, ''))),
          h('tbody', {}, held.people.map(heldBackRows))))),
    reputation ? h('section', { class: 'card' }, h('h2', {}, 'Complaint guard'),
      h('p', { 'data-testid': 'reputation-window' }, `Promotional and cold touches are held back while a campaign or sending domain has ≥ ${formatRate(reputation.complaint_rate_max * 100)} % complaints over ${reputation.window} (with at least ${formatCount(reputation.min_sent)} sends). These rates are over the last ${reputation.window} up to now, not the range above: the rule's own window, so its count of reputation.complaints above can be high for days the guard then held back while the rates here are already low again.`),
      reputation.senders.length === 0 ? h('p', {}, 'No sends in the window.') :
      h('table', { 'data-testid': 'reputation' },
        h('thead', {}, h('tr', {}, h('th', {}, 'scope'), h('th', {}, 'name'), h('th', { class: 'n' }, 'sent'), h('th', { class: 'n' }, 'complaints'), h('th', { class: 'n' }, 'rate'), h('th', {}, 'state'))),
        h('tbody', {}, reputation.senders.map((row) => h('tr', { class: row.throttled ? 'bad' : '' },
          h('td', {}, row.scope), h('td', {}, row.name), h('td', { class: 'n' }, formatCount(row.sent)), h('td', { class: 'n' }, formatCount(row.complaints)),
          h('td', { class: 'n' }, `${formatRate(row.rate * 100)} %`), h('td', {}, row.throttled ? `held back until ${formatTime(row.until)}` : 'sending')))))) : null,
  );
  volumeChart(volumeCanvas, report.days);
  rulesChart(rulesCanvas, report.days, rules);
  preferencesChart(preferencesCanvas, report.days);
}

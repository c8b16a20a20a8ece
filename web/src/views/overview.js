// The overview: what went out each day against what it brought back, and
// what tact held back, by rule.
import * as data from '../data.js';
import { COLORS, draw, ruleColor } from '../charts.js';
import { formatCount, formatRate, formatTime, h, heldBackOf, nameOf } from '../format.js';

const TOP_RULES = 8;

function kpi(id, label, value, shown, hint) {
  return h('div', { class: 'kpi', 'data-testid': `kpi-${id}`, 'data-value': value },
    h('div', { class: 'kpi-value' }, shown), h('div', { class: 'kpi-label' }, label),
    hint ? h('div', { class: 'kpi-hint' }, hint) : null);
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
        { label: 'Value per 100 sent', type: 'line', data: days.map((d) => d.value_per_100), borderColor: COLORS.value, backgroundColor: COLORS.value, yAxisID: 'rate', tension: 0.25 },
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

export async function renderOverview(root) {
  const [report, held, reputation] = await Promise.all([data.overview(), data.heldBack(), data.reputation().catch(() => null)]);
  const totals = report.totals;
  const rules = heldBackByRule(totals);
  const volumeCanvas = h('canvas', { 'data-testid': 'chart-volume', role: 'img', 'aria-label': 'Sent and held back per day, with value and harm rates' });
  const rulesCanvas = h('canvas', { 'data-testid': 'chart-rules', role: 'img', 'aria-label': 'Touches held back per day, by rule' });
  const preferencesCanvas = h('canvas', { 'data-testid': 'chart-preferences', role: 'img', 'aria-label': 'People who chose less or took a break, against those who unsubscribed, per week' });
  const choseLess = totals.opted_down + totals.paused;
  root.append(
    h('h1', {}, 'What went out, and what it brought back'),
    h('p', { class: 'range', 'data-testid': 'range' }, `${report.from} to ${report.to} (UTC days)`),
    h('section', { class: 'kpis' },
      kpi('asked', 'asked', totals.asked, formatCount(totals.asked)),
      kpi('sent', 'sent', totals.sent, formatCount(totals.sent)),
      kpi('held-back', 'held back', heldBackOf(totals), formatCount(heldBackOf(totals)), `${formatCount(totals.suppressed)} suppressed, ${formatCount(totals.deferred)} deferred`),
      kpi('value', 'value per 100 sent', totals.value_per_100, formatRate(totals.value_per_100), `${formatCount(totals.replied)} replies + ${formatCount(totals.meetings)} meetings`),
      kpi('harm', 'harm per 1,000 sent', totals.harm_per_1000, formatRate(totals.harm_per_1000), `${formatCount(totals.unsubscribed)} unsubscribes + ${formatCount(totals.complained)} complaints`),
      kpi('dormant', 'became dormant', totals.became_dormant, formatCount(totals.became_dormant), 'people who stopped engaging'),
      kpi('chose-less', 'chose less instead of leaving', choseLess, formatCount(choseLess),
        `${formatCount(totals.opted_down)} opted down + ${formatCount(totals.paused)} breaks, against ${formatCount(totals.unsubscribed)} unsubscribes`),
    ),
    h('section', { class: 'card' }, h('h2', {}, 'Volume against value, per day'), h('div', { class: 'chart' }, volumeCanvas)),
    h('section', { class: 'card' }, h('h2', {}, 'Held back, by rule, per day'), h('div', { class: 'chart' }, rulesCanvas)),
    h('section', { class: 'card' }, h('h2', {}, 'People who chose less instead of leaving, per week'), h('div', { class: 'chart' }, preferencesCanvas)),
    h('div', { class: 'columns' },
      h('section', { class: 'card' }, h('h2', {}, 'Held back, by rule'),
        h('table', { 'data-testid': 'rules-table' },
          h('thead', {}, h('tr', {}, h('th', {}, 'rule'), h('th', { class: 'n' }, 'suppressed'), h('th', { class: 'n' }, 'deferred'))),
          h('tbody', {}, rules.map(([rule]) => h('tr', { 'data-rule': rule },
            h('td', {}, h('code', {}, rule)),
            h('td', { class: 'n' }, formatCount(totals.suppressed_by_rule?.[rule] ?? 0)),
            h('td', { class: 'n' }, formatCount(totals.deferred_by_rule?.[rule] ?? 0))))))),
      h('section', { class: 'card' }, h('h2', {}, 'Recently held back'),
        held.people.length === 0 ? h('p', {}, 'Nobody yet.') :
        h('table', { 'data-testid': 'held-back' },
          h('thead', {}, h('tr', {}, h('th', {}, 'person'), h('th', {}, 'when'), h('th', {}, 'answer'), h('th', {}, 'rule'), h('th', {}, 'from'))),
          h('tbody', {}, held.people.map((row) => h('tr', {},
            h('td', {}, h('a', { href: `#/person/${encodeURIComponent(row.person_id)}`, 'data-testid': 'person-link' }, row.person_id)),
            h('td', {}, formatTime(row.at)), h('td', {}, row.decision), h('td', {}, h('code', {}, row.rule)),
            h('td', {}, `${nameOf(row.team)} · ${nameOf(row.campaign)}`))))))),
    reputation ? h('section', { class: 'card' }, h('h2', {}, 'Complaint guard'),
      h('p', {}, `Promotional and cold touches are held back while a campaign or sending domain has ≥ ${formatRate(reputation.complaint_rate_max * 100)} % complaints over ${reputation.window} (with at least ${formatCount(reputation.min_sent)} sends).`),
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

// Over-contact, as people feel it: how many touches each person received
// per week and per 30 days, and who crowds out whom (the collision matrix).
import * as data from '../data.js';
import { draw } from '../charts.js';
import { csvLink } from '../csv.js';
import { formatCount, formatRate, h, nameOf } from '../format.js';
import { FILTERS, apiParams, linkTo, rangeBar, readState } from '../range.js';

const BUCKETS = ['1', '2', '3', '4+'];
const BUCKET_COLORS = ['#a3be8c', '#ebcb8b', '#d08770', '#bf3b3b'];
const PERIODS = { week: ['weeks', 'per week (Monday to Sunday, UTC)'], days30: ['days30', 'per 30 days'] };

const total = (people) => BUCKETS.reduce((sum, bucket) => sum + (people[bucket] ?? 0), 0);
const periodName = (period) => `${period.from} – ${period.to}${period.in_progress ? ' (so far)' : ''}`;

function distributionTable(periods) {
  return h('table', { 'data-testid': 'distribution-table' },
    h('thead', {}, h('tr', {}, ['period', ...BUCKETS.map((b) => `${b} touch${b === '1' ? '' : 'es'}`), 'people reached', 'share with 3+']
      .map((title, index) => h('th', { class: index >= 1 ? 'n' : '' }, title)))),
    h('tbody', {}, periods.map((period) => {
      const people = total(period.people);
      const crowded = (period.people['3'] ?? 0) + (period.people['4+'] ?? 0);
      return h('tr', { 'data-testid': 'distribution-row', 'data-from': period.from },
        h('td', {}, periodName(period)),
        BUCKETS.map((bucket) => h('td', { class: 'n', 'data-bucket': bucket }, formatCount(period.people[bucket]))),
        h('td', { class: 'n', 'data-field': 'people' }, formatCount(people)),
        h('td', { class: 'n' }, people ? `${Math.round((crowded * 100) / people)} %` : '—'));
    })));
}

function teamsTable(period) {
  return h('table', { 'data-testid': 'distribution-teams' },
    h('thead', {}, h('tr', {}, ['team', ...BUCKETS.map((b) => `${b} from the team`), 'people reached']
      .map((title, index) => h('th', { class: index >= 1 ? 'n' : '' }, title)))),
    h('tbody', {}, (period?.teams ?? []).map((row) => h('tr', { 'data-testid': 'distribution-team', 'data-team': row.team },
      h('td', {}, nameOf(row.team)),
      BUCKETS.map((bucket) => h('td', { class: 'n', 'data-bucket': bucket }, formatCount(row.people[bucket]))),
      h('td', { class: 'n' }, formatCount(total(row.people)))))));
}

// Rows: the teams whose touches were held back; columns: the teams whose
// touches filled the window. The darker the cell, the more it held back.
function collisionMatrix(matrix) {
  const max = Math.max(1, ...matrix.rows.flatMap((row) => Object.values(row.by)));
  return h('table', { class: 'matrix', 'data-testid': 'collision-matrix' },
    h('thead', {}, h('tr', {},
      h('th', {}, 'held back ↓ · by the touches of →'),
      h('th', { class: 'n' }, 'asks'), h('th', { class: 'n' }, 'asks held back'),
      matrix.teams.map((team) => h('th', { class: 'n', 'data-column': team }, nameOf(team))))),
    h('tbody', {}, matrix.rows.map((row) => h('tr', { 'data-testid': 'collision-row', 'data-team': row.team },
      h('th', { scope: 'row' }, nameOf(row.team)),
      h('td', { class: 'n' }, formatCount(row.asked)),
      h('td', { class: 'n' }, formatCount(row.held_back)),
      matrix.teams.map((team) => {
        const count = row.by[team] ?? 0;
        const strength = count / max;
        return h('td', {
          class: `n${team === row.team ? ' self' : ''}`,
          'data-column': team,
          style: count ? `background: rgba(191, 59, 59, ${(0.08 + 0.6 * strength).toFixed(2)})` : undefined,
          title: count ? `${formatCount(count)} of ${nameOf(row.team)}'s held-back touches had ${nameOf(team)}'s touches in the window` : undefined,
        }, count ? formatCount(count) : '·');
      })))));
}

const OUTCOMES = [['value', 'replies + meetings'], ['replied', 'replies'], ['meetings', 'meetings'], ['converted', 'conversions']];
const signed = (n) => `${n > 0 ? '+' : ''}${formatRate(n)}`;

// What a group's difference says: a lift only when the interval excludes 0.
function verdict(outcome) {
  if (outcome.low > 0) return `adds ${formatRate(outcome.lift)} per 100 people (${formatRate(outcome.low)} to ${formatRate(outcome.high)})`;
  if (outcome.high < 0) return `costs ${formatRate(-outcome.lift)} per 100 people (${formatRate(-outcome.high)} to ${formatRate(-outcome.low)})`;
  return `no difference within the interval (${signed(outcome.low)} to ${signed(outcome.high)} per 100 people)`;
}

function controlTable(control) {
  return h('table', { 'data-testid': 'control-table' },
    h('thead', {}, h('tr', {}, ['group', 'people: treated · control', ...OUTCOMES.map(([, label]) => `${label} per 100: treated · control`), 'what the touches add']
      .map((title, index) => h('th', { class: index >= 1 && index <= OUTCOMES.length + 1 ? 'n' : '' }, title)))),
    h('tbody', {}, control.groups.map((group) => h('tr', { 'data-testid': 'control-row', 'data-team': group.team },
      h('td', {}, group.team === '' ? `everyone (${Math.round(group.share * 100)} % held out)` : `${group.team} (${Math.round(group.share * 100)} % held out of its touches)`),
      h('td', { class: 'n' }, `${formatCount(group.treated_people)} · ${formatCount(group.control_people)}`),
      OUTCOMES.map(([key]) => h('td', { class: 'n', 'data-outcome': key }, `${formatRate(group[key].treated_per_100)} · ${formatRate(group[key].control_per_100)}`)),
      h('td', { 'data-field': 'verdict' }, verdict(group.value))))));
}

export async function renderCrowding(root, per) {
  if (!PERIODS[per]) per = 'week';
  const state = readState();
  const [distribution, matrix, control] = await Promise.all([
    data.distribution(apiParams(state)),
    data.collisions(apiParams(state)),
    data.control(apiParams(state)),
  ]);
  const periods = distribution[PERIODS[per][0]] ?? [];
  const latest = periods[periods.length - 1];
  const others = FILTERS.filter((name) => name !== 'team' && state[name]);
  const canvas = h('canvas', { 'data-testid': 'chart-distribution', role: 'img', 'aria-label': `People by touches received ${PERIODS[per][1]}` });
  root.append(...[
    h('h1', {}, 'How often each person hears from us, and who crowds out whom'),
    await rangeBar(matrix),
    h('p', { class: 'range' }, 'Touches are those that count for budgets (receipts and other exempt kinds are left out). People are counted once per period, by how many touches reached them.'),
    others.length ? h('p', { class: 'note', 'data-testid': 'distribution-filter-note' },
      `The distribution counts each person's touches across ${others.join(', ')}: only the range and the team filter apply to it. The collision matrix applies every filter to the held-back touches.`) : null,
    h('nav', { class: 'tabs', 'data-testid': 'distribution-tabs' }, Object.keys(PERIODS).map((key) =>
      h('a', { href: linkTo(`#/crowding/${key}`), class: key === per ? 'active' : '', 'data-per': key }, PERIODS[key][1]))),
    h('section', { class: 'card' },
      h('h2', {}, `People by touches received, ${PERIODS[per][1]}`),
      h('div', { class: 'chart' }, canvas),
      distributionTable(periods)),
    h('section', { class: 'card' },
      h('h2', {}, latest ? `From each team alone, ${periodName(latest)}` : 'From each team alone'),
      teamsTable(latest)),
    h('section', { class: 'card' },
      h('h2', {}, 'Who crowds out whom'),
      h('p', {}, `${matrix.from} to ${matrix.to}. A row is a team whose touches a budget, the tier reserve, a gap or the sender limit held back; a column, the team whose touches were in that window. A touch whose window held two teams' touches counts in both columns.`),
      matrix.rows.length ? collisionMatrix(matrix) : h('p', { 'data-testid': 'collision-empty' }, 'No touch was held back by other touches in this range.')),
    control ? h('section', { class: 'card' },
      h('h2', {}, 'Does the volume add anything? The control groups'),
      h('p', {}, `${control.from} to ${control.to}. People held out of a group's touches against everyone else, each outcome per 100 people of the group, on the day it happened; the interval is 95 %. Group sizes are the ${formatCount(control.people)} people tact knows times each share. Filters other than the range do not apply: a group is people, not sources.`),
      controlTable(control)) : null,
  ].filter(Boolean));
  for (const [id, name] of [['distribution-table', `distribution-${per}`], ['distribution-teams', `distribution-${per}-teams`], ['collision-matrix', 'collisions'], ['control-table', 'control-groups']]) {
    const table = root.querySelector(`[data-testid="${id}"]`);
    if (table) table.after(csvLink(table, name));
  }
  draw(canvas, {
    type: 'bar',
    data: {
      labels: periods.map(periodName),
      datasets: BUCKETS.map((bucket, index) => ({
        label: `${bucket} touch${bucket === '1' ? '' : 'es'}`,
        data: periods.map((period) => period.people[bucket] ?? 0),
        backgroundColor: BUCKET_COLORS[index],
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
}

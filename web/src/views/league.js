// The league table: teams, campaigns, senders, tools or channels, best value
// per touch first, each with the harm it did.
import * as data from '../data.js';
import { COLORS, draw } from '../charts.js';
import { csvLink } from '../csv.js';
import { formatCount, formatRate, h, heldBackOf, nameOf } from '../format.js';
import { apiParams, linkTo, rangeBar, readState } from '../range.js';

const CHART_ROWS = 15;

export async function renderLeague(root, by) {
  if (!data.DIMENSIONS.includes(by)) by = 'team';
  const table = await data.league(by, apiParams(readState()));
  const rows = table.rows;
  const canvas = h('canvas', { 'data-testid': 'chart-league', role: 'img', 'aria-label': `Value and harm per ${by}` });
  root.append(
    h('h1', {}, 'Who brings value, and who does harm'),
    await rangeBar(table),
    h('p', { class: 'range' }, `${table.from} to ${table.to} (UTC days) · asked = asks (decisions), sent = touches sent · value = replies + meetings per 100 sent · harm = unsubscribes + complaints per 1,000 sent · backed = cold touches sent with the seller's current own-words hypothesis for the account`),
    h('nav', { class: 'tabs', 'data-testid': 'league-tabs' }, data.DIMENSIONS.map((dimension) =>
      h('a', { href: linkTo(`#/league/${dimension}`), class: dimension === by ? 'active' : '', 'data-dimension': dimension }, dimension))),
    h('section', { class: 'card' }, h('h2', {}, `By ${by}`), h('div', { class: 'chart tall' }, canvas)),
    h('section', { class: 'card' },
      h('table', { 'data-testid': 'league-table', 'data-by': by },
        h('thead', {}, h('tr', {}, ['#', by, 'asks', 'sent', 'asks held back', 'replies', 'meetings', 'value / 100', 'unsubscribes', 'complaints', 'harm / 1,000', 'cold sent', 'backed', 'cold value / 100 backed', 'unbacked']
          .map((title, index) => h('th', { class: index >= 2 ? 'n' : '' }, title)))),
        h('tbody', {}, rows.map((row, index) => h('tr', { 'data-testid': 'league-row', 'data-name': row.name },
          h('td', {}, index + 1), h('td', {}, nameOf(row.name)),
          h('td', { class: 'n' }, formatCount(row.asked)), h('td', { class: 'n', 'data-field': 'sent' }, formatCount(row.sent)),
          h('td', { class: 'n' }, formatCount(heldBackOf(row))), h('td', { class: 'n' }, formatCount(row.replied)),
          h('td', { class: 'n' }, formatCount(row.meetings)), h('td', { class: 'n good', 'data-field': 'value' }, formatRate(row.value_per_100)),
          h('td', { class: 'n' }, formatCount(row.unsubscribed)), h('td', { class: 'n' }, formatCount(row.complained)),
          h('td', { class: 'n bad', 'data-field': 'harm' }, formatRate(row.harm_per_1000)),
          h('td', { class: 'n', 'data-field': 'cold-sent' }, formatCount(row.cold_sent)),
          h('td', { class: 'n', 'data-field': 'cold-backed' }, row.cold_sent ? `${Math.round(row.cold_backed_share * 100)} %` : '—'),
          h('td', { class: 'n', 'data-field': 'cold-value-backed' }, row.cold_backed ? formatRate(row.cold_value_per_100_backed) : '—'),
          h('td', { class: 'n', 'data-field': 'cold-value-unbacked' }, row.cold_sent > row.cold_backed ? formatRate(row.cold_value_per_100_unbacked) : '—'))))),
      table.more > 0 ? h('p', {}, `… and ${formatCount(table.more)} more`) : null),
  );
  const shownTable = root.querySelector('[data-testid="league-table"]');
  shownTable.after(csvLink(shownTable, `league-${by}`));
  const shown = rows.slice(0, CHART_ROWS);
  draw(canvas, {
    type: 'bar',
    data: {
      labels: shown.map((row) => nameOf(row.name)),
      datasets: [
        { label: 'Value per 100 sent', data: shown.map((row) => row.value_per_100), backgroundColor: COLORS.value, xAxisID: 'x' },
        { label: 'Harm per 1,000 sent', data: shown.map((row) => row.harm_per_1000), backgroundColor: COLORS.harm, xAxisID: 'x' },
      ],
    },
    options: { indexAxis: 'y', scales: { x: { beginAtZero: true } } },
  });
}

// "Download CSV" for any table: its header and rows as the page shows them.
import { h } from './format.js';

function cell(text) {
  const value = text.replace(/\s+/g, ' ').trim();
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tableCsv(table) {
  return [...table.querySelectorAll('tr')]
    .map((row) => [...row.children].map((c) => cell(c.textContent)).join(','))
    .join('\n') + '\n';
}

// A link that downloads `table` as `name`.csv.
export function csvLink(table, name) {
  return h('a', {
    class: 'csv', href: '#', download: `${name}.csv`, 'data-testid': `csv-${name}`,
    onclick: (event) => {
      const blob = new Blob([tableCsv(table)], { type: 'text/csv' });
      event.currentTarget.href = URL.createObjectURL(blob);
    },
  }, 'Download CSV');
}

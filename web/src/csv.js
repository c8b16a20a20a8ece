// "Download CSV" for any table: its header and rows as the page shows them.
import { h } from './format.js';

function cell(text) {
  const value = text.replace(/\s+/g, ' ').trim();
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function tableCsv(table) {
  // Rows hidden until asked for (a held-back row's decision) are not the table's.
  return [...table.querySelectorAll('tr:not([hidden])')]
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

// Every table of `root` that has no "Download CSV" yet gets one, named after
// the table: no view can leave a table out.
export function csvForEveryTable(root) {
  for (const table of root.querySelectorAll('table[data-testid]')) {
    if (table.nextElementSibling?.matches('a.csv')) continue;
    table.after(csvLink(table, table.dataset.testid));
  }
}

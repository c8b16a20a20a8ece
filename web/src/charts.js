// Chart.js, registered once, with tact's defaults: no animation (a chart is
// read, not watched) and one colour per series that stays the same everywhere.
import { Chart, registerables } from 'chart.js';

Chart.register(...registerables);
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#3b4252';

export const COLORS = {
  sent: '#5e81ac',
  held: '#d08770',
  value: '#2e7d32',
  harm: '#bf3b3b',
  used: '#5e81ac',
  left: '#a3be8c',
  revenue: '#5e81ac',
  income: '#a3be8c',
  gross: '#2e7d32',
  operating: '#d08770',
  debt: '#bf3b3b',
  cash: '#88c0d0',
  optedDown: '#5e81ac',
  paused: '#a3be8c',
  unsubscribed: '#bf3b3b',
};

const RULE_PALETTE = [
  '#5e81ac', '#d08770', '#a3be8c', '#b48ead', '#ebcb8b', '#88c0d0', '#bf616a', '#8fbcbb',
  '#4c566a', '#d8a657',
];

export function ruleColor(index) {
  return RULE_PALETTE[index % RULE_PALETTE.length];
}

const live = new Set();

// Draws a chart into `canvas` and remembers it so the next view can free it.
export function draw(canvas, config) {
  const chart = new Chart(canvas, config);
  live.add(chart);
  return chart;
}

export function destroyAll() {
  for (const chart of live) chart.destroy();
  live.clear();
}

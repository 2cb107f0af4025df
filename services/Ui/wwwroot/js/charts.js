// The lag and process-duration charts, drawn with uPlot (vendored from npm, see vendor/uplot/VERSION).
import uPlot from '../vendor/uplot/uPlot.esm.js';

const Palette = ['#2f6fdf', '#e07b00', '#1b9e5a', '#c2185b', '#7b52c7', '#00838f', '#8d6e63'];
const charts = new Map();

function colour(hop, hops) {
  return Palette[hops.indexOf(hop) % Palette.length];
}

function draw(target, options, data) {
  charts.get(target)?.destroy();
  target.replaceChildren();
  const width = Math.max(280, target.clientWidth || target.parentElement.clientWidth);
  const chart = new uPlot({ width, height: 220, ...options }, data, target);
  charts.set(target, chart);
  target.dataset.points = String(data[0].length);
  target.dataset.series = String(data.length - 1);
}

// Whole seconds and up: the scrape interval is never shorter than a second, so sub-second ticks would say nothing.
const TimeAxis = { space: 70, incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600] };
const ValueAxis = { label: 'ms', size: 60 };
// From zero: a lag's size is read against nothing, and the stacked bands must start at the axis.
const Scales = { x: { time: true }, y: { range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1] } };

const milliseconds = (u, value) => value === null || value === undefined ? '–' : `${value.toFixed(1)} ms`;

/** One line per hop: the p95 of each interval (null where the hop saw nothing: a gap). */
export function lagChart(target, report, field) {
  const hops = report.hops.map(h => h.hop);
  draw(target, {
    scales: Scales,
    axes: [TimeAxis, ValueAxis],
    series: [{}, ...report.hops.map(h => ({ label: h.hop, stroke: colour(h.hop, hops), width: 2, value: milliseconds, spanGaps: false }))],
  }, [report.times, ...report.hops.map(h => h[field])]);
}

/**
 * Process duration per hop, stacked: each band is one hop's p95, on top of the hops before it. uPlot has no stacking of
 * its own; the series hold running sums and are drawn top band first, so each lower band paints over the one above it.
 * The legend shows each hop's own value, not the sum.
 */
export function stackedProcessChart(target, report) {
  const hops = report.hops.map(h => h.hop);
  const own = report.hops.map(h => h.processP95Ms);
  const sums = [];
  own.forEach((values, index) => sums.push(values.map((v, i) => (index === 0 ? 0 : sums[index - 1][i] ?? 0) + (v ?? 0))));
  const anything = report.times.map((_, i) => own.some(values => values[i] !== null));
  const stacked = sums.map(values => values.map((v, i) => anything[i] ? v : null));
  const order = [...hops.keys()].reverse();
  draw(target, {
    scales: Scales,
    axes: [TimeAxis, ValueAxis],
    series: [{}, ...order.map(index => ({
      label: hops[index],
      stroke: colour(hops[index], hops),
      fill: colour(hops[index], hops) + '99',
      width: 1,
      value: (u, v, series, i) => milliseconds(u, i === null || i === undefined ? v : own[index][i]),
    }))],
  }, [report.times, ...order.map(index => stacked[index])]);
}

export function clearChart(target) {
  charts.get(target)?.destroy();
  charts.delete(target);
  target.replaceChildren();
  target.dataset.points = '0';
}

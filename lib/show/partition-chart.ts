// partition-chart: the histograms of the partition analysis. Owns the Vega-Lite spec of values (cells),
// rows or estimated bytes per partition — values by default, since the guidance counts values — with the
// guidance drawn when it is in view (on the values and bytes histograms; rows have no guidance of their
// own), and rendering a spec to SVG text in Node (vega@5 / vega-lite@5, no browser, no canvas).
// TypeScript 5.0, CommonJS-safe (tslab compiles it).
import { histogramBins } from '../teach/statistics';
import type { PartitionStats } from '../teach/partitions';
import { formatCount, formatSize } from './format';

/** Tick values for a symlog count axis: 0, 1, 2, 5, 10, 20, 50, … up to `max`. */
function symlogTicks(max: number): number[] {
  const ticks = [0];
  for (let p = 1; p <= max; p *= 10) for (const m of [1, 2, 5]) if (m * p <= max) ticks.push(m * p);
  return ticks;
}

/** What a histogram counts per partition. */
export type PartitionMeasure = 'values' | 'rows' | 'bytes';

/** Per measure: the data, its distribution, the axis and title words and the guidance (none for rows). */
function measureOf(stats: PartitionStats, measure: PartitionMeasure) {
  if (measure === 'values')
    return {
      data: stats.valueCounts,
      d: stats.valuesPerPartition,
      axis: 'Values (cells) per partition',
      what: 'values (cells)',
      limit: stats.limits.maxValues as number | null,
      fmt: formatCount,
    };
  if (measure === 'rows')
    return {
      data: stats.rowCounts,
      d: stats.rowsPerPartition,
      axis: 'Rows per partition',
      what: 'rows',
      limit: null,
      fmt: formatCount,
    };
  return {
    data: stats.byteSizes,
    d: stats.bytesPerPartition,
    axis: 'Estimated partition size (bytes)',
    what: 'estimated bytes',
    limit: stats.limits.maxBytes as number | null,
    fmt: formatSize,
  };
}

/** The guidance as a dashed red rule with its label. */
function guidanceLayer(limit: number, measure: 'values' | 'bytes'): Record<string, unknown> {
  const label = measure === 'values' ? `${formatCount(limit)}-value guidance` : `${formatSize(limit)} guidance`;
  return {
    data: { values: [{ limit, label }] },
    layer: [
      {
        mark: { type: 'rule', color: '#dc2626', strokeDash: [6, 4], strokeWidth: 2 },
        encoding: { x: { field: 'limit', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', color: '#dc2626', align: 'right', dx: -4, baseline: 'top', fontSize: 11 },
        encoding: { x: { field: 'limit', type: 'quantitative' }, y: { value: 4 }, text: { field: 'label' } },
      },
    ],
  };
}

/**
 * A Vega-Lite spec: histogram of values (cells; the default), rows or estimated bytes per partition, with the
 * guidance drawn when it is in view.
 */
export function partitionHistogramSpec(
  stats: PartitionStats,
  measure: PartitionMeasure = 'values',
): Record<string, unknown> {
  const { data, d, axis: title, what, limit, fmt: fmtV } = measureOf(stats, measure);
  const bins = histogramBins(data);
  const maxCount = Math.max(1, ...bins.map((b) => b.partitions));
  const layers: Record<string, unknown>[] = [
    {
      mark: { type: 'bar', color: '#2563eb', tooltip: true },
      encoding: {
        x: { field: 'from', type: 'quantitative', bin: { binned: true }, title },
        x2: { field: 'to' },
        y: {
          field: 'partitions',
          type: 'quantitative',
          title: 'Partitions',
          ...(maxCount > 50
            ? { scale: { type: 'symlog' }, axis: { values: symlogTicks(maxCount), format: ',d' } }
            : {}),
        },
      },
    },
  ];
  if (limit !== null && measure !== 'rows' && d.max >= limit / 2) layers.push(guidanceLayer(limit, measure));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: `${stats.table}: ${what} per partition`,
      subtitle:
        `${formatCount(stats.partitions)} partitions · min ${fmtV(d.min)} · median ${fmtV(d.median)} · ` +
        `p99 ${fmtV(d.p99)} · max ${fmtV(d.max)}${maxCount > 50 ? ' · symlog scale' : ''}`,
    },
    width: 480,
    height: 220,
    data: { values: bins },
    layer: layers,
    config: { font: 'sans-serif', view: { stroke: null } },
  };
}

/** Renders a Vega-Lite spec to SVG text in Node (vega@5 + vega-lite@5, no browser, no canvas). */
async function renderVegaLiteSvg(spec: Record<string, unknown>): Promise<string> {
  const vega = await import('vega');
  const vl = await import('vega-lite');
  const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The histogram of a table's partitions as SVG. */
export function partitionHistogramSvg(stats: PartitionStats, measure: PartitionMeasure = 'values'): Promise<string> {
  return renderVegaLiteSvg(partitionHistogramSpec(stats, measure));
}

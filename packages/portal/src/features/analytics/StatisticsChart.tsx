/**
 * A bar chart of statistics groups (recharts) in which a suppressed cell is drawn as such: a
 * hatched grey column over the whole height of its slot, named "suppressed" in the tooltip and in
 * an SVG title, never a bar of 0. The chart has an accessible name and points to its description;
 * the same figures are always in a table beside it (the text alternative).
 */
import { type ReactNode, useId } from 'react';
import {
  Bar,
  BarChart,
  type BarShapeProps,
  CartesianGrid,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Text,
  Tooltip,
  XAxis,
  type XAxisTickContentProps,
  YAxis,
} from 'recharts';
import { useI18n } from '../../i18n';

export interface ChartSeries {
  key: string;
  name: string;
  color: string;
}

export interface ChartRow {
  /** The category on the x axis (already translated). */
  name: string;
  /** The value of each series; absent: no case in that cell. */
  values: Record<string, number | null | undefined>;
  /** Which series' cells are suppressed. */
  suppressed: Record<string, boolean>;
}

const SUPPRESSED_STROKE = '#5c6169';
const suppressedKey = (key: string) => `suppressed:${key}`;

/** The marker of a suppressed cell, also used in the legend below the chart. */
export function SuppressedSwatch() {
  return <span className="swatch swatch--suppressed" aria-hidden="true" />;
}

/** A category's name under its bars, wrapped to the width of its slot (long French stage names). */
function wrappedTick(props: XAxisTickContentProps, count: number) {
  const slot = (Number(props.width) || 600) / Math.max(count, 1);
  return (
    <Text
      x={props.x}
      y={props.y}
      width={Math.max(slot - 6, 40)}
      textAnchor="middle"
      verticalAnchor="start"
      fontSize={12}
      fill="#333b44"
      maxLines={3}
    >
      {String(props.payload.value)}
    </Text>
  );
}

/** A bar as recharts draws it, or for a suppressed cell the hatched column over its whole slot. */
function suppressibleBar(props: BarShapeProps, key: string, patternId: string, suppressedLabel: string) {
  const payload = props.payload as Record<string, unknown> | undefined;
  if (!payload?.[suppressedKey(key)]) {
    return <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={props.fill} />;
  }
  const slot = props.background;
  if (slot?.y == null) return <g />;
  return (
    <g className="bar--suppressed" data-suppressed="true">
      <title>{`${String(payload.name)}: ${suppressedLabel}`}</title>
      <rect
        x={props.x}
        y={slot.y}
        width={props.width}
        height={slot.height}
        fill={`url(#${patternId})`}
        stroke={SUPPRESSED_STROKE}
        strokeDasharray="4 3"
      />
    </g>
  );
}

export function StatisticsChart({
  title,
  rows,
  series,
  testId,
  descriptionId,
  integer = true,
  children,
}: {
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  testId: string;
  /** The id of the text that says what the chart shows and how many cells are suppressed. */
  descriptionId: string;
  integer?: boolean;
  /** The description (rendered under the chart, referenced by `descriptionId`). */
  children?: ReactNode;
}) {
  const { t, formatNumber } = useI18n();
  // SVG ids may not hold the colons or guillemets React puts in useId().
  const patternId = `hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const suppressedLabel = t('stats.suppressed');
  const data = rows.map((row) => {
    const entry: Record<string, string | number | boolean | null> = { name: row.name };
    for (const s of series) {
      const hidden = row.suppressed[s.key] ?? false;
      // A suppressed cell carries 0 so that it moves neither the axis nor the stack; its shape
      // below draws the hatched column from the slot's full height instead.
      entry[s.key] = hidden ? 0 : (row.values[s.key] ?? null);
      entry[suppressedKey(s.key)] = hidden;
    }
    return entry;
  });
  return (
    <>
      <figure className="chart" aria-label={title} aria-describedby={descriptionId} data-testid={testId}>
        <ResponsiveContainer width="100%" height={300}>
          <BarChart data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
            <defs>
              <pattern id={patternId} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect width="8" height="8" fill="#eef0f2" />
                <line x1="0" y1="0" x2="0" y2="8" stroke={SUPPRESSED_STROKE} strokeWidth="2" />
              </pattern>
            </defs>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="name"
              interval={0}
              height={56}
              tick={(props: XAxisTickContentProps) => wrappedTick(props, data.length)}
            />
            <YAxis allowDecimals={!integer} />
            <Tooltip
              formatter={(value, name, item) => {
                const entry = item?.payload as Record<string, unknown> | undefined;
                const key = series.find((s) => s.name === name)?.key;
                if (key && entry?.[suppressedKey(key)]) return [suppressedLabel, name];
                return [typeof value === 'number' ? formatNumber(value) : String(value ?? ''), name];
              }}
            />
            <Legend itemSorter={null} />
            {series.map((s) => (
              <Bar
                key={s.key}
                dataKey={s.key}
                name={s.name}
                fill={s.color}
                isAnimationActive={false}
                shape={(props: BarShapeProps) => suppressibleBar(props, s.key, patternId, suppressedLabel)}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </figure>
      <div id={descriptionId} className="chart__note">
        {children}
      </div>
    </>
  );
}

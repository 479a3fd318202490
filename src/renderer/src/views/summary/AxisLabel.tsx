/**
 * A category axis label cut to the axis width, with the whole name as its tooltip: a 100-character
 * tool name must not run out of its chart card (SVG text does not wrap or clip by itself).
 */
import { visibleText } from '../../lib/visibleText';

/** About 7.5 px a character at 12 px (wider than most): cut labels to what the axis can hold. */
const CHAR_PX = 7.5;

export function cutLabel(label: string, widthPx: number): string {
  const max = Math.max(4, Math.floor(widthPx / CHAR_PX));
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
  width: number;
  fill: string;
}

export function AxisLabel({ x = 0, y = 0, payload, width, fill }: TickProps) {
  const full = visibleText(String(payload?.value ?? ''));
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="end" fill={fill} fontSize={12}>
      <title>{full}</title>
      {cutLabel(full, width - 16)}
    </text>
  );
}

import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../shared/ui/format";
import type { LabTrend } from "./labsApi";
import { isolate } from "../../shared/ui/UserText";

const W = 320;
const H = 160;
const PAD = 28;

/**
 * A plain SVG line chart of one test's values over time, with the reference range as a shaded band; every point is
 * also listed in a visually hidden table, so the chart is readable without sight. Scales to the container (375 px phones).
 */
export function TrendChart({ trend }: { trend: LabTrend }) {
  const { t, i18n } = useTranslation();
  const points = trend.points;
  if (points.length === 0) return <p>{t("labs.trend.none")}</p>;
  const last = points[points.length - 1];
  const values = points.map((p) => p.value).concat([last.rangeLow ?? points[0].value, last.rangeHigh ?? points[0].value]);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const x = (i: number) => PAD + (points.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => H - PAD - ((v - min) / span) * (H - 2 * PAD);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`).join(" ");
  const title = t("labs.trend.title", { name: isolate(trend.name) });
  return (
    <figure className="stack" data-testid="lab-trend">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title} style={{ maxWidth: 480 }}>
        {last.rangeLow != null && last.rangeHigh != null ? (
          <rect x={PAD} width={W - 2 * PAD} y={y(last.rangeHigh)} height={Math.max(1, y(last.rangeLow) - y(last.rangeHigh))} fill="#d8f0dd" />
        ) : null}
        <path d={path} fill="none" stroke="#1f5fa8" strokeWidth={2} />
        {points.map((p, i) => (
          <circle key={p.at + i} cx={x(i)} cy={y(p.value)} r={4} fill={p.flag === "HH" || p.flag === "LL" ? "#b00020" : "#1f5fa8"} />
        ))}
        <text x={PAD} y={14} fontSize={11}>
          {max.toFixed(1)} {last.unit}
        </text>
        <text x={PAD} y={H - 6} fontSize={11}>
          {min.toFixed(1)}
        </text>
      </svg>
      <figcaption>{title}</figcaption>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {points.map((p, i) => (
            <tr key={p.at + i}>
              <th scope="row">{formatDateTime(p.at, i18n.language)}</th>
              <td>
                {p.value} {p.unit} {p.flag ? t(`labs.flags.${p.flag}`, { defaultValue: p.flag }) : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

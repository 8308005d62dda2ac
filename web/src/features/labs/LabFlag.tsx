import { useTranslation } from "react-i18next";
import type { LabValue } from "./labsApi";

/** The flag of a value as words (never colour alone): normal, low, high, critically low/high. */
export function LabFlag({ flag }: { flag?: string | null }) {
  const { t } = useTranslation();
  if (!flag) return null;
  const critical = flag === "LL" || flag === "HH";
  return (
    <span className={critical ? "badge badge--danger" : flag === "N" ? "badge" : "badge badge--warning"}>{t(`labs.flags.${flag}`, { defaultValue: flag })}</span>
  );
}

/** Whether the lab gave a result for the value: a number or a text (a missing one says why in absentReason). */
export function hasResult(v: Pick<LabValue, "value" | "valueText">): boolean {
  return v.value != null || (v.valueText != null && v.valueText.trim() !== "");
}

/**
 * A value's cell: the number or text with its unit, or, for a test the lab gave no result for, "No result" with why in the reader's
 * language (the FHIR code worded; an unknown code as the lab's words or the code itself) and the lab's own words — never a number.
 */
export function LabValueText({ v }: { v: LabValue }) {
  const { t } = useTranslation();
  if (hasResult(v)) {
    return (
      <>
        {v.value ?? v.valueText} {v.unit}
      </>
    );
  }
  const code = v.absentReason ?? null;
  const words = v.absentReasonText?.trim() || null;
  const reason = code ? t(`labs.absent.reasons.${code}`, { defaultValue: words ?? code }) : null;
  const labWords = words && words !== reason ? words : null;
  return (
    <span className="lab-no-result">
      <strong>{t("labs.absent.label")}</strong>
      {reason ? `: ${reason}` : null}
      {labWords ? (
        <>
          {" "}
          ({t("labs.absent.labSays")} <bdi dir="auto">{labWords}</bdi>)
        </>
      ) : null}
    </span>
  );
}

/** "3.5–5.1 mmol/L", "< 200 mg/dL", "> 40 mg/dL" or "" for a value's reference range. */
export function rangeText(v: Pick<LabValue, "rangeLow" | "rangeHigh" | "unit">): string {
  const unit = v.unit ? ` ${v.unit}` : "";
  if (v.rangeLow != null && v.rangeHigh != null) return `${v.rangeLow}–${v.rangeHigh}${unit}`;
  if (v.rangeHigh != null) return `< ${v.rangeHigh}${unit}`;
  if (v.rangeLow != null) return `> ${v.rangeLow}${unit}`;
  return "";
}

/** A report's values as a table: test, value with unit, reference range, flag. */
export function LabValuesTable({ values, onTrend }: { values: LabValue[]; onTrend?: (code: string) => void }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-label={t("labs.table.values")} tabIndex={0}>
      {/* On a phone each value is a labelled card under its test's name, instead of four columns scrolled sideways. */}
      <table className="table table--stack">
        <thead>
          <tr>
            <th scope="col">{t("labs.table.test")}</th>
            <th scope="col">{t("labs.table.value")}</th>
            <th scope="col">{t("labs.table.range")}</th>
            <th scope="col">{t("labs.table.flag")}</th>
          </tr>
        </thead>
        <tbody>
          {values.map((v) => (
            <tr key={v.loincCode}>
              <th scope="row">
                {onTrend ? (
                  <button type="button" className="link-button" onClick={() => onTrend(v.loincCode)}>
                    {v.name}
                  </button>
                ) : (
                  v.name
                )}
              </th>
              <td data-label={t("labs.table.value")}>
                <LabValueText v={v} />
              </td>
              <td data-label={t("labs.table.range")}>{rangeText(v)}</td>
              <td data-label={t("labs.table.flag")}>
                <LabFlag flag={v.flag} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

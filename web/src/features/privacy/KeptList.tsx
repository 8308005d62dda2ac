import { useTranslation } from "react-i18next";
import { formatDate } from "../../shared/ui/format";
import type { KeptRecord } from "./privacyApi";

/** What the law requires the clinic to keep after an erasure: each category with its rule's source and the date it is kept until. */
export function KeptList({ kept }: { kept: KeptRecord[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="stack">
      <h3>{t("privacy.erasure.keptTitle")}</h3>
      {kept.length === 0 ? (
        <p>{t("privacy.erasure.keptNone")}</p>
      ) : (
        <ul data-testid="erasure-kept">
          {kept.map((k) => (
            <li key={`${k.category}-${k.jurisdiction}`}>
              <strong>{t(`privacy.erasure.categories.${k.category}`, { defaultValue: k.category })}</strong>:{" "}
              {t("privacy.erasure.keptItem", { until: formatDate(k.keptUntil, i18n.language), years: k.years, source: k.legalSource })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

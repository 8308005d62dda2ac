import { useTranslation } from "react-i18next";
import type { ClinicalData, Demographics } from "../../shared/api/types";
import { formatDate } from "../../shared/ui/format";

export function DemographicsList({ data }: { data: Demographics }) {
  const { t, i18n } = useTranslation();
  return (
    <dl className="details" data-testid="demographics">
      <div>
        <dt>{t("auth.givenName")}</dt>
        <dd dir="auto">{data.givenName}</dd>
      </div>
      <div>
        <dt>{t("auth.familyName")}</dt>
        <dd dir="auto">{data.familyName}</dd>
      </div>
      <div>
        <dt>{t("auth.dateOfBirth")}</dt>
        <dd>{formatDate(data.dateOfBirth, i18n.language)}</dd>
      </div>
      <div>
        <dt>{t("patient.sex")}</dt>
        <dd>{t(`sex.${data.sex}`, { defaultValue: data.sex })}</dd>
      </div>
      <div>
        <dt>{t("patient.phone")}</dt>
        <dd>{data.phone || t("app.notProvided")}</dd>
      </div>
      <div>
        <dt>{t("auth.email")}</dt>
        <dd className="break">{data.email || t("app.notProvided")}</dd>
      </div>
    </dl>
  );
}

export function ClinicalList({ data }: { data: ClinicalData }) {
  const { t } = useTranslation();
  const list = (items: string[], testId: string) =>
    items.length ? (
      <ul data-testid={testId}>
        {items.map((i) => (
          <li key={i}>{i}</li>
        ))}
      </ul>
    ) : (
      <span data-testid={testId}>{t("app.none")}</span>
    );
  return (
    <dl className="details" data-testid="clinical">
      <div>
        <dt>{t("patient.allergies")}</dt>
        <dd>{list(data.allergies ?? [], "clinical-allergies")}</dd>
      </div>
      <div>
        <dt>{t("patient.chronicConditions")}</dt>
        <dd>{list(data.chronicConditions ?? [], "clinical-conditions")}</dd>
      </div>
      <div>
        <dt>{t("patient.insurance")}</dt>
        <dd>
          {data.insurance?.provider || data.insurance?.policyNumber
            ? `${data.insurance.provider} · ${data.insurance.policyNumber}`
            : t("app.notProvided")}
        </dd>
      </div>
    </dl>
  );
}

import { useTranslation } from "react-i18next";
import { useSession } from "../../shared/auth/session";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";

export function PharmacistHomePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.pharmacist");
  const user = useSession().data?.user;
  return (
    <div className="stack">
      <h1>{t("pharmacist.title")}</h1>
      <section className="card" aria-labelledby="account-title">
        <h2 id="account-title">{t("pharmacist.account")}</h2>
        {user ? (
          <dl className="details" data-testid="pharmacist-account">
            <div>
              <dt>{t("admin.displayName")}</dt>
              <dd>{user.displayName}</dd>
            </div>
            <div>
              <dt>{t("auth.email")}</dt>
              <dd className="break">{user.email}</dd>
            </div>
            <div>
              <dt>{t("admin.roles")}</dt>
              <dd>{user.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(", ")}</dd>
            </div>
            <div>
              <dt>{t("pharmacist.mfa")}</dt>
              <dd>{user.mfaEnabled ? t("pharmacist.enabled") : t("pharmacist.disabled")}</dd>
            </div>
          </dl>
        ) : null}
      </section>
      <section className="card" aria-labelledby="prescriptions-title">
        <h2 id="prescriptions-title">{t("pharmacist.prescriptions")}</h2>
        <p className="empty-state">{t("pharmacist.prescriptionsSoon")}</p>
      </section>
    </div>
  );
}

import { useTranslation } from "react-i18next";
import type { DemoCredential } from "../../shared/api/types";

export function DemoAccounts({
  accounts,
  onUse,
}: {
  accounts: DemoCredential[];
  onUse: (account: DemoCredential) => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card demo-accounts" aria-labelledby="demo-accounts-title">
      <h2 id="demo-accounts-title">{t("auth.demoAccounts")}</h2>
      <p className="muted">{t("auth.demoIntro")}</p>
      <div className="table-wrap">
        <table className="table" data-testid="demo-accounts">
          <thead>
            <tr>
              <th scope="col">{t("auth.role")}</th>
              <th scope="col">{t("auth.email")}</th>
              <th scope="col">{t("auth.password")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={`${account.role}-${account.email}`}>
                <td>{t(`roles.${account.role}`, { defaultValue: account.role })}</td>
                <td className="break">{account.email}</td>
                <td>
                  <code>{account.password}</code>
                </td>
                <td>
                  <button type="button" className="button button--secondary button--small" onClick={() => onUse(account)}>
                    {t("auth.use")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

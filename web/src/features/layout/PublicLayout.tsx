import { Link, Outlet } from "react-router";
import { useTranslation } from "react-i18next";
import { Brand } from "./Brand";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { SkipLink } from "./SkipLink";

export function PublicLayout() {
  const { t } = useTranslation();
  return (
    <div className="app-shell app-shell--public">
      <SkipLink />
      <header className="site-header">
        <div className="site-header__inner">
          <Brand />
          <Link to="/doctors" className="site-header__link">
            {t("publicDoctors.findDoctor")}
          </Link>
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main-content" className="page page--narrow" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        {t("app.footer")} · <Link to="/clinics">{t("clinicPages.nav")}</Link>
      </footer>
    </div>
  );
}

import { useRef, useState, type KeyboardEvent } from "react";
import { NavLink, useLocation } from "react-router";
import { useTranslation } from "react-i18next";
import { navigationFor } from "../../shared/auth/portals";
import { useNavFeatures } from "../../shared/auth/useNavFeatures";

export function MainNav({ roles }: { roles: readonly string[] }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { current, items: all, switchTo } = navigationFor(roles, pathname);
  const available = useNavFeatures(roles);
  const items = all.filter(available);
  // On a phone (under ~600 px, CSS) the links fold behind a menu button; the menu closes when the page changes.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const toggle = useRef<HTMLButtonElement>(null);
  // Escape closes the open menu from the button or any link in it, and focus goes back to the button.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== "Escape" || !open) return;
    setOpenOn(null);
    toggle.current?.focus();
  };
  return (
    <div className="nav-bar" data-open={open}>
      <nav aria-label={t("nav.main")} className="main-nav" onKeyDown={onKeyDown}>
        {current ? <span className="main-nav__portal">{t(current.labelKey)}</span> : null}
        <button
          ref={toggle}
          type="button"
          className="button button--secondary button--small nav-toggle"
          aria-expanded={open}
          aria-controls="main-nav-menu"
          onClick={() => setOpenOn(open ? null : pathname)}
        >
          {t("account.menu")}
        </button>
        <ul id="main-nav-menu" className="main-nav__list">
          {items.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to} end={item.end}>
                {t(item.labelKey)}
              </NavLink>
            </li>
          ))}
          {/* Anyone may be invited into a call as a guest (issue 16); the link folds with the rest on a phone. */}
          <li>
            <NavLink to="/call-invitations" data-testid="call-invitations-link">
              {t("calls.guest.invitationsLink")}
            </NavLink>
          </li>
        </ul>
      </nav>
      {switchTo.length > 0 ? (
        <nav aria-label={t("app.switchPortal")} className="portal-switcher">
          <span className="portal-switcher__label">{t("app.switchPortal")}:</span>
          <ul>
            {switchTo.map((portal) => (
              <li key={portal.id}>
                <NavLink to={portal.home}>{t(portal.labelKey)}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </div>
  );
}

import { useTranslation } from "react-i18next";
import { useQueryClient } from "@tanstack/react-query";
import { persistLanguage, SUPPORTED_LANGUAGES, type SupportedLanguage } from "../../shared/i18n/i18n";

/** Buttons, not a select: keeps "Language" free for the form fields that filter by language. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const change = (language: SupportedLanguage) => {
    persistLanguage(language);
    void i18n.changeLanguage(language);
    // Localised server data (e.g. specialty names) must be fetched in the new language.
    void queryClient.invalidateQueries({ queryKey: ["specialties"] });
  };
  return (
    <div className="language-switcher" role="group" aria-label={t("app.language")}>
      {SUPPORTED_LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          className="language-switcher__button"
          aria-pressed={i18n.language === language}
          onClick={() => change(language)}
        >
          {t(`languageNames.${language}`)}
        </button>
      ))}
    </div>
  );
}

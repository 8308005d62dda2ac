import { useTranslation } from "react-i18next";

/** Stars shown read-only: filled and empty glyphs for the eye, "4 out of 5 stars" for screen readers. */
export function Stars({ value }: { value: number }) {
  const { t } = useTranslation();
  const whole = Math.round(value);
  return (
    <span className="review-stars" role="img" aria-label={t("feedback.starsLabel", { count: value })}>
      {"★".repeat(whole)}
      <span className="muted">{"☆".repeat(Math.max(0, 5 - whole))}</span>
    </span>
  );
}

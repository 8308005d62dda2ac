import { useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { BodyView } from "../../shared/api/consultations";
import { BACK_REGIONS, DECORATIVE_SHAPES, FRONT_REGIONS, REGION_SHAPES, VIEWBOX, sortRegions } from "./bodyMap";

interface BodyMapProps {
  view: BodyView;
  onViewChange: (view: BodyView) => void;
  selected: readonly string[];
  onToggle: (code: string) => void;
  labelOf: (code: string) => string;
  invalid?: boolean;
  describedBy?: string;
}

/**
 * An SVG figure whose regions are toggle buttons (role="button", aria-pressed), front or back,
 * with the selected regions listed below as removable chips.
 */
export function BodyMap({ view, onViewChange, selected, onToggle, labelOf, invalid, describedBy }: BodyMapProps) {
  const { t } = useTranslation();
  const hintId = useId();
  const chipsRef = useRef<HTMLUListElement>(null);
  // The region under the pointer or keyboard focus, named under the figure (sighted users; screen readers hear the button).
  const [pointed, setPointed] = useState<string | null>(null);
  const chosen = sortRegions(selected);
  const countIn = (codes: readonly string[]) => selected.filter((c) => codes.includes(c)).length;

  const onKey = (code: string) => (event: KeyboardEvent<SVGPathElement>) => {
    if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
      event.preventDefault();
      onToggle(code);
    }
  };

  const remove = (code: string, index: number) => {
    onToggle(code);
    // Keep the keyboard user in the list: focus the chip that takes this one's place, else the list.
    requestAnimationFrame(() => {
      const buttons = chipsRef.current?.querySelectorAll<HTMLButtonElement>("button");
      const next = buttons?.[Math.min(index, (buttons?.length ?? 1) - 1)];
      if (next) next.focus();
      else chipsRef.current?.focus();
    });
  };

  const side = (which: "left" | "right") => t(which === "left" ? "consultations.bodyMap.sideLeft" : "consultations.bodyMap.sideRight");
  // From the front the patient's right is on the viewer's left; from behind it is the other way round.
  const leftMark = view === "front" ? side("right") : side("left");
  const rightMark = view === "front" ? side("left") : side("right");

  return (
    <div className={`body-map${invalid ? " body-map--invalid" : ""}`}>
      <div className="segmented" role="group" aria-label={t("consultations.bodyMap.views")}>
        {(["front", "back"] as const).map((v) => {
          const count = countIn(v === "front" ? FRONT_REGIONS : BACK_REGIONS);
          return (
            <button
              key={v}
              type="button"
              className="segmented__button"
              aria-pressed={view === v}
              onClick={() => onViewChange(v)}
            >
              {t(`consultations.bodyMap.${v}`)}
              {count > 0 ? (
                <span className="segmented__count" aria-hidden="true">
                  {count}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
      <p className="field-hint body-map__hint" id={hintId}>
        {t(view === "front" ? "consultations.bodyMap.frontHint" : "consultations.bodyMap.backHint")}
      </p>
      <svg
        className="body-map__svg"
        viewBox={VIEWBOX}
        role="group"
        aria-label={t(view === "front" ? "consultations.bodyMap.frontMap" : "consultations.bodyMap.backMap")}
        aria-describedby={[hintId, describedBy].filter(Boolean).join(" ")}
        data-view={view}
      >
        <text x="32" y="30" className="body-map__side" aria-hidden="true">
          {leftMark}
        </text>
        <text x="168" y="30" className="body-map__side" textAnchor="end" aria-hidden="true">
          {rightMark}
        </text>
        {DECORATIVE_SHAPES[view].map((d) => (
          <path key={d} d={d} className="body-map__part" aria-hidden="true" />
        ))}
        {REGION_SHAPES.filter((r) => r.view === view).map((r) => {
          const pressed = selected.includes(r.code);
          const label = labelOf(r.code);
          return (
            <path
              key={r.code}
              d={r.d}
              className={`body-region${pressed ? " body-region--selected" : ""}`}
              role="button"
              tabIndex={0}
              aria-pressed={pressed}
              aria-label={label}
              data-testid={`body-region-${r.code}`}
              data-region={r.code}
              onClick={() => onToggle(r.code)}
              onKeyDown={onKey(r.code)}
              onMouseEnter={() => setPointed(r.code)}
              onMouseLeave={() => setPointed((p) => (p === r.code ? null : p))}
              onFocus={() => setPointed(r.code)}
              onBlur={() => setPointed((p) => (p === r.code ? null : p))}
            />
          );
        })}
      </svg>
      <p className="body-map__caption" aria-hidden="true">
        {pointed && REGION_SHAPES.some((r) => r.code === pointed && r.view === view) ? labelOf(pointed) : "\u00a0"}
      </p>
      <div className="body-map__selection">
        {/* Not a heading: the map sits under an h2 on the visit page but straight under the h1 on "See a doctor now" (axe heading-order). */}
        <p className="body-map__selection-title">{t("consultations.form.selectedRegions")}</p>
        {chosen.length === 0 ? <p className="field-hint">{t("consultations.form.noRegions")}</p> : null}
        <ul className="chip-list" ref={chipsRef} tabIndex={-1} aria-label={t("consultations.form.selectedRegions")} data-testid="selected-regions">
          {chosen.map((code, index) => (
            <li key={code} className="chip" data-region={code}>
              {labelOf(code)}
              <button
                type="button"
                className="chip__remove"
                aria-label={t("app.removeItem", { item: labelOf(code) })}
                onClick={() => remove(code, index)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

import { useId, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { isolate } from "./UserText";

/** Edits a list of short texts (allergies, conditions): a list with remove buttons and an add box. */
export function ListEditor({
  legend,
  addLabel,
  items,
  onChange,
  testId,
}: {
  legend: string;
  addLabel: string;
  items: string[];
  onChange: (items: string[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const [draft, setDraft] = useState("");

  const add = () => {
    const value = draft.trim();
    if (!value) return;
    if (!items.some((i) => i.toLowerCase() === value.toLowerCase())) onChange([...items, value]);
    setDraft("");
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault(); // add the item, do not submit the whole form
      add();
    }
  };

  return (
    <fieldset className="list-editor">
      <legend>{legend}</legend>
      {items.length ? (
        <ul className="chip-list" data-testid={testId}>
          {items.map((item) => (
            <li key={item} className="chip">
              <span>{item}</span>
              <button
                type="button"
                className="chip__remove"
                aria-label={t("app.removeItem", { item: isolate(item) })}
                onClick={() => onChange(items.filter((i) => i !== item))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted" data-testid={testId}>
          {t("patient.noItems")}
        </p>
      )}
      <div className="inline-add">
        <div className="field">
          <label htmlFor={inputId}>{addLabel}</label>
          <input id={inputId} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
        </div>
        <button type="button" className="button button--secondary" onClick={add}>
          {t("app.add")}
        </button>
      </div>
    </fieldset>
  );
}

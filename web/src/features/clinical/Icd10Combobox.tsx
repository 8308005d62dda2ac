import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { clinicalApi, clinicalKeys, type Icd10Match } from "./clinicalApi";

/** The title of an ICD-10 entry in the screen's language (Russian МКБ-10 titles for ru, WHO English otherwise). */
export function icd10Title(match: Icd10Match, language: string): string {
  return language.startsWith("ru") && match.titleRu ? match.titleRu : match.titleEn;
}

/**
 * An accessible ICD-10 search (WAI-ARIA combobox with a listbox): type a code or words (English or Russian), move with
 * the arrow keys, Enter picks, Escape closes. Searches GET /clinical/icd10 250 ms after typing stops, from 2 characters.
 */
export function Icd10Combobox({ onPick, disabled = false }: { onPick: (match: Icd10Match) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  const results = useQuery({
    queryKey: clinicalKeys.icd10(query),
    queryFn: () => clinicalApi.searchIcd10(query),
    enabled: query.length >= 2,
    staleTime: 60_000,
  });
  const options = query.length >= 2 ? (results.data ?? []) : [];
  const expanded = open && query.length >= 2;

  const pick = (match: Icd10Match) => {
    onPick(match);
    setText("");
    setQuery("");
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (options.length === 0 ? -1 : (a + 1) % options.length));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((a) => (options.length === 0 ? -1 : (a <= 0 ? options.length - 1 : a - 1)));
    } else if (e.key === "Enter") {
      const chosen = options[active] ?? (options.length === 1 ? options[0] : undefined);
      if (expanded && chosen) {
        e.preventDefault();
        pick(chosen);
      }
    } else if (e.key === "Escape") {
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <div className="field icd10-combobox">
      <label htmlFor={`${id}-input`}>{t("clinical.protocol.searchIcd10")}</label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        value={text}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        data-testid="icd10-search"
      />
      <p id={`${id}-hint`} className="field-hint">
        {t("clinical.protocol.searchHint")}
      </p>
      <ul id={`${id}-list`} role="listbox" className="icd10-combobox__list" aria-label={t("clinical.protocol.diagnoses")} hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={o.code}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? "icd10-combobox__option icd10-combobox__option--active" : "icd10-combobox__option"}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(o)}
          >
            <strong>{o.code}</strong> {icd10Title(o, i18n.language)}
          </li>
        ))}
      </ul>
      {expanded ? (
        <p className="field-hint" role="status">
          {results.isFetching ? t("clinical.protocol.searching") : options.length === 0 && results.isSuccess ? t("clinical.protocol.noMatches") : ""}
        </p>
      ) : null}
    </div>
  );
}

import { useMemo } from "react";
import { useTranslation } from "react-i18next";

export interface MedicineWords {
  /** A formulary unit ("mg", "tablets") as the reader writes it ("мг", "таб."); one the app does not know, as given. */
  unit: (unit: string) => string;
  /** A formulary route ("oral") as the reader reads it ("внутрь"); one the app does not know, as given. */
  route: (route: string) => string;
}

/**
 * The formulary's codes for units and routes in the reader's language (`prescriptions.units`, `prescriptions.routes`), the
 * same words the server's dosage sentence uses, so a Russian form does not say "Доза на приём (mg)" or "Путь введения: oral".
 */
export function useMedicineWords(): MedicineWords {
  const { t, i18n } = useTranslation();
  return useMemo(() => {
    const word = (group: string, code: string) => (code && i18n.exists(`prescriptions.${group}.${code}`) ? t(`prescriptions.${group}.${code}`) : code);
    return { unit: (unit) => word("units", unit), route: (route) => word("routes", route) };
  }, [t, i18n]);
}

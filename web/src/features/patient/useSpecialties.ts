import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { patientApi, patientKeys } from "./patientApi";

export function useSpecialties() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: patientKeys.specialties(i18n.language),
    queryFn: patientApi.specialties,
    staleTime: 10 * 60_000,
  });
  const names = new Map((query.data ?? []).map((s) => [s.code, s.name]));
  return { ...query, nameOf: (code: string) => names.get(code) ?? code };
}

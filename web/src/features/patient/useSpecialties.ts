import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { directoryApi } from "../../shared/api/endpoints";

export function useSpecialties() {
  const { i18n } = useTranslation();
  const query = useQuery({
    queryKey: ["specialties", i18n.language],
    queryFn: directoryApi.specialties,
    staleTime: 10 * 60_000,
  });
  const names = new Map((query.data ?? []).map((s) => [s.code, s.name]));
  return { ...query, nameOf: (code: string) => names.get(code) ?? code };
}

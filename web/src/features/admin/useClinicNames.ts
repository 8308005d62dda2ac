import { useQuery } from "@tanstack/react-query";
import { adminApi, adminKeys } from "./adminApi";

/** The clinics (GET /clinics), ordered by name, with a lookup of a clinic's name by id. */
export function useClinicNames() {
  const query = useQuery({ queryKey: adminKeys.clinics, queryFn: adminApi.clinics, staleTime: 60_000 });
  const list = query.data ?? [];
  const names = new Map(list.map((c) => [c.id, c.name]));
  return { ...query, list, nameOf: (id: string) => names.get(id) ?? id };
}

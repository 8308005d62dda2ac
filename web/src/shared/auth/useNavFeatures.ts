import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { NotificationChannels } from "../api/types";
import type { NavItem } from "./portals";

/**
 * Hides navigation items whose page the server does not have: Admin → Outbox exists only when the server runs in
 * Development (elsewhere its routes answer 404). Asked once per session, by admins only; unknown means hidden.
 */
export function useNavFeatures(roles: readonly string[]): (item: NavItem) => boolean {
  const isAdmin = roles.includes("Admin");
  const channels = useQuery({
    queryKey: ["admin", "notification-channels"],
    queryFn: () => api.get<NotificationChannels>("/admin/notification-channels"),
    enabled: isAdmin,
    staleTime: Infinity,
    retry: false,
  });
  const developmentOutbox = isAdmin && channels.data?.developmentOutbox === true;
  return (item) => item.requires !== "developmentOutbox" || developmentOutbox;
}

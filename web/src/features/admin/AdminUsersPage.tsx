import { Fragment, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { adminApi, adminKeys, type UserFilters } from "./adminApi";
import { ROLES, type AdminUser } from "../../shared/api/types";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { InviteStaffForm } from "./InviteStaffForm";
import { RoleEditor } from "./RoleEditor";
import { ConfirmDialog } from "../../shared/ui/ConfirmDialog";
import { Form } from "../../shared/ui/Form";
import { UserSentence, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const PAGE_SIZE = 20;

export function AdminUsersPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.adminUsers");
  const queryClient = useQueryClient();
  // Filters live in component state, not the address bar: an e-mail can be a patient's (no PHI in URLs).
  const [filters, setFilters] = useState<UserFilters>({ email: "", role: "", page: 1 });
  const { email, role, page } = filters;
  const [draftSearch, setDraftSearch] = useState("");
  const [draftRole, setDraftRole] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  // Which row action runs, so only its button shows it is busy (the dialogs show their own).
  const [busyWhat, setBusyWhat] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<AdminUser | null>(null);
  const [resettingMfa, setResettingMfa] = useState<AdminUser | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const users = useQuery({
    queryKey: adminKeys.users(filters),
    queryFn: () => adminApi.users({ email: email || undefined, role: role || undefined, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  const applyFilters = (event: FormEvent) => {
    event.preventDefault();
    setFilters({ email: draftSearch.trim(), role: draftRole, page: 1 });
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.allUsers });
  const runAction = async (user: AdminUser, action: () => Promise<void>, done?: string, what?: string) => {
    setActionError(null);
    setNotice(null);
    setBusyId(user.id);
    setBusyWhat(what ?? null);
    try {
      await action();
      if (done) setNotice(done);
      await refresh();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusyId(null);
      setBusyWhat(null);
    }
  };

  return (
    <div className="stack">
      <h1>{t("admin.usersTitle")}</h1>
      <InviteStaffForm />
      {notice ? (
        <p className="alert alert--success" role="status">
          {notice}
        </p>
      ) : null}
      {resettingMfa ? (
        <ConfirmDialog
          title={<UserSentence i18nKey="administration.users.resetMfaTitle" user={{ name: resettingMfa.displayName ?? resettingMfa.email ?? "" }} />}
          text={t("administration.users.resetMfaText")}
          confirmLabel={t("administration.users.resetMfa")}
          destructive
          busy={busyId === resettingMfa.id}
          onConfirm={() => {
            const user = resettingMfa;
            setResettingMfa(null);
            void runAction(user, () => adminApi.resetMfa(user.id), t("administration.users.mfaResetDone"));
          }}
          onCancel={() => setResettingMfa(null)}
        />
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={<UserSentence i18nKey="administration.users.revokeTitle" user={{ name: revoking.displayName }} />}
          text={t("administration.users.revokeText")}
          confirmLabel={t("administration.users.revoke")}
          destructive
          busy={busyId === revoking.id}
          onConfirm={() => {
            const user = revoking;
            setRevoking(null);
            void runAction(user, () => adminApi.revokeInvitation(user.id), t("administration.users.revoked", { email: isolate(user.email) }));
          }}
          onCancel={() => setRevoking(null)}
        />
      ) : null}
      <section className="card stack" aria-labelledby="users-list-title">
        <h2 id="users-list-title">{t("admin.usersTitle")}</h2>
        <Form className="filters" role="search" aria-label={t("admin.usersTitle")} onSubmit={applyFilters}>
          <TextField dir="auto" label={t("admin.search")} type="search" placeholder={t("admin.searchPlaceholder")} value={draftSearch} onChange={(e) => setDraftSearch(e.target.value)} />
          <SelectField
            label={t("admin.role")}
            value={draftRole}
            onChange={(e) => setDraftRole(e.target.value)}
            options={[{ value: "", label: t("admin.anyRole") }, ...ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
          />
          <div className="filters__actions">
            <button type="submit" className="button">
              {t("admin.filter")}
            </button>
          </div>
        </Form>
        <p className="muted">{t("admin.hiddenExplanation")}</p>
        <ErrorAlert error={actionError} />
        {users.isPending ? <Loading /> : null}
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
        {users.data?.items.length === 0 ? <EmptyState>{t("admin.noUsers")}</EmptyState> : null}
        {users.data && users.data.items.length > 0 ? (
          <>
            <div className="table-wrap" role="region" aria-label={t("admin.usersTitle")} tabIndex={0}>
              <table className="table table--stack" data-testid="users-table">
                <thead>
                  <tr>
                    <th scope="col">{t("admin.displayName")}</th>
                    <th scope="col">{t("admin.email")}</th>
                    <th scope="col">{t("admin.roles")}</th>
                    <th scope="col">{t("admin.status")}</th>
                    <th scope="col">{t("admin.mfa")}</th>
                    <th scope="col">{t("admin.lastSignIn")}</th>
                    <th scope="col">{t("admin.actions")}</th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((user) => (
                    <Fragment key={user.id}>
                      <tr>
                        <td data-label={t("admin.displayName")} dir="auto">{user.displayName ?? <span className="muted">{t("admin.patientAccount")}</span>}</td>
                        <td data-label={t("admin.email")} className="break">{user.email ?? <span className="muted">{t("admin.hiddenForPatients")}</span>}</td>
                        <td data-label={t("admin.roles")}>{user.roles.map((r) => t(`roles.${r}`, { defaultValue: r })).join(", ")}</td>
                        <td data-label={t("admin.status")}>
                          <span className={`badge badge--${user.status}`}>{t(`admin.userStatuses.${user.status}`, { defaultValue: user.status })}</span>
                        </td>
                        <td data-label={t("admin.mfa")}>{user.mfaEnabled ? t("app.yes") : t("app.no")}</td>
                        <td data-label={t("admin.lastSignIn")}>{user.lastSignInAt ? formatDateTime(user.lastSignInAt, i18n.language) : t("admin.never")}</td>
                        <td data-label={t("admin.actions")}>
                          <div className="button-row">
                            {user.status === "invited" ? (
                              <>
                                <BusyButton
                                  type="button"
                                  className="button button--secondary button--small"
                                  busy={busyId === user.id && busyWhat === "resend"} disabled={busyId === user.id}
                                  onClick={() =>
                                    void runAction(user, () => adminApi.resendInvitation(user.id), t("administration.users.resent", { email: isolate(user.email) }), "resend")
                                  }
                                >
                                  {t("administration.users.resend")}
                                </BusyButton>
                                <button type="button" className="button button--danger button--small" disabled={busyId === user.id} onClick={() => setRevoking(user)}>
                                  {t("administration.users.revoke")}
                                </button>
                              </>
                            ) : null}
                            {user.status === "active" ? (
                              <BusyButton
                                type="button"
                                className="button button--secondary button--small"
                                busy={busyId === user.id && busyWhat === "reset"} disabled={busyId === user.id}
                                onClick={() => void runAction(user, () => adminApi.sendPasswordReset(user.id), t("administration.users.passwordResetSent"), "reset")}
                              >
                                {t("administration.users.sendPasswordReset")}
                              </BusyButton>
                            ) : null}
                            {user.mfaEnabled ? (
                              <button type="button" className="button button--secondary button--small" disabled={busyId === user.id} onClick={() => setResettingMfa(user)}>
                                {t("administration.users.resetMfa")}
                              </button>
                            ) : null}
                            {user.status === "suspended" ? (
                              <BusyButton
                                type="button"
                                className="button button--secondary button--small"
                                busy={busyId === user.id && busyWhat === "reactivate"} disabled={busyId === user.id}
                                onClick={() => void runAction(user, () => adminApi.reactivate(user.id), undefined, "reactivate")}
                              >
                                {t("admin.reactivate")}
                              </BusyButton>
                            ) : (
                              <BusyButton
                                type="button"
                                className="button button--danger button--small"
                                busy={busyId === user.id && busyWhat === "suspend"} disabled={busyId === user.id}
                                onClick={() => void runAction(user, () => adminApi.suspend(user.id), undefined, "suspend")}
                              >
                                {t("admin.suspend")}
                              </BusyButton>
                            )}
                            <button
                              type="button"
                              className="button button--secondary button--small"
                              aria-expanded={editing === user.id}
                              onClick={() => setEditing(editing === user.id ? null : user.id)}
                            >
                              {t("admin.editRoles")}
                            </button>
                          </div>
                        </td>
                      </tr>
                      {editing === user.id ? (
                        <tr className="row-editor">
                          <td colSpan={7}>
                            <RoleEditor
                              user={user}
                              onCancel={() => setEditing(null)}
                              onSave={async (roles) => {
                                await adminApi.setRoles(user.id, roles);
                                setEditing(null);
                                await refresh();
                              }}
                            />
                          </td>
                        </tr>
                      ) : null}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager
              page={users.data.page}
              pageSize={users.data.pageSize}
              total={users.data.total}
              onPage={(p) => setFilters({ ...filters, page: p })}
            />
          </>
        ) : null}
      </section>
    </div>
  );
}

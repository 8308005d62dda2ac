import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ROLES, type AdminUser, type Role } from "../../shared/api/types";
import { CheckboxField } from "../../shared/ui/fields";
import { ErrorAlert } from "../../shared/ui/feedback";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

export function RoleEditor({
  user,
  onSave,
  onCancel,
}: {
  user: AdminUser;
  onSave: (roles: Role[]) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState(false);

  const toggle = (role: Role, checked: boolean) => {
    setInvalid(false);
    setRoles((current) => (checked ? ROLES.filter((r) => r === role || current.includes(r)) : current.filter((r) => r !== role)));
  };
  const save = async () => {
    if (roles.length === 0) return setInvalid(true);
    setBusy(true);
    setError(null);
    try {
      await onSave(roles);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <fieldset className="role-editor" data-testid="role-editor">
      <legend>
        <UserSentence i18nKey="admin.editRolesFor" user={{ name: user.displayName ?? user.email ?? t("admin.patientAccount") }} />
      </legend>
      <div className="checkbox-row">
        {ROLES.map((role) => (
          <CheckboxField key={role} label={t(`roles.${role}`)} checked={roles.includes(role)} onChange={(e) => toggle(role, e.target.checked)} />
        ))}
      </div>
      {invalid ? (
        <p className="field-error" role="alert">
          {t("validation.oneRole")}
        </p>
      ) : null}
      <ErrorAlert error={error} />
      <div className="button-row">
        <BusyButton type="button" className="button button--small" onClick={() => void save()} busy={busy}>
          {t("admin.saveRoles")}
        </BusyButton>
        <button type="button" className="button button--secondary button--small" onClick={onCancel} disabled={busy}>
          {t("app.cancel")}
        </button>
      </div>
    </fieldset>
  );
}

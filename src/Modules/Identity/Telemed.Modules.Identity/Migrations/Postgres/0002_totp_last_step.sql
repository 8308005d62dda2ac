ALTER TABLE identity.users ADD "TotpLastStep" bigint;

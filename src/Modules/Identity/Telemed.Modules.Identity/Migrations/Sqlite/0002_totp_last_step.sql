ALTER TABLE "identity_users" ADD COLUMN "TotpLastStep" INTEGER NULL;

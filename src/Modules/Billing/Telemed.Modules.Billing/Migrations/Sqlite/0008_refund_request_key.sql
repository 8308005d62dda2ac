-- An administrator's refund remembers the Idempotency-Key of the request that asked for it: see the PostgreSQL migration of the same number.
ALTER TABLE "billing_payment_movements" ADD "RequestKey" TEXT NULL;

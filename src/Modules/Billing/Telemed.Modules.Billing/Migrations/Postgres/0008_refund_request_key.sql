-- An administrator's refund remembers the Idempotency-Key of the request that asked for it (docs/billing.md, "Refunds"): a retry of
-- the request finds its refund in the ledger and moves no money again. Null for every other movement and for refunds asked without one.
ALTER TABLE billing.payment_movements ADD "RequestKey" character varying(100);

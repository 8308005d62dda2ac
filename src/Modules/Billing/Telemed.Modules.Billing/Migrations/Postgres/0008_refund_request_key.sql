-- An administrator's refund request remembers its Idempotency-Key and the gateway refund that answered it (docs/billing.md,
-- "Refunds"): a retry of the request finds its refund here and moves no money again. A table rather than a column on the ledger
-- row: two administrators asking for the same refund at once are answered by one refund, and both keys must name it.
CREATE TABLE billing.payment_refund_requests (
    "PaymentId" uuid NOT NULL,
    "RequestKey" character varying(100) NOT NULL,
    "AmountMinor" bigint NOT NULL,
    "RefundId" character varying(120) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_payment_refund_requests" PRIMARY KEY ("PaymentId", "RequestKey"),
    CONSTRAINT "FK_payment_refund_requests_payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES billing.payments ("Id") ON DELETE CASCADE
);

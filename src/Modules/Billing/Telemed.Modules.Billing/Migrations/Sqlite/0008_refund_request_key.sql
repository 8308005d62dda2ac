-- An administrator's refund request remembers its Idempotency-Key: see the PostgreSQL migration of the same number.
CREATE TABLE "billing_payment_refund_requests" (
    "PaymentId" TEXT NOT NULL,
    "RequestKey" TEXT NOT NULL,
    "AmountMinor" INTEGER NOT NULL,
    "RefundId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "PK_billing_payment_refund_requests" PRIMARY KEY ("PaymentId", "RequestKey"),
    CONSTRAINT "FK_billing_payment_refund_requests_billing_payments_PaymentId" FOREIGN KEY ("PaymentId") REFERENCES "billing_payments" ("Id") ON DELETE CASCADE
);

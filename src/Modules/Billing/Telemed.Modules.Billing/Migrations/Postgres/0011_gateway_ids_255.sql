-- Stripe may lengthen its object ids without notice, up to 255 characters (https://docs.stripe.com/upgrades); the columns
-- that keep an intent's, a refund's and a webhook event's id kept 120, so a longer one was refused (GatewayEventBounds) and a
-- capture or refund whose answer carried one had moved money we could not record. Widening a varchar needs no table rewrite
-- or index rebuild in PostgreSQL. SQLite's TEXT columns have no length, so it has no migration of this number.
ALTER TABLE billing.payments ALTER COLUMN "IntentId" TYPE character varying(255);
ALTER TABLE billing.payment_movements ALTER COLUMN "GatewayReference" TYPE character varying(255);
ALTER TABLE billing.payment_refund_requests ALTER COLUMN "RefundId" TYPE character varying(255);
ALTER TABLE billing.processed_gateway_events ALTER COLUMN "EventId" TYPE character varying(255);

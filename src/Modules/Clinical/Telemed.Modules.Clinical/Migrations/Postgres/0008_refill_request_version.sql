-- A refill request's decisions carry a concurrency token: two approvals, or an approval and a decline, sent at once were all
-- read as open and all written (two drafts for one request, a declined request with a draft); now one wins, the others get 409.
ALTER TABLE clinical.refill_requests ADD "Version" integer NOT NULL DEFAULT 0;

-- Clinic analytics (docs/analytics.md): NPS answers of a period.
CREATE INDEX "IX_reviews_CreatedAt_nps" ON "feedback_reviews" ("CreatedAt") WHERE "Nps" IS NOT NULL;

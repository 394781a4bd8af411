-- Cancellations and payments at providers (docs/DOMAIN.md, section 7, Refunds and retired units).

-- A visitor who cancels a paid booking early enough gets the money back in full; the units stay retired.
ALTER TABLE payment_refund DROP CONSTRAINT ck_payment_refund_reason;
ALTER TABLE payment_refund ADD CONSTRAINT ck_payment_refund_reason
    CHECK (reason IN ('DUPLICATE_PAYMENT', 'ORDER_CANCELLED', 'LATE_PAYMENT', 'BOOKING_CANCELLED'));

-- A payment started at a provider for an order that was then cancelled is closed there by the expiry job: the
-- cancellation marks it (close_due_at), the close clears the mark, so the job reads only what is still to close.
ALTER TABLE payment_attempt ADD COLUMN close_due_at TIMESTAMP(6) WITH TIME ZONE;
CREATE INDEX ix_payment_attempt_close_due ON payment_attempt (close_due_at);

-- A retirement that draws on many small issuances has one serial range per issuance, and the audit entry, the
-- certificate, the duty record and the restoration order keep every range: VARCHAR(4000) held about 100, and a longer
-- list failed the whole retirement. Portable SQL: the same script runs on H2 and PostgreSQL (neither rewrites the
-- rows to widen a VARCHAR, and the audit table's row triggers do not fire).
ALTER TABLE audit_entry ALTER COLUMN payload SET DATA TYPE VARCHAR(1000000);
ALTER TABLE certificate ALTER COLUMN serial_ranges SET DATA TYPE VARCHAR(1000000);
ALTER TABLE duty_fulfilment ALTER COLUMN serial_ranges SET DATA TYPE VARCHAR(1000000);
ALTER TABLE restoration_order ALTER COLUMN serial_blocks SET DATA TYPE VARCHAR(1000000);

-- Limits on text people type count characters (code points): 50 emoji are a 50-character name. PostgreSQL's
-- VARCHAR(n) counts characters too, but the embedded H2 counts UTF-16 units, two for a character outside the
-- Basic Multilingual Plane (an emoji, a rare CJK ideograph), so there a full-length name did not fit. Free-text
-- columns are made twice as wide as their limit; the application enforces the limit itself (FreeText).
ALTER TABLE account ALTER COLUMN display_name SET DATA TYPE VARCHAR(200);

ALTER TABLE sink_project ALTER COLUMN name_zh SET DATA TYPE VARCHAR(400);
ALTER TABLE sink_project ALTER COLUMN name_en SET DATA TYPE VARCHAR(400);
ALTER TABLE sink_project ALTER COLUMN county SET DATA TYPE VARCHAR(200);
ALTER TABLE sink_project ALTER COLUMN standard SET DATA TYPE VARCHAR(200);
ALTER TABLE sink_project ALTER COLUMN methodology SET DATA TYPE VARCHAR(400);
ALTER TABLE unit_order ALTER COLUMN beneficiary SET DATA TYPE VARCHAR(400);
ALTER TABLE retirement ALTER COLUMN beneficiary SET DATA TYPE VARCHAR(400);
ALTER TABLE retirement ALTER COLUMN note SET DATA TYPE VARCHAR(1000);

ALTER TABLE certificate ALTER COLUMN holder SET DATA TYPE VARCHAR(400);
ALTER TABLE certificate ALTER COLUMN revocation_reason SET DATA TYPE VARCHAR(1000);

ALTER TABLE scenic_site ALTER COLUMN name_zh SET DATA TYPE VARCHAR(200);
ALTER TABLE scenic_site ALTER COLUMN name_en SET DATA TYPE VARCHAR(200);
ALTER TABLE scenic_site ALTER COLUMN county SET DATA TYPE VARCHAR(200);
ALTER TABLE check_in ALTER COLUMN gate SET DATA TYPE VARCHAR(80);
-- Sealed: "v1:" and base64 of nonce, 4 bytes a character and tag; 300 held 47 emoji, 400 holds 50 and more.
ALTER TABLE booking_visitor ALTER COLUMN name_sealed SET DATA TYPE VARCHAR(400);
ALTER TABLE check_in_conflict ALTER COLUMN gate SET DATA TYPE VARCHAR(80);

ALTER TABLE restoration_order ALTER COLUMN replant_species SET DATA TYPE VARCHAR(80);
ALTER TABLE restoration_order ALTER COLUMN replant_site SET DATA TYPE VARCHAR(400);
ALTER TABLE restoration_planting ALTER COLUMN species SET DATA TYPE VARCHAR(80);

ALTER TABLE duty_year ALTER COLUMN exempt_reason SET DATA TYPE VARCHAR(1000);
ALTER TABLE planting_event ALTER COLUMN site SET DATA TYPE VARCHAR(400);

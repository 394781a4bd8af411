-- A name may have 50 characters, up to 200 bytes in UTF-8. Sealed (12-byte nonce, 16-byte tag), in base64 and with
-- its "v1:" prefix it takes up to 307 characters: version 15 made the column too narrow for the longest names.
-- 400, as the sealed names of visitors and defendants.
ALTER TABLE citizen_profile ALTER COLUMN name_sealed SET DATA TYPE VARCHAR(400);

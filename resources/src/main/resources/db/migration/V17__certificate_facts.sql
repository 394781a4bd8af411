-- What a reader of a certificate needs to know of what it attests, per kind, given by the scheme that asked for it:
-- the year of a public duty, the case number of a restoration order, the site, slot and party size of a visit. One
-- "key=value" per line (keys: year, case, site, slot, party); never personal data, since it is printed on the public
-- PDF. Certificates issued before this version have none and print what they have.
ALTER TABLE certificate ADD COLUMN facts VARCHAR(2000);

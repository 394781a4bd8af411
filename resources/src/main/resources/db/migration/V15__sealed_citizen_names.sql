-- Citizens' real names are sealed like their ID numbers (identity.PersonalData, AES-GCM); the account keeps only the
-- masked form as its display name. Sealing needs the key, so rows registered before this version are sealed by the
-- application at start-up (identity.SealedNames), which fills this column.
ALTER TABLE citizen_profile ADD COLUMN name_sealed VARCHAR(300);

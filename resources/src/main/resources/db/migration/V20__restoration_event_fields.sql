-- The facts of a step on a restoration order's timeline, kept apart from its English detail so that the pages can
-- say each step as a sentence in the reader's language (amounts in yuan, quantities in kg or t, offices by name):
-- one "key=value" per line (amounts in fen, quantities in kg, dates ISO-8601), never personal data. Steps recorded
-- before this version have none; the pages then name the step without its figures.
ALTER TABLE restoration_event ADD COLUMN fields VARCHAR(1000);

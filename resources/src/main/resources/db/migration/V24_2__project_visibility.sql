-- Who sees a sink project (ledger.ProjectVisibility): PUBLIC; TEST, kept out of the public project list, the
-- registry, the buy page and the transparency totals; DEMO, the demo data's, shown marked as demo.
ALTER TABLE sink_project ADD COLUMN visibility VARCHAR(8) DEFAULT 'PUBLIC' NOT NULL;
ALTER TABLE sink_project ADD CONSTRAINT ck_sink_project_visibility CHECK (visibility IN ('PUBLIC', 'TEST', 'DEMO'));

-- The demo data's projects, where the demo data was loaded (never in production, which has no such marker).
UPDATE sink_project SET visibility = 'DEMO'
WHERE code IN ('YA-FM-01', 'BX-PH-01')
  AND EXISTS (SELECT 1 FROM app_setting WHERE setting_key = 'demo.ledger.loaded');

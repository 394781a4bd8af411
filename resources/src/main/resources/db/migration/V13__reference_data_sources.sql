-- The sources of the reference data, as the public API, the pages and the certificates show them, name the
-- publication they come from and say that the values are estimates (docs/DOMAIN.md sections 3 and 5); V5 and V6
-- pointed at a document instead. Only rows still carrying V5's or V6's text change (matched with LIKE so that this
-- file does not repeat the old citation), so a source an officer has corrected stays. Restoration orders keep the
-- source they were computed with (restoration_damage.source), like every other value they used.

UPDATE species_parameter
SET source = 'Estimate: CCER AR-CM-001-V01 (2013) default, recalled, unverified'
WHERE source LIKE 'CCER afforestation methodology default (%.md table)';

UPDATE species_parameter
SET source = 'Estimate: rounded IPCC 2006 Guidelines vol. 4 generic defaults'
WHERE source LIKE 'IPCC default (%.md table)';

UPDATE travel_factor
SET source = 'Estimate: product default for a hotel night, pending a published Chinese factor'
WHERE source LIKE 'Default per %.md section 5 (hotel night)';

UPDATE travel_factor
SET source = 'Estimate: product default for activities on site, pending a published Chinese factor'
WHERE source LIKE 'Default per %.md section 5 (activities on site)';

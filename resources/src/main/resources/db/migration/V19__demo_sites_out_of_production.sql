-- V6 inserted seven scenic sites with invented capacities into every database, production included. They are demo
-- data: tourism.TourismDemoData now creates them where demo data is on (carbonsink.demo=true). V6 itself stays as it
-- was (Flyway checks the checksums of applied migrations), so this removes the sites again, but only where they are
-- still V6's rows with V6's invented figures and nothing refers to them: a site with slots, or whose capacity an
-- officer has corrected, is in use and stays.
DELETE FROM scenic_site
WHERE capacity_note = 'Invented demo capacity (not published)'
  AND ((code = 'BFX' AND daily_capacity = 12000 AND walk_in_percent = 10)
    OR (code = 'MDS' AND daily_capacity = 10000 AND walk_in_percent = 10)
    OR (code = 'LBH' AND daily_capacity = 5000 AND walk_in_percent = 15)
    OR (code = 'LCG' AND daily_capacity = 6000 AND walk_in_percent = 15)
    OR (code = 'ELS' AND daily_capacity = 4000 AND walk_in_percent = 15)
    OR (code = 'ZGS' AND daily_capacity = 5000 AND walk_in_percent = 10)
    OR (code = 'DLS' AND daily_capacity = 3000 AND walk_in_percent = 15))
  AND NOT EXISTS (SELECT 1 FROM visit_slot WHERE visit_slot.site_id = scenic_site.id);

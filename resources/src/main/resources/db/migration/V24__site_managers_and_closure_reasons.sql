-- Sites managed by their own staff, and days closed with a reason visitors are shown.
--
-- SITE_MANAGER: the manager of one scenic site (its organisation scopes the account, as for gate staff) edits the
-- site's details and opening hours and manages its slots and closures, and nothing of other sites.
ALTER TABLE account_role DROP CONSTRAINT ck_account_role_role;
ALTER TABLE account_role ADD CONSTRAINT ck_account_role_role
    CHECK (role IN ('CITIZEN', 'COURT', 'OFFICER', 'SITE_OPERATOR', 'SITE_MANAGER', 'ADMIN'));

-- Why a slot's day was closed (weather, an emergency), shown to visitors with the slot and on their bookings. Set
-- together with closed; slots closed before reasons were kept have none. At most 200 characters (FreeText), twice
-- as wide for H2, which counts UTF-16 units (V14).
ALTER TABLE visit_slot ADD COLUMN closed_reason VARCHAR(400);
ALTER TABLE visit_slot ADD CONSTRAINT ck_visit_slot_closed_reason CHECK (closed_reason IS NULL OR closed);

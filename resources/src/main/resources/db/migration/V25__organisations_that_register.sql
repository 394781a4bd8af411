-- Enterprises and public bodies (industry scheme, 碳汇+工业消纳) register themselves with their unified social credit
-- code (GB 32100) as the organisation's code; a forestry officer approves or rejects the registration. Their members
-- act for them as ORG_ADMIN (the registration, the members) or ORG_BUYER (statements and purchases).
ALTER TABLE organisation DROP CONSTRAINT ck_organisation_kind;
ALTER TABLE organisation ADD CONSTRAINT ck_organisation_kind
    CHECK (kind IN ('COURT', 'SCENIC_SITE', 'FORESTRY_BUREAU', 'ENTERPRISE', 'PUBLIC_BODY'));

ALTER TABLE account_role DROP CONSTRAINT ck_account_role_role;
ALTER TABLE account_role ADD CONSTRAINT ck_account_role_role
    CHECK (role IN ('CITIZEN', 'COURT', 'OFFICER', 'SITE_OPERATOR', 'SITE_MANAGER', 'ORG_ADMIN', 'ORG_BUYER', 'ADMIN'));

-- One registration per self-registered organisation. The contact's name and mobile number are personal data, sealed
-- like a citizen's (identity.PersonalData, AES-GCM, 400 characters as the other sealed names). county is the
-- six-digit code of one of Ya'an's eight county-level divisions. decided_* are set together, when an officer
-- approves or rejects; a rejection keeps its reason (FreeText, 200 characters, twice as wide for H2: V14).
CREATE TABLE organisation_registration (
    organisation_id      BIGINT       NOT NULL PRIMARY KEY,
    county               VARCHAR(6)   NOT NULL,
    contact_name_sealed  VARCHAR(400) NOT NULL,
    contact_phone_sealed VARCHAR(400) NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    registered_by        VARCHAR(64)  NOT NULL,
    registered_at        TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    decided_by           VARCHAR(64),
    decided_at           TIMESTAMP(6) WITH TIME ZONE,
    decision_reason      VARCHAR(400),
    CONSTRAINT fk_organisation_registration_org FOREIGN KEY (organisation_id) REFERENCES organisation (id),
    CONSTRAINT ck_organisation_registration_status CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED')),
    CONSTRAINT ck_organisation_registration_decided
        CHECK ((status = 'PENDING' AND decided_at IS NULL AND decided_by IS NULL)
            OR (status <> 'PENDING' AND decided_at IS NOT NULL AND decided_by IS NOT NULL)),
    CONSTRAINT ck_organisation_registration_reason CHECK (status = 'REJECTED' OR decision_reason IS NULL)
);
CREATE INDEX ix_organisation_registration_status ON organisation_registration (status, registered_at);

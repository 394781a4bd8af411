-- Biomass-expansion parameters per tree species for the carbon lost with felled trees (DOMAIN.md section 3):
-- tCO2e = V x SVD x BEF x (1 + R) x CF x 44/12. Reference data, editable by officers; every calculation records
-- the values and the source it used.
CREATE TABLE species_parameter (
    name_zh         VARCHAR(40)   NOT NULL PRIMARY KEY,
    name_en         VARCHAR(80)   NOT NULL,
    svd             NUMERIC(6, 4) NOT NULL,
    bef             NUMERIC(6, 4) NOT NULL,
    root_shoot      NUMERIC(6, 4) NOT NULL,
    carbon_fraction NUMERIC(6, 4) NOT NULL,
    source          VARCHAR(200)  NOT NULL,
    CONSTRAINT ck_species_parameter CHECK (svd > 0 AND bef > 0 AND root_shoot >= 0 AND carbon_fraction > 0 AND carbon_fraction < 1)
);

INSERT INTO species_parameter (name_zh, name_en, svd, bef, root_shoot, carbon_fraction, source) VALUES
('杉木', 'Cunninghamia', 0.307, 1.634, 0.246, 0.520, 'CCER afforestation methodology default (DOMAIN.md table)'),
('马尾松', 'Pinus massoniana', 0.380, 1.472, 0.187, 0.460, 'CCER afforestation methodology default (DOMAIN.md table)'),
('柳杉', 'Cryptomeria', 0.294, 2.593, 0.267, 0.524, 'CCER afforestation methodology default (DOMAIN.md table)'),
('云杉', 'Picea', 0.342, 1.734, 0.224, 0.521, 'CCER afforestation methodology default (DOMAIN.md table)'),
('冷杉', 'Abies', 0.366, 1.316, 0.174, 0.500, 'CCER afforestation methodology default (DOMAIN.md table)'),
('柏木', 'Cupressus', 0.478, 1.732, 0.220, 0.503, 'CCER afforestation methodology default (DOMAIN.md table)'),
('栎类', 'Quercus', 0.676, 1.355, 0.292, 0.500, 'CCER afforestation methodology default (DOMAIN.md table)'),
('桉树', 'Eucalyptus', 0.578, 1.263, 0.221, 0.525, 'CCER afforestation methodology default (DOMAIN.md table)'),
('其它软阔', 'Soft broadleaf (Alnus)', 0.443, 1.586, 0.289, 0.483, 'CCER afforestation methodology default (DOMAIN.md table)'),
('其它硬阔', 'Hard broadleaf', 0.598, 1.674, 0.261, 0.483, 'CCER afforestation methodology default (DOMAIN.md table)'),
('IPCC缺省', 'IPCC default', 0.5, 1.5, 0.25, 0.47, 'IPCC default (DOMAIN.md table)');

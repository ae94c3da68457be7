-- migrate:upgrade
ALTER TABLE uses DROP CONSTRAINT fk_uses_code;
ALTER TABLE codes DROP CONSTRAINT uq_codes_code;
CREATE UNIQUE INDEX ux_codes_code ON codes (code);
ALTER TABLE uses ADD CONSTRAINT fk_uses_code FOREIGN KEY (code) REFERENCES codes (code);

-- migrate:downgrade
ALTER TABLE uses DROP CONSTRAINT fk_uses_code;
DROP INDEX ux_codes_code;
ALTER TABLE codes ADD CONSTRAINT uq_codes_code UNIQUE (code);
ALTER TABLE uses ADD CONSTRAINT fk_uses_code FOREIGN KEY (code) REFERENCES codes (code);

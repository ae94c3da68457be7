-- migrate:upgrade
CREATE TABLE _retort_new_Select (
    "From" INTEGER NOT NULL,
    "Where" TEXT NOT NULL DEFAULT '-',
    CONSTRAINT pk_Select PRIMARY KEY ("From")
);
INSERT INTO _retort_new_Select ("From", "Where")
    SELECT "From", "Where" FROM "Select";
DROP TABLE "Select";
ALTER TABLE _retort_new_Select RENAME TO "Select";
CREATE INDEX "Ix Where" ON "Select" ("Where");

-- migrate:downgrade
CREATE TABLE _retort_new_Select (
    "From" INTEGER NOT NULL,
    "Where" TEXT,
    CONSTRAINT pk_Select PRIMARY KEY ("From")
);
INSERT INTO _retort_new_Select ("From", "Where")
    SELECT "From", "Where" FROM "Select";
DROP TABLE "Select";
ALTER TABLE _retort_new_Select RENAME TO "Select";
CREATE INDEX "Ix Where" ON "Select" ("Where");

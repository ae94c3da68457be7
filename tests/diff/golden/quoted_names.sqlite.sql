-- migrate:upgrade
CREATE TABLE _retort_new_Order (
    id INTEGER NOT NULL,
    "select" TEXT NOT NULL DEFAULT 'x',
    "Group By" TEXT,
    CONSTRAINT pk_Order PRIMARY KEY (id)
);
INSERT INTO _retort_new_Order (id, "select")
    SELECT id, "select" FROM "Order";
DROP TABLE "Order";
ALTER TABLE _retort_new_Order RENAME TO "Order";
CREATE INDEX "Order By Select" ON "Order" ("select");

-- migrate:downgrade
CREATE TABLE _retort_new_Order (
    id INTEGER NOT NULL,
    "select" TEXT,
    CONSTRAINT pk_Order PRIMARY KEY (id)
);
INSERT INTO _retort_new_Order (id, "select")
    SELECT id, "select" FROM "Order";
DROP TABLE "Order";
ALTER TABLE _retort_new_Order RENAME TO "Order";

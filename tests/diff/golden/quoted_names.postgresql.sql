-- migrate:upgrade
ALTER TABLE "Order" ADD COLUMN "Group By" text;
ALTER TABLE "Order"
    ALTER COLUMN "select" SET NOT NULL,
    ALTER COLUMN "select" SET DEFAULT 'x'::text;
CREATE INDEX "Order By Select" ON "Order" ("select");

-- migrate:downgrade
DROP INDEX "Order By Select";
ALTER TABLE "Order"
    ALTER COLUMN "select" DROP DEFAULT,
    ALTER COLUMN "select" DROP NOT NULL;
ALTER TABLE "Order" DROP COLUMN "Group By";

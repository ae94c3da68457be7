-- migrate:upgrade
ALTER TABLE "Select"
    ALTER COLUMN "Where" SET NOT NULL,
    ALTER COLUMN "Where" SET DEFAULT '-'::text;

-- migrate:downgrade
ALTER TABLE "Select"
    ALTER COLUMN "Where" DROP DEFAULT,
    ALTER COLUMN "Where" DROP NOT NULL;

-- 临时救助 temporary assistance: once per person per cause within the county repeat window.
-- A granted case keeps the claims on its people (group temporary:<cause>) with the grant time;
-- a later filing for the same cause replaces such a claim only once the window has passed.
-- AlterTable
ALTER TABLE "OpenClaim" ADD COLUMN "grantedAt" TIMESTAMP(3);

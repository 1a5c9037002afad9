-- AlterTable
ALTER TABLE "AssistanceStandard" ADD COLUMN     "reviewsRequestedAt" TIMESTAMP(3);


-- How far a standard change has gone in asking every enrolled case for a review (biaozhun tiaozheng),
-- page by page in case-number order, so the county sees the progress and a retried page resumes.

CREATE TABLE "StandardChangeProgress" (
  "standardId" TEXT NOT NULL,
  "total" INTEGER NOT NULL,
  "signalled" INTEGER NOT NULL DEFAULT 0,
  "ended" INTEGER NOT NULL DEFAULT 0,
  "cursor" TEXT,
  "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "finishedAt" TIMESTAMP(3),
  "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "StandardChangeProgress_pkey" PRIMARY KEY ("standardId"),
  CONSTRAINT "StandardChangeProgress_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "AssistanceStandard"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "StandardChangeProgress_counts_check" CHECK ("total" >= 0 AND "signalled" >= 0 AND "ended" >= 0)
);

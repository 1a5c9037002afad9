-- Each worker process renews its row while it polls, and /api/health counts the fresh ones.
-- CreateTable
CREATE TABLE "WorkerHeartbeat" (
    "identity" TEXT NOT NULL,
    "taskQueue" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "beatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkerHeartbeat_pkey" PRIMARY KEY ("identity")
);

-- CreateIndex
CREATE INDEX "WorkerHeartbeat_taskQueue_beatAt_idx" ON "WorkerHeartbeat"("taskQueue", "beatAt");

-- 流浪乞讨人员救助: rescue stations and the stays of the people they take in. A station is never
-- fuller than its capacity: intake raises occupancy by a conditional update and this CHECK
-- refuses any write that would pass the capacity or go below zero.

CREATE TABLE "RescueStation" (
  "id" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "townshipId" TEXT NOT NULL,
  "villageId" TEXT NOT NULL,
  "name" TEXT NOT NULL,
  "address" TEXT NOT NULL,
  "capacity" INTEGER NOT NULL,
  "occupancy" INTEGER NOT NULL DEFAULT 0,
  "email" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "RescueStation_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "RescueStation_occupancy_check" CHECK ("capacity" >= 0 AND "occupancy" >= 0 AND "occupancy" <= "capacity")
);
CREATE UNIQUE INDEX "RescueStation_countyId_name_key" ON "RescueStation"("countyId", "name");

CREATE TABLE "VagrantStay" (
  "id" TEXT NOT NULL,
  "caseId" TEXT NOT NULL,
  "stationId" TEXT NOT NULL,
  "countyId" TEXT NOT NULL,
  "personName" TEXT,
  "idNumber" TEXT,
  "sex" TEXT NOT NULL,
  "birthDate" DATE,
  "apparentAge" INTEGER,
  "minor" BOOLEAN NOT NULL,
  "features" TEXT NOT NULL,
  "foundAt" TEXT NOT NULL,
  "homeKnown" BOOLEAN NOT NULL,
  "homeAddress" TEXT,
  "homeTownshipId" TEXT,
  "condition" TEXT NOT NULL,
  "admittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "tracingNoticeDueAt" TIMESTAMP(3),
  "tracingNoticeAt" TIMESTAMP(3),
  "stayDueAt" TIMESTAMP(3),
  "extendedDays" INTEGER NOT NULL DEFAULT 0,
  "inHospitalSince" TIMESTAMP(3),
  "hospital" TEXT,
  "exitedAt" TIMESTAMP(3),
  "exitWay" TEXT,
  "exitRecord" JSONB,
  "recordedById" TEXT NOT NULL,
  CONSTRAINT "VagrantStay_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "VagrantStay_stationId_fkey" FOREIGN KEY ("stationId") REFERENCES "RescueStation"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT "VagrantStay_sex_check" CHECK ("sex" IN ('male', 'female', 'unknown')),
  CONSTRAINT "VagrantStay_condition_check" CHECK ("condition" IN ('none', 'criticallyIll', 'mentallyIll')),
  CONSTRAINT "VagrantStay_identity_check" CHECK ("birthDate" IS NOT NULL OR "apparentAge" IS NOT NULL)
);
CREATE UNIQUE INDEX "VagrantStay_caseId_key" ON "VagrantStay"("caseId");
CREATE INDEX "VagrantStay_stationId_exitedAt_idx" ON "VagrantStay"("stationId", "exitedAt");
CREATE INDEX "VagrantStay_countyId_exitedAt_idx" ON "VagrantStay"("countyId", "exitedAt");
CREATE INDEX "VagrantStay_idNumber_idx" ON "VagrantStay"("idNumber");

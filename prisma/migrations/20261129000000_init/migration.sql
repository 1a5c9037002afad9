-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "UnitLevel" AS ENUM ('PREFECTURE', 'COUNTY', 'TOWNSHIP', 'VILLAGE', 'DEPARTMENT');

-- CreateEnum
CREATE TYPE "DepartmentKind" AS ENUM ('CIVIL_AFFAIRS', 'FINANCE', 'EDUCATION', 'LABOUR', 'HEALTH', 'HOUSING', 'JUSTICE', 'DISABLED_FEDERATION', 'RED_CROSS', 'CHARITY');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('VILLAGE_ASSISTANT', 'TOWNSHIP_OFFICER', 'COUNTY_APPROVER', 'DEPARTMENT_OFFICER', 'SUPERVISOR', 'ADMINISTRATOR');

-- CreateEnum
CREATE TYPE "ProgrammeCode" AS ENUM ('DIBAO_URBAN', 'DIBAO_RURAL', 'TEKUN', 'MEDICAL', 'TEMPORARY', 'DISASTER', 'VAGRANT');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'WORKDAY');

-- CreateEnum
CREATE TYPE "Relation" AS ENUM ('APPLICANT', 'SPOUSE', 'CHILD', 'PARENT', 'GRANDCHILD', 'GRANDPARENT', 'SIBLING', 'OTHER');

-- CreateEnum
CREATE TYPE "LabourCapacity" AS ENUM ('FULL', 'PARTIAL', 'NONE');

-- CreateEnum
CREATE TYPE "HealthStatus" AS ENUM ('HEALTHY', 'CHRONIC', 'SERIOUS_ILLNESS');

-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" "UnitLevel" NOT NULL,
    "department" "DepartmentKind",
    "parentId" TEXT,
    "path" TEXT NOT NULL,
    "isUrban" BOOLEAN NOT NULL DEFAULT false,
    "email" TEXT,

    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "unitId" TEXT NOT NULL,
    "email" TEXT,
    "passwordHash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CountyPolicy" (
    "countyId" TEXT NOT NULL,
    "policy" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT,

    CONSTRAINT "CountyPolicy_pkey" PRIMARY KEY ("countyId")
);

-- CreateTable
CREATE TABLE "Programme" (
    "code" "ProgrammeCode" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AssistanceStandard" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "monthlyYuan" DECIMAL(10,2) NOT NULL,
    "effectiveFrom" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT,

    CONSTRAINT "AssistanceStandard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "Household" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT,
    "singleParentFamily" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Household_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "idNumber" TEXT NOT NULL,
    "relation" "Relation" NOT NULL,
    "birthDate" DATE NOT NULL,
    "sex" TEXT NOT NULL,
    "disabilityGrade" INTEGER,
    "disabilityKind" TEXT,
    "labourCapacity" "LabourCapacity" NOT NULL,
    "health" "HealthStatus" NOT NULL,
    "inSchool" TEXT,
    "livesTogether" BOOLEAN NOT NULL DEFAULT true,
    "canLiveIndependently" BOOLEAN,
    "legalDutyOfSupport" BOOLEAN,
    "exclusion" TEXT,
    "exclusionSince" DATE,

    CONSTRAINT "HouseholdMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "caseNo" TEXT NOT NULL,
    "programmeCode" "ProgrammeCode" NOT NULL,
    "householdId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT NOT NULL,
    "villageId" TEXT NOT NULL,
    "applicantName" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "currentStep" TEXT,
    "assigneeUnitId" TEXT,
    "dueAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "overallDueAt" TIMESTAMP(3),
    "overallOverdue" BOOLEAN NOT NULL DEFAULT false,
    "relativeOfStaff" BOOLEAN NOT NULL DEFAULT false,
    "workflowId" TEXT NOT NULL,
    "workflowStartedAt" TIMESTAMP(3),
    "monthlyAmount" DECIMAL(10,2),
    "idempotencyKey" TEXT,
    "requestHash" TEXT,
    "createdById" TEXT,
    "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastEventSeq" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" BIGSERIAL NOT NULL,
    "caseId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "step" TEXT,
    "actorId" TEXT,
    "actorRole" TEXT,
    "actorName" TEXT,
    "decision" TEXT,
    "reasons" TEXT,
    "payload" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotencyKey" TEXT NOT NULL,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "department" "DepartmentKind" NOT NULL,
    "receivingUnitId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "memberId" TEXT,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "acceptDueAt" TIMESTAMP(3),
    "completeDueAt" TIMESTAMP(3),
    "overdue" BOOLEAN NOT NULL DEFAULT false,
    "workflowId" TEXT NOT NULL,
    "outcome" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Letter" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "idempotencyKey" TEXT NOT NULL,

    CONSTRAINT "Letter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMail" (
    "id" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "caseId" TEXT,
    "letterId" TEXT,
    "toAddress" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "messageId" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "OutboundMail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" BIGSERIAL NOT NULL,
    "userId" TEXT,
    "username" TEXT,
    "action" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "resourceId" TEXT,
    "detail" JSONB,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_path_key" ON "OrgUnit"("path");

-- CreateIndex
CREATE INDEX "OrgUnit_parentId_idx" ON "OrgUnit"("parentId");

-- CreateIndex
CREATE INDEX "OrgUnit_level_idx" ON "OrgUnit"("level");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_username_key" ON "StaffUser"("username");

-- CreateIndex
CREATE INDEX "StaffUser_unitId_idx" ON "StaffUser"("unitId");

-- CreateIndex
CREATE UNIQUE INDEX "AssistanceStandard_countyId_programmeCode_effectiveFrom_key" ON "AssistanceStandard"("countyId", "programmeCode", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Household_countyId_townshipId_villageId_idx" ON "Household"("countyId", "townshipId", "villageId");

-- CreateIndex
CREATE INDEX "HouseholdMember_householdId_idx" ON "HouseholdMember"("householdId");

-- CreateIndex
CREATE INDEX "HouseholdMember_idNumber_idx" ON "HouseholdMember"("idNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Case_caseNo_key" ON "Case"("caseNo");

-- CreateIndex
CREATE UNIQUE INDEX "Case_workflowId_key" ON "Case"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "Case_idempotencyKey_key" ON "Case"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Case_countyId_townshipId_status_idx" ON "Case"("countyId", "townshipId", "status");

-- CreateIndex
CREATE INDEX "Case_assigneeUnitId_dueAt_idx" ON "Case"("assigneeUnitId", "dueAt");

-- CreateIndex
CREATE INDEX "Case_overdue_idx" ON "Case"("overdue");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvent_idempotencyKey_key" ON "CaseEvent"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "CaseEvent_caseId_seq_key" ON "CaseEvent"("caseId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_workflowId_key" ON "Referral"("workflowId");

-- CreateIndex
CREATE INDEX "Referral_receivingUnitId_status_idx" ON "Referral"("receivingUnitId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Letter_idempotencyKey_key" ON "Letter"("idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMail_idempotencyKey_key" ON "OutboundMail"("idempotencyKey");

-- CreateIndex
CREATE INDEX "OutboundMail_caseId_idx" ON "OutboundMail"("caseId");

-- CreateIndex
CREATE INDEX "AuditEntry_resource_resourceId_idx" ON "AuditEntry"("resource", "resourceId");

-- CreateIndex
CREATE INDEX "AuditEntry_userId_at_idx" ON "AuditEntry"("userId", "at");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffUser" ADD CONSTRAINT "StaffUser_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CountyPolicy" ADD CONSTRAINT "CountyPolicy_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistanceStandard" ADD CONSTRAINT "AssistanceStandard_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssistanceStandard" ADD CONSTRAINT "AssistanceStandard_programmeCode_fkey" FOREIGN KEY ("programmeCode") REFERENCES "Programme"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_countyId_fkey" FOREIGN KEY ("countyId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Household" ADD CONSTRAINT "Household_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_programmeCode_fkey" FOREIGN KEY ("programmeCode") REFERENCES "Programme"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_householdId_fkey" FOREIGN KEY ("householdId") REFERENCES "Household"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseEvent" ADD CONSTRAINT "CaseEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Letter" ADD CONSTRAINT "Letter_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboundMail" ADD CONSTRAINT "OutboundMail_letterId_fkey" FOREIGN KEY ("letterId") REFERENCES "Letter"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Case numbers come from one sequence, so two offices filing at once never collide.
CREATE SEQUENCE case_number_seq;

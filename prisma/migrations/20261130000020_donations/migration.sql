-- Donations and mutual aid 社会捐助: donations with gapless receipts per county and year, charity
-- supermarkets 爱心超市 with stock by item and lots per donation, household points issued once per
-- month, and exchanges (which lot each unit came from, so a donation is traced to households).
-- Stock, lots and points never go below zero: CHECKs under the conditional updates.

-- CreateEnum
CREATE TYPE "DonorKind" AS ENUM ('PERSON', 'ORGANISATION');

-- CreateEnum
CREATE TYPE "DonationKind" AS ENUM ('MONEY', 'GOODS');

-- CreateTable
CREATE TABLE "DonationReceiptCounter" (
    "countyId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "lastSerial" INTEGER NOT NULL,

    CONSTRAINT "DonationReceiptCounter_pkey" PRIMARY KEY ("countyId","year")
);

-- CreateTable
CREATE TABLE "Donation" (
    "id" TEXT NOT NULL,
    "receiptNo" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "donorKind" "DonorKind" NOT NULL,
    "donorName" TEXT NOT NULL,
    "kind" "DonationKind" NOT NULL,
    "amountYuan" DECIMAL(14,2),
    "budgetLineId" TEXT,
    "supermarketId" TEXT,
    "itemName" TEXT,
    "quantity" INTEGER,
    "directionProgramme" "ProgrammeCode",
    "directionTownshipId" TEXT,
    "directionGroup" TEXT,
    "receivedOn" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Donation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CharitySupermarket" (
    "id" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "townshipId" TEXT,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CharitySupermarket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupermarketStock" (
    "id" TEXT NOT NULL,
    "supermarketId" TEXT NOT NULL,
    "itemName" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 0,
    "pointsPerUnit" INTEGER NOT NULL,

    CONSTRAINT "SupermarketStock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DonatedLot" (
    "id" TEXT NOT NULL,
    "donationId" TEXT NOT NULL,
    "stockId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DonatedLot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdPoints" (
    "householdId" TEXT NOT NULL,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HouseholdPoints_pkey" PRIMARY KEY ("householdId")
);

-- CreateTable
CREATE TABLE "PointsIssue" (
    "id" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "countyId" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PointsIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupermarketExchange" (
    "id" TEXT NOT NULL,
    "supermarketId" TEXT NOT NULL,
    "stockId" TEXT NOT NULL,
    "householdId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupermarketExchange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExchangeTake" (
    "exchangeId" TEXT NOT NULL,
    "lotId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,

    CONSTRAINT "ExchangeTake_pkey" PRIMARY KEY ("exchangeId","lotId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Donation_receiptNo_key" ON "Donation"("receiptNo");

-- CreateIndex
CREATE INDEX "Donation_countyId_createdAt_idx" ON "Donation"("countyId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "CharitySupermarket_countyId_name_key" ON "CharitySupermarket"("countyId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "SupermarketStock_supermarketId_itemName_key" ON "SupermarketStock"("supermarketId", "itemName");

-- CreateIndex
CREATE UNIQUE INDEX "DonatedLot_donationId_key" ON "DonatedLot"("donationId");

-- CreateIndex
CREATE UNIQUE INDEX "PointsIssue_householdId_month_key" ON "PointsIssue"("householdId", "month");

-- AddForeignKey
ALTER TABLE "SupermarketStock" ADD CONSTRAINT "SupermarketStock_supermarketId_fkey" FOREIGN KEY ("supermarketId") REFERENCES "CharitySupermarket"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DonatedLot" ADD CONSTRAINT "DonatedLot_donationId_fkey" FOREIGN KEY ("donationId") REFERENCES "Donation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DonatedLot" ADD CONSTRAINT "DonatedLot_stockId_fkey" FOREIGN KEY ("stockId") REFERENCES "SupermarketStock"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExchangeTake" ADD CONSTRAINT "ExchangeTake_exchangeId_fkey" FOREIGN KEY ("exchangeId") REFERENCES "SupermarketExchange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Never below zero, whatever writes them.
ALTER TABLE "SupermarketStock" ADD CONSTRAINT "SupermarketStock_quantity_check" CHECK ("quantity" >= 0);
ALTER TABLE "SupermarketStock" ADD CONSTRAINT "SupermarketStock_points_check" CHECK ("pointsPerUnit" >= 0);
ALTER TABLE "DonatedLot" ADD CONSTRAINT "DonatedLot_remaining_check" CHECK ("remaining" >= 0 AND "remaining" <= "quantity");
ALTER TABLE "HouseholdPoints" ADD CONSTRAINT "HouseholdPoints_balance_check" CHECK ("balance" >= 0);
ALTER TABLE "Donation" ADD CONSTRAINT "Donation_amount_check" CHECK ("amountYuan" IS NULL OR "amountYuan" > 0);
ALTER TABLE "SupermarketExchange" ADD CONSTRAINT "SupermarketExchange_quantity_check" CHECK ("quantity" > 0);

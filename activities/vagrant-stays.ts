import type { Prisma } from '@prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * Keeps a rescue-station stay (VagrantStay) in step with its case, in the same transaction as
 * the event that changes it, so the station's page reads what the case's log says: the notice
 * published, the stay extended, the hospital stay, the exit. The exit frees the place once:
 * only the write that sets `exitedAt` lowers the station's occupancy.
 */
export async function keepVagrantStay(
  tx: Tx,
  input: { caseId: string; eventType: string; payload: unknown },
): Promise<void> {
  const p = (input.payload ?? {}) as Record<string, unknown>;
  const at = (v: unknown) => (typeof v === 'string' ? new Date(v) : null);
  const where = { caseId: input.caseId };
  switch (input.eventType) {
    case 'tracingNoticePublished':
      await tx.vagrantStay.updateMany({ where, data: { tracingNoticeAt: new Date() } });
      return;
    case 'stayExtended':
      await tx.vagrantStay.updateMany({
        where,
        data: { stayDueAt: at(p.stayDueAt), extendedDays: Number(p.extendedDays) },
      });
      return;
    case 'hospitalTransfer':
      await tx.vagrantStay.updateMany({
        where,
        data: { inHospitalSince: new Date(), hospital: String(p.hospital) },
      });
      return;
    case 'hospitalReturn':
      await tx.vagrantStay.updateMany({ where, data: { inHospitalSince: null, stayDueAt: at(p.stayDueAt) } });
      return;
    case 'vagrantExited': {
      const ended = await tx.vagrantStay.updateManyAndReturn({
        where: { ...where, exitedAt: null },
        data: {
          exitedAt: new Date(),
          exitWay: String(p.way),
          exitRecord: p as Prisma.InputJsonObject,
          inHospitalSince: null,
        },
        select: { stationId: true },
      });
      for (const stay of ended) {
        await tx.rescueStation.update({
          where: { id: stay.stationId },
          data: { occupancy: { decrement: 1 } },
        });
      }
      return;
    }
    default:
      return;
  }
}

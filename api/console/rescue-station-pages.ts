import { Router } from 'express';
import { availableForms } from './case-forms';
import { chineseDate } from '../../domain/chinese-date';
import {
  VAGRANT_CONDITIONS,
  VAGRANT_SEXES,
  type VagrantCondition,
  type VagrantSex,
} from '../../domain/vagrant';
import { audit } from '../audit';
import { parseInput } from '../http-error';
import { requireActor } from '../middleware/authenticate';
import { findVisibleStation, listStations, stationOverview, stationParamsSchema } from '../rescue-stations';
import type { ConsoleDeps } from './console-routes';

const PREFECTURE_OFFSET_MS = 8 * 3600_000;

/** 2026年11月30日 10:00, in the prefecture's time. */
const chineseDateTime = (instant: number) =>
  `${chineseDate(instant)} ${new Date(instant + PREFECTURE_OFFSET_MS).toISOString().slice(11, 16)}`;

/**
 * 救助管理站: the station's page for its staff — the people present with the hours since intake,
 * the tracing notices due, the stays nearing their end, the intake form and, per person, the
 * actions their case takes now (notice, hospital, exit; a supervisor's extension). Reads and
 * forms go through the same API (api/routes/rescue-stations.ts and the case's steps/actions).
 */
export function rescueStationPageRoutes({ db }: ConsoleDeps): Router {
  const router = Router();

  router.get('/rescue-stations', async (req, res) => {
    const actor = requireActor(req.actor);
    const stations = await listStations(db, actor);
    res.render('rescue-stations', { title: '救助管理站', stations });
  });

  router.get('/rescue-stations/:stationId', async (req, res) => {
    const actor = requireActor(req.actor);
    const { stationId: id } = parseInput(stationParamsSchema, req.params, 'params');
    const station = await findVisibleStation(db, actor, id);
    const overview = await stationOverview(db, station);
    await audit(db, actor, 'read', 'rescueStation', station.id, {
      caseNos: overview.present.map((p) => p.caseNo ?? ''),
    });
    const redirect = `/rescue-stations/${station.id}`;
    const present = overview.present.map((p) => {
      const forms = p.caseNo
        ? availableForms(actor, {
            programmeCode: 'VAGRANT',
            status: 'ACCEPTED',
            currentStep: 'vagrantExit',
            closedAt: null,
            relativeOfStaff: false,
            overallOverdue: false,
          })
        : { step: null, actions: [] };
      const ref = { caseNo: p.caseNo };
      const shown = forms.actions.filter((name) => {
        if (name === 'recordTracingNotice') return p.tracingNoticeDueAt !== null;
        if (name === 'transferToHospital') return !p.inHospital;
        if (name === 'returnFromHospital') return p.inHospital;
        if (name === 'extendStay') return !p.minor;
        return true;
      });
      const exitForm = forms.step === 'vagrantExit' && !p.inHospital ? { c: ref, redirect } : null;
      return {
        ...p,
        hasForms: exitForm !== null || shown.length > 0,
        sexName: VAGRANT_SEXES[p.sex as VagrantSex] ?? p.sex,
        conditionName: p.condition === 'none' ? null : VAGRANT_CONDITIONS[p.condition as VagrantCondition],
        admittedOn: chineseDateTime(Date.parse(p.admittedAt)),
        noticeDueOn: p.tracingNoticeDueAt && chineseDateTime(Date.parse(p.tracingNoticeDueAt)),
        stayDueOn: p.stayDueAt && !p.inHospital ? chineseDateTime(Date.parse(p.stayDueAt)) : null,
        exitForm,
        actionForms: shown.map((name) => ({
          partial: `action-${name}`,
          case: ref,
          redirect,
          description: p.description,
        })),
      };
    });
    res.render('rescue-station', {
      title: `救助管理站 · ${station.name}`,
      station: overview.station,
      stayDays: overview.stayDays,
      present,
      noticesDue: present.filter((p) => p.tracingNoticeDueAt !== null).length,
      nearing: present.filter((p) => p.stayNearingEnd).length,
      canAdmit: actor.role === 'COUNTY_APPROVER',
    });
  });

  return router;
}

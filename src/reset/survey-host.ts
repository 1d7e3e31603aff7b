import type { Host } from '../host/host.ts';
import type { Footprint } from './footprint.ts';
import type { HostSurvey } from './host-survey.ts';
import { parseSurvey } from './parse-survey.ts';
import { footprintLines } from './record-input.ts';
import { renderSurveyScript } from './survey-script.ts';

/** Reads what of kit is on the host and its pre-kit record: one read-only command. */
export async function surveyHost(host: Host, footprint: Footprint, signal?: AbortSignal): Promise<HostSurvey> {
  const result = await host.exec(['sh', '-c', renderSurveyScript(footprint)], {
    stdin: footprintLines(footprint),
    displayAs: 'survey what kit left on the host',
    ...(signal === undefined ? {} : { signal }),
  });
  return parseSurvey(result.stdout);
}

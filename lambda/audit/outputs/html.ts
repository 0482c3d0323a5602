/**
 * The audit as one self-contained HTML page (no external files, no network): the summary, a compliance bar per
 * location, and sortable lists of the people in drift and needing attention. Every value is HTML-escaped; the only
 * script is the inline column sort. Lists are capped (the CSV and JSON Lines hold everyone).
 */
import { webexIdKey } from '../../webex/ids.js';
import { describeSetting, type AuditRecord } from '../report-record.js';
import { compliancePercent, type AuditSummary } from '../summary.js';

export interface AuditPageInput {
  readonly auditId: string;
  readonly generatedAt: string;
  readonly summary: AuditSummary;
  /** Location names keyed by `webexIdKey(locationId)` (from the rules), for reading; ids are shown otherwise. */
  readonly locationNames: ReadonlyMap<string, string>;
  readonly drift: readonly AuditRecord[];
  readonly attention: readonly AuditRecord[];
  /** How many drift/attention records were left out of the lists (cap). */
  readonly omitted: { readonly drift: number; readonly attention: number };
}

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;font-size:.9rem}th{cursor:pointer;background:#f3f3f3}
.bar{background:#eee;width:20rem;height:1rem;position:relative}.bar span{display:block;height:100%;background:#2e7d32}
.bad{color:#b71c1c}`;

const SORT_SCRIPT = `document.querySelectorAll('table.sortable th').forEach(function(th,i){th.addEventListener('click',function(){
var t=th.closest('table'),b=t.tBodies[0],r=Array.from(b.rows),d=th.dataset.dir==='asc'?-1:1;th.dataset.dir=d>0?'asc':'desc';
r.sort(function(x,y){var a=x.cells[i].textContent,c=y.cells[i].textContent,n=parseFloat(a)-parseFloat(c);
return (isNaN(n)?a.localeCompare(c):n)*d;});r.forEach(function(row){b.appendChild(row);});});});`;

/**
 * @example
 * writeFile('audit.html', auditPage({ auditId, generatedAt, summary, locationNames, drift, attention, omitted }));
 */
export function auditPage(input: AuditPageInput): string {
  const { summary } = input;
  const e = escapeHtml;
  const locationRows = Object.entries(summary.byLocation)
    .map(([locationId, counts]) => {
      const calling = counts.compliant + counts.drift + counts.attention;
      const percent = compliancePercent(counts.compliant, calling);
      const name = input.locationNames.get(webexIdKey(locationId)) ?? locationId;
      return `<tr><td>${e(name)}</td><td>${calling}</td><td>${counts.compliant}</td><td>${counts.drift}</td><td>${
        counts.attention
      }</td><td>${counts['not-calling']}</td><td>${percent}</td><td><div class="bar" title="${percent}%"><span style="width:${percent}%"></span></div></td></tr>`;
    })
    .join('\n');
  const personRows = (records: readonly AuditRecord[]) =>
    records
      .map(
        (r) =>
          `<tr><td>${e(r.email)}</td><td>${e(r.personId)}</td><td>${e(
            (r.locationId === null ? undefined : input.locationNames.get(webexIdKey(r.locationId))) ??
              r.locationId ??
              '',
          )}</td><td>${e(r.placement ? `${r.placement.building}/${r.placement.floor}` : '')}</td><td>${e(
            describeSetting(r.current),
          )}</td><td>${e(r.wanted ? describeSetting(r.wanted) : '')}</td><td>${e(r.reason)}</td><td>${e(r.attention ?? '')}</td></tr>`,
      )
      .join('\n');
  const personTable = (title: string, records: readonly AuditRecord[], omitted: number) =>
    `<h2>${e(title)} (${records.length + omitted})</h2>${
      omitted > 0 ? `<p>${omitted} more in the CSV and JSON Lines files.</p>` : ''
    }<table class="sortable"><thead><tr><th>Email</th><th>Person id</th><th>Location</th><th>Placement</th><th>Current</th><th>Wanted</th><th>Reason</th><th>Attention</th></tr></thead><tbody>
${personRows(records)}
</tbody></table>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ECBN audit ${e(input.auditId)}</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<style>${STYLE}</style></head><body>
<h1>Emergency callback number audit</h1>
<p>Audit <code>${e(input.auditId)}</code>, ${e(input.generatedAt)}. ${summary.people} people, ${summary.callingPeople} calling.</p>
<p class="${summary.compliancePercent < 100 ? 'bad' : ''}">Compliance: <strong>${summary.compliancePercent} %</strong> —
${summary.byStatus.compliant} compliant, ${summary.byStatus.drift} drift, ${summary.byStatus.attention} attention, ${
    summary.byStatus['not-calling']
  } not calling.</p>
<h2>Per location</h2>
<table class="sortable"><thead><tr><th>Location</th><th>Calling</th><th>Compliant</th><th>Drift</th><th>Attention</th><th>Not calling</th><th>Compliance %</th><th>Bar</th></tr></thead><tbody>
${locationRows}
</tbody></table>
${personTable('Drift', input.drift, input.omitted.drift)}
${personTable('Attention', input.attention, input.omitted.attention)}
<script>${SORT_SCRIPT}</script>
</body></html>
`;
}

/** The results file format and its markdown table (machine, versions, raw figures, ratios, pass/fail). */
export interface Row {
  id: string;
  scenario: string;
  measured: string | null;
  baseline: string | null;
  ratio: number | null;
  target: string;
  /** null = not measured (scenario not available or not run). */
  pass: boolean | null;
}

export interface Report {
  date: string;
  sha: string;
  tier: string;
  /** Seconds to generate and load the dataset (with vacuum analyze), per database. */
  loadSeconds?: { postgres?: number; pglite?: number };
  quick: boolean;
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; loadBefore: number[]; loadAfter: number[] };
  versions: { node: string; postgres: string; pglite: string };
  settings: Record<string, number>;
  rows: Row[];
  raw: Record<string, unknown>;
  notes: string[];
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderMarkdown(report: Report): string {
  const m = report.machine;
  const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    `# Kring benchmark — ${report.date.slice(0, 16).replace('T', ' ')} UTC, ${report.sha}`,
    '',
    `Dataset tier **${report.tier}**${report.quick ? ' (quick run: short durations, not comparable)' : ''}. ` +
      'Every target is a ratio to a baseline measured in this same run (see bench/README.md).',
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.os}; load average before ${loads(m.loadBefore)}, after ${loads(m.loadAfter)}`,
    ...(report.loadSeconds && Object.keys(report.loadSeconds).length > 0
      ? [
          `- Dataset load (generate, insert, vacuum analyze): ${Object.entries(report.loadSeconds)
            .map(([db, seconds]) => `${db === 'pglite' ? 'PGlite' : 'PostgreSQL'} ${seconds.toFixed(1)} s`)
            .join(', ')}`,
        ]
      : []),
    `- Node ${report.versions.node}, PostgreSQL ${report.versions.postgres}, PGlite ${report.versions.pglite}`,
    `- Settings: ${Object.entries(report.settings)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    '',
    '| | scenario | measured | baseline | ratio | target | result |',
    '|---|---|---|---|---|---|---|',
    ...report.rows.map(
      (r) =>
        `| ${r.id} | ${cell(r.scenario)} | ${r.measured ?? '—'} | ${r.baseline ?? '—'} | ${
          r.ratio === null ? '—' : r.ratio.toFixed(2)
        } | ${cell(r.target)} | ${r.pass === null ? 'not measured' : r.pass ? 'pass' : '**miss**'} |`,
    ),
    '',
  ];
  if (report.notes.length > 0) lines.push('Notes:', '', ...report.notes.map((n) => `- ${n}`), '');
  lines.push('Raw figures are in the JSON file of the same name.', '');
  return lines.join('\n');
}

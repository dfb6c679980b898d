import type { Site } from './api';

interface SitePickerProps {
  sites: Site[];
  selectedId: number;
  onSelect: (siteId: number) => void;
}

export function SitePicker({ sites, selectedId, onSelect }: SitePickerProps) {
  return (
    <label className="field site-field">
      Site
      <select value={selectedId} onChange={(event) => onSelect(Number(event.target.value))}>
        {sites.map((site) => (
          <option key={site.id} value={site.id} title={site.domain}>
            {site.name}
          </option>
        ))}
      </select>
    </label>
  );
}

import { useState } from 'react';
import { useSession } from '../auth/session';
import { ErrorNotice } from '../shared/ErrorNotice';
import { QueryState } from '../shared/QueryState';
import { TextField } from '../shared/TextField';
import { useAction } from '../shared/useAction';
import { useApiQuery } from '../shared/useApiQuery';
import { BASE_URL_EXAMPLES, changeOf, formOf, type ProviderForm } from './ai-provider-data';
import { fetchProvider, removeProvider, saveProvider, testProvider, type ProviderSettings } from './api';

/**
 * The owners' page for the install's language model: which provider names actions (and answers questions),
 * tried with "Test connection" before or after saving. The API key is written here and never shown again.
 */
export function AiProviderPage() {
  const provider = useApiQuery(['ai-provider'], fetchProvider);
  return (
    <section className="page-column">
      <section className="card" aria-labelledby="ai-heading">
        <h2 id="ai-heading">AI provider</h2>
        <p>
          Names autocaptured actions (“Clicked Place Order on /checkout”). Without one, every action still has
          a name made of its element’s text and page.
        </p>
        <QueryState query={provider} what="the AI provider">
          {(settings) => (
            <ProviderSettingsForm
              key={settings.updatedAt ?? 'none'}
              settings={settings}
              onSaved={provider.retry}
            />
          )}
        </QueryState>
      </section>
    </section>
  );
}

function ProviderSettingsForm({ settings, onSaved }: { settings: ProviderSettings; onSaved: () => void }) {
  const { accessToken } = useSession();
  const [form, setForm] = useState<ProviderForm>(formOf(settings));
  const [tested, setTested] = useState<string>();
  const change = (fields: Partial<ProviderForm>) => setForm((before) => ({ ...before, ...fields }));
  const save = useAction(() => saveProvider(accessToken ?? '', changeOf(form)), onSaved);
  const remove = useAction(() => removeProvider(accessToken ?? ''), onSaved);
  const test = useAction(
    () => testProvider(accessToken ?? '', changeOf(form)),
    (answer) =>
      setTested(
        answer.ok
          ? `Connected: ${answer.model} answered in ${answer.latencyMs} ms.`
          : `Not connected: ${answer.error}`,
      ),
  );
  return (
    <form
      className="ai-provider-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <label>
        Kind
        <select
          value={form.kind}
          onChange={(event) => change({ kind: event.target.value as ProviderForm['kind'] })}
        >
          <option value="openai">OpenAI-compatible (OpenAI, Ollama, vLLM, LM Studio, llama.cpp)</option>
          <option value="anthropic">Anthropic</option>
        </select>
      </label>
      <TextField
        label="Base URL"
        value={form.baseUrl}
        onChange={(baseUrl) => change({ baseUrl })}
        placeholder={BASE_URL_EXAMPLES[form.kind]}
        required
      />
      <TextField label="Model" value={form.model} onChange={(model) => change({ model })} required />
      <TextField
        label={
          settings.apiKeySet
            ? 'API key (stored; type a new one to replace it)'
            : 'API key (optional for local servers)'
        }
        type="password"
        autoComplete="off"
        value={form.apiKey}
        onChange={(apiKey) => change({ apiKey })}
      />
      {settings.apiKeySet && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={form.removeKey}
            onChange={(event) => change({ removeKey: event.target.checked })}
          />
          Remove the stored key
        </label>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={form.namingEnabled}
          onChange={(event) => change({ namingEnabled: event.target.checked })}
        />
        Name new actions with this model
      </label>
      <TextField
        label="Calls per day, at most"
        type="number"
        min={0}
        value={form.dailyCallBudget}
        onChange={(dailyCallBudget) => change({ dailyCallBudget })}
      />
      <div className="form-actions">
        <button type="submit" disabled={save.busy}>
          Save
        </button>
        <button type="button" disabled={test.busy} onClick={() => void test.run()}>
          {test.busy ? 'Testing…' : 'Test connection'}
        </button>
        {settings.configured && (
          <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>
            Remove provider
          </button>
        )}
      </div>
      {tested && <p role="status">{tested}</p>}
      <ErrorNotice message={save.error ?? test.error ?? remove.error} />
    </form>
  );
}

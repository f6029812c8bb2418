import { useQuery } from '@tanstack/react-query';
import { get } from '../../api/client.ts';
import { VOICE_LIST_ID } from './FieldControl.tsx';

/**
 * Suggestions for every voice field: the named voices (male, female, …) from GET /api/voices. Only a hint list, so a
 * failed request just leaves the fields free text (the spec accepts any provider voice id).
 */
export function VoiceSuggestions() {
  const voices = useQuery({ queryKey: ['voices', 'named'], queryFn: ({ signal }) => get<{ named: string[] }>('/api/voices', signal), staleTime: 10 * 60_000 });
  return (
    <datalist id={VOICE_LIST_ID}>
      {(voices.data?.named ?? []).map((name) => (
        <option key={name} value={name} />
      ))}
    </datalist>
  );
}

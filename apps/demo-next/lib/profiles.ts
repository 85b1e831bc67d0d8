// Display names set on the settings page, kept in this server process's memory (a real app would
// write them through auth.supabaseFor(auth), where row-level security applies).
const KEY = Symbol.for('@lockstep/demo-next/profiles');
const holder = globalThis as { [KEY]?: Map<string, string> };
const names: Map<string, string> = (holder[KEY] ??= new Map());

export const DISPLAY_NAME_MAX = 60;

export function displayNameOf(userId: string): string | undefined {
  return names.get(userId);
}

export function setDisplayName(userId: string, name: string): void {
  names.set(userId, name);
}

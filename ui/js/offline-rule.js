// When a finished sync says the machine is offline, as a plain rule (no DOM, tested under node): at least one
// source failed, every failure is a network error (kind `network`: no connection, no name resolution), and no
// source was fetched from the network successfully. Local sources (the starter) sync without the network, so
// their success proves nothing; a source skipped (the site asked to wait) was not tried.

/** Whether the sync results `results` ([SyncResult]) look like no site could be reached. `isLocal(id)` says
 *  whether a source syncs without the network. */
export function syncLooksOffline(results = [], isLocal = () => false) {
  const failed = results.filter((r) => !r.ok);
  if (!failed.length || failed.some((r) => r.error_kind !== 'network')) return false;
  return !results.some((r) => r.ok && !r.skipped && !isLocal(r.source_id));
}

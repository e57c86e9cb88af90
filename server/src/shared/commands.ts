/** Command ids, once for the client and the server. */
export const CLIENT_COMMANDS = {
  migrateFile: 'napcatMilky.migrateFile',
  migrateWorkspace: 'napcatMilky.migrateWorkspace',
  showReport: 'napcatMilky.showReport',
  restartServer: 'napcatMilky.restartServer',
} as const;

/** What the client asks the server to run (workspace/executeCommand). */
export const SERVER_COMMANDS = {
  fixFile: 'napcatMilky.server.fixFile',
  migrateWorkspace: 'napcatMilky.server.migrateWorkspace',
  report: 'napcatMilky.server.report',
} as const;

export interface MigrateWorkspaceResult {
  files: number;
  changed: number;
  fixed: number;
  manual: number;
  applied: boolean;
}

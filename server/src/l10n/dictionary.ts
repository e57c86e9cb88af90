import type { FrameworkReason } from '../core/framework/nonebot';
/** Every sentence the tools say, as one typed dictionary per language (en.ts, zh-cn.ts). */

/** Arguments arrive formatted (names in backticks); a dictionary only puts them into sentences. */
export interface Dictionary {
  /** Joins formatted names. */
  list(items: string[]): string;
  /** Joins clauses (steps, fields). */
  clauses(items: string[]): string;
  step: {
    /** The handlers get Milky events (`classes`, formatted): fields under `event.data`, other names. */
    nonebotEventData(classes: string): string;
    /** The message of a NoneBot Milky method: text without CQ codes, a Milky MessageSegment or Message. */
    nonebotMessage(param: string): string;
    lookup(p: string, f: string): string;
    required(f: string): string;
    segments(p: string): string;
    uri(p: string, f: string): string;
    constant(f: string, value: string): string;
    drop(p: string): string;
    unknownParam(p: string): string;
    unknownParams(): string;
    conflict(f: string): string;
    rename(p: string, f: string): string;
    transform(p: string, f: string, note: string): string;
    value(p: string, f: string): string;
    transport(): string;
    alias(): string;
    duplicate(f: string): string;
    checker(detail: string): string;
  };
  finding: {
    /** How a NapCat name's labels read in a message. */
    label(en: string, zh: string): string;
    mapped(name: string, label: string, target: string, version: string): string;
    ambiguous(name: string, label: string, targets: string): string;
    picked(decidedBy: string, target: string): string;
    undecided(): string;
    sameName(name: string, label: string, version: string): string;
    sameNameCall(name: string): string;
    noCounterpart(name: string, label: string, version: string): string;
    noCounterpartHere(decidedBy: string, target: string): string;
    viaFrame(target: string): string;
    viaUrl(target: string): string;
    viaMethod(): string;
    /** A method of a NoneBot v11 Bot: nonebot-adapter-milky's Bot has `endpoint` as a keyword-only method. */
    viaNoneBotMethod(endpoint: string): string;
    viaCamel(written: string): string;
    notInNapcat(name: string): string;
    spelledAs(spelling: string): string;
    byHand(steps: string): string;
  };
  milkyParams: {
    missing(endpoint: string, param: string, type: string | undefined, advice: string): string;
    unknown(endpoint: string, param: string, advice: string, accepted: string[]): string;
    lookupFrom(param: string, fields: string): string;
    renameTo(fields: string, napcat: string): string;
    lookupInto(from: string): string;
    becomes(from: string): string;
  };
  hover: {
    kind: Record<'mapped' | 'ambiguous' | 'no-counterpart' | 'same-name', string>;
    kindLabel: string;
    endpoints(version: string): string;
    preferredHere: string;
    params: string;
    add(field: string): string;
    dropped(param: string): string;
    requiredByHand(param: string): string;
    nothingToChange: string;
    quickFix(target: string, edits: number): string;
    byHand(step: string): string;
    pickOne: string;
    noFix: string;
    input: string;
    output: string;
    fromNapcat: string;
    milkyDocs: string;
    noParams: string;
    optional(defaultValue: string | undefined): string;
  };
  report: {
    title: string;
    summary(files: number, findings: number, automatic: number): string;
    kind: string;
    count: string;
    perFile: string;
    file: string;
    skipped: string;
    leftByHand: string;
    nothing: string;
  };
  ui: {
    migrateTo(target: string): string;
    migrateToPreferred(target: string): string;
    addApi(target: string): string;
    migrateParams(target: string): string;
    ignoreLine: string;
    disableFile: string;
    fixAll: string;
    tooLarge(sizeKb: string): string;
    skipped(reason: string): string;
    migrateLabel: string;
    scanning(done: string, total: string): string;
  };
  event: {
    /** `napcat` (as a value of `property`) becomes Milky `event_type` `targets`. */
    becomes(napcat: string, property: string, targets: string): string;
    /** A framework event name (`'notice.group_increase'`) becomes `targets`. */
    nameBecomes(napcat: string, targets: string): string;
    scenes(scenes: string): string;
    none(napcat: string, reasons: string): string;
    /** Where the event's data is in Milky. */
    dataMoved: string;
    messageData: string;
    fixMoves: string;
    /** An aiocqhttp decorator: there is no Milky adapter to move it to. */
    decorator: string;
    byHand(steps: string): string;
    reason: Record<'not-emitted' | 'no-anonymous' | 'not-a-message' | 'no-sent-message' | 'no-friend-add' | 'no-lucky-king' | 'no-honor' | 'no-title-change' | 'no-input-status' | 'no-profile-like' | 'no-gray-tip' | 'no-card-change' | 'no-online-file' | 'no-client-status' | 'no-lifecycle' | 'no-heartbeat', string>;
    /** A step by hand of a block that cannot move: `field` (formatted, may be ''), `to` (formatted Milky paths or event types). */
    step: Record<'event-type' | 'move' | 'several-events' | 'no-milky-event' | 'unknown-field' | 'no-field' | 'lookup' | 'transform' | 'ambiguous-field' | 'whole-object' | 'escapes' | 'write' | 'dynamic-access' | 'discriminator-read' | 'shadowed' | 'complex-condition' | 'enclosing-guard' | 'subscription' | 'outside-read' | 'not-identifier' | 'default-read' | 'switch-kind', (field: string, to: string) => string>;
    hoverTitle: string;
    /** The quick fix's title. */
    fixTitle(target: string): string;
  };
  transport: {
    /** One sentence per hint; `napcat` and `milky` arrive formatted. */
    hint: Record<'sse-path' | 'sse-onmessage' | 'access-token-query' | 'wording' | 'async-status' | 'reverse-ws', (napcat: string, milky: string) => string>;
    retcode(value: string, milky: string): string;
    listWrapped(action: string, path: string): string;
    objectWrapped(action: string, field: string, path: string): string;
    renamedField(action: string, field: string, to: string): string;
    helper(name: string): string;
    helperFix: string;
    hoverTitle: string;
    /** Hover on a NapCat action: what it returns in Milky. */
    returns: string;
    napcatData: string;
    wrappedIn(wrapper: string): string;
    renamed(from: string, to: string): string;
  };
  segment: {
    /** Quick-fix title at a Milky send: only the message is converted. */
    fixTitle(target: string): string;
    /** `at` (OneBot) becomes `mention` (Milky); `fields` lists the renamed fields, '' when none. */
    becomes(napcat: string, milky: string, fields: string): string;
    /** A plain string: Milky has no string form. */
    plain(autoEscape: boolean): string;
    /** Inside a CQ string (or a template with CQ codes). */
    inCqString: string;
    /** A node-napcat-ts builder call. */
    builder(call: string): string;
    /** Milky has no such segment; `alternative` is the reference's suggestion ('' when none). */
    none(napcat: string, alternative: string): string;
    /** A string known only at run time, wrapped in the helper by the fix. */
    runtime(helper: string): string;
    problem: {
      'needs-lookup'(field: string): string;
      'variable-uri'(field: string): string;
      'not-a-uri'(field: string): string;
      'bad-user-id'(field: string): string;
      'bad-value'(field: string): string;
      'variable-value'(field: string): string;
      'missing-field'(field: string): string;
      'dynamic-cq': string;
      'node-content': string;
      'mixed-forward': string;
      'unknown-type': string;
      builder: string;
    };
    /** The fix converts it (with the action's rename at a NapCat send). */
    fixed: string;
    /** An SDK method call: reported, not rewritten. */
    notRewritten: string;
    /** A string NoneBot's v11 adapter parses; `factory` is a Milky adapter factory (formatted), '' when none fits. */
    nonebotMessage(factory: string): string;
    hover: {
      title(napcat: string, milky: string): string;
      onebot: string;
      milky: string;
      field: string;
      none: string;
      dropped: string;
      fix: string;
      noFix: string;
      helper(helper: string): string;
    };
  };
  framework: {
    /** The v11 import becomes `milky` (formatted Milky module paths). */
    importBecomes(module: string, milky: string): string;
    /** What keeps the import's plan from being applied: `items` is a formatted list of `name: reason`. */
    blocked(items: string): string;
    /** A name with one Milky name. */
    nameBecomes(napcat: string, milky: string): string;
    /** A name with several Milky names: a person chooses. */
    nameChoose(napcat: string, options: string): string;
    /** A name nonebot-adapter-milky does not have. */
    nameNone(napcat: string): string;
    /** An event class: its fields are under `event.data` in Milky. */
    eventData: string;
    factoryBecomes(napcat: string, milky: string): string;
    factoryNone(napcat: string): string;
    /** Why something is not rewritten (one clause). */
    reason: Record<FrameworkReason, string>;
    /** The import's plan applies (import, its names' uses and its factory calls together). */
    fixed: string;
    /** The plan of this finding's import is blocked. */
    importBlocked: string;
    hoverTitle: string;
    fixTitle(target: string): string;
  };
}

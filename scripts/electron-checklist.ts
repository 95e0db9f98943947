// Barnacle's own reading of the Electron security checklist, done with the
// TypeScript compiler API on the shell's source. Electronegativity misses some
// of it: it drops NODE_INTEGRATION_JS_CHECK whenever a `sandbox` key is present
// (so `nodeIntegration: true` next to `sandbox: true` passes), and it only asks
// whether handlers exist, not whether they deny. The security gate
// (scripts/security-scan.mjs) reports these violations beside the scanner's
// findings; tests/unit/shell-security.test.ts runs them on the real shell and
// on broken copies, so the check itself is tested.

import ts from 'typescript';

export interface ChecklistViolation {
  check: string;
  file: string;
  line: number;
  message: string;
}

/** Every flag must be written out with exactly this value. */
export const REQUIRED_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
} as const;

/** Options that only ever weaken the renderer. */
const FORBIDDEN_WEB_PREFERENCES = ['enableBlinkFeatures', 'blinkFeatures', 'additionalArguments'];

type Report = (node: ts.Node, message: string) => void;

function parse(source: string): ts.SourceFile {
  return ts.createSourceFile('checked.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

function everyNode(root: ts.Node, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    ts.forEachChild(node, walk);
  };
  walk(root);
}

function propertyName(p: ts.ObjectLiteralElementLike): string | undefined {
  if (!p.name) return undefined;
  if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) return p.name.text;
  return undefined;
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const p = object.properties.find((x) => propertyName(x) === name);
  return p && ts.isPropertyAssignment(p) ? p.initializer : undefined;
}

function booleanValue(node: ts.Expression | undefined): boolean | undefined {
  if (node?.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node?.kind === ts.SyntaxKind.FalseKeyword) return false;
  return undefined;
}

/** Calls like `x.method(...)`, anywhere in the file. */
function methodCalls(file: ts.SourceFile, method: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  everyNode(file, (node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === method
    ) {
      calls.push(node);
    }
  });
  return calls;
}

function functionArgument(
  call: ts.CallExpression,
  index: number,
): ts.ArrowFunction | ts.FunctionExpression | undefined {
  const arg = call.arguments[index];
  return arg && (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg)) ? arg : undefined;
}

/** What the function can return: its expression body, or every `return` expression in it. */
function returnedExpressions(fn: ts.ArrowFunction | ts.FunctionExpression): (ts.Expression | undefined)[] {
  if (!ts.isBlock(fn.body)) return [fn.body];
  const returns: (ts.Expression | undefined)[] = [];
  everyNode(fn.body, (node) => {
    if (ts.isReturnStatement(node)) returns.push(node.expression);
  });
  return returns;
}

function paramName(fn: ts.ArrowFunction | ts.FunctionExpression, index: number): string | undefined {
  const p = fn.parameters[index];
  return p && ts.isIdentifier(p.name) ? p.name.text : undefined;
}

function checkWebPreferences(file: ts.SourceFile, report: Report): void {
  const windows: ts.NewExpression[] = [];
  everyNode(file, (node) => {
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      /^(BrowserWindow|BrowserView|WebContentsView)$/.test(node.expression.text)
    ) {
      windows.push(node);
    }
  });
  if (windows.length === 0) report(file, 'no `new BrowserWindow({...})` found');
  for (const win of windows) {
    const options = win.arguments?.[0];
    const prefs = options && ts.isObjectLiteralExpression(options) ? property(options, 'webPreferences') : undefined;
    if (!prefs || !ts.isObjectLiteralExpression(prefs)) {
      report(win, 'webPreferences must be an object literal written in the constructor call');
      continue;
    }
    for (const p of prefs.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))
        report(p, 'webPreferences may not spread or compute keys');
      const name = propertyName(p);
      if (name && FORBIDDEN_WEB_PREFERENCES.includes(name)) report(p, `webPreferences.${name} is not allowed`);
      if (name && prefs.properties.filter((q) => propertyName(q) === name).length > 1)
        report(p, `webPreferences.${name} is set twice`);
    }
    for (const [flag, wanted] of Object.entries(REQUIRED_WEB_PREFERENCES)) {
      const written = prefs.properties.find((p) => propertyName(p) === flag);
      if (booleanValue(property(prefs, flag)) !== wanted) {
        report(written ?? prefs, `webPreferences.${flag} must be written as ${wanted}`);
      }
    }
  }
}

/**
 * The boolean flags of each `new BrowserWindow({ webPreferences: {...} })`, as
 * written (non-boolean values such as `preload` are left out).
 */
export function webPreferencesOf(source: string): Record<string, boolean>[] {
  const found: Record<string, boolean>[] = [];
  everyNode(parse(source), (node) => {
    if (!ts.isNewExpression(node) || node.expression.getText() !== 'BrowserWindow') return;
    const options = node.arguments?.[0];
    const prefs = options && ts.isObjectLiteralExpression(options) ? property(options, 'webPreferences') : undefined;
    if (!prefs || !ts.isObjectLiteralExpression(prefs)) return;
    const flags: Record<string, boolean> = {};
    for (const p of prefs.properties) {
      const name = propertyName(p);
      const value = ts.isPropertyAssignment(p) ? booleanValue(p.initializer) : undefined;
      if (name !== undefined && value !== undefined) flags[name] = value;
    }
    found.push(flags);
  });
  return found;
}

/** `contents.on('will-navigate', (event) => event.preventDefault())`, unconditionally. */
function checkNavigation(file: ts.SourceFile, report: Report): void {
  const handlers = methodCalls(file, 'on').filter((c) => {
    const event = c.arguments[0];
    return event && ts.isStringLiteral(event) && event.text === 'will-navigate';
  });
  if (handlers.length === 0) report(file, "no 'will-navigate' handler");
  for (const call of handlers) {
    const fn = functionArgument(call, 1);
    const event = fn && paramName(fn, 0);
    const statement = fn && ts.isBlock(fn.body) ? fn.body.statements[0] : undefined;
    const first =
      fn && !ts.isBlock(fn.body)
        ? fn.body
        : statement && ts.isExpressionStatement(statement)
          ? statement.expression
          : undefined;
    const prevents =
      first !== undefined && ts.isCallExpression(first) && first.expression.getText() === `${event}.preventDefault`;
    if (!prevents) report(call, "the 'will-navigate' handler must start by calling event.preventDefault()");
  }
}

/** `setWindowOpenHandler(...)` may only ever answer `{ action: 'deny' }`. */
function checkWindowOpen(file: ts.SourceFile, report: Report): void {
  const calls = methodCalls(file, 'setWindowOpenHandler');
  if (calls.length === 0) report(file, 'no setWindowOpenHandler');
  for (const call of calls) {
    const fn = functionArgument(call, 0);
    const results = fn ? returnedExpressions(fn) : [];
    const denies = (e: ts.Expression | undefined) => {
      const object = e && ts.isParenthesizedExpression(e) ? e.expression : e;
      if (!object || !ts.isObjectLiteralExpression(object) || object.properties.length !== 1) return false;
      const action = property(object, 'action');
      return action !== undefined && ts.isStringLiteral(action) && action.text === 'deny';
    };
    if (results.length === 0 || !results.every(denies))
      report(call, "setWindowOpenHandler must only return { action: 'deny' }");
  }
}

/** Both permission handlers exist and can only say no. */
function checkPermissions(file: ts.SourceFile, report: Report): void {
  const requests = methodCalls(file, 'setPermissionRequestHandler');
  if (requests.length === 0) report(file, 'no setPermissionRequestHandler');
  for (const call of requests) {
    const fn = functionArgument(call, 0);
    const callback = fn && paramName(fn, 2);
    const answers: ts.CallExpression[] = [];
    if (fn)
      everyNode(fn.body, (n) => {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === callback) answers.push(n);
      });
    const deniesOnly =
      answers.length > 0 && answers.every((a) => a.arguments.length === 1 && booleanValue(a.arguments[0]) === false);
    if (!deniesOnly) report(call, 'the permission request handler must only ever call back with false');
  }
  const checks = methodCalls(file, 'setPermissionCheckHandler');
  if (checks.length === 0) report(file, 'no setPermissionCheckHandler');
  for (const call of checks) {
    const fn = functionArgument(call, 0);
    const results = fn ? returnedExpressions(fn) : [];
    if (results.length === 0 || !results.every((e) => booleanValue(e) === false)) {
      report(call, 'the permission check handler must only return false');
    }
  }
}

/** The Content-Security-Policy header the shell adds to every response, as written. */
export function headerCsp(source: string): string | null {
  let csp: string | null = null;
  everyNode(parse(source), (node) => {
    if (!ts.isPropertyAssignment(node) || propertyName(node)?.toLowerCase() !== 'content-security-policy') return;
    const value = node.initializer;
    if (ts.isArrayLiteralExpression(value) && value.elements.length === 1) {
      const only = value.elements[0];
      if (only && (ts.isStringLiteral(only) || ts.isNoSubstitutionTemplateLiteral(only))) csp = only.text;
    }
  });
  return csp;
}

function collector(file: ts.SourceFile, path: string, check: string, out: ChecklistViolation[]): Report {
  return (node, message) => {
    const line = node === file ? 1 : file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    out.push({ check, file: path, line, message });
  };
}

/** src-main/shell/secure-window.ts: flags, navigation, new windows, permissions, CSP header. */
export function checkSecureWindow(source: string, path = 'src-main/shell/secure-window.ts'): ChecklistViolation[] {
  const file = parse(source);
  const out: ChecklistViolation[] = [];
  checkWebPreferences(file, collector(file, path, 'BARNACLE_WEB_PREFERENCES', out));
  checkNavigation(file, collector(file, path, 'BARNACLE_NAVIGATION', out));
  checkWindowOpen(file, collector(file, path, 'BARNACLE_WINDOW_OPEN', out));
  checkPermissions(file, collector(file, path, 'BARNACLE_PERMISSIONS', out));
  if (headerCsp(source) === null)
    out.push({ check: 'BARNACLE_CSP', file: path, line: 1, message: 'no literal Content-Security-Policy header' });
  return out;
}

/** src-main/shell/ipc-bridge.ts: every ipcMain listener first refuses untrusted senders. */
export function checkIpcBridge(source: string, path = 'src-main/shell/ipc-bridge.ts'): ChecklistViolation[] {
  const file = parse(source);
  const out: ChecklistViolation[] = [];
  const report = collector(file, path, 'BARNACLE_IPC_SENDER', out);
  const listeners = ['handle', 'handleOnce', 'on', 'once'].flatMap((m) =>
    methodCalls(file, m).filter(
      (c) => ts.isPropertyAccessExpression(c.expression) && c.expression.expression.getText() === 'ipcMain',
    ),
  );
  if (listeners.length === 0) report(file, 'no ipcMain listener found');
  for (const call of listeners) {
    const fn = functionArgument(call, 1);
    const event = fn && paramName(fn, 0);
    const first = fn && ts.isBlock(fn.body) ? fn.body.statements[0] : undefined;
    const guarded =
      first !== undefined &&
      ts.isIfStatement(first) &&
      ts.isPrefixUnaryExpression(first.expression) &&
      first.expression.operator === ts.SyntaxKind.ExclamationToken &&
      ts.isCallExpression(first.expression.operand) &&
      first.expression.operand.expression.getText() === 'isTrustedSender' &&
      first.expression.operand.arguments[0]?.getText() === `${event}.senderFrame?.url` &&
      first.expression.operand.arguments[2]?.getText() === `${event}.senderFrame === ${event}.sender.mainFrame` &&
      (ts.isReturnStatement(first.thenStatement) ||
        (ts.isBlock(first.thenStatement) && first.thenStatement.statements.some(ts.isReturnStatement)));
    if (!guarded)
      report(
        call,
        'an ipcMain listener must start with `if (!isTrustedSender(event.senderFrame?.url, …, event.senderFrame === event.sender.mainFrame)) return …`',
      );
  }
  return out;
}

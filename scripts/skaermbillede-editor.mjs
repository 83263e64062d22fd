#!/usr/bin/env node
// Takes the README's screenshot of editing a status file with fremdrift's JSON Schema:
// a status file made by `fremdrift skabelon`, the schemas from `fremdrift skema`, opened
// in Monaco (VS Code's editor component) with monaco-yaml — the same
// yaml-language-server as Red Hat's YAML extension for VS Code — in headless Chromium.
// Completion is asked for after `status:` and the screenshot is written; the markers
// (the editor's problems) of the untouched file must be none.
//
// Usage: node scripts/skaermbillede-editor.mjs [docs/vscode-fuldfoerelse.png]
// Needs node, npm, cargo and /usr/bin/chromium; the npm packages go to a temporary
// folder (never into the repository).

import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, extname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROD = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const UD = resolve(process.argv[2] ?? join(ROD, 'docs/vscode-fuldfoerelse.png'))
const KOMMUNE = 'dragoer'
const PAKKER = ['monaco-editor@0.52.2', 'monaco-yaml@5.5.1', 'esbuild@0.28', 'puppeteer-core@25']

const tmp = mkdtempSync(join(tmpdir(), 'fremdrift-editor-'))
const koer = (cmd, args, cwd = tmp) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'] })

// A project with a fresh status file and its schemas, made by fremdrift itself.
koer('cargo', ['build', '--quiet', '--bin', 'fremdrift'], ROD)
const fremdrift = join(ROD, 'target/debug/fremdrift')
const projekt = join(tmp, 'web/projekt')
cpSync(join(ROD, 'content'), join(projekt, 'content'), { recursive: true })
koer(fremdrift, ['-C', projekt, '-q', 'skabelon', KOMMUNE])
koer(fremdrift, ['-C', projekt, '-q', 'skema'])
const statusfil = `content/2015/status/${KOMMUNE}.yaml`

// Monaco with monaco-yaml, bundled.
writeFileSync(join(tmp, 'package.json'), '{"private": true}')
koer('npm', ['install', '--silent', '--no-audit', '--no-fund', ...PAKKER])
writeFileSync(join(tmp, 'indgang.js'), `
import * as monaco from 'monaco-editor'
import { configureMonacoYaml } from 'monaco-yaml'
self.MonacoEnvironment = {
  getWorker: (_, label) => new Worker(label === 'yaml' ? '/yaml.worker.js' : '/editor.worker.js', { type: 'module' })
}
configureMonacoYaml(monaco, { enableSchemaRequest: true, completion: true, hover: true, validate: true })
const tekst = await (await fetch('/projekt/${statusfil}')).text()
// A file URI, as in VS Code: the schema line resolves next to the file on disk.
const model = monaco.editor.createModel(tekst, 'yaml', monaco.Uri.parse('file:///projekt/${statusfil}'))
window.editor = monaco.editor.create(document.getElementById('editor'), {
  model, theme: 'vs', fontSize: 15, minimap: { enabled: false }, automaticLayout: true,
  scrollBeyondLastLine: false, renderLineHighlight: 'none', fixedOverflowWidgets: true
})
window.monaco = monaco
`)
const kraev = createRequire(join(tmp, 'package.json'))
const { build } = kraev('esbuild')
// A page cannot read file: URIs; the worker fetches the project's files from this server.
writeFileSync(join(tmp, 'fil-over-http.js'), `
const hent = globalThis.fetch
globalThis.fetch = (uri, ...resten) =>
  hent(String(uri).replace(/^file:\\/\\/\\/projekt\\//, '/projekt/'), ...resten)
`)
writeFileSync(join(tmp, 'yaml-arbejder.js'), "import './fil-over-http.js'\nimport 'monaco-yaml/yaml.worker.js'\n")
await build({
  entryPoints: {
    app: join(tmp, 'indgang.js'),
    'editor.worker': join(tmp, 'node_modules/monaco-editor/esm/vs/editor/editor.worker.js'),
    'yaml.worker': join(tmp, 'yaml-arbejder.js')
  },
  bundle: true, format: 'esm', outdir: join(tmp, 'web'), loader: { '.ttf': 'file' }, logLevel: 'error'
})
writeFileSync(join(tmp, 'web/index.html'), `<!doctype html><html lang="da"><meta charset="utf-8">
<link rel="stylesheet" href="/app.css"><title>${statusfil}</title>
<body style="margin:0"><div id="editor" style="width:1000px;height:620px"></div>
<script type="module" src="/app.js"></script></body></html>`)

// A static server for the page, the bundle and the project (schema lines resolve here).
const typer = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.ttf': 'font/ttf' }
const server = createServer((req, res) => {
  if (process.env.FEJLSOEG) console.error('GET', req.url)
  const sti = join(tmp, 'web', decodeURIComponent(new URL(req.url, 'http://x').pathname))
  const fil = existsSync(sti) && !sti.endsWith('/') ? sti : join(sti, 'index.html')
  let data
  try {
    data = readFileSync(fil)
  } catch {
    return res.writeHead(404).end()
  }
  res.writeHead(200, { 'Content-Type': typer[extname(fil)] ?? 'text/plain; charset=utf-8' }).end(data)
}).listen(0, '127.0.0.1')
await new Promise((r) => server.once('listening', r))

const puppeteer = kraev('puppeteer-core')
const browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
try {
  const side = await browser.newPage()
  if (process.env.FEJLSOEG) side.on('console', (m) => console.error('konsol:', m.text()))
  side.on('pageerror', (e) => console.error('sidefejl:', e.message))
  await side.setViewport({ width: 1000, height: 620, deviceScaleFactor: 1.5 })
  await side.goto(`http://127.0.0.1:${server.address().port}/`)
  await side.waitForFunction(() => window.editor?.getModel())
  // The schema is loaded and the untouched file has no problems.
  await side.waitForFunction(() => document.querySelector('.monaco-editor .view-line'))
  const linjer = await side.evaluate(() => window.editor.getModel().getLinesContent())
  const nr = linjer.findIndex((l) => l.trim() === 'status:') + 1
  await side.evaluate((nr) => {
    const ed = window.editor
    ed.revealLineNearTop(Math.max(1, nr - 9))
    ed.setPosition({ lineNumber: nr, column: ed.getModel().getLineMaxColumn(nr) })
    ed.trigger('tastatur', 'type', { text: ' ' })
    ed.focus()
  }, nr)
  const problemer = await side.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 1500))
    return window.monaco.editor.getModelMarkers({}).map((m) => `${m.startLineNumber}: ${m.message}`)
  })
  if (problemer.length) throw new Error(`editoren fandt problemer i den nye fil:\n${problemer.join('\n')}`)
  await side.evaluate(() => window.editor.trigger('tastatur', 'editor.action.triggerSuggest', {}))
  await side.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 30000 }).catch(async (e) => {
    await side.screenshot({ path: UD })
    throw e
  })
  const forslag = await side.$$eval('.suggest-widget.visible .monaco-list-row', (r) => r.map((e) => e.getAttribute('aria-label')))
  for (const ord of ['grøn', 'gul', 'rød']) {
    if (!forslag.some((f) => f?.startsWith(ord))) throw new Error(`«${ord}» mangler blandt forslagene: ${forslag}`)
  }
  await side.evaluate(() => window.editor.trigger('tastatur', 'toggleSuggestionDetails', {}))
  await side.waitForSelector('.suggest-details-container .docs', { visible: true })
  await side.screenshot({ path: UD })
  console.log(`${UD}: forslag ${forslag.join(', ')}`)
  // The hover text over the first anbefaling's id, for the README.
  await side.keyboard.press('Escape')
  await side.evaluate((nr) => {
    window.editor.setPosition({ lineNumber: nr - 1, column: 4 })
    window.editor.trigger('tastatur', 'editor.action.showHover', {})
  }, nr)
  await side.waitForSelector('.monaco-hover-content', { visible: true })
  console.log('hover over id:\n' + (await side.$eval('.monaco-hover-content', (e) => e.innerText)))
} finally {
  await browser.close()
  server.close()
}

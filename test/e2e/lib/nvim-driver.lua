-- Headless Neovim (0.7+) LSP driver for the e2e suite. Run by lib/nvim.mjs as
--   nvim --headless -u NONE -i NONE -n -c "luafile nvim-driver.lua"
-- with E2E_NVIM_CONFIG pointing at a JSON file:
--   { "cmd": ["node", "dist/server.js", "--stdio"], "root_dir": "...", "file": "...",
--     "settings": {...}, "init_options": {...}, "out": "result.json", "steps": [ ... ] }
-- Steps run in order on the current buffer; each appends { op, ok, ... } to result.steps.
-- Positions: { "line": L, "character": C } (0-based, UTF-16 like LSP) or
--            { "at": { "text": "send_group_msg", "nth": 0, "offset": 0 } } (found in the buffer now).
--   wait_diagnostics { count | min, fresh, timeout }  -> diagnostics
--   diagnostics                                        -> diagnostics (no wait)
--   hover { pos }                                      -> text, raw
--   code_actions { pos | range, only }                 -> actions [{ title, kind, isPreferred }]
--   apply_code_action { pos | range, only, match | index | preferred } -> title, actions
--   fix_all { kind }                                   -> titles (source action(s) of that kind applied)
--   text                                               -> text (buffer contents)
--   set_text { text }  save  open { file }
--   did_change_configuration { settings }  execute_command { command, arguments }
--   request { method, params }                         -> result ("${uri}" in params = buffer uri)
local cfg_path = os.getenv('E2E_NVIM_CONFIG')
local function read_json(p)
  local f = assert(io.open(p, 'r')); local s = f:read('*a'); f:close()
  return vim.fn.json_decode(s)
end
local cfg = read_json(cfg_path)
local res = { nvim = string.format('%d.%d.%d', vim.version().major, vim.version().minor, vim.version().patch), steps = {} }
local NIL = vim.NIL

local function finish(ok)
  local f = io.open(cfg.out, 'w'); f:write(vim.fn.json_encode(res)); f:close()
  vim.cmd(ok and 'qa!' or 'cq!')
end

local ok_all, err = pcall(function()
  vim.cmd('filetype on')
  vim.lsp.set_log_level(cfg.log_level or 'info')

  -- Count publishDiagnostics notifications so a step can wait for a fresh one.
  local publishes = 0
  local orig = vim.lsp.handlers['textDocument/publishDiagnostics']
  vim.lsp.handlers['textDocument/publishDiagnostics'] = function(e, r, ctx, c)
    publishes = publishes + 1
    return orig(e, r, ctx, c)
  end

  local client_id = vim.lsp.start_client({
    name = cfg.name or 'e2e', cmd = cfg.cmd, root_dir = cfg.root_dir,
    settings = cfg.settings or vim.empty_dict(), init_options = cfg.init_options,
    workspace_folders = { { uri = vim.uri_from_fname(cfg.root_dir), name = 'workspace' } },
    on_exit = function(code, signal) res.server_exit = { code = code, signal = signal } end,
    -- Neovim 0.7 neither advertises workspace.configuration nor sends the settings by itself:
    -- like nvim-lspconfig, push them once the server is initialized.
    on_init = function(c)
      if cfg.settings and next(cfg.settings) then
        c.notify('workspace/didChangeConfiguration', { settings = cfg.settings })
      end
    end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  local client = vim.lsp.get_client_by_id(client_id)
  local bufnr

  local function open(file)
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    bufnr = vim.api.nvim_get_current_buf()
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  open(cfg.file)
  res.initialized = vim.wait(cfg.init_timeout or 15000, function()
    return client.server_capabilities ~= nil or client.resolved_capabilities ~= nil
  end, 20)
  assert(res.initialized, 'server did not initialize')
  res.filetype = vim.bo[bufnr].filetype

  local function uri() return vim.uri_from_bufnr(bufnr) end
  local function lines() return vim.api.nvim_buf_get_lines(bufnr, 0, -1, false) end

  local function find(at)
    local n = at.nth or 0
    for i, l in ipairs(lines()) do
      local from = 1
      while true do
        local s = string.find(l, at.text, from, true)
        if not s then break end
        if n == 0 then
          local byte = s - 1 + (at.offset or 0)
          return { line = i - 1, character = vim.str_utfindex(l, byte) }
        end
        n = n - 1; from = s + 1
      end
    end
    error('text not found in buffer: ' .. at.text)
  end
  local function pos_of(p)
    if p == nil or p == NIL then return { line = 0, character = 0 } end
    if p.at then return find(p.at) end
    return { line = p.line, character = p.character }
  end
  local function range_of(step)
    if step.range then return { start = pos_of(step.range.start), ['end'] = pos_of(step.range['end']) } end
    local p = pos_of(step.pos); return { start = p, ['end'] = p }
  end

  local function diagnostics()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(out, {
        range = lsp.range or { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = lsp.severity or d.severity, message = d.message, source = d.source or lsp.source,
        code = lsp.code or d.code, data = lsp.data, tags = lsp.tags,
      })
    end
    table.sort(out, function(a, b)
      if a.range.start.line ~= b.range.start.line then return a.range.start.line < b.range.start.line end
      return a.range.start.character < b.range.start.character
    end)
    return out
  end
  local function overlapping(r)
    local out = {}
    local function before(a, b) return a.line < b.line or (a.line == b.line and a.character <= b.character) end
    for _, d in ipairs(diagnostics()) do
      if before(d.range.start, r['end']) and before(r.start, d.range['end']) then
        local lspd = { range = d.range, severity = d.severity, message = d.message, source = d.source }
        if d.code ~= nil then lspd.code = d.code end
        if d.data ~= nil then lspd.data = d.data end
        table.insert(out, lspd)
      end
    end
    return out
  end

  local function request(method, params, timeout)
    local r, e = client.request_sync(method, params, timeout or 10000, bufnr)
    if not r then error(method .. ' failed: ' .. tostring(e)) end
    if r.err then error(method .. ' error: ' .. vim.fn.json_encode(r.err)) end
    return r.result
  end

  local function code_actions(r, only, diags)
    local ctx = { diagnostics = diags or overlapping(r) }
    if only then ctx.only = type(only) == 'table' and only or { only } end
    local result = request('textDocument/codeAction', { textDocument = { uri = uri() }, range = r, context = ctx })
    if result == nil or result == NIL then return {} end
    return result
  end
  local function summary(actions)
    local out = {}
    for _, a in ipairs(actions) do
      table.insert(out, { title = a.title, kind = a.kind, isPreferred = a.isPreferred,
        hasEdit = a.edit ~= nil, hasCommand = a.command ~= nil })
    end
    return out
  end
  local function apply(action)
    if type(action.command) == 'string' then -- a bare Command
      return request('workspace/executeCommand', { command = action.command, arguments = action.arguments })
    end
    local caps = client.server_capabilities or {}
    if not action.edit and not action.command and type(caps.codeActionProvider) == 'table' and caps.codeActionProvider.resolveProvider then
      action = request('codeAction/resolve', action)
    end
    if action.edit then vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16') end
    if type(action.command) == 'table' then
      request('workspace/executeCommand', { command = action.command.command, arguments = action.command.arguments })
    end
  end

  local ops = {}
  function ops.wait_diagnostics(s, out)
    local since = publishes
    local want = function()
      local n = #vim.diagnostic.get(bufnr)
      if s.fresh and publishes == since then return false end
      if s.count ~= nil then return n == s.count end
      return n >= (s.min or 1)
    end
    out.ok = vim.wait(s.timeout or 15000, want, 20)
    out.diagnostics = diagnostics()
    if not out.ok then error(string.format('diagnostics: wanted %s, have %d', s.count ~= nil and tostring(s.count) or ('>=' .. (s.min or 1)), #out.diagnostics)) end
  end
  function ops.diagnostics(_, out) out.diagnostics = diagnostics() end
  function ops.hover(s, out)
    local r = request('textDocument/hover', { textDocument = { uri = uri() }, position = pos_of(s.pos) })
    out.raw = r
    if r == nil or r == NIL then out.text = '' return end
    out.text = table.concat(vim.lsp.util.convert_input_to_markdown_lines(r.contents), '\n')
  end
  function ops.code_actions(s, out) out.actions = summary(code_actions(range_of(s), s.only)) end
  function ops.apply_code_action(s, out)
    local actions = code_actions(range_of(s), s.only)
    out.actions = summary(actions)
    local pick
    for i, a in ipairs(actions) do
      if (s.index and s.index == i - 1) or (s.match and string.find(a.title, s.match, 1, true))
        or (s.preferred and a.isPreferred) then pick = a break end
    end
    if not pick and not s.match and not s.index and not s.preferred then pick = actions[1] end
    if not pick then error('no code action matched among ' .. vim.fn.json_encode(out.actions)) end
    out.title = pick.title
    apply(pick)
  end
  function ops.fix_all(s, out)
    local n = #lines()
    local r = { start = { line = 0, character = 0 }, ['end'] = { line = n, character = 0 } }
    local actions = code_actions(r, s.kind, diagnostics())
    out.titles = {}
    for _, a in ipairs(actions) do
      if a.kind == nil or a.kind == s.kind or string.sub(a.kind, 1, #s.kind + 1) == s.kind .. '.' then
        table.insert(out.titles, a.title); apply(a)
      end
    end
    if #out.titles == 0 then error('no ' .. s.kind .. ' action offered') end
  end
  function ops.text(_, out) out.text = table.concat(lines(), '\n') end
  function ops.set_text(s, out)
    vim.api.nvim_buf_set_lines(bufnr, 0, -1, false, vim.split(s.text, '\n', { plain = true }))
  end
  function ops.save(_, out) vim.cmd('write') end
  function ops.open(s, out) open(s.file) end
  function ops.did_change_configuration(s, out)
    client.config.settings = s.settings
    client.notify('workspace/didChangeConfiguration', { settings = s.settings })
  end
  function ops.execute_command(s, out)
    out.result = request('workspace/executeCommand', { command = s.command, arguments = s.arguments })
  end
  function ops.request(s, out)
    local params = vim.fn.json_decode((vim.fn.json_encode(s.params or vim.empty_dict()):gsub('%${uri}', uri())))
    out.result = request(s.method, params, s.timeout)
  end

  for i, s in ipairs(cfg.steps or {}) do
    local out = { op = s.op, name = s.name }
    table.insert(res.steps, out)
    local f = ops[s.op]
    if not f then error('unknown step op: ' .. tostring(s.op)) end
    local t0 = vim.loop.hrtime()
    local ok, e = pcall(f, s, out)
    out.ms = math.floor((vim.loop.hrtime() - t0) / 1e6)
    if out.ok == nil then out.ok = ok end
    if not ok then out.ok = false; out.error = tostring(e); if not s.optional then error('step ' .. i .. ' (' .. s.op .. '): ' .. tostring(e)) end end
  end
  res.final_text = table.concat(lines(), '\n')
  pcall(function() client.stop() end)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)

res.ok = ok_all
if not ok_all then res.error = tostring(err) end
finish(true)

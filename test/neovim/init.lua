-- Headless Neovim (0.7+) as an LSP client we did not write: start the bundled server over stdio with
-- vim.lsp.start_client, open a policy, wait (bounded) for its diagnostics, ask for a quick fix and a hover,
-- and write what arrived as JSON for the mocha test to assert on.
-- Inputs come from the environment: SOC2_SERVER, SOC2_ROOT, SOC2_FILE, SOC2_OUT, SOC2_TIMEOUT_MS, SOC2_WAIT_CODE.

local server = assert(os.getenv('SOC2_SERVER'), 'SOC2_SERVER not set')
local root = assert(os.getenv('SOC2_ROOT'), 'SOC2_ROOT not set')
local file = assert(os.getenv('SOC2_FILE'), 'SOC2_FILE not set')
local out = assert(os.getenv('SOC2_OUT'), 'SOC2_OUT not set')
local timeout = tonumber(os.getenv('SOC2_TIMEOUT_MS') or '20000')
-- Optional: wait for a diagnostic with this code (workspace findings such as evidence-missing), not just any.
local wait_code = os.getenv('SOC2_WAIT_CODE')

local function write(result)
  local handle = assert(io.open(out, 'w'))
  handle:write(vim.fn.json_encode(result))
  handle:close()
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'soc2-policy',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    init_options = { today = '2026-12-01' },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  local arrived = vim.wait(timeout, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.code or ((d.user_data or {}).lsp or {}).code
      if not wait_code or code == wait_code then
        return true
      end
    end
    return false
  end, 50)

  local diagnostics = {}
  local unknown
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    local entry = { lnum = d.lnum, col = d.col, message = d.message, severity = d.severity, source = d.source, code = d.code or lsp.code }
    table.insert(diagnostics, entry)
    if entry.code == 'unknown-criterion' then
      -- Back to an LSP diagnostic, as a code action request carries it.
      unknown = {
        range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
        severity = d.severity,
        code = entry.code,
        codeDescription = lsp.codeDescription,
        source = d.source,
        message = d.message,
        data = lsp.data,
      }
    end
  end

  local actions = {}
  if unknown and unknown.range then
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      range = unknown.range,
      context = { diagnostics = { unknown } },
    }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, timeout) or {}
    for _, response in pairs(responses) do
      for _, action in ipairs(response.result or {}) do
        table.insert(actions, { title = action.title, kind = action.kind })
      end
    end
  end

  -- Hover on the first CC9.2 in the buffer.
  local hover
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find('CC9.2', 1, true)
    if col then
      local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = lnum - 1, character = col } }
      local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout) or {}
      for _, response in pairs(responses) do
        local contents = response.result and response.result.contents
        if type(contents) == 'table' then
          hover = contents.value
        elseif type(contents) == 'string' then
          hover = contents
        end
      end
      break
    end
  end

  write({ arrived = arrived, diagnostics = diagnostics, actions = actions, hover = hover })
  vim.lsp.stop_client(client_id)
end

local ok, err = pcall(run)
if not ok then
  write({ arrived = false, error = tostring(err) })
end
vim.cmd('qall!')

# Shared by demo.ps1 and test.ps1: create .venv (Python 3.11-3.13) and install the app with its
# test tools when pyproject.toml changed since the last install.
$ErrorActionPreference = "Stop"
Set-Location (Split-Path -Parent $PSScriptRoot)
$python = ".venv\Scripts\python.exe"
if (-not (Test-Path $python)) {
    py -3.11 -m venv .venv
    if ($LASTEXITCODE -ne 0) { py -3 -m venv .venv }
    if ($LASTEXITCODE -ne 0) { throw "Python 3.11-3.13 is needed (python.org installer)" }
}
$hash = (Get-FileHash pyproject.toml -Algorithm SHA1).Hash.Substring(0, 12)
$stamp = ".venv\.installed-$hash"
if (-not (Test-Path $stamp)) {
    & $python -m pip install --quiet --upgrade pip
    & $python -m pip install --quiet -e ".[test]"
    if ($LASTEXITCODE -ne 0) { throw "pip install failed" }
    Remove-Item .venv\.installed-* -ErrorAction SilentlyContinue
    New-Item $stamp -ItemType File | Out-Null
}

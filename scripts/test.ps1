# Windows equivalent of `make test` (without the Linux packaging check; the Windows workflow
# builds and checks the installer): ruff, then the whole suite offscreen.
$ErrorActionPreference = "Stop"
. (Join-Path $PSScriptRoot "venv.ps1")
& .venv\Scripts\ruff.exe check qrpin_gui tests bench
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
$env:QT_QPA_PLATFORM = "offscreen"
& .venv\Scripts\python.exe -m pytest
exit $LASTEXITCODE

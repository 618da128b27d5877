# Windows equivalent of `make demo`: the app on the built-in demo tenant.
$ErrorActionPreference = "Stop"
. (Join-Path $PSScriptRoot "venv.ps1")
& .venv\Scripts\qrpin-gui.exe --demo
exit $LASTEXITCODE

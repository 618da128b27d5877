# Sign files with Authenticode (signtool), using a PFX certificate given in the environment.
#
#   $env:WINDOWS_SIGNING_CERT_PFX       the .pfx file, base64-encoded (a CI secret)
#   $env:WINDOWS_SIGNING_CERT_PASSWORD  its password (a CI secret)
#   $env:WINDOWS_SIGNING_TIMESTAMP_URL  RFC 3161 timestamp server (default: DigiCert's)
#
# Usage: powershell -NoProfile -ExecutionPolicy Bypass -File packaging\sign.ps1 FILE [FILE...]
# makensis calls it for the installer and the uninstaller (installer.nsi, SIGN_COMMAND).
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Files)
$ErrorActionPreference = 'Stop'

if (-not $env:WINDOWS_SIGNING_CERT_PFX) { throw 'WINDOWS_SIGNING_CERT_PFX is not set' }
$timestamp = if ($env:WINDOWS_SIGNING_TIMESTAMP_URL) { $env:WINDOWS_SIGNING_TIMESTAMP_URL } else { 'http://timestamp.digicert.com' }

$tempRoot = if ($env:RUNNER_TEMP) { $env:RUNNER_TEMP } else { [System.IO.Path]::GetTempPath() }
$pfx = Join-Path $tempRoot 'qrpin-gui-signing.pfx'
if (-not (Test-Path $pfx)) {
    [System.IO.File]::WriteAllBytes($pfx, [System.Convert]::FromBase64String($env:WINDOWS_SIGNING_CERT_PFX))
}

$signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" -ErrorAction SilentlyContinue |
    Sort-Object FullName -Descending | Select-Object -First 1
if (-not $signtool) { throw 'signtool.exe not found (Windows SDK)' }

foreach ($file in $Files) {
    & $signtool.FullName sign /f $pfx /p $env:WINDOWS_SIGNING_CERT_PASSWORD /fd SHA256 /tr $timestamp /td SHA256 /d 'QR PIN Manager' $file
    if ($LASTEXITCODE -ne 0) { throw "signtool failed for $file" }
    & $signtool.FullName verify /pa $file
    if ($LASTEXITCODE -ne 0) { throw "signature of $file does not verify" }
}

# Run the windowed (GUI-subsystem) app from a script: wait for it, show what it printed, and
# exit with its exit code. PowerShell does not wait for GUI programs by itself, and a windowed
# executable has no console, so stdout and stderr are redirected to files.
#
# Usage: pwsh packaging/run_frozen.ps1 EXE [ARGS...]
param(
    [Parameter(Mandatory = $true, Position = 0)][string]$Exe,
    [Parameter(ValueFromRemainingArguments = $true)][string[]]$AppArgs
)
$ErrorActionPreference = 'Stop'
$out = New-TemporaryFile
$err = New-TemporaryFile
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$p = Start-Process -FilePath $Exe -ArgumentList $AppArgs -PassThru -NoNewWindow `
    -RedirectStandardOutput $out -RedirectStandardError $err
$null = $p.Handle  # keeps the process handle so ExitCode is available after the exit
if (-not $p.WaitForExit(120000)) { $p.Kill(); throw "$Exe $AppArgs did not finish in 120 s" }
$watch.Stop()
Get-Content $out
if ($p.ExitCode -ne 0) {
    Write-Host '--- stderr ---'
    Get-Content $err
}
Write-Host ("{0} {1}: exit {2} in {3:N2} s" -f (Split-Path $Exe -Leaf), ($AppArgs -join ' '), $p.ExitCode, $watch.Elapsed.TotalSeconds)
Remove-Item $out, $err -ErrorAction SilentlyContinue
exit $p.ExitCode

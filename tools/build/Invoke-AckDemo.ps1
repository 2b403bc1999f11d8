# Runs in a child `pwsh -NoProfile` started by build.ps1 demo: starts the sandbox, connects to it, runs
# demo/NN-*.ps1 in name order (each script's output objects are shown as PowerShell formats them), then stops
# the sandbox whatever happened.
param(
    [Parameter(Mandatory)][string] $DemoDirectory,
    [Parameter(Mandatory)][string] $Scenario
)
$ErrorActionPreference = 'Stop'
$PSModuleAutoloadingPreference = 'None'
Import-Module Microsoft.PowerShell.Utility, Microsoft.PowerShell.Management, Microsoft.PowerShell.Security
Import-Module (Join-Path $PSScriptRoot '../../tests/Pester/TestHelpers.psm1') -Force

$scripts = @(Get-ChildItem -LiteralPath $DemoDirectory -Filter '*.ps1' -File | Sort-Object Name)
if (-not $scripts) { Write-Warning "No demo scripts in $DemoDirectory."; exit 0 }

$null = Import-AckModuleUnderTest
$sbx = Start-AckSandbox -Scenario $Scenario
$failed = 0
try {
    $null = Connect-AckSandbox $sbx
    # Demo scripts can reach the sandbox (e.g. to show its request log) through $AckSandbox.
    $global:AckSandbox = $sbx
    foreach ($s in $scripts) {
        Write-Host ''
        Write-Host "### $($s.Name)" -ForegroundColor Cyan
        # The error is caught inside the producing block so the pipeline still ends normally and Out-Host shows
        # what the script emitted before it failed (a table is buffered until the end of the pipeline).
        $problem = [ref]$null
        & { try { & $s.FullName } catch { $problem.Value = $_ } } | Out-Host
        if ($problem.Value) {
            $failed++
            Write-Host "FAILED: $($s.Name): $($problem.Value.Exception.Message)" -ForegroundColor Red
            Write-Host $problem.Value.ScriptStackTrace
        }
    }
}
finally {
    Stop-AckSandbox $sbx
}
Write-Host ''
Write-Host "$($scripts.Count - $failed) of $($scripts.Count) demo script(s) ran without error."
if ($failed) { exit 1 }

# Step 2 of restricting the Worker RAM role, Kubernetes side: make Terway use the token of its managed role
# (credential_path in eni-config, with a backup first), then redeploy components that are new enough so they pick the
# token up, one workload at a time, each waited for like kubectl rollout status. Against a connected session
# (build.ps1 demo); the API server is reached with a temporary kubeconfig from CS, held in memory only.
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $ClusterId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7',
    # Where Repair-AckTerwayConfig writes its backup of eni-config.
    [string] $BackupPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-eni-config-backup')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'SandboxClock.psm1') -Force
$sandbox = Get-Variable -Name AckSandbox -Scope Global -ValueOnly -ErrorAction Ignore

Write-Host "`n== Terway: does eni-config point at the token of the managed network role?" -ForegroundColor Cyan
Get-AckCluster -WarningAction SilentlyContinue | Test-AckTerwayConfig | Out-Host

Write-Host "== Repair it (eni-config is backed up first), then redeploy the Terway DaemonSet and wait for the rollout" -ForegroundColor Cyan
Invoke-WithFastSandboxClock -Sandbox $sandbox {
    Repair-AckTerwayConfig -ClusterId $ClusterId -BackupPath $BackupPath -Redeploy -PassThru -PollIntervalSec 0.5 -Confirm:$false
} | Format-List | Out-Host
Write-Host "  backup: $((Get-ChildItem -LiteralPath $BackupPath -File | Sort-Object LastWriteTime | Select-Object -Last 1).FullName)" -ForegroundColor DarkGray

$redeploy = @(Test-AckComponentVersion -ClusterId $ClusterId | Where-Object NextStep -eq Redeploy)
Write-Host "`n== Components new enough to only need a redeploy: $($redeploy.Component -join ', ')" -ForegroundColor Cyan
Write-Host '  -WhatIf for all of them (reads each workload, restarts nothing):' -ForegroundColor DarkGray
$redeploy | Invoke-AckComponentRedeploy -WhatIf -ErrorAction SilentlyContinue -ErrorVariable problems | Out-Host
foreach ($p in $problems) { Write-Host "  $($p.FullyQualifiedErrorId.Split(',')[0]): $($p.Exception.Message)" -ForegroundColor DarkYellow }

Write-Host "`n== Redeploy one of them: metrics-server (kubectl rollout restart, then rollout status)" -ForegroundColor Cyan
Invoke-WithFastSandboxClock -Sandbox $sandbox {
    $redeploy | Where-Object Component -eq metrics-server | Invoke-AckComponentRedeploy -PollIntervalSec 0.5 -Confirm:$false
} | Out-Host

# Step 2 (Kubernetes side) and step 3 of restricting the Worker RAM role: redeploy components that are already new
# enough, one workload at a time, and make Terway use its own token. Against a connected session (build.ps1 demo).
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $ClusterId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7',
    # Where Repair-AckTerwayConfig writes its backup of eni-config.
    [string] $BackupPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-eni-config-backup')
)
$ErrorActionPreference = 'Stop'

Write-Host "`n== What a redeploy of metrics-server and logtail-ds would do (-WhatIf writes nothing)" -ForegroundColor Cyan
Invoke-AckComponentRedeploy -ClusterId $ClusterId -Component metrics-server, logtail-ds -WhatIf -ErrorAction SilentlyContinue

Write-Host "`n== Redeploy, one workload at a time (paused and OnDelete workloads are reported, not restarted)" -ForegroundColor Cyan
Invoke-AckComponentRedeploy -ClusterId $ClusterId -Component metrics-server, logtail-ds, ack-node-problem-detector -PollIntervalSec 1 `
    -Confirm:$false -ErrorAction Continue -ErrorVariable problems 2>$null | Out-Host
foreach ($p in $problems) { Write-Host "  $($p.FullyQualifiedErrorId.Split(',')[0]): $($p.Exception.Message)" -ForegroundColor DarkYellow }

Write-Host "`n== Terway: does eni-config point at the token of the managed network role?" -ForegroundColor Cyan
Get-AckCluster | Test-AckTerwayConfig | Out-Host

Write-Host "== Repair it (backup first), then redeploy the Terway DaemonSet" -ForegroundColor Cyan
Repair-AckTerwayConfig -ClusterId $ClusterId -BackupPath $BackupPath -Redeploy -PassThru -PollIntervalSec 1 -Confirm:$false | Out-Host
Test-AckTerwayConfig -ClusterId $ClusterId | Out-Host

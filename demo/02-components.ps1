# Step 2 of restricting the Worker RAM role, cloud side: which system components are installed, which are below the
# version that authenticates with a managed service role, the upgrade plan (-WhatIf, nothing sent), one real upgrade
# and the ACR helper's tokenMode. The Kubernetes side (Terway, redeploys) follows in 02b-redeploy.ps1.
# Run against a connected session (build.ps1 demo connects to the sandbox first and sets $AckSandbox).
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    # Where to write the compliance report.
    [string] $OutFile = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-component-compliance.csv')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'SandboxClock.psm1') -Force
$sandbox = Get-Variable -Name AckSandbox -Scope Global -ValueOnly -ErrorAction Ignore

$clusters = @(Get-AckCluster -WarningAction SilentlyContinue)
$prod = $clusters | Where-Object Name -eq 'prod-legacy'

Write-Host "`n== The component catalog in effect (minimum versions from the documented procedure; -CatalogPath for your own)" -ForegroundColor Cyan
Get-AckComponentCatalog | Select-Object -First 6 | Format-Table Name, Category, MinimumVersion, ServiceRole -AutoSize | Out-Host

Write-Host "`n== Installed components of $($prod.Name)" -ForegroundColor Cyan
Write-Host '  (cluster-autoscaler is not in component management: its version is the image tag of its Deployment, read with a temporary kubeconfig from CS)' -ForegroundColor DarkGray
Get-AckComponent -ClusterId $prod.ClusterId | Out-Host

Write-Host "== Managed service roles the components need (grant, and the token Secret in the cluster)" -ForegroundColor Cyan
Test-AckServiceRole -ClusterId $prod.ClusterId | Where-Object Components | Out-Host

Write-Host "== Compliance of every managed cluster: what needs work" -ForegroundColor Cyan
$report = @($clusters | Test-AckComponentVersion)
$report | Export-Csv -Path $OutFile -NoTypeInformation
$report | Where-Object NextStep -in 'Upgrade', 'GrantServiceRole', 'SetTokenMode', 'MigrateToCsi' | Out-Host
Write-Host "$($report.Count) rows for $($clusters.Count) clusters ($(@($report | Where-Object NextStep -eq Redeploy).Count) only need a redeploy); the full report is in $OutFile"

Write-Host "`n== The upgrade plan (-WhatIf: nothing is sent)" -ForegroundColor Cyan
$report | Where-Object Status -eq UpgradeRequired |
    Update-AckComponent -WhatIf -ErrorAction SilentlyContinue -ErrorVariable refused
foreach ($e in $refused) { Write-Host "  refused: $($e.FullyQualifiedErrorId.Split(',')[0]): $($e.Exception.Message)" -ForegroundColor DarkYellow }
if ($sandbox) {
    $writes = @(Get-AckSandboxRequest $sandbox | Where-Object isWrite)
    Write-Host "  write requests the sandbox has received so far: $($writes.Count)" -ForegroundColor DarkGray
}

Write-Host "`n== One real upgrade: metrics-server (UpgradeClusterAddons, then the task is polled until it succeeds)" -ForegroundColor Cyan
Invoke-WithFastSandboxClock -Sandbox $sandbox {
    $report | Where-Object { $_.ClusterId -eq $prod.ClusterId -and $_.Component -eq 'metrics-server' } |
        Update-AckComponent -Confirm:$false -PollIntervalSec 0.5
} | Out-Host

Write-Host "== The ACR helper resolves tokenMode auto to the worker role: switch it to managedRole" -ForegroundColor Cyan
Test-AckComponentVersion -ClusterId $prod.ClusterId | Where-Object NextStep -eq SetTokenMode |
    Set-AckComponentConfig -Config @{ tokenMode = 'managedRole' } -Confirm:$false | Format-List Component, ChangedKeys, Applied, Before, After | Out-Host

Write-Host "== $($prod.Name) now" -ForegroundColor Cyan
Test-AckComponentVersion -ClusterId $prod.ClusterId | Where-Object Status -ne NotInstalled |
    Format-Table Component, Status, NextStep, ServiceRoleGranted -AutoSize | Out-Host

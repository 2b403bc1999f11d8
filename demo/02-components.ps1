# Step 2 of restricting the Worker RAM role: upgrade the system components (the cloud side).
# Which components are installed, which are below the version that uses a managed-role token, which managed roles
# are missing, then the upgrades one at a time and the ACR helper's tokenMode. The redeploys and the Terway check
# follow in 02b-redeploy.ps1.
# Run against a connected session (build.ps1 demo connects to the sandbox first).
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    # Where to write the compliance report.
    [string] $OutFile = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-component-compliance.csv')
)
$ErrorActionPreference = 'Stop'

Write-Host "`n== The component catalog (minimum versions of the procedure)" -ForegroundColor Cyan
Get-AckComponentCatalog -Category Networking, Security | Out-Host

$clusters = @(Get-AckCluster -WarningAction SilentlyContinue)
$prod = $clusters | Where-Object Name -eq 'prod-legacy'

Write-Host "== Installed components of $($prod.Name)" -ForegroundColor Cyan
Get-AckComponent -ClusterId $prod.ClusterId -WarningAction SilentlyContinue | Out-Host

Write-Host "== Managed service roles the components need" -ForegroundColor Cyan
Test-AckServiceRole -ClusterId $prod.ClusterId -WarningAction SilentlyContinue | Out-Host

Write-Host "== Compliance of every managed cluster (what needs work)" -ForegroundColor Cyan
$report = @($clusters | Test-AckComponentVersion -WarningAction SilentlyContinue)
$report | Export-Csv -Path $OutFile -NoTypeInformation
$report | Where-Object NextStep -in 'Upgrade', 'GrantServiceRole', 'SetTokenMode', 'MigrateToCsi' | Out-Host
Write-Host "$($report.Count) row(s) for $($clusters.Count) cluster(s); the full report is in $OutFile"

Write-Host "`n== Preview of the upgrades (-WhatIf: nothing is sent)" -ForegroundColor Cyan
$report | Where-Object Status -eq UpgradeRequired |
    Update-AckComponent -WhatIf -ErrorAction SilentlyContinue -ErrorVariable refused
foreach ($e in $refused) { Write-Host "  refused: $($e.FullyQualifiedErrorId.Split(',')[0]): $($e.Exception.Message)" -ForegroundColor DarkYellow }
if ($AckSandbox) {
    $writes = @(Get-AckSandboxRequest $AckSandbox | Where-Object isWrite)
    Write-Host "  write requests the sandbox received so far: $($writes.Count)" -ForegroundColor DarkGray
}

Write-Host "`n== Upgrade, one component at a time" -ForegroundColor Cyan
$report | Where-Object Status -eq UpgradeRequired |
    Update-AckComponent -Confirm:$false -PollIntervalSec 1 -ErrorAction SilentlyContinue -ErrorVariable refused -WarningAction SilentlyContinue | Out-Host
foreach ($e in $refused) { Write-Host "  refused: $($e.FullyQualifiedErrorId.Split(',')[0]): $($e.Exception.Message)" -ForegroundColor DarkYellow }

Write-Host "`n== The ACR helper still resolves tokenMode auto to the worker role: switch it to managedRole" -ForegroundColor Cyan
Test-AckComponentVersion -ClusterId $prod.ClusterId -WarningAction SilentlyContinue | Where-Object NextStep -eq SetTokenMode |
    Set-AckComponentConfig -Config @{ tokenMode = 'managedRole' } -Confirm:$false | Format-List Component, ChangedKeys, Applied, Before, After | Out-Host

Write-Host "== What is left on $($prod.Name)" -ForegroundColor Cyan
Test-AckComponentVersion -ClusterId $prod.ClusterId -WarningAction SilentlyContinue |
    Where-Object Status -ne NotInstalled | Out-Host

# Step 1 of restricting the Worker RAM role: assess.
# Which ACK managed clusters are there, which RAM roles do their workers run as, and what do those roles allow?
# Run against a connected session (build.ps1 demo connects to the sandbox first).
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    # Where to write the action inventory.
    [string] $OutFile = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-worker-role-actions.csv')
)
$ErrorActionPreference = 'Stop'

Write-Host "`n== ACK managed clusters in scope" -ForegroundColor Cyan
$clusters = @(Get-AckCluster)
$clusters | Format-Table -AutoSize | Out-Host

Write-Host "== Node pools and the role each runs as" -ForegroundColor Cyan
foreach ($cluster in $clusters) {
    $cluster.NodePools | Select-Object @{ n = 'Cluster'; e = { $cluster.Name } }, Name, NodePoolId, IsDefault, RamRoleName |
        Format-Table -AutoSize | Out-Host
}

Write-Host "== Policies attached to the worker roles (cluster and node-pool roles)" -ForegroundColor Cyan
$policies = @($clusters | Get-AckWorkerRolePolicy -IncludeNodePoolRoles -InformationVariable notes)
$policies | Format-Table -AutoSize | Out-Host
foreach ($note in $notes) { Write-Host "  note: $($note.MessageData)" -ForegroundColor DarkGray }

Write-Host "`n== What the policies allow" -ForegroundColor Cyan
$actions = @($policies | Get-AckPolicyAction)
$actions | Export-Csv -Path $OutFile -NoTypeInformation
Write-Host "$($actions.Count) action(s) in $($policies.Count) polic(ies); the full list is in $OutFile"

Write-Host "`n== Top services by number of granted actions" -ForegroundColor Cyan
$actions | Group-Object Service | Sort-Object Count -Descending | Select-Object -First 10 Count, Name | Format-Table -AutoSize | Out-Host

Write-Host "== Wildcard grants (the first to narrow after the audit)" -ForegroundColor Cyan
$actions | Where-Object IsWildcard | Select-Object RoleName, PolicyName, StatementIndex, Effect, Action, Resource | Format-Table -AutoSize | Out-Host

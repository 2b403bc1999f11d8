# Step 6, first half: recommend.
# From 14 days of what the worker role really called (step 5), propose a least-privilege version of its policy, prove
# the proposal refuses nothing the role used, and show what it takes away. Nothing is written to the cloud here.
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $ClusterId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7',
    [string] $TrailName = 'ack-audit',
    [ValidateRange(7, 90)][int] $Days = 14,
    # Where to write the per-action decisions.
    [string] $OutFile = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-worker-role-decisions.csv')
)
$ErrorActionPreference = 'Stop'

Write-Host "`n== Step 6: the evidence for prod-legacy's worker role (last $Days days)" -ForegroundColor Cyan
$cluster = Get-AckCluster -ClusterId $ClusterId
$activity = @($cluster | Get-AckWorkerRoleActivity -TrailName $TrailName -Days $Days -WarningAction SilentlyContinue)
$coverage = @($cluster | Get-AckActivityCoverage -TrailName $TrailName -Days $Days -WarningAction SilentlyContinue)
$trail = Get-AckAuditTrail -Name $TrailName
foreach ($c in $coverage) {
    Write-Host ("  {0}: {1:0.#} day(s), {2} distinct action(s), {3} event(s); long enough: {4}" -f $c.RoleName, $c.Days, $c.DistinctActions, $c.EventsMatched, $c.IsWindowLongEnough)
    foreach ($r in $c.Reasons) { Write-Host "    $r" -ForegroundColor DarkYellow }
}

Write-Host "== The recommendation checks the evidence first" -ForegroundColor Cyan
$policies = @($cluster | Get-AckWorkerRolePolicy)
$evidence = @{ Activity = $activity; Coverage = $coverage; Trail = $trail }
try {
    $null = $policies | Get-AckPolicyRecommendation @evidence -ErrorAction Stop
}
catch {
    Write-Host "  Refused ($($_.FullyQualifiedErrorId.Split(',')[0])): $($_.Exception.Message)" -ForegroundColor DarkYellow
    Write-Host '  The late actions are the node component, deployed on day 12 and seen every day since: reviewed, so -Force.'
}

Write-Host "`n== Proposal (wildcards kept whole when something under them was used)" -ForegroundColor Cyan
$params = @{ Force = $true; WarningAction = 'SilentlyContinue' } + $evidence
$proposals = @($policies | Get-AckPolicyRecommendation @params)
foreach ($p in $proposals) {
    Write-Host "  $($p.PolicyName) (from $($p.CurrentVersion))"
    $p | Format-Table ActionsBefore, ActionsAfter, RemovedCount, IsEmpty, HasChanges, WarningCount -AutoSize | Out-Host
    foreach ($w in $p.Warnings) { Write-Host "  $w" -ForegroundColor DarkYellow }
}

Write-Host "`n== Why each action is kept or removed" -ForegroundColor Cyan
$decisions = @($policies | Get-AckPolicyRecommendation @params -Detail)
$decisions | Export-Csv -LiteralPath $OutFile -NoTypeInformation
$decisions | Group-Object Decision, Reason | Select-Object Count, Name | Format-Table -AutoSize | Out-Host
Write-Host "$($decisions.Count) decision(s); the full list is in $OutFile"

Write-Host "`n== Replay: would the proposal refuse anything the role used?" -ForegroundColor Cyan
foreach ($p in $proposals) {
    $refused = @($p | Test-AckPolicyAccess -Activity $activity)
    $verdict = if ($refused) { "NOT SAFE: $($refused.Action -join ', ')" } else { "safe: all $(@($activity | Where-Object Count -gt 0).Count) used actions are still allowed" }
    Write-Host "  $($p.PolicyName): $verdict"
}

Write-Host "`n== What the proposal takes away (first 15 of $(@($proposals | Compare-AckPolicy).Count) differences)" -ForegroundColor Cyan
$proposals | Compare-AckPolicy | Select-Object -First 15 | Format-Table | Out-Host

Write-Host "== Narrowed instead: wildcards replaced by the used actions" -ForegroundColor Cyan
$narrowed = @($policies | Get-AckPolicyRecommendation @params -NarrowWildcard)
$narrowed | Format-Table ActionsBefore, ActionsAfter, RemovedCount -AutoSize | Out-Host
$narrowed | ForEach-Object { $_.ProposedDocument.ToIndentedJson() } | Out-Host

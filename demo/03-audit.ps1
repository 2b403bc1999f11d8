# Steps 3 and 5 of restricting the Worker RAM role: audit.
# Step 3: make sure an ActionTrail trail records every event into Log Service (and say which trails are not usable).
# Step 5: count what the worker roles really called, from the trail's logstore, and check the evidence is long enough.
# Run against a connected session (build.ps1 demo connects to the sandbox first).
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $TrailName = 'ack-audit',
    [string] $SlsProject = 'ack-audit-1234567890123456',
    [ValidateRange(1, 90)][int] $Days = 14,
    # Where to write the per-action counts.
    [string] $OutFile = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-worker-role-activity.csv')
)
$ErrorActionPreference = 'Stop'

Write-Host "`n== Step 3: ActionTrail trails and whether they can serve as evidence" -ForegroundColor Cyan
$trails = @(Get-AckAuditTrail)
$trails | Format-Table Name, IsLogging, EventRW, LoggingDays, @{ n = 'Ready'; e = { $_.ReadyForAnalysis } }, SlsProject -AutoSize | Out-Host
foreach ($t in $trails | Where-Object { -not $_.ReadyForAnalysis }) { foreach ($r in $t.Reasons) { Write-Host "  $($t.Name): $r" -ForegroundColor DarkYellow } }

Write-Host "== Step 3: the audit trail (created and started if missing, reused if present)" -ForegroundColor Cyan
$trail = New-AckAuditTrail -Name $TrailName -SlsProject $SlsProject -EventRW All -UseExisting -Confirm:$false
$trail | Format-List Name, IsLogging, EventRW, TrailRegion, SlsProject, Logstore, StartLoggingTime, LoggingDays, ReadyForAnalysis, Reasons | Out-Host

$clusters = @(Get-AckCluster -WarningAction SilentlyContinue)

Write-Host "== Step 5: is the evidence good enough? (last $Days days)" -ForegroundColor Cyan
$coverage = @($clusters | Get-AckActivityCoverage -TrailName $TrailName -Days $Days -WarningAction SilentlyContinue)
foreach ($c in $coverage) {
    Write-Host ("  {0}: {1:0.#} day(s), {2} distinct action(s), {3} event(s); long enough: {4}" -f $c.RoleName, $c.Days, $c.DistinctActions, $c.EventsMatched, $c.IsWindowLongEnough)
    foreach ($r in $c.Reasons) { Write-Host "    $r" -ForegroundColor DarkYellow }
}

Write-Host "== Step 5: what the worker roles called (Log Service aggregates, last $Days days)" -ForegroundColor Cyan
$activity = @($clusters | Get-AckWorkerRoleActivity -TrailName $TrailName -Days $Days -WarningAction SilentlyContinue)
$activity | Export-Csv -LiteralPath $OutFile -NoTypeInformation
$activity | Format-Table -AutoSize | Out-Host
Write-Host "$($activity.Count) (role, action) pair(s); the list is in $OutFile"

Write-Host "`n== Calls refused for missing permission (the role wanted these)" -ForegroundColor Cyan
$activity | Where-Object DeniedCount -gt 0 | Format-Table Action, DeniedCount, Count, LastSeen -GroupBy RoleName -AutoSize | Out-Host

Write-Host "== Cross-check without the trail: ActionTrail LookupEvents over the same days" -ForegroundColor Cyan
$lookup = @($clusters | Get-AckWorkerRoleActivity -Source LookupEvents -Days $Days -WarningAction SilentlyContinue)
$diff = Compare-Object -ReferenceObject $activity -DifferenceObject $lookup -Property RoleName, Action, Count, DeniedCount
if ($diff) { $diff | Format-Table -AutoSize | Out-Host } else { Write-Host "LookupEvents gives the same $($lookup.Count) counts." }

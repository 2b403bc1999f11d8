# Step 4 of restricting the Worker RAM role: recommend.
# From what the worker role was seen calling, propose a least-privilege version of each of its policies, check that
# the proposal refuses nothing the role used, and show what it takes away. Nothing is written to the cloud.
#Requires -Modules AckHardening
[CmdletBinding()]
param(
    [string] $ClusterId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7',
    # Where to write the per-action decisions.
    [string] $OutFile = (Join-Path ([System.IO.Path]::GetTempPath()) 'ack-worker-role-decisions.csv')
)
$ErrorActionPreference = 'Stop'

Write-Host "`n== Evidence: what the worker role called" -ForegroundColor Cyan
$coverage = $null
if (Get-Command Get-AckWorkerRoleActivity -ErrorAction Ignore) {
    $activity = @(Get-AckWorkerRoleActivity -ClusterId $ClusterId -Days 30)
    $coverage = @(Get-AckWorkerRoleActivity -ClusterId $ClusterId -Days 30 -Summary)
}
else {
    # Without the activity cmdlet, a small usage sample of the prod-legacy worker role (30 days) stands in for it.
    Write-Host '  (Get-AckWorkerRoleActivity is not in this build: using a sample of the role''s usage)' -ForegroundColor DarkGray
    $role = (Get-AckCluster -ClusterId $ClusterId).WorkerRamRoleName
    $start = [datetimeoffset]::UtcNow.AddDays(-30)
    $activity = @(
        @{ a = 'ecs:DescribeInstances'; n = 4210 }, @{ a = 'ecs:DescribeInstanceAttribute'; n = 880 }, @{ a = 'ecs:CreateNetworkInterface'; n = 12 },
        @{ a = 'ecs:AttachNetworkInterface'; n = 12 }, @{ a = 'ecs:DescribeNetworkInterfaces'; n = 2300 }, @{ a = 'ecs:AssignPrivateIpAddresses'; n = 140 },
        @{ a = 'cr:GetAuthorizationToken'; n = 96 }, @{ a = 'log:PostLogStoreLogs'; n = 51000 }, @{ a = 'log:GetProject'; n = 30 },
        @{ a = 'slb:DescribeLoadBalancers'; n = 700 }, @{ a = 'vpc:DescribeVSwitches'; n = 150 }
    ) | ForEach-Object {
        [AckHardening.Audit.AckRoleActivity]@{ RoleName = $role; Action = $_.a; Count = $_.n; FirstSeen = $start; LastSeen = $start.AddDays(29.5); Source = 'File' }
    }
    $activity += [AckHardening.Audit.AckRoleActivity]@{ RoleName = $role; Action = 'ecs:CreateDisk'; DeniedCount = 3; FirstSeen = $start.AddDays(12); LastSeen = $start.AddDays(12); Source = 'File' }
}
$activity | Sort-Object Count -Descending | Select-Object -First 8 RoleName, Action, Count, DeniedCount, LastSeen | Format-Table -AutoSize | Out-Host

Write-Host "== Proposals (wildcards kept whole when something under them was used)" -ForegroundColor Cyan
$policies = @(Get-AckCluster -ClusterId $ClusterId | Get-AckWorkerRolePolicy)
$params = @{ Activity = $activity; KeepAction = 'ess:*'; WarningAction = 'SilentlyContinue' }
if ($coverage) { $params.Coverage = $coverage }
$proposals = @($policies | Get-AckPolicyRecommendation @params)
$proposals | Format-Table | Out-Host
foreach ($p in $proposals) { foreach ($w in $p.Warnings) { Write-Host "  $($p.PolicyName): $w" -ForegroundColor DarkYellow } }

Write-Host "`n== Why each action is kept or removed" -ForegroundColor Cyan
$decisions = @($policies | Get-AckPolicyRecommendation @params -Detail)
$decisions | Export-Csv -Path $OutFile -NoTypeInformation
$decisions | Group-Object Decision, Reason | Select-Object Count, Name | Format-Table -AutoSize | Out-Host
Write-Host "$($decisions.Count) decision(s); the full list is in $OutFile"

Write-Host "`n== Replay: would the proposal refuse anything the role used?" -ForegroundColor Cyan
foreach ($p in $proposals) {
    $safe = $p | Test-AckPolicyAccess -Activity $activity -Quiet
    Write-Host ("  {0}: {1}" -f $p.PolicyName, $(if ($safe) { 'safe: every used action is still allowed' } else { 'NOT SAFE' }))
}

Write-Host "`n== What the proposal takes away (statement by statement)" -ForegroundColor Cyan
$proposals | Compare-AckPolicy | Where-Object Element -ne 'Statement' | Select-Object -First 25 | Format-Table | Out-Host

Write-Host "== Narrowed instead: wildcards replaced by the used actions" -ForegroundColor Cyan
$narrowed = @($policies | Get-AckPolicyRecommendation @params -NarrowWildcard)
$narrowed | ForEach-Object { $_.ProposedDocument.ToIndentedJson() } | Out-Host
